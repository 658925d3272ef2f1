public import Foundation

/// Where the shared real data lives: `$ENTENTE_DATA`, or `../shared/data` beside the package.
public enum SharedData {
    public static let packageRoot: URL = {
        // Sources/EntenteTestSupport/Fixtures.swift → package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["ENTENTE_DATA"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").standardizedFileURL
    }

    /// Whether the shared data folder is there; tests that need it are skipped otherwise.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    /// The reason printed when a test is skipped for lack of data.
    public static var missingMessage: String {
        "shared data not found at \(root.path): set ENTENTE_DATA to the folder holding gdelt2-samples/, icews/, … to run this test"
    }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The real event sample files, by folder.
    public static var eventSampleFiles: [URL] {
        ["gdelt2-samples", "gdelt1-samples"].flatMap { folder -> [URL] in
            let dir = url(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.sorted().map { dir.appendingPathComponent($0) }
        } + [url("icews/events.2018.sample.tab")]
    }
}

/// Builds GDELT rows in the real column layout for hand-made fixtures.
public struct GDELTRow {
    public var fields: [String]

    /// A well-formed GDELT 2.0 row (61 columns): RUSGOV → PRKGOV, 042 (make a visit).
    public init(
        id: Int = 1_000_001, date: String = "20240619", actor1: String = "RUSGOV", actor1Country: String = "RUS",
        actor2: String = "PRKGOV", actor2Country: String = "PRK", code: String = "042", goldstein: String = "1.9",
        tone: String = "2.5", articles: String = "10", url: String = "https://example.org/story", columns: Int = 61
    ) {
        // Rows of a wrong width (for bad-input tests) are a 61-column row cut or padded.
        let layout = columns == 57 || columns == 58 ? columns : 61
        var f = [String](repeating: "", count: layout)
        f[0] = String(id)
        f[1] = date
        f[2] = String(date.prefix(6))
        f[3] = String(date.prefix(4))
        f[5] = actor1
        f[6] = actor1Country.isEmpty ? "" : "NAME1"
        f[7] = actor1Country
        f[12] = actor1.count > 3 ? String(actor1.suffix(3)) : ""
        f[15] = actor2
        f[16] = actor2Country.isEmpty ? "" : "NAME2"
        f[17] = actor2Country
        f[22] = actor2.count > 3 ? String(actor2.suffix(3)) : ""
        f[25] = "1"
        f[26] = code
        f[27] = String(code.prefix(3))
        f[28] = String(code.prefix(2))
        f[29] = "1"
        f[30] = goldstein
        f[31] = articles
        f[32] = "1"
        f[33] = articles
        f[34] = tone
        if layout == 61 { f[59] = "20240619120000" } else { f[56] = "20240619" }
        if layout == 61 || layout == 58 { f[layout - 1] = url }
        if columns < layout { f = Array(f.prefix(columns)) }
        while f.count < columns { f.append("extra") }
        fields = f
    }

    public var line: String { fields.joined(separator: "\t") }
}

extension GDELTRow {
    /// Three GDELT 2.0 rows between Russia and North Korea on 2024-06-19 (042 and 057 from Russia,
    /// 043 from North Korea) and a fourth with a bad date: the shared small event fixture.
    public static let russiaKoreaFixture: [String] = [
        GDELTRow(id: 1, date: "20240619", code: "042").line,
        GDELTRow(
            id: 2, date: "20240619", actor1: "PRKGOV", actor1Country: "PRK", actor2: "RUSGOV", actor2Country: "RUS", code: "043",
            goldstein: "2.8"
        ).line,
        GDELTRow(id: 3, date: "20240619", code: "057", goldstein: "8.0").line,
        GDELTRow(id: 4, date: "2024061X").line,
    ]
}

/// A temporary folder removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    // @unchecked: immutable after init; the only mutation is the folder's removal in deinit.
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes bytes to a file in the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    @discardableResult
    public func write(_ name: String, lines: [String]) throws -> URL {
        try write(name, Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// Runs a program and returns its exit status and output.
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil)
    throws -> (status: Int32, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Runs blocking work (a child process, a long synchronous build) on its own thread, so that a
/// test waiting minutes for Spark or Chromium does not hold one of the few threads of Swift's
/// cooperative pool, which every other test running in parallel needs.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
