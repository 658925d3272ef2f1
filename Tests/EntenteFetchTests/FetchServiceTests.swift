import EntenteCore
import EntenteFetch
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// Fast retries for tests (Retry-After is still honoured as sent).
let testDownload = DownloadConfiguration(retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.05, maxDelay: 0.2, maxRetryAfter: 5))

func makeWorkspace(_ folder: TemporaryFolder, _ name: String = "home") -> Workspace {
    Workspace(home: folder.path(name), environment: ["ENTENTE_KB": ""])
}

/// The events a direct ingest of the three real sample exports stores (and the re-emits it drops):
/// the expectation a fetch must meet, computed by another path.
func directIngest(_ paths: [String], in folder: TemporaryFolder) throws -> (events: Int, duplicates: Int) {
    let ws = makeWorkspace(folder, "reference-\(UUID().uuidString)")
    let summary = try ws.ingest(IngestRequest(paths: paths))
    return (try ws.status().events, summary.duplicates)
}

func gets(_ server: MirrorServer, _ name: String) -> [String] {
    server.requests.filter { $0.hasPrefix("GET /\(name) ") }
}

@Suite(.serialized) struct FetchServiceTests {
    @Test func fetchesOnlyExportsInRangeVerifiesAndIngestsThem() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try GDELTMirror.build(in: server.root, port: server.port)
        let ws = makeWorkspace(tmp)
        let request = FetchRequest(
            series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2015-01-01", to: "2019-12-31", download: testDownload)

        let report = try await ws.fetch(request)

        #expect(report.downloaded == 3)
        #expect(report.failed == 1)
        #expect(report.failedByReason == ["md5-mismatch": 1])
        let failure = try #require(report.failures.first)
        #expect(failure.file == "20190121221500.export.CSV.zip")
        #expect(failure.message.contains("MD5 mismatch"))
        let quarantined = try #require(failure.quarantined)
        #expect(FileManager.default.fileExists(atPath: quarantined))
        #expect(!FileManager.default.fileExists(atPath: ws.cacheFolder("gdelt2") + "/20190121221500.export.CSV.zip"))
        #expect(report.otherKinds == ["mentions": 3, "gkg": 3])
        #expect(report.outOfRange == 1)
        // Nothing but the list and the four exports in range was asked for.
        let names = Set(server.requests.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
        #expect(
            names == [
                "/masterfilelist.txt", "/20151027220000.export.CSV.zip", "/20180326044500.export.CSV.zip", "/20190121220000.export.CSV.zip",
                "/20190121221500.export.CSV.zip",
            ])
        #expect(server.requests.allSatisfy { $0.contains("ua=Entente/") })
        // The store holds exactly what a direct ingest of the same files gives.
        let samples = GDELTMirror.samples.map { SharedData.url("gdelt2-samples/\($0).export.CSV").path }
        let expected = try directIngest(samples, in: tmp)
        #expect(try ws.status().events == expected.events)
        #expect(report.ingest.events == expected.events)
        #expect(report.ingest.duplicates == expected.duplicates)
        #expect(expected.events > 0)
        #expect(report.newest == "20190121220000.export.CSV.zip")

        // A second run downloads nothing already verified (the corrupt file is tried again).
        server.clearLog()
        let again = try await ws.fetch(request)
        #expect(again.downloaded == 0)
        #expect(again.alreadyHad == 3)
        #expect(again.failed == 1)
        for sample in GDELTMirror.samples { #expect(gets(server, "\(sample).export.CSV.zip").isEmpty) }
        #expect(try ws.status().events == expected.events)
    }

    @Test func md5ExpectationsMatchPythonHashlib() throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let path = SharedData.url("gdelt2-samples/20180326044500.export.CSV").path
        let theirs = try python(
            "import hashlib,sys; b=open(sys.argv[1],'rb').read(); print(hashlib.md5(b).hexdigest(), hashlib.sha256(b).hexdigest())", [path]
        )
        .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let ours = try Downloader.digests(of: path)
        #expect([ours.md5, ours.sha256] == theirs)
        _ = tmp
    }

