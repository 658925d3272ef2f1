import EntenteCore
import EntenteServices
import Foundation
import HTTPTypes
import Hummingbird

/// The write endpoints: both need the bearer token, and only one runs at a time (queries go on
/// meanwhile: the store is read through SQLite's write-ahead log).
extension EntenteAPI {
    /// The largest knowledge-base entry accepted.
    static let maxEntryBytes = 1 << 20

    func addWriteRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.post("ingest") { request, _ in try await self.ingest(request) }
        api.post("kb") { request, _ in try await self.saveKnowledgeEntry(request) }
    }

    /// Takes the writer slot, or answers 409 when another write runs.
    private func withWriter<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            try await writerGate.enter()
        } catch is Problem {
            var problem = Problem(
                .conflict, "write-in-progress", "another write (ingest or knowledge-base entry) is running; retry when it ends")
            problem.retryAfter = 10
            throw problem
        }
        defer { writerGate.leave() }
        return try await body()
    }

    /// `POST /api/v1/ingest`: the body (an event file or a dyad series) is streamed to a temporary
    /// file, size-limited, then ingested by the ingest service; answers its summary.
    func ingest(_ request: Request) async throws -> Response {
        try authorizer.authorize(request.headers)
        let q = try QueryParameters(request.uri.query, allowed: ["format", "directed", "replace", "force", "filename"])
        let format = try q.choice("format", IngestFormat.self)
        let (directed, replace, force) = (try q.flag("directed"), try q.flag("replace"), try q.flag("force"))
        let name = try Self.uploadName(q["filename"])
        let limit = configuration.maxUploadBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw Self.tooLarge(limit) }
        return try await withWriter {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entente-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path)
            else {
                throw Problem(.serviceUnavailable, "upload-failed", "cannot create a temporary file for the upload")
            }
            var size = 0
            do {
                defer { try? handle.close() }
                for try await buffer in request.body {
                    size += buffer.readableBytes
                    guard size <= limit else { throw Self.tooLarge(limit) }
                    try handle.write(contentsOf: buffer.readableBytesView)
                }
            }
            guard size > 0 else { throw Problem(.badRequest, "empty-upload", "the request body is empty: send the file as the body") }
            let workspace = self.workspace
            let metrics = self.metrics
            metrics.ingest(active: true)
            defer { metrics.ingest(active: false) }
            let ingestRequest = IngestRequest(paths: [file.path], format: format, directed: directed, replace: replace, force: force)
            defer { self.version.bump() }
            let summary = try await runner.runToEnd {
                try workspace.ingest(ingestRequest, progress: { p in metrics.ingest(active: true, filesDone: p.filesDone, rows: p.rows) })
            }
            guard summary.anyFileRead else {
                let reason = summary.files.compactMap(\.message).first ?? "not a recognised event file, dyad series or structural layer"
                throw Problem(.unprocessableContent, "unreadable-upload", "the upload could not be read: \(reason)")
            }
            return try Self.jsonResponse(summary)
        }
    }

    /// `POST /api/v1/kb`: a YAML entry, checked as `entente kb check` checks (with the knowledge
    /// base it joins), then saved into the writable folder; the next requests read it.
    func saveKnowledgeEntry(_ request: Request) async throws -> Response {
        try authorizer.authorize(request.headers)
        let q = try QueryParameters(request.uri.query, allowed: ["name", "replace"])
        let name = q["name"] ?? "entry-\(Int(Date().timeIntervalSince1970))"
        guard name.utf8.count <= 64, let first = name.first, first.isASCII, first.isLetter || first.isNumber,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw Problem.badParameter(
                "name", "parameter 'name' takes 1 to 64 letters, digits, '-' or '_', starting with a letter or digit")
        }
        let replace = try q.flag("replace")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxEntryBytes {
            throw Self.tooLarge(Self.maxEntryBytes)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxEntryBytes)
        } catch {
            throw Self.tooLarge(Self.maxEntryBytes)
        }
        guard body.readableBytes > 0, let yaml = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw Problem(.badRequest, "invalid-entry", "the body must be a YAML knowledge-base entry in UTF-8")
        }
        return try await withWriter {
            let target = (writableKnowledgeFolder as NSString).appendingPathComponent("\(name).yaml")
            if !replace && FileManager.default.fileExists(atPath: target) {
                throw Problem(.conflict, "entry-exists", "an entry named \(name) exists; add replace=true to replace it", parameter: "name")
            }
            let staging = FileManager.default.temporaryDirectory.appendingPathComponent("entente-kb-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            let file = staging.appendingPathComponent("\(name).yaml")
            try Data(yaml.utf8).write(to: file)
            var folders = [KnowledgeBase.shippedFolder?.path].compactMap { $0 } + configuration.knowledgeFolders
            if FileManager.default.fileExists(atPath: writableKnowledgeFolder) { folders.append(writableKnowledgeFolder) }
            folders.append(staging.path)
            let all = folders
            let check = try await runner.run { try KnowledgeCheck.run(folders: all) }
            let issues = check.issues.filter {
                $0.file.hasPrefix(staging.path) || $0.file == file.path || $0.file.hasSuffix("/\(name).yaml")
            }
            if !issues.isEmpty {
                var problem = Problem(
                    .unprocessableContent, "invalid-entry",
                    "the entry has \(issues.count) problem(s): "
                        + issues.prefix(3).map { "\($0.field): \($0.message)" }.joined(separator: "; "))
                problem.issues = issues.map { issue in
                    var i = issue
                    i.file = "\(name).yaml"
                    return i
                }
                throw problem
            }
            try FileManager.default.createDirectory(atPath: writableKnowledgeFolder, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: file.path, toPath: target)
            reloadWorkspace()
            struct Saved: Encodable {
                var saved: String
                var folder: String
                var check: KnowledgeCheck
            }
            return try Self.jsonResponse(Saved(saved: "\(name).yaml", folder: writableKnowledgeFolder, check: check), status: .created)
        }
    }

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(.contentTooLarge, "upload-too-large", "the body is larger than the limit of \(limit) bytes")
    }

    /// The upload's file name: a plain name (no folders), so that format detection by extension
    /// (`.zip`, `.gz`, `.export.CSV`) works; `upload` by default.
    static func uploadName(_ text: String?) throws(Problem) -> String {
        guard let text else { return "upload" }
        guard (1...200).contains(text.utf8.count), text != ".", text != "..", !text.hasPrefix("."),
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") })
        else {
            throw Problem.badParameter("filename", "parameter 'filename' takes a plain file name (letters, digits, '.', '-', '_')")
        }
        return text
    }

    static func jsonResponse<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try JSONText.encode(value) + "\n")))
    }
}
