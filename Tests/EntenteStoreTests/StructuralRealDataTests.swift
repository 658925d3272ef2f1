import EntenteCore
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

/// The real structural files ingested into a temporary store, compared with an independent
/// Python computation from the raw files (scripts/structural_reference.py: csv module only, no
/// Entente code or mapping tables).
@Suite(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
struct StructuralRealDataTests {
    /// The store with every real structural file, built once for the suite.
    final class Loaded: Sendable {
        // Immutable after init; the folder is removed when the value is released.
        let folder: TemporaryFolder
        let store: EventStore
        let results: [StructuralIngestResult]
        let seconds: Double

        init() throws {
            folder = TemporaryFolder()
            store = try EventStore(home: folder.url.appendingPathComponent("home").path)
            let started = Date()
            var results: [StructuralIngestResult] = []
            for file in StructuralRealDataTests.files() {
                results.append(try store.ingestStructural(file, format: nil, replace: false))
            }
            seconds = Date().timeIntervalSince(started)
            self.results = results
        }
    }

    static let loaded: Result<Loaded, any Error> = Result { try Loaded() }

    /// The reference values, computed once.
    static let reference: Result<Reference, any Error> = Result {
        let script = SharedData.packageRoot.appendingPathComponent("scripts/structural_reference.py").path
        let run = try runProcess("/usr/bin/env", ["python3", script, "--data", SharedData.root.path])
        guard run.status == 0 else { throw EntenteError(.invalidArgument, "structural_reference.py failed: \(run.stderr)") }
        return try JSONDecoder().decode(Reference.self, from: Data(run.stdout.utf8))
    }

    struct Reference: Decodable, Sendable {
        struct Measure: Decodable, Sendable {
            var rollCalls: Int
            var agreement: Double?
            var kappa: Double?
            var byIssue: [String: Measure]?
        }
        struct IdealPoints: Decodable, Sendable {
            var a: Double?
            var b: Double?
            var distance: Double?
        }
        struct Arms: Decodable, Sendable {
            var aToB: Double
            var bToA: Double
            var aToB5y: Double
            var bToA5y: Double
        }
        struct Obligations: Decodable, Sendable {
            var aToB: [String]
            var bToA: [String]
            var lastYear: Int
            var carriedForward: Bool
        }
        struct Dispute: Decodable, Sendable {
            var dispnum: Int
            var hiactA: Int
            var hiactB: Int
            var hostlevA: Int
            var hostlevB: Int
        }
        var unga: [String: Measure]
        var idealPoints: [String: IdealPoints]
        var arms: [String: Arms]
        var atop: [String: Obligations]
        var mids: [String: [Dispute]]
        var rows: [String: Int]
    }

    static func files() -> [URL] {
        let sipri = SharedData.url("arms-transfers/data/trademap-raw")
        let tables = ((try? FileManager.default.contentsOfDirectory(atPath: sipri.path)) ?? []).filter { $0.hasPrefix("TIV-Export-") }
            .sorted()
        return [
            SharedData.url("alliances-rivalries/atop_alliance.csv"),
            SharedData.url("un-votes/unvotes/un_votes.csv"),
            SharedData.url("un-votes/unvotes/un_roll_calls.csv"),
            SharedData.url("un-votes/unvotes/un_roll_call_issues.csv"),
            SharedData.url("un-votes/IdealpointsJuly2025.converted.csv"),
            SharedData.url("alliances-rivalries/cow_mid_dirdisps.csv"),
        ] + tables.map { sipri.appendingPathComponent($0) }
    }

    static func close(_ x: Double?, _ y: Double?, tolerance: Double = 1e-9) -> Bool {
        switch (x, y) {
        case (nil, nil): true
        case (let x?, let y?): abs(x - y) <= tolerance
        default: false
        }
    }

    static func atopName(_ o: ObligationType) -> String {
        switch o {
        case .defenceImmediate, .defenceConsultation: "atop_defense"
        case .offence: "atop_offense"
        case .neutrality: "atop_neutral"
        case .nonAggression: "atop_nonagg"
        case .consultation: "atop_consul"
        }
    }

    @Test func everyRealFileIngestsWithoutUnknownCodesOrNames() throws {
        let loaded = try Self.loaded.get()
        let reference = try Self.reference.get()
        #expect(loaded.results.count == 6 + 134)
        for r in loaded.results {
            #expect(!r.alreadyIngested, "\(r.file)")
            let unknown = r.issues.filter {
                [.unknownCountryCode, .unknownCountryName, .nonNumeric, .wrongColumnCount, .badDate, .unknownVote].contains($0.reason)
            }
            #expect(unknown.isEmpty, "\(r.file): \(unknown)")
            // Every row is accounted for (SIPRI rows hold one value per year, so its counts are cells).
            if r.format != .sipriTIV { #expect(r.kept + r.duplicates + r.dropped + r.rejected == r.rowsRead, "\(r.file)") }
        }
        let byName = Dictionary(
            loaded.results.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        let atop = try #require(byName["atop_alliance.csv"])
        #expect(atop.rowsRead == reference.rows["atop_alliance.csv"])
        // Dropped ATOP rows are historical states with no ISO3 code; the only duplicates are 1990,
        // when ATOP has rows for both West Germany (260) and Germany (255), both DEU: the first
        // (255, earlier in the file) is kept and the 260 rows reported.
        #expect(atop.issues.allSatisfy { $0.reason == .noISO3 || $0.reason == .duplicate }, "\(atop.issues)")
        #expect(atop.duplicates == 102)
        // 273,296 rows − 7,870 rows of states with no ISO3 code − 102 duplicates.
        #expect(atop.kept == 265_324 && atop.dropped == 7_870)
        #expect(atop.issues.first { $0.reason == .duplicate }?.examples?.allSatisfy { $0.contains("DEU") && $0.hasSuffix(" 1990") } == true)
        let votes = try #require(byName["un_votes.csv"])
        #expect(votes.rowsRead == reference.rows["un_votes.csv"] && votes.rowsRead == 870_109)
        // Dropped by name or withdrawn code: Zanzibar (2), East Germany DD (2,067), South Yemen YD (2,378).
        #expect(votes.issues.map(\.value) == ["YD Yemen People's Republic", "DD German Democratic Republic", "Zanzibar"])
        #expect(votes.issues.map(\.count) == [2_378, 2_067, 2])
        #expect(votes.kept == 870_109 - 2_378 - 2_067 - 2 && votes.duplicates == 0)
        #expect(byName["un_roll_calls.csv"]?.kept == 6_203)
        #expect(byName["un_roll_call_issues.csv"]?.kept == 5_745)
        let mids = try #require(byName["cow_mid_dirdisps.csv"])
        #expect(mids.rowsRead == reference.rows["cow_mid_dirdisps.csv"])
        let layers = try loaded.store.structuralLayers()
        let sipri = try #require(layers.first { $0.layer == .sipriTIV })
        #expect(sipri.files == 134 && sipri.firstYear == 1950 && sipri.lastYear == 2021)
        #expect(layers.first { $0.layer == .atop }?.lastYear == 2018)
        #expect(layers.first { $0.layer == .ungaIdealPoints }?.lastYear == 2024)
        let dupes = loaded.results.reduce(0) { $0 + $1.duplicates }
        #expect(dupes == 102)
        let slowest = loaded.results.sorted { $0.seconds > $1.seconds }.prefix(3)
            .map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \(String(format: "%.2f", $0.seconds)) s" }
        let total = String(format: "%.2f", loaded.seconds)
        print("structural real-data ingest: \(loaded.results.count) files in \(total) s (\(slowest.joined(separator: ", ")))")
    }

    @Test(arguments: ["USA-ISR-2018", "RUS-PRK-2019", "USA-RUS-2017", "USA-JPN-2018"])
    func agreementAndKappaMatchTheReference(_ key: String) throws {
        let loaded = try Self.loaded.get()
        let expected = try #require(try Self.reference.get().unga[key])
        let p = key.split(separator: "-").map(String.init)
        let unga = try #require(try loaded.store.structure(a: p[0], b: p[1], year: Int(p[2]) ?? 0)?.unga)
        #expect(expected.rollCalls > 0)
        #expect(unga.rollCalls == expected.rollCalls)
        #expect(Self.close(unga.agreement, expected.agreement))
        #expect(Self.close(unga.kappa, expected.kappa))
        for (tag, m) in expected.byIssue ?? [:] {
            let got = unga.byIssue?[tag]
            #expect(
                got?.rollCalls == m.rollCalls && Self.close(got?.agreement, m.agreement) && Self.close(got?.kappa, m.kappa), "\(key) \(tag)"
            )
        }
        // Symmetric measures: the same asked the other way round.
        let reversed = try #require(try loaded.store.structure(a: p[1], b: p[0], year: Int(p[2]) ?? 0)?.unga)
        #expect(reversed.rollCalls == unga.rollCalls && Self.close(reversed.kappa, unga.kappa))
    }

    @Test func idealPointDistanceIsTheOnlyUNGAMeasureAfter2020() throws {
        let loaded = try Self.loaded.get()
        let expected = try #require(try Self.reference.get().idealPoints["RUS-PRK-2023"])
        let unga = try #require(try loaded.store.structure(a: "RUS", b: "PRK", year: 2023)?.unga)
        #expect(Self.close(unga.idealPointDistance, expected.distance) && Self.close(unga.idealPointA, expected.a))
        #expect(unga.rollCalls == nil && unga.agreement == nil && unga.kappa == nil && unga.byIssue == nil)
        #expect(unga.source.dataset.contains("ideal points") && unga.source.version == "July 2025")
        let usaJpn = try #require(try Self.reference.get().idealPoints["USA-JPN-2018"])
        #expect(Self.close(try loaded.store.structure(a: "USA", b: "JPN", year: 2018)?.unga?.idealPointDistance, usaJpn.distance))
    }

    @Test func armsTransfersMatchTheReferenceBothWays() throws {
        let loaded = try Self.loaded.get()
        for key in ["USA-JPN-2018", "RUS-PRK-2019"] {
            let expected = try #require(try Self.reference.get().arms[key])
            let p = key.split(separator: "-").map(String.init)
            let arms = try #require(try loaded.store.structure(a: p[0], b: p[1], year: Int(p[2]) ?? 0)?.arms, "\(key)")
            #expect(arms.aToB == expected.aToB && arms.bToA == expected.bToA, "\(key)")
            #expect(arms.aToB5y == expected.aToB5y && arms.bToA5y == expected.bToA5y, "\(key)")
            let reversed = try #require(try loaded.store.structure(a: p[1], b: p[0], year: Int(p[2]) ?? 0)?.arms)
            #expect(reversed.aToB == arms.bToA && reversed.bToA5y == arms.aToB5y)
        }
        let usaJpn = try #require(try loaded.store.structure(a: "USA", b: "JPN", year: 2018)?.arms)
        #expect(usaJpn.source.file == "TIV-Export-JAP-1950-2021.csv, TIV-Export-USA-1950-2021.csv")
        #expect(try loaded.store.structure(a: "USA", b: "JPN", year: 2022)?.arms == nil)
    }

    @Test func atopObligationsAreDirectedAndCarriedForward() throws {
        let loaded = try Self.loaded.get()
        let reference = try Self.reference.get().atop
        let y2018 = try #require(try loaded.store.structure(a: "USA", b: "JPN", year: 2018)?.alliance)
        let expected = try #require(reference["USA-JPN-2018"])
        #expect(Set(y2018.aToB.map(Self.atopName)) == Set(expected.aToB))
        #expect(Set(y2018.bToA.map(Self.atopName)) == Set(expected.bToA))
        // The asymmetry: the United States owes Japan defence; Japan owes non-aggression and consultation.
        #expect(y2018.aToB.contains(.defenceConsultation) && y2018.strongestAToB == .defenceConsultation)
        #expect(Set(y2018.bToA) == [.nonAggression, .consultation] && y2018.strongestBToA == .consultation)
        #expect(!y2018.carriedForward && y2018.source.dataset == "ATOP" && y2018.source.version == "5.1")
        let y2021 = try #require(try loaded.store.structure(a: "USA", b: "JPN", year: 2021)?.alliance)
        let expected2021 = try #require(reference["USA-JPN-2021"])
        #expect(expected2021.carriedForward && y2021.carriedForward)
        #expect(Set(y2021.aToB.map(Self.atopName)) == Set(expected2021.aToB) && y2021.bToA == y2018.bToA)
        #expect(y2021.source.note == "ATOP 5.1, carried forward from 2018")
    }

    @Test func disputesMatchTheReferenceInTheOrderAsked() throws {
        let loaded = try Self.loaded.get()
        for key in ["USA-RUS-2014", "RUS-USA-2014"] {
            let expected = try #require(try Self.reference.get().mids[key])
            let p = key.split(separator: "-").map(String.init)
            let got = try #require(try loaded.store.structure(a: p[0], b: p[1], year: 2014)?.disputes)
            #expect(got.map(\.dispnum) == expected.map(\.dispnum), "\(key)")
            #expect(got.map(\.hiactA) == expected.map(\.hiactA) && got.map(\.hiactB) == expected.map(\.hiactB), "\(key)")
            #expect(got.map(\.hostlevA) == expected.map(\.hostlevA) && got.map(\.hostlevB) == expected.map(\.hostlevB), "\(key)")
        }
        // After the MIDs' last year (2014): no dispute layer.
        #expect(try loaded.store.structure(a: "USA", b: "RUS", year: 2015)?.disputes == nil)
    }

    /// A ten-year range for one dyad answers quickly (DESIGN.md: assessing a dyad over ten years
    /// from the store in under 50 ms; this is one part of it).
    @Test func aTenYearRangeIsAnsweredQuickly() throws {
        let loaded = try Self.loaded.get()
        let started = Date()
        let years = try loaded.store.structure(a: "RUS", b: "PRK", from: 2010, to: 2019)
        let elapsed = Date().timeIntervalSince(started)
        #expect(years.map(\.year) == Array(2010...2019))
        #expect(elapsed < 1.0, "\(elapsed) s")
        print("structure RUS-PRK 2010-2019: \(String(format: "%.1f", elapsed * 1000)) ms")
    }
}