    @Test func retriesAfter429HonouringRetryAfterAndResumesADroppedDownload() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try GDELTMirror.build(in: server.root, port: server.port)
        try server.setFaults([
            "20180326044500.export.CSV.zip": ["status429": 2, "retryAfter": "1"],
            "20190121220000.export.CSV.zip": ["dropFirst": true],
        ])
        let ws = makeWorkspace(tmp)
        let started = Date()
        let report = try await ws.fetch(
            FetchRequest(
                series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2015-01-01", to: "2019-12-31", download: testDownload))
        #expect(report.downloaded == 3)
        #expect(report.failures.map(\.file) == ["20190121221500.export.CSV.zip"])
        // Two 429s, each with Retry-After: 1, then the file.
        #expect(gets(server, "20180326044500.export.CSV.zip").count == 3)
        #expect(Date().timeIntervalSince(started) >= 2)
        let throttled = try #require(report.files.first { $0.name == "20180326044500.export.CSV.zip" })
        #expect(throttled.attempts == 3)
        // The drop: the second request continues from where the first stopped.
        let dropped = gets(server, "20190121220000.export.CSV.zip")
        #expect(dropped.count == 2)
        #expect(dropped.first?.contains("range=None") == true)
        let size = try #require(
            try FileManager.default.attributesOfItem(atPath: server.root.path + "/20190121220000.export.CSV.zip")[.size] as? Int)
        // It resumes from what arrived before the drop: more than nothing, at most the half the server sent.
        let start = dropped.last.flatMap { $0.split(separator: " ").first { $0.hasPrefix("range=bytes=") } }
            .flatMap { Int($0.dropFirst("range=bytes=".count).split(separator: "-").first ?? "") }
        #expect(start.map { $0 > 0 && $0 <= size / 2 } == true, "\(dropped)")
        #expect(report.resumed == 1)
        let samples = GDELTMirror.samples.map { SharedData.url("gdelt2-samples/\($0).export.CSV").path }
        #expect(try ws.status().events == (try directIngest(samples, in: tmp)).events)
    }

