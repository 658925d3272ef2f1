/// An error that explains itself: what went wrong, where (file, line, field), and why.
///
/// Every failure that reaches a user passes through this type; the CLI prints ``description``
/// and maps ``code`` to an exit status, the server to an HTTP status.
public struct EntenteError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        case fileNotFound = "file-not-found"
        case unreadableFile = "unreadable-file"
        case corruptArchive = "corrupt-archive"
        case unknownFormat = "unknown-format"
        case malformedRow = "malformed-row"
        case unknownCountry = "unknown-country"
        case invalidArgument = "invalid-argument"
        case storeFailure = "store-failure"
    }

    public var code: Code
    public var message: String
    /// The file the error is about, if any.
    public var file: String?
    /// The 1-based line in ``file``, if any.
    public var line: Int?
    /// A lower-level error's description, if one caused this.
    public var underlying: String?

    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.underlying = underlying
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            location += ": "
        }
        var text = location + message
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
