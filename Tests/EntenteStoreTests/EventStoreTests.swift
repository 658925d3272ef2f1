import EntenteCore
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

@Suite struct EventStoreTests {
    /// A small GDELT 2.0 file: RUS↔PRK events over two months, one duplicate story, one bad row,
    /// one non-state row.
    static func fixtureLines() -> [String] {
        [
            GDELTRow(id: 1, date: "20230913", code: "042", goldstein: "1.9", articles: "10").line,
            GDELTRow(id: 2, date: "20230913", code: "042", goldstein: "1.9", articles: "4").line,  // same story again
            GDELTRow(
                id: 3, date: "20230914", actor1: "PRKGOV", actor1Country: "PRK", actor2: "RUSGOV", actor2Country: "RUS", code: "043",
                goldstein: "2.8", articles: "6"
            ).line,
            GDELTRow(id: 4, date: "20231005", code: "112", goldstein: "-2.0", articles: "2").line,
            GDELTRow(id: 5, date: "20231006", code: "0874", goldstein: "bad").line,
            GDELTRow(id: 6, date: "20231007", actor1: "", actor1Country: "").line,
            GDELTRow(id: 7, date: "20231008", actor1: "USAGOV", actor1Country: "USA", code: "172", goldstein: "-5.0").line,
        ]
    }

    @Test func ingestKeepsGoodRowsCountsTheRestAndIsIdempotent() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("a.export.CSV", lines: Self.fixtureLines())
        let store = try EventStore(home: folder.url.appendingPathComponent("home").path)
        var reports: [RowReport] = []
        let first = try store.ingest(file, onIssue: { reports.append($0) })
        #expect(first.status == .ingested)
        #expect(first.format == .gdelt2)
        #expect(first.counts.rowsRead == 7)
        #expect(first.added == 5)
        #expect(first.counts.issues == [.badGoldstein: 1, .noSourceState: 1])
        #expect(reports.map(\.line) == [5, 6])

        let second = try store.ingest(file)
        #expect(second.status == .alreadyIngested)
        #expect(second.added == 0)
        #expect(try store.status().events == 5)

