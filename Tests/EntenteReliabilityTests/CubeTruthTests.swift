import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing
import ZIPFoundation

/// One truth for store and cube (issue #15, findings 1–4 and 7): the cube holds exactly the
/// store's events, de-duplicated the same way; when it cannot, the analyses read the store and
/// say so; nothing is silently lost.
@Suite struct CubeTruthTests {
    /// ids 1…12 with Goldstein 1.0 (file a) and ids 7…18 with Goldstein −5.0 (file b): the six
    /// re-emitted ids keep a's fields, in the store and the cube alike.
    static func files(_ folder: TemporaryFolder) throws -> (a: URL, zip: URL, b: URL) {
        let aLines = (1...12).map { GDELTRow(id: $0, goldstein: "1.0").line }
        let a = try folder.write("20240101000000.export.CSV", lines: aLines)
        let b = try folder.write("20240101001500.export.CSV", lines: (7...18).map { GDELTRow(id: $0, goldstein: "-5.0").line })
        let zip = folder.url.appendingPathComponent("copy.export.CSV.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let data = Data((aLines.joined(separator: "\n") + "\n").utf8)
        try archive.addEntry(with: "copy.export.CSV", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return (a, zip, b)
    }

    static func totals(_ answer: DyadAnswer) -> (events: Int, goldstein: Double) {
        (answer.months.reduce(0) { $0 + $1.events }, answer.months.reduce(0) { $0 + $1.goldsteinSum })
    }

    @Test func zipAndPlainAndReEmittedIdsCountOnceInStoreAndCube() throws {
        let folder = TemporaryFolder()
        let workspace = truthWorkspace(folder)
        let (a, zip, b) = try Self.files(folder)
        _ = try workspace.ingest(IngestRequest(paths: [zip.path]))
        _ = try workspace.ingest(IngestRequest(paths: [a.path]))
        _ = try workspace.ingest(IngestRequest(paths: [b.path]))
        let cube = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))
        let store = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK", dataset: .gdelt2))
        #expect(cube.origin == "cube" && store.origin == "store")
        // By hand: 18 distinct ids; Goldstein 12 × 1.0 + 6 × −5.0.
        #expect(Self.totals(cube).events == 18 && Self.totals(store).events == 18)
        #expect(abs(Self.totals(cube).goldstein - -18.0) < 1e-9 && abs(Self.totals(store).goldstein - -18.0) < 1e-9)
        let status = try workspace.cubeStatus()
        #expect(status.eventIDs == 18 && status.drift?.inStep == true)
    }

