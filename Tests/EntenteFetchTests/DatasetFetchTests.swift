import EntenteCore
import EntenteFetch
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// `fetch atop|unga|sipri|dyad-series` against a mirror serving a copy of the shared data made at test time.
@Suite(.serialized) struct DatasetFetchTests {
    /// Copies a folder of the shared data into the mirror under `as`.
    func mirror(_ server: MirrorServer, _ relative: String, as name: String) throws {
        let target = server.root.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: SharedData.url(relative), to: target)
        // The shared data is read-only; the copies must be writable to be removed.
        try python(
            "import os,sys\nfor d,_,fs in os.walk(sys.argv[1]):\n os.chmod(d,0o755)\n for f in fs: os.chmod(os.path.join(d,f),0o644)",
            [target.path])
    }

    @Test func recordedDigestsAreThoseOfTheSharedData() throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let roots = [
            "atop": "alliances-rivalries", "unga": "un-votes", "sipri": "arms-transfers/data/trademap-raw", "dyad-series": "dyad-series",
        ]
        var paths: [String] = []
        var expected: [String] = []
        for source in DatasetSource.all {
            let root = try #require(roots[source.name])
            for file in source.files {
                paths.append(SharedData.url(root + "/" + file.path).path)
                expected.append("\(file.sha256) \(file.size)")
            }
        }
        let out = try python(
            "import hashlib,os,sys\nfor p in sys.argv[1:]: print(hashlib.sha256(open(p,'rb').read()).hexdigest(), os.path.getsize(p))",
            paths)
        let actual = out.split(separator: "\n").map(String.init)
        #expect(actual.count == expected.count)
        for (i, line) in actual.enumerated() where i < expected.count {
            #expect(line == expected[i], "\(paths[i])")
        }
        #expect(DatasetSource.sipri.files.count == 134)
    }

    @Test func sipriDownloadsVerifiesAndIngests() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try mirror(server, "arms-transfers/data/trademap-raw", as: "sipri")
        let ws = makeWorkspace(tmp)
        let report = try await ws.fetchDataset(DatasetFetchRequest(source: "sipri", url: server.url("sipri/"), download: testDownload))
        #expect(report.files.filter { $0.status == "downloaded" }.count == 134)
        #expect(report.failed == 0)
        let ingest = try #require(report.ingest)
        let direct = try makeWorkspace(tmp, "reference").ingest(
            IngestRequest(paths: [SharedData.url("arms-transfers/data/trademap-raw").path]))
        #expect(ingest.layers.reduce(0) { $0 + $1.kept } == direct.layers.reduce(0) { $0 + $1.kept })
        #expect(ingest.layers.reduce(0) { $0 + $1.kept } > 0)
        // Again: nothing downloaded.
        server.clearLog()
        let again = try await ws.fetchDataset(DatasetFetchRequest(source: "sipri", url: server.url("sipri/"), download: testDownload))
        #expect(again.files.allSatisfy { $0.status == "already-had" })
        #expect(server.requests.isEmpty)
    }

    @Test func atopWithoutAURLSaysWhatToDoThenIngestsWhatWasPlaced() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let ws = makeWorkspace(tmp)
        let first = try await ws.fetchDataset(DatasetFetchRequest(source: "atop"))
        #expect(first.files.map(\.status) == ["missing"])
        let steps = try #require(first.manualSteps)
        #expect(steps.contains("atop_alliance.rda") && steps.contains(ws.cacheFolder("atop")))
        #expect(first.ingest == nil)
        // The user follows the steps (here: the reference copy).
        try FileManager.default.copyItem(
            atPath: SharedData.url("alliances-rivalries/atop_alliance.csv").path, toPath: ws.cacheFolder("atop") + "/atop_alliance.csv")
        let second = try await ws.fetchDataset(DatasetFetchRequest(source: "atop"))
        #expect(second.files.map(\.status) == ["already-had"])
        #expect((second.ingest?.layers.first?.kept ?? 0) > 0)
    }

    @Test func aTamperedMirrorFileIsQuarantinedNotIngested() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try mirror(server, "un-votes", as: "unga")
        // Same size, one byte changed.
        let target = server.root.appendingPathComponent("unga/unvotes/un_roll_call_issues.csv")
        var bytes = try Data(contentsOf: target)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: target)
        let ws = makeWorkspace(tmp)
        let report = try await ws.fetchDataset(DatasetFetchRequest(source: "unga", url: server.url("unga"), download: testDownload))
        let bad = try #require(report.files.first { $0.path == "unvotes/un_roll_call_issues.csv" })
        #expect(bad.status == "failed")
        #expect(bad.message?.contains("SHA-256 mismatch") == true)
        #expect(FileManager.default.fileExists(atPath: ws.cacheFolder("unga") + "/quarantine/unvotes/un_roll_call_issues.csv"))
        #expect(report.files.filter { $0.status == "downloaded" }.count == 3)
        #expect(report.ingest == nil)
    }

    @Test func dyadSeriesDownloadsAndVerifies() async throws {
        try #require(SharedData.isAvailable, Comment(rawValue: SharedData.missingMessage))
        let tmp = try TemporaryFolder()
        let server = try MirrorServer(root: tmp.url.appendingPathComponent("mirror"))
        try mirror(server, "dyad-series", as: "series")
        let ws = makeWorkspace(tmp)
        // Ingesting 2.7 million rows is the ingest service's own test; here: download and verify.
        let report = try await ws.fetchDataset(
            DatasetFetchRequest(source: "dyad-series", url: server.url("series/"), ingest: false, download: testDownload))
        #expect(report.files.map(\.status) == ["downloaded"])
        #expect(report.files.first?.sha256 == DatasetSource.dyadSeries.files.first?.sha256)
    }
}