        // The same events in a different file are recognised by their ids.
        let copy = try folder.write("b.export.CSV", lines: Array(Self.fixtureLines().prefix(3)) + [GDELTRow(id: 8).line])
        let third = try store.ingest(copy)
        #expect(third.added == 1)
        #expect(third.duplicates == 3)
        #expect(try store.status().events == 6)
    }

    @Test func aFileThatFailsHalfWayLeavesTheStoreAsItWas() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("a.export.CSV", lines: Self.fixtureLines())
        let store = try EventStore(path: ":memory:")
        struct Interrupted: Error {}
        #expect(throws: (any Error).self) {
            try store.ingest(file, onIssue: { _ in throw Interrupted() })
        }
        #expect(try store.status().events == 0)
        #expect(try store.status().files == 0)
        // …and the file can then be ingested for real.
        #expect(try store.ingest(file).added == 5)

        let zip = try folder.write("broken.export.CSV.zip", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])
        let broken = try store.ingest(zip)
        #expect(broken.status == .failed)
        #expect(broken.message?.contains("broken.export.CSV.zip") == true)
        #expect(try store.status().events == 5)
    }

    @Test func dyadSeriesAgreesWithTheEvents() throws {
        let folder = TemporaryFolder()
        let store = try EventStore(path: ":memory:")
        _ = try store.ingest(try folder.write("a.export.CSV", lines: Self.fixtureLines()))
        let both = try store.dyadSeries(EventFilter(a: "RUS", b: "PRK"))
        #expect(both.map { "\($0.month) \($0.source)→\($0.target)" } == ["2023-09 RUS→PRK", "2023-09 PRK→RUS", "2023-10 RUS→PRK"])
        let sept = both[0]
        #expect(sept.events == 2)
        #expect(sept.oneADayEvents == 1)  // ids 1 and 2 are one story
        #expect(abs(sept.goldsteinSum - 3.8) < 1e-9)
        #expect(abs(sept.goldsteinMean - 1.9) < 1e-9)
        #expect(sept.articles == 14)
        for m in both { #expect(abs(m.quadClassShares.reduce(0, +) - 1) < 1e-9) }
        #expect(both[2].quadClassShares == [0, 0, 1, 0])
        // Directed and undirected figures agree; totals equal the events'.
        let forward = try store.dyadSeries(EventFilter(a: "RUS", b: "PRK", bothDirections: false))
        let backward = try store.dyadSeries(EventFilter(a: "PRK", b: "RUS", bothDirections: false))
        #expect(forward.count + backward.count == both.count)
        let total = try store.count(EventFilter(a: "RUS", b: "PRK"))
        #expect(both.reduce(0) { $0 + $1.events } == total)
        #expect(try store.count(EventFilter(a: "RUS", b: "PRK")) == 4)
    }

    @Test func eventsAreFilteredAndNewestFirst() throws {
        let folder = TemporaryFolder()
        let store = try EventStore(path: ":memory:")
        _ = try store.ingest(try folder.write("a.export.CSV", lines: Self.fixtureLines()))
        let all = try store.events(EventFilter(a: "RUS", b: "PRK"))
        #expect(all.map(\.event.originalID) == ["4", "3", "2", "1"])
        #expect(all[0].file == "a.export.CSV" && all[0].line == 4)
        #expect(try store.events(EventFilter(a: "RUS", b: "PRK", bothDirections: false)).count == 3)
        #expect(try store.events(EventFilter(a: "RUS", b: "PRK", codePrefix: "04")).map(\.event.originalID) == ["3", "2", "1"])
        #expect(try store.events(EventFilter(a: "RUS", b: "PRK", from: Month("2023-10"))).map(\.event.originalID) == ["4"])
        #expect(try store.events(EventFilter(a: "RUS", b: "PRK", to: Month("2023-09")), limit: 1).map(\.event.originalID) == ["3"])
        #expect(try store.events(EventFilter(a: "RUS", b: "PRK", dataset: .icews)).isEmpty)
    }

    @Test func statusSummarisesTheStore() throws {
        let folder = TemporaryFolder()
        let store = try EventStore(path: ":memory:")
        _ = try store.ingest(try folder.write("a.export.CSV", lines: Self.fixtureLines()))
        let status = try store.status()
        #expect(status.events == 5)
        #expect(status.files == 1)
        #expect(status.rowsRead == 7 && status.rowsRejected == 1 && status.rowsSkipped == 1)
        #expect(status.firstDate?.description == "2023-09-13")
        #expect(status.lastDate?.description == "2023-10-08")
        #expect(status.datasets.map(\.dataset) == ["gdelt2"])
        let top = try #require(status.topDyads.first)
        #expect(top.a == "PRK" && top.b == "RUS" && top.events == 4)
    }

    /// Every real sample file loads; re-ingesting adds nothing.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func realSamplesLoadOnceOnly() throws {
        let store = try EventStore(path: ":memory:")
        var added = 0
        for file in SharedData.eventSampleFiles {
            let r = try store.ingest(file)
            #expect(r.status == .ingested, "\(file.lastPathComponent): \(r.message ?? "")")
            added += r.added
        }
        #expect(try store.status().events == added)
        for file in SharedData.eventSampleFiles { #expect(try store.ingest(file).status == .alreadyIngested) }
        #expect(try store.status().events == added)
        let lavrov = try store.events(EventFilter(a: "PRK", b: "RUS", from: Month("2018-06"), to: Month("2018-06")))
        #expect(lavrov.contains { $0.event.target.name.contains("Lavrov") })
    }
}

@Suite struct StoreCubeTests {
    /// The cube from the stored events equals the cube built by the parallel engine from the raw
    /// files, for 1 and 2 threads, on every real sample file.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"), arguments: [1, 2])
    func storeCubeEqualsEngineCube(threads: Int) throws {
        let store = try EventStore(path: ":memory:")
        for file in SharedData.eventSampleFiles { _ = try store.ingest(file) }
        var engine = DyadCube()
        _ = CubeBuilder.build(files: SharedData.eventSampleFiles, into: &engine, threads: threads)
        let fromStore = try store.cube()
        #expect(fromStore == engine)
        #expect(fromStore.cellCount == engine.cellCount && engine.cellCount > 10_000)
    }
}