    @Test func aKilledRunResumesFromItsPartialFile() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try GDELTMirror.build(in: server.root, port: server.port)
        let ws = makeWorkspace(tmp)
        // What a killed run leaves: the first 1000 bytes in NAME.part.
        let name = "20151027220000.export.CSV.zip"
        let whole = try Data(contentsOf: server.root.appendingPathComponent(name))
        let cache = ws.cacheFolder("gdelt2")
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try whole.prefix(1000).write(to: URL(fileURLWithPath: cache + "/" + name + ".part"))
        let report = try await ws.fetch(
            FetchRequest(
                series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2015-10-27", to: "2015-10-27", download: testDownload))
        #expect(report.downloaded == 1)
        #expect(gets(server, name).map { $0.contains("range=bytes=1000-") } == [true])
        #expect(report.bytes == Int64(whole.count - 1000))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + name)) == whole)
        #expect(!FileManager.default.fileExists(atPath: cache + "/" + name + ".part"))
    }

    @Test func persistentErrorsGiveUpAndMissingFilesAreNotRetried() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try GDELTMirror.build(in: server.root, port: server.port)
        try server.setFaults(["20151027220000.export.CSV.zip": ["status": 503]])
        try FileManager.default.removeItem(at: server.root.appendingPathComponent("20180326044500.export.CSV.zip"))
        let ws = makeWorkspace(tmp)
        let report = try await ws.fetch(
            FetchRequest(
                series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2015-01-01", to: "2019-12-31", download: testDownload))
        #expect(report.failedByReason == ["retries-exhausted": 1, "http-404": 1, "md5-mismatch": 1])
        #expect(gets(server, "20151027220000.export.CSV.zip").count == testDownload.retry.maxAttempts)
        #expect(gets(server, "20180326044500.export.CSV.zip").count == 1)
        #expect(report.downloaded == 1)
        #expect(report.anyFailed)
    }

    @Test func reEmittedEventsAreDroppedAndCounted() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        // 15 minutes later, GDELT re-emits the first 400 rows of the earlier file (same event ids).
        let first = try GDELTMirror.addExport(in: server.root, port: server.port, name: "20190121220000", from: "20190121220000", shift: 0)
        let second = try GDELTMirror.addExport(
            in: server.root, port: server.port, name: "20190121221500", from: "20190121220000", shift: 0, rows: 400)
        try Data((first + "\n" + second + "\n").utf8).write(to: server.root.appendingPathComponent("masterfilelist.txt"))
        let ws = makeWorkspace(tmp)
        let report = try await ws.fetch(
            FetchRequest(
                series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2019-01-21", to: "2019-01-21", download: testDownload))
        let expected = try directIngest(
            [server.root.path + "/20190121220000.export.CSV.zip", server.root.path + "/20190121221500.export.CSV.zip"], in: tmp)
        #expect(expected.duplicates > 0)
        #expect(report.ingest.duplicates == expected.duplicates)
        #expect(report.ingest.events == expected.events)
        #expect(report.files.first { $0.name == "20190121221500.export.CSV.zip" }?.kept == 0)
    }

    @Test func updateFetchesWhatIsNewerThanTheNewestVerifiedFile() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try GDELTMirror.build(in: server.root, port: server.port)
        // Only the three good exports: update has no upper bound, so the 2023 entry would be due too.
        let list = server.root.appendingPathComponent("masterfilelist.txt")
        let good = try String(contentsOf: list, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(".export.") && !$0.contains("ffffffff") && !$0.contains("20230101") }
        try Data((good.joined(separator: "\n") + "\n").utf8).write(to: list)
        let ws = makeWorkspace(tmp)
        _ = try await ws.fetch(
            FetchRequest(
                series: .gdelt2, list: server.url("masterfilelist.txt"), from: "2015-01-01", to: "2019-12-31", download: testDownload))
        // Two new exports appear; lastupdate.txt names only the newest, so the master list fills the gap.
        let a = try GDELTMirror.addExport(
            in: server.root, port: server.port, name: "20190121223000", from: "20180326044500", shift: 8_000_000_000)
        let b = try GDELTMirror.addExport(
            in: server.root, port: server.port, name: "20190121224500", from: "20151027220000", shift: 9_000_000_000)
        let master = server.root.appendingPathComponent("masterfilelist.txt")
        try Data((try String(contentsOf: master, encoding: .utf8) + a + "\n" + b + "\n").utf8).write(to: master)
        try Data((b + "\n").utf8).write(to: server.root.appendingPathComponent("lastupdate.txt"))
        let before = try ws.status().events
        server.clearLog()

        let report = try await ws.update(UpdateRequest(list: server.url("lastupdate.txt"), download: testDownload))

        #expect(report.downloaded == 2)
        #expect(report.failed == 0)
        #expect(report.notes.contains { $0.contains("masterfilelist.txt") })
        #expect(report.newest == "20190121224500.export.CSV.zip")
        let added = try directIngest(
            [server.root.path + "/20190121223000.export.CSV.zip", server.root.path + "/20190121224500.export.CSV.zip"], in: tmp)
        #expect(try ws.status().events == before + added.events)

        // Up to date: nothing to do.
        let idle = try await ws.update(UpdateRequest(list: server.url("lastupdate.txt"), download: testDownload))
        #expect(idle.selected == 0 && idle.downloaded == 0)
    }

    @Test func aSecondProcessOnTheSameCacheIsRefused() throws {
        let tmp = try TemporaryFolder()
        let lock = try CacheLock(folder: tmp.url.path)
        #expect(throws: FetchError.self) { _ = try CacheLock(folder: tmp.url.path) }
        _ = lock
    }

    @Test func aTornManifestLineIsIgnoredAndTheNextRecordStillReads() throws {
        let tmp = try TemporaryFolder()
        let manifest = try Manifest(folder: tmp.url.path)
        try manifest.recordVerified(RemoteFile(url: "http://m/a.export.CSV.zip"), size: 3, md5: "x", sha256: "y")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: manifest.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"event":"verified","name":"b.ex"#.utf8))
        try handle.close()
        let reopened = try Manifest(folder: tmp.url.path)
        try reopened.recordVerified(RemoteFile(url: "http://m/c.export.CSV.zip"), size: 4, md5: "x", sha256: "y")
        let again = try Manifest(folder: tmp.url.path)
        #expect(Set(again.allVerified.map(\.name)) == ["a.export.CSV.zip", "c.export.CSV.zip"])
    }
}
