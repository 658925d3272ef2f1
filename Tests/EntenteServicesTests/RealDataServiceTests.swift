import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// The README's acceptance on the real samples and the real 2018–2024 dyad series, in process.
/// Expected counts come from independent Python counts of the raw files, not from Entente.
@Suite(.serialized, .enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
struct RealDataServiceTests {
    static func python(_ arguments: [String]) throws -> String {
        let run = try runProcess("/usr/bin/env", ["python3"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func realSamplesLoadAsAnIndependentCountSays() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let files = SharedData.eventSampleFiles.filter { !$0.lastPathComponent.hasSuffix(".md") }
        let script = SharedData.packageRoot.appendingPathComponent("scripts/count_rows.py").path
        let counts =
            try JSONSerialization.jsonObject(
                with: Data(try Self.python([script, "--data", SharedData.root.path] + files.map(\.path)).utf8)) as? [String: [String: Int]]
        let expectedKept = try #require(counts).values.reduce(0) { $0 + ($1["kept"] ?? 0) }
        let paths = ["gdelt2-samples", "gdelt1-samples", "icews"].map { SharedData.url($0).path }
        let first = try workspace.ingest(IngestRequest(paths: paths))
        #expect(first.kept + first.duplicates == expectedKept)
        #expect(first.rejected == 0)
        #expect(first.files.filter { $0.status == "ingested" }.count == files.count)
        #expect(try workspace.ingest(IngestRequest(paths: paths)).kept == 0)
        let lavrov = try workspace.events(EventsRequest(filter: EventFilter(a: "PRK", b: "RUS", bothDirections: false), limit: nil))
        #expect(lavrov.events.contains { $0.date == "2018-06-01" && $0.target.name.contains("Lavrov") })
    }

    @Test func realSeriesEvaluationAndFoundingCase() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let file = SharedData.url("dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz").path
        let lines = try Self.python(["-c", "import gzip,sys; print(sum(1 for _ in gzip.open(sys.argv[1])) - 1)", file])
        let ingest = try workspace.ingest(IngestRequest(paths: [file]))
        #expect(ingest.kept + ingest.rejected == Int(lines.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ingest.rejected == 0)

        let labels = try Self.python([
            SharedData.packageRoot.appendingPathComponent("scripts/make-labels").path, "--data", SharedData.root.path,
        ])
        let labelsFile = try folder.write("labels.csv", Array(labels.utf8))
        let report = try workspace.evaluate(EvaluateRequest(labels: labelsFile.path, at: Month("2023-12"), window: 72))
        let auc = try #require(report.auc), baseline = try #require(report.baselineAUC)
        // Over every ATOP pair (mostly quiet ones) the composite carries the signal; among salient
        // pairs relative hostility adds to it (measured: 0.938 and 0.880 overall; 0.779 and 0.815 salient).
        #expect(try #require(report.compositeAUC) >= 0.92)
        #expect(auc > baseline + 0.2, "AUC \(auc)")
        let salient = try #require(report.salient)
        #expect(try #require(salient.auc) > (try #require(salient.compositeAUC)))

        // RUS–PRK: the index rises through 2023 (Vostochny summit, September).
        let index = try workspace.index(IndexRequest(a: "RUS", b: "PRK", from: Month("2023-01"), to: Month("2024-02")))
        let byMonth = Dictionary(uniqueKeysWithValues: index.map { ($0.at.description, $0) })
        #expect(try #require(byMonth["2023-11"]?.index) > (try #require(byMonth["2023-03"]?.index)) + 0.1)
        // Judgement v2: interacting, not hostile relative to expectation, no anchor (R6) through 2023.
        #expect(byMonth["2023-11"]?.classification == .temporaryRapprochement)
        #expect(index.allSatisfy { $0.classification != .rivalry })

        let changes = try workspace.changes(ChangesRequest(a: "PRK", b: "RUS", daily: true))
        #expect(changes.breaks.contains { ("2023-07-01"..."2023-09-30").contains($0.date) && $0.nearest?.contains("Shoigu") == true })
        let drivers = try workspace.drivers(DriversRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR")))
        #expect(drivers.driverToDyad.count == 6)
        #expect(drivers.chosenLag.map { (1...6).contains($0) } == true)
        let adversaries = try workspace.adversaries(AdversariesRequest(a: "RUS", b: "PRK", from: Month("2022-01"), to: Month("2024-02")))
        #expect(!Set(adversaries.result.adversaries.prefix(5).map(\.state)).isDisjoint(with: ["USA", "KOR", "UKR"]))
        let counter = try workspace.counterbalancing(
            CounterbalancingRequest(a: "RUS", b: "PRK", around: Month("2023-09"), third: ["USA", "JPN", "KOR"]))
        #expect(counter.pairs.count == 3)
        #expect(counter.monthsAfter == 6)  // the series ends in 2024-02
        let scenario = try workspace.scenario(ScenarioRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR")))
        #expect(scenario.note.contains("Projection, not forecast"))
    }
}
