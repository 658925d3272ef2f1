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

/// The class scorecard, recomputed independently from its own predictions.
@Suite struct ScorecardServiceTests {
    @Test func scorecardCountsAgreeWithItsPredictions() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try seriesFixture(folder).path]))
        let labels = try folder.write(
            "classes.csv",
            lines: [
                "a,b,year,class,note,ambiguous", "USA,GBR,2023,alliance,\"NATO, both\",no", "USA,IRN,2023,rivalry,x,no",
                "GBR,IRN,2023,strategic partnership,deliberately wrong,yes", "USA,GBR,2019,distant,no series that year,no",
            ])
        let card = try workspace.scorecard(labels: labels.path, fitUntil: 2020)
        #expect(card.predictions.count == 4)
        let all = try #require(card.periods.last)
        let right = card.predictions.filter { $0.label == $0.predicted }.count
        #expect(all.accuracy == Double(right) / 4)
        #expect(all.confusion.flatMap { $0 }.reduce(0, +) == 4)
        let gross = card.predictions.filter {
            Scorecard.isGross(Assessment.Classification(rawValue: $0.label)!, Assessment.Classification(rawValue: $0.predicted)!)
        }
        #expect(all.grossErrors.count == gross.count)
        #expect(card.periods[0].labels == 1 && card.periods[1].labels == 3)
        // USA–GBR: NATO in the shipped knowledge base and cooperative days only: an alliance.
        #expect(card.predictions[0].predicted == "alliance")
        // 2019 has no series data: institutions alone decide, and confidence is capped.
        #expect(card.predictions[3].rule == "R0a" && card.predictions[3].confidence <= 0.6)
        let bad = try folder.write("bad.csv", lines: ["a,b,year,class", "USA,GBR,2023,friends"])
        let error = try #require(throws: EntenteError.self) { try workspace.scorecard(labels: bad.path) }
        #expect(error.line == 2)
    }
}
