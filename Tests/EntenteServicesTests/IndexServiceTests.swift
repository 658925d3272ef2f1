import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// The dyad series, `assess`, `index` and `evaluate`, in process.
@Suite struct IndexServiceTests {
    @Test func seriesIngestCountsBadRowsByReason() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let summary = try workspace.ingest(IngestRequest(paths: [try seriesFixture(folder).path]))
        // 12 months × 2 days × 3 pairs good rows; four bad ones, each for its own reason.
        #expect(summary.kept == 72)
        #expect(summary.rejected == 4)
        #expect(
            Set(summary.reasons.map(\.reason)) == [
                "impossible or malformed date", "unknown actor country code", "non-numeric or out-of-range Goldstein", "wrong column count",
            ])
        #expect(summary.eventsByDataset == ["dyad-series": 72])
    }

    @Test func assessIndexAndEvaluateOnAFixture() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try seriesFixture(folder).path]))
        let at = Month("2023-12")
        let friendly = try workspace.assess(AssessRequest(a: "USA", b: "GBR", at: at))
        let hostile = try workspace.assess(AssessRequest(a: "USA", b: "IRN", at: at))
        #expect(try #require(friendly.behavioural) > (try #require(hostile.behavioural)))
        #expect(hostile.classification == .rivalry)
        #expect(
            friendly.components.map(\.name.rawValue) == [
                "commitment", "military-technical", "diplomatic", "breadth", "durability", "alignment", "hostility",
            ])
        // USA–GBR: every month net positive; USA–IRN: half the months hold a day ≤ −50 (the −80 days).
        #expect(friendly.component(.durability).value == 1)
        #expect(hostile.component(.hostility).value == 6.0 / 12)
        #expect(friendly.component(.militaryTechnical).coverage == ["no data"])

        let monthly = try workspace.index(IndexRequest(a: "USA", b: "GBR", from: Month("2023-06"), to: at, window: 6))
        #expect(monthly.map(\.at.description) == ["2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"])
        #expect(throws: EntenteError.self) { try workspace.index(IndexRequest(a: "USA", b: "GBR", from: Month("2024-01"), to: at)) }

        let labels = try folder.write(
            "labels.csv", lines: ["a,b,year,label", "USA,GBR,2023,ally", "USA,IRN,2023,rival", "GBR,IRN,2023,rival"])
        let report = try workspace.evaluate(EvaluateRequest(labels: labels.path))
        #expect(report.scored == 3 && report.allies == 1 && report.rivals == 2)
        #expect(report.auc == 1)  // the ally outscores both rivals: 2 of 2 pairs ordered right
        // The baseline is the mean daily value: USA–GBR's (20 + m) beats both hostile pairs too.
        #expect(report.baselineAUC == 1)
    }

    @Test func labelErrorsNameTheLine() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try seriesFixture(folder).path]))
        let bad = try folder.write("labels.csv", lines: ["a,b,year,label", "USA,GBR,2023,ally", "USA,GBR,twenty,rival"])
        let error = try #require(throws: EntenteError.self) { try workspace.evaluate(EvaluateRequest(labels: bad.path)) }
        #expect(error.line == 3)
    }

    @Test func analysesWithoutASeriesSaySoAndCreateNothing() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let error = try #require(throws: EntenteError.self) { try workspace.changes(ChangesRequest(a: "USA", b: "GBR")) }
        #expect(error.message.contains("no dyad series"))
        #expect(!FileManager.default.fileExists(atPath: workspace.home))
    }
}
