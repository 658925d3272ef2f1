import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// Every service checks its request before it runs: a value a server could pass that the CLI
/// refuses is an `invalid-argument` error naming the field, never a trap.
@Suite struct RequestValidationTests {
    static let folder = TemporaryFolder()
    static var workspace: Workspace { Workspace(home: folder.url.appendingPathComponent("home").path, environment: [:]) }
    static let jan = Month(year: 2024, month: 1)!, dec = Month(year: 2024, month: 12)!

    /// (what, the call, a word the message must hold)
    static let cases: [(String, @Sendable (Workspace) throws -> Void, String)] = [
        ("assess window 0", { _ = try $0.assess(AssessRequest(a: "RUS", b: "PRK", window: 0)) }, "window"),
        ("assess window -5", { _ = try $0.assess(AssessRequest(a: "RUS", b: "PRK", window: -5)) }, "window"),
        ("index window 241", { _ = try $0.index(IndexRequest(a: "RUS", b: "PRK", window: 241)) }, "window"),
        ("index from after to", { _ = try $0.index(IndexRequest(a: "RUS", b: "PRK", from: dec, to: jan)) }, "after"),
        (
            "brief window 0",
            { _ = try $0.brief(BriefRequest(a: try Country.resolve("RUS"), b: try Country.resolve("PRK"), window: 0)) }, "window"
        ),
        ("counterbalancing window 0", { _ = try $0.counterbalancing(CounterbalancingRequest(a: "RUS", b: "PRK", window: 0)) }, "window"),
        (
            "counterbalancing window 100000", { _ = try $0.counterbalancing(CounterbalancingRequest(a: "RUS", b: "PRK", window: 100_000)) },
            "120"
        ),
        (
            "counterbalancing one third state",
            { _ = try $0.counterbalancing(CounterbalancingRequest(a: "RUS", b: "PRK", third: ["USA", "USA"])) }, "third"
        ),
        ("adversaries top -1", { _ = try $0.adversaries(AdversariesRequest(a: "RUS", b: "PRK", top: -1)) }, "top"),
        ("adversaries from after to", { _ = try $0.adversaries(AdversariesRequest(a: "RUS", b: "PRK", from: dec, to: jan)) }, "after"),
        (
            "scenario max lag 0", { _ = try $0.scenario(ScenarioRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR"), maxLag: 0)) },
            "lag"
        ),
        (
            "scenario max lag 1000",
            { _ = try $0.scenario(ScenarioRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR"), maxLag: 1_000)) }, "lag"
        ),
        (
            "scenario horizon 0", { _ = try $0.scenario(ScenarioRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR"), horizon: 0)) },
            "horizon"
        ),
        ("changes penalty nan", { _ = try $0.changes(ChangesRequest(a: "RUS", b: "PRK", penalty: .nan)) }, "penalty"),
        ("changes penalty -1", { _ = try $0.changes(ChangesRequest(a: "RUS", b: "PRK", penalty: -1)) }, "penalty"),
        ("changes penalty inf", { _ = try $0.changes(ChangesRequest(a: "RUS", b: "PRK", penalty: .infinity)) }, "penalty"),
        ("changes min size 0", { _ = try $0.changes(ChangesRequest(a: "RUS", b: "PRK", minSize: 0)) }, "min size"),
        ("changes from after to", { _ = try $0.changes(ChangesRequest(a: "RUS", b: "PRK", from: dec, to: jan)) }, "after"),
        ("timeline from after to", { _ = try $0.timeline(TimelineRequest(a: "RUS", b: "PRK", from: dec, to: jan)) }, "after"),
        ("events limit -1", { _ = try $0.events(EventsRequest(filter: EventFilter(a: "RUS", b: "PRK"), limit: -1)) }, "limit"),
        (
            "events from after to", { _ = try $0.events(EventsRequest(filter: EventFilter(a: "RUS", b: "PRK", from: dec, to: jan))) },
            "after"
        ),
        ("evaluate window 0", { _ = try $0.evaluate(EvaluateRequest(labels: "/nonexistent", window: 0)) }, "window"),
    ]

    @Test(arguments: 0..<cases.count)
    func badValuesAreInvalidArguments(_ i: Int) {
        let (name, call, word) = Self.cases[i]
        do {
            try call(Self.workspace)
            Issue.record("\(name): accepted")
        } catch let error as EntenteError {
            #expect(error.code == .invalidArgument, "\(name): \(error)")
            #expect(error.message.contains(word), "\(name): \(error.message)")
        } catch {
            Issue.record("\(name): \(error)")
        }
    }

    /// The checks refuse only what is outside the range: the bounds themselves pass.
    @Test func theBoundsPass() throws {
        #expect(throws: Never.self) { try AssessRequest(a: "RUS", b: "PRK", window: RequestLimits.window.upperBound).validate() }
        #expect(throws: Never.self) { try CounterbalancingRequest(a: "RUS", b: "PRK", window: 3).validate() }
        #expect(throws: Never.self) { try ChangesRequest(a: "RUS", b: "PRK", penalty: 0, minSize: 1).validate() }
        #expect(throws: Never.self) {
            try ScenarioRequest(a: "RUS", b: "PRK", driver: Dyad("RUS", "UKR"), horizon: 120, maxLag: 24).validate()
        }
        #expect(throws: Never.self) { try IndexRequest(a: "RUS", b: "PRK", from: Self.jan, to: Self.jan).validate() }
    }
}

/// The labels file of `evaluate --labels`: errors name the file and its physical line.
@Suite struct LabelsFileTests {
    @Test(arguments: [("3000", 4), ("-5", 4)])
    func yearsOutsideTheRangeNameFileAndLine(year: String, line: Int) throws {
        let folder = TemporaryFolder()
        // Line 2 is blank: the bad row is the file's line 4, not the third non-blank line.
        let file = try folder.write("labels.csv", lines: ["a,b,year,label", "", "USA,JPN,2018,ally", "RUS,PRK,\(year),rival"])
        do {
            _ = try LabelsFile.read(file.path)
            Issue.record("year \(year) must be refused")
        } catch let error as EntenteError {
            #expect(error.code == .malformedRow)
            #expect(error.file == file.path)
            #expect(error.line == line)
            #expect(error.message.contains("year \(year)"))
        }
    }

    @Test func lineNumbersCountBlankLines() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("labels.csv", lines: ["a,b,year,label", "", "", "USA,JPN,2018,ally", "", "bad row"])
        do {
            _ = try LabelsFile.read(file.path)
            Issue.record("a bad row must be refused")
        } catch let error as EntenteError {
            #expect(error.line == 6)
            #expect(error.description.hasPrefix("\(file.path):6: "))
        }
        let good = try folder.write(
            "good.csv", lines: ["a,b,year,label", "", "USA,JPN,2018,ally", "RUS,UKR,2022,rival", "FRA,DEU,2020,other"])
        let rows = try LabelsFile.read(good.path)
        #expect(rows.map(\.a) == ["USA", "RUS"])
        #expect(rows.map(\.ally) == [true, false])
    }
}
