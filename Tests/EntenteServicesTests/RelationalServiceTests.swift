import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// Changes, drivers, adversaries, counterbalancing and scenarios on constructed series, in process.
@Suite struct RelationalServiceTests {
    /// 36 months: AAA–BBB cooperation steps from 10 to 200 a day in month 19; CCC–DDD conflict
    /// (the driver) is high from month 17; AAA–EEE and BBB–EEE hostile throughout.
    static func series(_ folder: TemporaryFolder) throws -> URL {
        var lines = ["date,a,b,edge"]
        for k in 0..<36 {
            let (year, month) = (2020 + k / 12, k % 12 + 1)
            for day in [2, 9, 16, 23] {
                let date = String(format: "%04d%02d%02d", year, month, day)
                lines.append("\(date),AUS,BRA,\(k >= 18 ? 200 : 10)")
                lines.append("\(date),CAN,DNK,\(k >= 16 ? -300 : -(5 + k % 3))")
                lines.append("\(date),AUS,EGY,-60")
                lines.append("\(date),BRA,EGY,-70")
                lines.append("\(date),AUS,FRA,\(15 + k % 5)")
                lines.append("\(date),BRA,FRA,\(12 + k % 4)")
            }
        }
        return try folder.write("relational.csv", lines: lines)
    }

    @Test func changePointAtThePlantedStepNearestACuratedEvent() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try Self.series(folder).path]))
        let answer = try workspace.changes(ChangesRequest(a: "AUS", b: "BRA"))
        #expect(answer.points == 36)
        #expect(answer.breaks.map(\.date) == ["2021-07"])
        // Means of the untransformed monthly sums: 4 days × 10 before, 4 days × 200 after.
        #expect(answer.breaks.first?.before == 40)
        #expect(answer.breaks.first?.after == 800)
        let daily = try workspace.changes(ChangesRequest(a: "AUS", b: "BRA", daily: true))
        #expect(daily.breaks.contains { $0.date.hasPrefix("2021-07") })
    }

    @Test func driversAdversariesAndScenario() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try Self.series(folder).path]))
        let drivers = try workspace.drivers(DriversRequest(a: "AUS", b: "BRA", driver: Dyad("CAN", "DNK"), maxLag: 3))
        #expect(drivers.driver == ["CAN", "DNK"])
        #expect(drivers.months == 36)
        #expect(drivers.driverToDyad.count == 3)
        #expect(drivers.reading.contains("CAN–DNK conflict"))
        // Without a driver, the most conflictual pair involving either state (EGY's are −60/−70 a day).
        let chosen = try workspace.drivers(DriversRequest(a: "AUS", b: "BRA"))
        #expect(chosen.driver == ["BRA", "EGY"])

        let adversaries = try workspace.adversaries(AdversariesRequest(a: "AUS", b: "BRA"))
        #expect(adversaries.result.adversaries.first?.state == "EGY")
        #expect(adversaries.result.friends.map(\.state) == ["FRA"])
        // AUS–EGY over 36 months: 144 days × 60 = 8640 negative, no positive mass.
        #expect(adversaries.result.adversaries.first?.a.negative == 8640)

        let scenario = try workspace.scenario(ScenarioRequest(a: "AUS", b: "BRA", driver: Dyad("CAN", "DNK"), path: .stops, horizon: 12))
        #expect(scenario.projections.map(\.path) == [.stops, .continues, .doubles])
        #expect(scenario.dependence.beta > 0)  // cooperation rose with the driver's conflict
        let stops = scenario.projections[0].cooperation, continues = scenario.projections[1].cooperation
        #expect(stops < continues)
    }

    @Test func counterbalancingComparesCoveredMonthsAroundTheChange() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        _ = try workspace.ingest(IngestRequest(paths: [try Self.series(folder).path]))
        let answer = try workspace.counterbalancing(
            CounterbalancingRequest(a: "AUS", b: "BRA", around: Month("2021-07"), third: ["CAN", "DNK", "FRA"], window: 6))
        #expect(answer.monthsBefore == 6 && answer.monthsAfter == 6)
        // CAN–DNK edges are all negative: no cooperative mass before or after, so no change.
        let canDnk = try #require(answer.pairs.first { $0.pair == ["CAN", "DNK"] })
        #expect(canDnk.result.difference == 0)
        // The anchor by default is the largest rise: the planted step.
        let anchored = try workspace.counterbalancing(CounterbalancingRequest(a: "AUS", b: "BRA", third: ["CAN", "DNK"], window: 6))
        #expect(anchored.around == "2021-07")
    }
}
