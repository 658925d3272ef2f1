import Foundation
import HTTPTypes

/// Decides whether a write may go ahead: writes are disabled without a token file (403), and
/// need `Authorization: Bearer <token>` matching the file's content otherwise (401).
struct WriteAuthorizer: Sendable {
    /// The expected token's bytes; `nil` when writes are disabled.
    let token: [UInt8]?

    /// Reads the token from a file (surrounding white space ignored).
    ///
    /// - Throws: ``ServerConfigurationError`` when the file cannot be read or holds no token.
    init(tokenFile: String?) throws {
        guard let tokenFile else {
            token = nil
            return
        }
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw ServerConfigurationError("cannot read the token file \(tokenFile)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 16 else {
            throw ServerConfigurationError("the token file \(tokenFile) must hold a token of at least 16 characters")
        }
        token = Array(text.utf8)
    }

    init(token: String?) {
        self.token = token.map { Array($0.utf8) }
    }

    /// - Throws: ``Problem`` 403 when writes are disabled, 401 for a missing or wrong token.
    func authorize(_ headers: HTTPFields) throws(Problem) {
        guard let token else {
            throw Problem(
                .forbidden, "writes-disabled", "writes are disabled on this server: start it with --token-file FILE to enable them")
        }
        var problem = Problem(.unauthorized, "unauthorized", "this write needs the header Authorization: Bearer <token>")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"entente\""
        guard let value = headers[.authorization], value.utf8.count <= 4_096 else { throw problem }
        let prefix = "bearer "
        guard value.lowercased().hasPrefix(prefix) else { throw problem }
        let given = Array(value.utf8.dropFirst(prefix.utf8.count))
        guard Self.constantTimeEqual(given, token) else {
            problem.detail = "the bearer token is not the one this server was started with"
            throw problem
        }
    }

    /// Compares in time that depends only on the lengths, not on where the bytes differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt(a.count ^ b.count)
        let n = max(a.count, b.count)
        guard n > 0 else { return true }
        for i in 0..<n {
            let x = a.isEmpty ? 0 : a[i % a.count]
            let y = b.isEmpty ? 0 : b[i % b.count]
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}

/// A configuration the server cannot start with (a missing token file, an unusable folder).
public struct ServerConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
