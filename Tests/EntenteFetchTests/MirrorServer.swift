import EntenteTestSupport
import Foundation

/// A local HTTP mirror for the tests: Python's `http.server` on a free 127.0.0.1 port, serving a
/// temporary folder, logging every request (`GET /NAME range=…`) and misbehaving on request:
/// `faults.json` in the folder maps a file name to `{"status429": N, "retryAfter": "1", "dropFirst": true,
/// "status": 503}` (re-read on every request, so a test can change it between runs).
final class MirrorServer {
    let root: URL
    let port: Int
    let logFile: URL
    private let process: Process

    static let script = #"""
        import http.server, json, os, sys, threading
        root, logpath = sys.argv[1], sys.argv[2]
        hits = {}; lock = threading.Lock()
        def log(line):
            with lock:
                with open(logpath, 'a') as f: f.write(line + '\n')
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            def log_message(self, *a): pass
            def faults(self, name):
                try: return json.load(open(os.path.join(root, 'faults.json'))).get(name, {})
                except Exception: return {}
            def do_GET(self):
                name = self.path.lstrip('/').split('?')[0]
                with lock:
                    hits[name] = hits.get(name, 0) + 1; n = hits[name]
                rng = self.headers.get('Range')
                log(f"GET /{name} n={n} range={rng} ua={self.headers.get('User-Agent')}")
                f = self.faults(name); p = os.path.join(root, name)
                if 'status' in f:
                    self.send_response(f['status']); self.send_header('Content-Length', '0'); self.end_headers(); return
                if n <= f.get('status429', 0):
                    self.send_response(429); self.send_header('Retry-After', f.get('retryAfter', '1'))
                    self.send_header('Content-Length', '0'); self.end_headers(); return
                if not os.path.isfile(p):
                    self.send_response(404); self.send_header('Content-Length', '0'); self.end_headers(); return
                b = open(p, 'rb').read(); start = 0
                if rng and rng.startswith('bytes='):
                    start = int(rng[6:].split('-')[0] or 0)
                    self.send_response(206); self.send_header('Content-Range', f"bytes {start}-{len(b)-1}/{len(b)}")
                else:
                    self.send_response(200)
                self.send_header('Content-Length', str(len(b) - start)); self.send_header('Accept-Ranges', 'bytes'); self.end_headers()
                if f.get('dropFirst') and n == 1 + f.get('status429', 0):
                    self.wfile.write(b[start:start + (len(b) - start) // 2]); self.wfile.flush()
                    self.connection.shutdown(2); self.close_connection = True; return
                self.wfile.write(b[start:])
        srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
        print(srv.server_address[1], flush=True)
        srv.serve_forever()
        """#

    /// Starts a server over `root` (created if needed).
    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let support = root.deletingLastPathComponent()
        let scriptURL = support.appendingPathComponent("mirror-\(UUID().uuidString).py")
        try Data(MirrorServer.script.utf8).write(to: scriptURL)
        logFile = support.appendingPathComponent("mirror-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: pythonExecutable[0])
        process.arguments = Array(pythonExecutable.dropFirst()) + [scriptURL.path, root.path, logFile.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // The first line is the port the server bound.
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw MirrorError("the mirror server did not start (python3 said '\(text)')")
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        // SIGKILL: a child of the test runner may inherit SIGTERM as ignored.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    /// The request lines logged so far.
    var requests: [String] {
        (try? String(contentsOf: logFile, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    func clearLog() { try? Data().write(to: logFile) }

    func setFaults(_ faults: [String: [String: Any]]) throws {
        let data = try JSONSerialization.data(withJSONObject: faults)
        try data.write(to: root.appendingPathComponent("faults.json"))
    }
}

struct MirrorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh temporary folder per test, removed at the end.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Python 3: `$PYTHON`, else `/usr/bin/python3`, else the one on the path (a version manager's
/// shim costs a second or more a call).
let pythonExecutable: [String] = {
    if let path = ProcessInfo.processInfo.environment["PYTHON"], !path.isEmpty { return [path] }
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { return ["/usr/bin/python3"] }
    return ["/usr/bin/env", "python3"]
}()

/// Runs a Python snippet (fixture building, independent digests) and returns its standard output.
@discardableResult
func python(_ code: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: pythonExecutable[0])
    process.arguments = Array(pythonExecutable.dropFirst()) + ["-c", code] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw MirrorError("python3 failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
}

/// Builds the GDELT 2.0 mirror of the acceptance check: the three real sample exports zipped,
/// mentions and GKG entries, a file whose MD5 does not match, one outside the range.
/// Digests are computed by Python's hashlib, independently of the code under test.
enum GDELTMirror {
    static let samples = ["20151027220000", "20180326044500", "20190121220000"]

    /// Writes the zips and `masterfilelist.txt` into `mirror` for a server on `port`.
    static func build(in mirror: URL, port: Int, extraLines: [String] = []) throws {
        let code = #"""
            import hashlib, sys, zipfile
            src, m, port = sys.argv[1], sys.argv[2], sys.argv[3]
            lines = []
            for name in ['20151027220000', '20180326044500', '20190121220000']:
                z = f"{m}/{name}.export.CSV.zip"
                with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as f: f.write(f"{src}/{name}.export.CSV", f"{name}.export.CSV")
                b = open(z, 'rb').read()
                lines.append(f"{len(b)} {hashlib.md5(b).hexdigest()} http://127.0.0.1:{port}/{name}.export.CSV.zip")
                lines.append(f"12345 0123456789abcdef0123456789abcdef http://127.0.0.1:{port}/{name}.mentions.CSV.zip")
                lines.append(f"23456 0123456789abcdef0123456789abcdef http://127.0.0.1:{port}/{name}.gkg.csv.zip")
            rows = [l.split('\t', 1) for l in open(f"{src}/20190121220000.export.CSV", encoding='utf-8', errors='replace')]
            body = ''.join(f"{int(r[0]) + 7000000000}\t{r[1]}" for r in rows if len(r) == 2 and r[0].isdigit())
            z = f"{m}/20190121221500.export.CSV.zip"
            with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as f: f.writestr("20190121221500.export.CSV", body)
            b = open(z, 'rb').read()
            lines.append(f"{len(b)} ffffffffffffffffffffffffffffffff http://127.0.0.1:{port}/20190121221500.export.CSV.zip")
            lines.append(f"100 0123456789abcdef0123456789abcdef http://127.0.0.1:{port}/20230101000000.export.CSV.zip")
            open(f"{m}/masterfilelist.txt", "w").write("\n".join(lines) + "\n")
            """#
        try python(code, [SharedData.url("gdelt2-samples").path, mirror.path, String(port)])
        if !extraLines.isEmpty {
            let list = mirror.appendingPathComponent("masterfilelist.txt")
            let text = try String(contentsOf: list, encoding: .utf8) + extraLines.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: list)
        }
    }

    /// A real export re-issued under a later timestamp with event ids shifted (fresh events) —
    /// or, with `shift: 0`, the same events again (all re-emits). Returns its `SIZE MD5 URL` line.
    static func addExport(in mirror: URL, port: Int, name: String, from sample: String, shift: Int64, rows: Int? = nil) throws -> String {
        let code = #"""
            import hashlib, sys, zipfile
            src, m, port, name, sample, shift, limit = sys.argv[1:8]
            rows = [l.split('\t', 1) for l in open(f"{src}/{sample}.export.CSV", encoding='utf-8', errors='replace')]
            rows = [r for r in rows if len(r) == 2 and r[0].isdigit()]
            if int(limit) > 0: rows = rows[:int(limit)]
            body = ''.join(f"{int(r[0]) + int(shift)}\t{r[1]}" for r in rows)
            z = f"{m}/{name}.export.CSV.zip"
            with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as f: f.writestr(f"{name}.export.CSV", body)
            b = open(z, 'rb').read()
            print(f"{len(b)} {hashlib.md5(b).hexdigest()} http://127.0.0.1:{port}/{name}.export.CSV.zip")
            """#
        return try python(
            code, [SharedData.url("gdelt2-samples").path, mirror.path, String(port), name, sample, String(shift), String(rows ?? 0)]
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
