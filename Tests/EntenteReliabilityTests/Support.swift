import EntenteTestSupport
import Foundation
import Testing

/// The `entente` executable the CLI tests run (as `EntenteCLITests` finds it).
enum Binary {
    static var path: String {
        if let env = ProcessInfo.processInfo.environment["ENTENTE_BIN"] { return env }
        // The test bundle sits beside the products it was built with.
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates =
            [dir, dir.deletingLastPathComponent()].map { $0.appendingPathComponent("entente").path }
            + [SharedData.packageRoot.appendingPathComponent(".build/debug/entente").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// Runs `entente` with a home of its own and no extra knowledge base.
    static func run(_ args: [String], home: URL, environment: [String: String] = [:]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        var env = ["ENTENTE_HOME": home.path, "ENTENTE_KB": ""]
        for (k, v) in environment { env[k] = v }
        return try runProcess(path, args, environment: env)
    }
}

/// Makes a FIFO (named pipe) at `url`.
func makeFIFO(_ url: URL) throws {
    guard mkfifo(url.path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

/// Writes a zip holding one entry of `megabytes` MiB of NUL bytes and no newline, with Python's
/// `zipfile` (an implementation independent of the reader under test).
func makeZerosZip(_ url: URL, entry: String, megabytes: Int) throws {
    let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
            with z.open(sys.argv[2], 'w', force_zip64=True) as f:
                block = bytes(1 << 20)
                for _ in range(int(sys.argv[3])): f.write(block)
        """
    let made = try runProcess("/usr/bin/env", ["python3", "-c", script, url.path, entry, String(megabytes)])
    #expect(made.status == 0, "\(made.stderr)")
}

/// A process holding an SQLite write lock (BEGIN IMMEDIATE) on a database file for a while:
/// Python's `sqlite3`, independent of GRDB. Returns once the lock is held.
final class LockHolder {
    let process = Process()
    private let output = Pipe()

    init(database: String, seconds: Double) throws {
        let script = """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute('COMMIT')
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database, String(seconds)]
        process.standardOutput = output
        try process.run()
        // Wait for the lock: the first line Python prints.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen.append(data)
        }
    }

    func wait() { process.waitUntilExit() }
}
