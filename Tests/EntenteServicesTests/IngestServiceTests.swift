import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// Ingest, status, events and the dyad series, in process.
@Suite struct IngestServiceTests {
    @Test func ingestKeepsGoodRowsReportsBadOnesAndIsIdempotent() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let file = try eventFixture(folder)
        var rejected: [RowReport] = []
        var progress: [IngestProgress] = []
        let first = try workspace.ingest(
            IngestRequest(paths: [file.path]), onIssue: { rejected.append($0) }, progress: { progress.append($0) })
        #expect(first.kept == 3)
        #expect(first.rejected == 1)
        #expect(first.eventsByDataset == ["gdelt2": 3])
        #expect(rejected.map(\.line) == [4])
        #expect(rejected.first?.issue.rawValue == "impossible or malformed date")
        #expect(progress.first?.fileStarted == true && progress.first?.files == 1)
        #expect(first.anyFileRead)

        let again = try workspace.ingest(IngestRequest(paths: [file.path]))
        #expect(again.kept == 0)
        #expect(again.files.map(\.status) == ["already-ingested"])

        let status = try workspace.status()
        #expect(status.events == 3)
        #expect(status.files == 1)
        let keys = try #require(try jsonObject(status) as? [String: Any]).keys
        #expect(
            Set(keys) == [
                "store", "events", "files", "rowsRead", "rowsRejected", "rowsSkipped", "firstDate", "lastDate", "datasets", "topDyads",
                "cube",
            ])
    }

    @Test func eventsAndDyadAnswerFromStoreAndCube() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try eventFixture(folder).path]))
        let listing = try workspace.events(EventsRequest(filter: EventFilter(a: "RUS", b: "PRK", bothDirections: false)))
        #expect(listing.total == 2)
        #expect(listing.events.map(\.code) == ["057", "042"])
        #expect(listing.events.first?.url == "https://example.org/story")
        let consults = try workspace.events(EventsRequest(filter: EventFilter(a: "RUS", b: "PRK", codePrefix: "04")))
        #expect(consults.total == 2)

        // The cube was kept in step by the ingest: the default dyad answer comes from it.
        let cube = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK"))
        #expect(cube.origin == "cube")
        #expect(cube.months.count == 2)
        #expect(cube.months[0].source == "RUS" && cube.months[0].events == 2)
        #expect(cube.months[0].goldsteinSum == 1.9 + 8.0)  // the fixture's rows 1 and 3
        let store = try workspace.dyad(DyadRequest(a: "RUS", b: "PRK", dataset: .gdelt2))
        #expect(store.origin == "store")
        #expect(try JSONText.encode(store.months) == JSONText.encode(cube.months))
        let status = try workspace.cubeStatus()
        #expect(status.exists && status.events == 3 && status.files == 1)
    }

    @Test func nothingReadableIsReportedAndAMissingPathIsAnError() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let notes = try folder.write("notes/README.md", lines: ["# nothing to ingest"])
        let nothing = try workspace.ingest(IngestRequest(paths: [notes.deletingLastPathComponent().path]))
        #expect(!nothing.anyFileRead)
        #expect(nothing.files.map(\.status) == ["not-an-event-file"])
        #expect(throws: EntenteError.self) { try workspace.ingest(IngestRequest(paths: [folder.url.appendingPathComponent("nope").path])) }
    }

    @Test func cubeBuildAndExportMatchTheEvents() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let export = folder.url.appendingPathComponent("cube.csv").path
        let built = try workspace.buildCube(CubeBuildRequest(paths: [try eventFixture(folder).path], threads: 2, export: export))
        #expect(built.kept == 3)
        #expect(built.anyFileRead)
        let csv = String(decoding: try workspace.exportCube(json: false), as: UTF8.self).split(separator: "\n")
        #expect(csv.first == Substring(DyadCube.exportHeader.joined(separator: ",")))
        #expect(csv.count == 1 + 3)  // RUS→PRK roots 04 and 05, PRK→RUS root 04
        #expect(try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n") == csv)
        // Events per cell add up to the rows kept (an invariant, independent of the layout).
        let events = csv.dropFirst().map { Int($0.split(separator: ",")[4])! }.reduce(0, +)
        #expect(events == 3)
    }
}
