import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// The relational controls through the services, on a constructed daily series with a planted
/// coverage gap (issue 14).
@Suite struct RelationalControlsServiceTests {
    /// Every day of 2021–2022 except 2022-03-01…04-09 (40 days with no row for any pair): AUS–BRA
    /// cooperation is a stable ~100 a day; NZL, FJI, TON cooperate at random; eight unrelated pairs
    /// in a ring (CHL–PER, PER–COL, …, VEN–CHL) alternate cooperation and conflict at random.
    static func series(_ folder: TemporaryFolder) throws -> URL {
        var lines = ["date,a,b,edge"]
        var rng = SeededGenerator(seed: 11)
        func wiggle() -> Double { Double(rng.next() % 1_000) / 1_000 - 0.5 }
        let gap = Day(year: 2022, month: 3, day: 1)!...Day(year: 2022, month: 4, day: 9)!
        let others = ["CHL", "PER", "COL", "ECU", "URY", "PRY", "BOL", "VEN"]
        for year in [2021, 2022] {
            for month in 1...12 {
                for d in 1...Day.daysIn(month: month, year: year) {
                    let day = Day(year: year, month: month, day: d)!
                    guard !gap.contains(day) else { continue }
                    let date = String(format: "%04d%02d%02d", year, month, d)
                    lines.append("\(date),AUS,BRA,\(String(format: "%.1f", 100 * exp(0.3 * wiggle())))")
                    lines.append("\(date),AUS,EGY,\(String(format: "%.1f", -40 * exp(0.3 * wiggle())))")
                    lines.append("\(date),BRA,EGY,\(String(format: "%.1f", -50 * exp(0.3 * wiggle())))")
                    lines.append("\(date),NZL,FJI,\(String(format: "%.1f", 20 * exp(wiggle())))")
                    lines.append("\(date),NZL,TON,\(String(format: "%.1f", 15 * exp(wiggle())))")
                    lines.append("\(date),FJI,TON,\(String(format: "%.1f", 10 * exp(wiggle())))")
                    // Unrelated pairs, cooperative on even days and conflictual on odd ones.
                    for (i, x) in others.enumerated() {
                        let sign = d % 2 == 0 ? 1.0 : -1.0
                        lines.append("\(date),\(x),\(others[(i + 1) % others.count]),\(String(format: "%.1f", sign * 15 * exp(wiggle())))")
                    }
                }
            }
        }
        return try folder.write("controls.csv", lines: lines)
    }

    @Test func aPlantedGapIsNotAChangePoint() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try Self.series(folder).path]))
        let daily = try workspace.changes(ChangesRequest(a: "AUS", b: "BRA", daily: true))
        #expect(daily.missingPoints == 40)
        #expect(daily.points == 730 - 40)
        #expect(daily.breaks.filter { $0.flag == nil }.isEmpty, "\(daily.breaks.map(\.date))")
        #expect(daily.source == "dyad-series")
        // Monthly: March 2022 (0 of 31 days) and April (21 of 30, under 75 %) are missing, not zero.
        let monthly = try workspace.changes(ChangesRequest(a: "AUS", b: "BRA"))
        #expect(monthly.missingPoints == 2)
        #expect(monthly.breaks.filter { $0.flag == nil }.isEmpty, "\(monthly.breaks.map(\.date))")
    }

    @Test func counterbalancingAndDriversCarryTheirControls() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try Self.series(folder).path]))
        let counter = try workspace.counterbalancing(
            CounterbalancingRequest(a: "AUS", b: "BRA", around: Month("2022-06"), third: ["NZL", "FJI", "TON"], window: 6))
        #expect(counter.pairs.count == 3)
        #expect(counter.monthsLeftOut == ["2022-03", "2022-04"])
        #expect(counter.monthsBefore == 4)
        #expect(counter.adjustment == "holm" && counter.seed == RobustInference.defaultSeed)
        // Holm on three p-values: the smallest is multiplied by 3, and nothing here is a finding.
        let ps = counter.pairs.map(\.result.p), adjusted = counter.pairs.compactMap(\.result.pAdjusted)
        #expect(adjusted == RobustInference.holm(ps))
        #expect(counter.pairs.allSatisfy { !$0.evidence })
        #expect(counter.pairs.allSatisfy { ($0.placebo?.pairs ?? 0) > 0 })

        let drivers = try workspace.drivers(DriversRequest(a: "AUS", b: "BRA", driver: Dyad("CHL", "PER"), maxLag: 2))
        #expect(drivers.transform == "log-diff")
        #expect(drivers.robustness.map(\.transform) == ["levels", "log", "log-diff", "log-break-adjusted"])
        #expect(drivers.placebo?.seed == RobustInference.defaultSeed)
        // Placebos touch none of AUS, BRA, CHL, PER: the five other ring pairs.
        #expect(drivers.placebo?.drivers == 5)
        let percentile = try #require(drivers.placeboPercentile)
        #expect((0...100).contains(percentile))
        // Deterministic: the same request gives the same placebo draw.
        let again = try workspace.drivers(DriversRequest(a: "AUS", b: "BRA", driver: Dyad("CHL", "PER"), maxLag: 2))
        #expect(again.placeboPercentile == drivers.placeboPercentile)

        let adversaries = try workspace.adversaries(AdversariesRequest(a: "AUS", b: "BRA"))
        #expect(adversaries.result.ranking == "lift")
        #expect(adversaries.result.adversaries.first?.state == "EGY")
        #expect(adversaries.result.adversaries.first?.daysA == 730 - 40)
    }
}
