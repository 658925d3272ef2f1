import EntenteCore
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

/// Ingesting structural files into a store and reading dyads back, on constructed files.
@Suite struct StructuralStoreTests {
    static let atopHeader = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul"

    static func store(_ folder: TemporaryFolder) throws -> EventStore {
        try EventStore(home: folder.url.appendingPathComponent("home").path)
    }

    @Test func ingestIsIdempotentAndAnswersInTheOrderAsked() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        let file = try folder.write(
            "atop.csv", lines: [Self.atopHeader, "2,740,2018,1,0,0,1,1", "740,2,2018,0,0,0,1,1", "2,740,1999,1,0,0,0,0"])
        let first = try store.ingestStructural(file, format: nil, replace: false)
        #expect(first.format == .atop && !first.alreadyIngested && first.rowsRead == 3 && first.kept == 3)
        #expect(first.firstYear == 1999 && first.lastYear == 2018 && first.source?.version == "5.1")
        let again = try store.ingestStructural(file, format: nil, replace: false)
        #expect(again.alreadyIngested && again.kept == 0)

        let usaJpn = try #require(try store.structure(a: "USA", b: "JPN", year: 2018))
        #expect(usaJpn.alliance?.aToB == [.defenceConsultation, .consultation, .nonAggression])
        #expect(usaJpn.alliance?.bToA == [.consultation, .nonAggression])
        let jpnUsa = try #require(try store.structure(a: "jpn", b: "USA", year: 2018))
        #expect(jpnUsa.a == "JPN" && jpnUsa.alliance?.aToB == usaJpn.alliance?.bToA && jpnUsa.alliance?.bToA == usaJpn.alliance?.aToB)
        // 2000: inside ATOP's years, no obligation that year: empty lists, not absent.
        #expect(try store.structure(a: "USA", b: "JPN", year: 2000)?.alliance?.aToB == [])
        // 2021: carried forward from the last year of the ingested data.
        let carried = try #require(try store.structure(a: "USA", b: "JPN", year: 2021)?.alliance)
        #expect(
            carried.carriedForward && carried.aToB == usaJpn.alliance?.aToB && carried.source.note == "ATOP 5.1, carried forward from 2018")
        #expect(try store.structure(a: "USA", b: "JPN", year: 1990) == nil)
        #expect(try store.structure(a: "USA", b: "JPN", from: 1998, to: 2001).map(\.year) == [1999, 2000, 2001])
        #expect(throws: EntenteError.self) { try store.structure(a: "USA", b: "XXX", year: 2018) }
        #expect(throws: EntenteError.self) { try store.structure(a: "USA", b: "usa", year: 2018) }

        let layers = try store.structuralLayers()
        #expect(layers.map(\.layer) == StructuralFormat.allCases)
        let atop = try #require(layers.first { $0.layer == .atop })
        #expect(atop.files == 1 && atop.rows == 3 && atop.firstYear == 1999 && atop.lastYear == 2018)
        #expect(layers.filter { $0.layer != .atop }.allSatisfy { $0.files == 0 && $0.rows == 0 && $0.firstYear == nil })
    }

    @Test func duplicatesAreReportedAndReplacedOnlyWhenAsked() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        _ = try store.ingestStructural(
            try folder.write("a.csv", lines: [Self.atopHeader, "2,740,2018,1,0,0,1,1"]), format: .atop, replace: false)
        // A later file with the same dyad-year: reported, the first value kept.
        var reports: [StructuralRowIssue] = []
        let b = try store.ingestStructural(
            try folder.write("b.csv", lines: [Self.atopHeader, "2,740,2018,0,0,0,0,1", "2,740,2017,0,0,0,0,1"]), format: .atop,
            replace: false,
            onIssue: { reports.append($0) })
        #expect(b.kept == 1 && b.duplicates == 1 && b.replaced == 0 && b.rejected == 0)
        #expect(reports.map(\.line) == [2] && reports.first?.reason == .duplicate && reports.first?.value == "USA→JPN 2018")
        #expect(b.issues.first { $0.reason == .duplicate }?.lines == [2])
        #expect(
            try store.structure(a: "USA", b: "JPN", year: 2018)?.alliance?.aToB == [.defenceConsultation, .consultation, .nonAggression])
        // With replace: the later file wins.
        let c = try store.ingestStructural(
            try folder.write("c.csv", lines: [Self.atopHeader, "2,740,2018,0,0,0,0,1"]), format: .atop, replace: true)
        #expect(c.kept == 1 && c.replaced == 1 && c.duplicates == 0)
        #expect(try store.structure(a: "USA", b: "JPN", year: 2018)?.alliance?.aToB == [.consultation])
        #expect(try store.structuralLayers().first?.files == 3)
    }

    @Test func aFailedFileLeavesTheStoreUnchanged() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        // A wrong header: a clear error naming the file and line 1.
        let bad = try folder.write("bad.csv", lines: ["ccode1,ccode2,year,defence", "2,740,2018,1"])
        do {
            _ = try store.ingestStructural(bad, format: .atop, replace: false)
            Issue.record("a wrong header must throw")
        } catch let error as EntenteError {
            #expect(error.code == .unknownFormat && error.line == 1 && error.file == bad.path)
        }
        #expect(throws: EntenteError.self) { _ = try store.ingestStructural(bad, format: nil, replace: false) }
        // A failure half-way (the caller's rejects file cannot be written): nothing of the file stays.
        let good = try folder.write(
            "good.csv", lines: [Self.atopHeader, "2,740,2018,1,0,0,1,1", "999,2,2018,1,0,0,0,0", "740,2,2018,0,0,0,1,1"])
        struct Stop: Error {}
        #expect(throws: (any Error).self) {
            _ = try store.ingestStructural(good, format: nil, replace: false, onIssue: { _ in throw Stop() })
        }
        #expect(try store.structuralLayers().allSatisfy { $0.files == 0 && $0.rows == 0 })
        #expect(try store.status().files == 0)
        // The same file then ingests (its hash was not logged by the failed attempt).
        let ok = try store.ingestStructural(good, format: nil, replace: false)
        #expect(!ok.alreadyIngested && ok.kept == 2 && ok.rejected == 1)
        #expect(
            ok.issues == [
                StructuralIngestResult.Issue(reason: .unknownCountryCode, value: "999", rejected: true, count: 1, lines: [3], examples: nil)
            ])
    }

    @Test func aTruncatedFileKeepsItsGoodRows() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        let bytes = Array((Self.atopHeader + "\n2,740,2018,1,0,0,1,1\n740,2,2018,0,0,0,1,1\n2,740,20").utf8)
        let r = try store.ingestStructural(try folder.write("cut.csv", bytes), format: nil, replace: false)
        #expect(r.kept == 2 && r.rejected == 1 && r.issues.first?.reason == .wrongColumnCount && r.issues.first?.lines == [4])
    }

    /// The three UN votes files in any order: votes before their roll calls still join.
    @Test func unVotesFilesJoinInAnyOrder() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        let issues = try folder.write(
            "un_roll_call_issues.csv", lines: ["rcid,short_name,issue", "1,me,Palestinian conflict", "2,hr,Human rights"])
        let votes = try folder.write(
            "un_votes.csv",
            lines: [
                "rcid,country,country_code,vote",
                "1,United States,US,no", "1,Israel,IL,no",
                "2,United States,US,no", "2,Israel,IL,yes",
                "3,United States,US,yes", "3,Israel,IL,yes",
                "4,United States,US,yes",  // Israel absent: not counted
                "5,United States,US,yes", "5,Israel,IL,yes",  // 2019
            ])
        let calls = try folder.write(
            "un_roll_calls.csv",
            lines: [
                "rcid,session,importantvote,date,unres,amend,para,short,descr",
                "1,73,0,2018-12-01,R/73/1,0,0,A,B", "2,73,1,2018-12-02,R/73/2,0,0,A,B", "3,73,0,2018-12-03,R/73/3,0,0,A,B",
                "4,73,0,2018-12-04,R/73/4,0,0,A,B", "5,74,0,2019-01-04,R/74/1,0,0,A,B",
            ])
        for file in [issues, votes] { _ = try store.ingestStructural(file, format: nil, replace: false) }
        // Votes without roll calls cover no year yet.
        #expect(try store.structure(a: "USA", b: "ISR", year: 2018) == nil)
        let r = try store.ingestStructural(calls, format: .ungaVotes, replace: false)
        #expect(r.part == .rollCalls && r.kept == 5 && r.firstYear == 2018 && r.lastYear == 2019)
        let s = try #require(try store.structure(a: "USA", b: "ISR", year: 2018)?.unga)
        // Joint votes (USA, ISR): (no, no), (no, yes), (yes, yes): p_o = 2/3;
        // USA: no 2/3, yes 1/3; ISR: no 1/3, yes 2/3; p_e = 2/9 + 2/9 = 4/9; κ = (2/3 − 4/9)/(5/9) = 2/5.
        #expect(s.rollCalls == 3)
        #expect(abs((s.agreement ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(abs((s.kappa ?? 0) - 0.4) < 1e-12)
        #expect(s.byIssue?["me"]?.rollCalls == 1 && s.byIssue?["me"]?.agreement == 1 && s.byIssue?["me"]?.kappa == nil)
        #expect(s.byIssue?["hr"]?.agreement == 0)
        #expect(s.source.file == "un_roll_call_issues.csv, un_roll_calls.csv, un_votes.csv")
        #expect(try store.structure(a: "USA", b: "ISR", year: 2019)?.unga?.rollCalls == 1)
        let layer = try #require(try store.structuralLayers().first { $0.layer == .ungaVotes })
        #expect(layer.files == 3 && layer.rows == 9 && layer.parts == ["votes": 9, "roll-calls": 5, "issues": 2])
        #expect(layer.firstYear == 2018 && layer.lastYear == 2019)
    }

    @Test func sipriIdealPointsAndDisputesFillTheirLayers() throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        let table = [
            "\"TIV of arms exports from United States, 2014-2018\",,,,,,", "Generated: 28 July 2022,,,,,,",
            ",2014,2015,2016,2017,2018,Total",
            "Japan,1,,0,5,632,638", "NATO**,1,,,,,1", ",,,,,,", "Total,2,,,5,632,639",
        ]
        let sipri = try store.ingestStructural(try folder.write("TIV-Export-USA-2014-2018.csv", lines: table), format: nil, replace: false)
        #expect(sipri.format == .sipriTIV && sipri.kept == 4 && sipri.belowHalf == 1 && sipri.dropped == 1)
        #expect(sipri.issues.map(\.value) == ["NATO**"])
        _ = try store.ingestStructural(
            try folder.write(
                "ip.csv",
                lines: ["ccode,iso3c,countryname,year,idealpointfp", "2,USA,United States,2018.0,2.69", "740,JPN,Japan,2018.0,0.75"]),
            format: nil, replace: false)
        let header = "dispnum,ccode1,ccode2,year,hiact1,hiact2,hostlev1,hostlev2"
        _ = try store.ingestStructural(
            try folder.write("mid.csv", lines: [header, "7,2,740,2014,7,0,3,1"]), format: .cowMID, replace: false)

        let s = try #require(try store.structure(a: "JPN", b: "USA", year: 2018))
        #expect(s.arms?.bToA == 632 && s.arms?.aToB == 0 && s.arms?.bToA5y == 638 && s.arms?.aToB5y == 0)
        #expect(s.arms?.source.file == "TIV-Export-USA-2014-2018.csv" && s.arms?.source.version == "generated 28 July 2022")
        #expect(abs((s.unga?.idealPointDistance ?? 0) - 1.94) < 1e-12 && s.unga?.idealPointA == 0.75 && s.unga?.rollCalls == nil)
        #expect(s.disputes == nil)
        #expect(try store.structure(a: "JPN", b: "USA", year: 2016)?.arms?.bToABelowHalf == true)
        // Disputes oriented as asked; a year of the MID data without a dispute is an empty list.
        let d = try #require(try store.structure(a: "JPN", b: "USA", year: 2014)?.disputes)
        #expect(d.map(\.dispnum) == [7] && d.first?.hiactA == 0 && d.first?.hiactB == 7 && d.first?.hostlevB == 3)
        #expect(try store.structure(a: "USA", b: "JPN", year: 2014)?.disputes?.first?.hiactA == 7)
        // SIPRI covers only its years: 2019 has no arms layer.
        #expect(try store.structure(a: "USA", b: "JPN", year: 2019) == nil)
    }
}
