import Foundation

/// `entente serve`'s settings from three places, first found wins: command-line flags, environment
/// variables (`ENTENTE_SERVE_PORT`, … and the existing `ENTENTE_HOME` and `ENTENTE_TOKEN_FILE`;
/// `ENTENTE_KB` is read by the workspace as by every command), and an optional configuration file (`--config FILE` or
/// `ENTENTE_SERVE_CONFIG`) of `key = value` lines:
///
/// ```
/// # entente-serve.conf
/// host = 127.0.0.1
/// port = 8080
/// home = /data/entente
/// token-file = /etc/entente/token
/// cors-origin = http://localhost:8888
/// cors-origin = http://localhost:8889
/// timeout = 60
/// ```
///
/// Keys are the flags' names; a repeatable flag (`kb`, `cors-origin`) may be given on several
/// lines. An unknown key or a bad value is an error naming the file and line.
public struct ServerSettings: Sendable {
    /// The keys, as the flags are named.
    public static let keys: [String] = [
        "host", "port", "home", "kb", "kb-write", "token-file", "cors-origin", "timeout", "threads", "max-upload-mib", "cache-mib",
    ]
    static let repeatable: Set<String> = ["kb", "cors-origin"]

    /// The environment variable of a key: `ENTENTE_SERVE_` and the key in capitals (`home` and
    /// `token-file` keep their existing names).
    public static func environmentName(_ key: String) -> String {
        switch key {
        case "home": "ENTENTE_HOME"
        case "token-file": "ENTENTE_TOKEN_FILE"
        default: "ENTENTE_SERVE_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
        }
    }

    /// The resolved values and where each came from (for error messages).
    private var values: [String: (values: [String], origin: String)] = [:]

    /// - Parameters:
    ///   - flags: the values given on the command line, by key.
    ///   - environment: the process environment.
    ///   - configFile: `--config`; else `ENTENTE_SERVE_CONFIG` when set.
    /// - Throws: ``ServerConfigurationError`` for an unreadable file, an unknown key or a malformed line.
    public init(flags: [String: [String]], environment: [String: String], configFile: String?) throws {
        let file = configFile ?? environment["ENTENTE_SERVE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ServerConfigurationError("cannot read the configuration file \(file)")
            }
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw ServerConfigurationError("\(file):\(number + 1): expected 'key = value', e.g. 'port = 8080'")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard Self.keys.contains(key) else {
                    throw ServerConfigurationError(
                        "\(file):\(number + 1): unknown key '\(key)'; the keys are \(Self.keys.joined(separator: ", "))")
                }
                let origin = "\(file):\(number + 1)"
                if Self.repeatable.contains(key), let previous = values[key] {
                    values[key] = (previous.values + [value], origin)
                } else {
                    values[key] = ([value], origin)
                }
            }
        }
        // ENTENTE_KB is read by the workspace itself (after the shipped knowledge base), as everywhere.
        for key in Self.keys where key != "kb" {
            let name = Self.environmentName(key)
            if let value = environment[name], !value.isEmpty {
                values[key] = (Self.repeatable.contains(key) ? value.split(separator: ":").map(String.init) : [value], name)
            }
        }
        for (key, given) in flags where !given.isEmpty { values[key] = (given, "--\(key)") }
    }

    /// The value of a key, if set anywhere.
    public func string(_ key: String) -> String? { values[key]?.values.last }

    /// All values of a repeatable key.
    public func strings(_ key: String) -> [String] { values[key]?.values ?? [] }

    /// An integer value checked against `range`.
    ///
    /// - Throws: ``ServerConfigurationError`` naming where the value came from.
    public func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let entry = values[key], let text = entry.values.last else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServerConfigurationError(
                "\(entry.origin): \(key) must be a whole number in \(range.lowerBound)–\(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// The server's configuration from these settings, with the defaults of ``ServerConfiguration``.
    ///
    /// - Throws: ``ServerConfigurationError`` for a value out of range or a malformed origin.
    public func configuration(environment: [String: String]) throws -> ServerConfiguration {
        var c = ServerConfiguration()
        c.environment = environment
        if let host = string("host") { c.host = host }
        if let port = try integer("port", in: 1...65_535) { c.port = port }
        c.home = string("home")
        c.knowledgeFolders = strings("kb")
        c.writableKnowledgeFolder = string("kb-write")
        c.tokenFile = string("token-file")
        for origin in strings("cors-origin") where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            throw ServerConfigurationError(
                "\(values["cors-origin"]?.origin ?? "--cors-origin"): cors-origin takes an origin such as http://localhost:8888 "
                    + "(scheme, host, port; no path), not '\(origin)'")
        }
        c.corsOrigins = strings("cors-origin")
        if let seconds = try integer("timeout", in: 1...3_600) { c.requestTimeout = .seconds(seconds) }
        if let threads = try integer("threads", in: 1...64) { c.serviceThreads = threads }
        if let mib = try integer("max-upload-mib", in: 1...65_536) { c.maxUploadBytes = mib << 20 }
        if let mib = try integer("cache-mib", in: 0...4_096) { c.cacheBytes = mib << 20 }
        return c
    }
}