    @Test func aCubeBehindTheStoreIsNeverServedAndIsCaughtUp() throws {
        let folder = TemporaryFolder()
        let warnings = WarningLog()
        let workspace = truthWorkspace(folder, warnings: warnings)
        let (a, _, b) = try Self.files(folder)
        _ = try workspace.ingest(IngestRequest(paths: [a.path]))
        let old = try Data(contentsOf: URL(fileURLWithPath: workspace.cubePath))
        _ = try workspace.ingest(IngestRequest(paths: [b.path]))
        // As if the cube update after b had failed: the cube holds a only.
        try old.write(to: URL(fileURLWithPath: workspace.cubePath))
        let drift = try #require(try workspace.cubeDrift())
        #expect(!drift.inStep && drift.eventsMissing == 6)
        let answer = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))
        #expect(answer.origin == "store" && Self.totals(answer).events == 18)
        #expect(warnings.all.contains("not in step") && warnings.all.contains("entente cube rebuild"))
        let assessed = try workspace.assess(AssessRequest(a: "RUS", b: "PRK", at: Month("2024-06")!))
        #expect(assessed.a == "RUS")
        // Any ingest (even of nothing new) brings it in step; so does `cube rebuild`.
        let again = try workspace.ingest(IngestRequest(paths: [a.path]))
        #expect(again.cube?.status == "extended" && again.cube?.eventsAdded == 6)
        #expect(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK")).origin == "cube")
        #expect(try workspace.rebuildCube().status == "rebuilt")
        #expect(Self.totals(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))).events == 18)
    }

    @Test func aFailedCubeWriteKeepsTheEventsAndSaysSo() throws {
        let folder = TemporaryFolder()
        let workspace = truthWorkspace(folder)
        let (a, _, _) = try Self.files(folder)
        // The cube folder's place is taken by a file: the cube cannot be written.
        try FileManager.default.createDirectory(atPath: workspace.home, withIntermediateDirectories: true)
        _ = try folder.write("home/cube", [0x78])
        let summary = try workspace.ingest(IngestRequest(paths: [a.path]))
        #expect(summary.kept == 12)
        #expect(summary.cubeError?.contains("cube rebuild") == true)
        let answer = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))
        #expect(answer.origin == "store" && Self.totals(answer).events == 12)
        try FileManager.default.removeItem(atPath: folder.url.appendingPathComponent("home/cube").path)
        #expect(try workspace.rebuildCube().eventsAdded == 12)
        #expect(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK")).origin == "cube")
    }

    @Test func concurrentIngestsLeaveStoreAndCubeEqual() throws {
        let folder = TemporaryFolder()
        let (a, _, b) = try Self.files(folder)
        let c = try folder.write("20240101003000.export.CSV", lines: (100...400).map { GDELTRow(id: $0, goldstein: "2.0").line })
        let home = truthWorkspace(folder).home
        let errors = WarningLog()
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            let workspace = Workspace(home: home, environment: ["ENTENTE_KB": ""])
            do {
                let summary = try workspace.ingest(IngestRequest(paths: [[a, b, c][i].path]))
                if let error = summary.cubeError { errors.append(error) }
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty)
        let workspace = truthWorkspace(folder)
        #expect(try workspace.status().events == 18 + 301)
        let answer = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))
        #expect(answer.origin == "cube" && Self.totals(answer).events == 18 + 301)
    }

    @Test func aCorruptCubeIsAnErrorNamingTheFixNeverAWrongNumber() throws {
        let folder = TemporaryFolder()
        let workspace = truthWorkspace(folder)
        let (a, _, _) = try Self.files(folder)
        _ = try workspace.ingest(IngestRequest(paths: [a.path]))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: workspace.cubePath)))
        bytes[bytes.count / 2] ^= 0x5A
        try Data(bytes).write(to: URL(fileURLWithPath: workspace.cubePath))
        #expect { try workspace.dyad(DyadRequest(a: "RUS", b: "PRK")) } throws: { error in
            let e = error as? EntenteError
            return e?.code == .storeFailure && e?.message.contains("entente cube rebuild") == true && e?.file == workspace.cubePath
        }
        #expect(throws: EntenteError.self) { try workspace.exportCube(json: false) }
        _ = try workspace.rebuildCube()
        #expect(Self.totals(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))).events == 12)
    }

    @Test func aWrongFormatDoesNotBlockTheFileAndForceRereads() throws {
        let folder = TemporaryFolder()
        let workspace = truthWorkspace(folder)
        let (a, _, _) = try Self.files(folder)
        let wrong = try workspace.ingest(IngestRequest(paths: [a.path], format: .icews))
        #expect(wrong.kept == 0)
        let right = try workspace.ingest(IngestRequest(paths: [a.path]))
        #expect(right.files.map(\.status) == ["ingested"] && right.kept == 12)
        #expect(right.files.first?.message?.contains("kept nothing") == true)
        let blocked = try workspace.ingest(IngestRequest(paths: [a.path]))
        #expect(blocked.files.map(\.status) == ["already-ingested"])
        let forced = try workspace.ingest(IngestRequest(paths: [a.path], force: true))
        #expect(forced.files.map(\.status) == ["ingested"] && forced.kept == 12)
        #expect(forced.cube?.status == "rebuilt")  // events were replaced: a new store generation
        #expect(try workspace.status().events == 12 && (try workspace.status().files) == 1)
        #expect(Self.totals(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))).events == 12)
    }

    @Test func anEmptiedOrReplacedStoreIsNoticed() throws {
        let folder = TemporaryFolder()
        let workspace = truthWorkspace(folder)
        let (a, _, b) = try Self.files(folder)
        _ = try workspace.ingest(IngestRequest(paths: [a.path]))
        // A 0-byte store file is damage, not a new store.
        let saved = try Data(contentsOf: URL(fileURLWithPath: workspace.storePath))
        try Data().write(to: URL(fileURLWithPath: workspace.storePath))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.storePath + suffix) }
        #expect { try workspace.status() } throws: { ($0 as? EntenteError)?.message.contains("0 bytes") == true }
        #expect(throws: EntenteError.self) { try workspace.dyad(DyadRequest(a: "RUS", b: "PRK")) }
        _ = saved
        // A new store in the same home: the old cube belongs to another store and is not served.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.storePath + suffix) }
        _ = try workspace.ingest(IngestRequest(paths: [b.path]))
        #expect(Self.totals(try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))).events == 12)
        #expect(try workspace.cubeDrift()?.inStep == true)
    }
}

/// A workspace in the test's folder, without the user's knowledge-base folders.
private func truthWorkspace(_ folder: TemporaryFolder, warnings: WarningLog? = nil) -> Workspace {
    Workspace(
        home: folder.url.appendingPathComponent("home").path, environment: ["ENTENTE_KB": ""], warn: { warnings?.append($0) })
}

/// Collects a workspace's warnings.
private final class WarningLog: @unchecked Sendable {
    // @unchecked Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: String { lock.withLock { texts.joined() } }
}
