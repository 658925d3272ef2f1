/// An error of the fetch module that explains itself: what failed, for which URL or file, and why.
///
/// A failure of one file during a run is not thrown: it is a ``DownloadResult`` with a
/// ``DownloadFailure`` reason, so the other files go on. This type is for what stops a run
/// (the list cannot be read, the cache cannot be written, another run holds the cache).
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// The file list could not be downloaded (after retries) or read.
        case listUnavailable = "list-unavailable"
        /// The file list has no usable line.
        case invalidList = "invalid-list"
        /// The cache folder or a file in it could not be written or read.
        case cacheFailure = "cache-failure"
        /// Another process is fetching into the same cache.
        case cacheBusy = "cache-busy"
        /// A request parameter is out of range or malformed.
        case invalidArgument = "invalid-argument"
    }

    public var code: Code
    public var message: String
    /// The URL or file the error is about, if any.
    public var location: String?
    /// A lower-level error's description, if one caused this.
    public var underlying: String?

    public init(_ code: Code, _ message: String, location: String? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.underlying = underlying
    }

    public var description: String {
        var text = (location.map { $0 + ": " } ?? "") + message
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
