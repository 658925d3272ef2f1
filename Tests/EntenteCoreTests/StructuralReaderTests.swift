import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// The structural readers on constructed files: detection, headers, and every kind of bad row.
@Suite struct StructuralReaderTests {
    struct Read {
        var info: StructuralFileInfo
        var records: [(StructuralRecord, Int)]
        var issues: [StructuralRowIssue]
    }

    static func read(_ url: URL, format: StructuralFormat? = nil) throws -> Read {
        var records: [(StructuralRecord, Int)] = []
        var issues: [StructuralRowIssue] = []
        let info = try StructuralReader.read(url, format: format, onRecord: { records.append(($0, $1)) }, onIssue: { issues.append($0) })
        return Read(info: info, records: records, issues: issues)
    }

    static let atopHeader = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul"
    static let midHeader =
        "dispnum,ccode1,ccode2,year,dispongoing,disponset,sidea1,sidea2,fatality1,fatality2,fatalpre1,fatalpre2,"
        + "hiact1,hiact2,hostlev1,hostlev2,orig1,orig2"

    // MARK: - CSV

    @Test func csvRecordsFollowPythonsDefaultDialect() throws {
        let text = "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n\n\"two\nlines\",x,\"\"\nlast,\"open"
        var rows: [([String], Int, Bool)] = []
        try CSVRecordReader.read(bytes: Array(text.utf8)) { r, line in rows.append(((0..<r.count).map(r.string), line, r.isUnterminated)) }
        #expect(rows.count == 3)
        #expect(rows[0].0 == ["a", "b, with comma", "say \"hi\""] && rows[0].1 == 1)
        // The blank line 2 is skipped; the quoted field spans lines 3–4.
        #expect(rows[1].0 == ["two\nlines", "x", ""] && rows[1].1 == 3)
        #expect(rows[2].0 == ["last", "open"] && rows[2].1 == 5 && rows[2].2)
    }

    @Test func csvNumbersParseFromBytes() throws {
        var record: CSVRecord?
        try CSVRecordReader.read(bytes: Array("1946.0,-12,1.5,NA,,x1,2.50".utf8)) { r, _ in record = r }
        let r = try #require(record)
        #expect(r.int(0) == 1946 && r.int(1) == -12 && r.int(2) == nil && r.int(3) == nil && r.int(4) == nil && r.int(5) == nil)
        #expect(r.double(2) == 1.5 && r.double(3) == nil && r.double(4) == nil && r.double(6) == 2.5)
        #expect(r.equals(3, "NA") && !r.equals(3, "N"))
    }

    // MARK: - Detection

    @Test func formatsAreDetectedFromTheirHeaders() {
        func detect(_ name: String, _ line: String) -> StructuralFormat? {
            StructuralFormat.detect(url: URL(fileURLWithPath: "/d/\(name)"), firstLine: line)
        }
        #expect(detect("atop_alliance.csv", Self.atopHeader) == .atop)
        #expect(
            detect(
                "x.csv", "\"ccode1\",\"ccode2\",\"year\",\"atop_defense\",\"atop_offense\",\"atop_neutral\",\"atop_nonagg\",\"atop_consul\""
            ) == .atop)
        #expect(detect("m.csv", Self.midHeader) == .cowMID)
        #expect(detect("ip.csv", "ccode,iso3c,countryname,year,idealpointfp,idealpointall") == .ungaIdealPoints)
        #expect(detect("v.csv", "rcid,country,country_code,vote") == .ungaVotes)
        #expect(StructuralFormat.ungaPart(firstLine: "rcid,country,country_code,vote") == .votes)
        #expect(StructuralFormat.ungaPart(firstLine: "rcid,session,importantvote,date,unres,amend,para,short,descr") == .rollCalls)
        #expect(StructuralFormat.ungaPart(firstLine: "rcid,short_name,issue") == .issues)
        let title = "\"TIV of arms exports from United States, 1950-2021\",,,,"
        #expect(detect("TIV-Export-USA-1950-2021.csv", title) == .sipriTIV)
        // Only TIV-Export-*.csv files are SIPRI tables; the other files of its folder are not.
        #expect(detect("sipri-exports-processed.csv", title) == nil)
        #expect(detect("sipri-exports-processed.csv", "supplier,recipient,year,value,supplier_cown") == nil)
        #expect(detect("TIV-Export-USA-1950-2021.csv", "ccode1,ccode2") == nil)
        #expect(detect("README.md", "# Arms transfers") == nil)
        #expect(SIPRITIVReader.supplierName(title: "TIV of arms exports from Bosnia-Herzegovina, 1950-2021") == "Bosnia-Herzegovina")
    }

    @Test func wrongHeadersAreAClearUnknownFormatError() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("atop.csv", lines: ["ccode1,ccode2,yr,defense", "2,740,2018,1"])
        #expect(throws: EntenteError.self) { _ = try Self.read(file) }
        do {
            _ = try Self.read(file, format: .atop)
            Issue.record("a wrong ATOP header must throw")
        } catch let error as EntenteError {
            #expect(error.code == .unknownFormat && error.line == 1 && error.file == file.path)
            #expect(error.message.contains("atop_defense"))
        }
        let sipri = try folder.write(
            "TIV-Export-XXX-1950-2021.csv", lines: ["\"TIV of arms exports from Atlantis, 1950-2021\"", "no header here"])
        #expect(throws: EntenteError.self) { _ = try Self.read(sipri, format: .sipriTIV) }
    }

    // MARK: - ATOP

    @Test func atopBadRowsAreCountedWithValueAndLineAndGoodRowsKept() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "atop.csv",
            lines: [
                Self.atopHeader,
                "2,740,2018,1,0,0,1,1",  // 2 USA → JPN: defence, non-aggression, consultation
                "740,2,2018,0,0,0,1,1",  // 3 JPN → USA
                "999,2,2018,1,0,0,0,0",  // 4 unknown COW code
                "265,260,1960,1,0,0,0,0",  // 5 East Germany: no ISO3
                "2,740,20x8,1,0,0,0,0",  // 6 non-numeric year
                "2,740,2017,1,0,2,0,0",  // 7 out of range flag
                "2,740,2016,1,0",  // 8 truncated
            ])
        let r = try Self.read(file)
        #expect(r.info.format == .atop && r.info.rowsRead == 7)
        #expect(r.records.map(\.1) == [2, 3])
        #expect(
            r.records[0].0
                == .alliance(a: "USA", b: "JPN", year: 2018, flags: ATOPFlags(defense: true, nonaggression: true, consultation: true)))
        #expect(r.records[1].0 == .alliance(a: "JPN", b: "USA", year: 2018, flags: ATOPFlags(nonaggression: true, consultation: true)))
        #expect(r.issues.map(\.line) == [4, 5, 6, 7, 8])
        #expect(r.issues.map(\.reason) == [.unknownCountryCode, .noISO3, .nonNumeric, .nonNumeric, .wrongColumnCount])
        #expect(r.issues[0].value == "999" && r.issues[1].value == "265 German Democratic Republic" && r.issues[2].value == "20x8")
        #expect(r.issues.allSatisfy { $0.file == "atop.csv" })
        #expect(r.info.firstYear == 2018 && r.info.lastYear == 2018)
        #expect(r.info.source.version == "5.1" && r.info.source.file == "atop.csv")
    }

    // MARK: - UN votes

    @Test func votesMapISO2AndEmptyCodesByNameAndCountTheRest() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "un_votes.csv",
            lines: [
                "rcid,country,country_code,vote",
                "3,United States,US,yes",  // 2
                "3,Namibia,,no",  // 3: empty code (ISO2 NA read as missing) → NAM by name
                "3,Zanzibar,,yes",  // 4: dropped by name
                "3,Atlantis,,yes",  // 5: unknown name
                "3,Nowhere,QQ,yes",  // 6: unknown code
                "3,Russia,RU,maybe",  // 7: unknown vote
                "x,Russia,RU,yes",  // 8: non-numeric rcid
                "4,German Democratic Republic,DD,abstain",  // 9: withdrawn code, dropped
                "4,Yugoslavia,YU,abstain",  // 10: YU → SRB
                "4,\"Korea, Republic of\",KR,abstain",  // 11: quoted name
                "5,Japan,JP",  // 12: truncated
            ])
        let r = try Self.read(file)
        #expect(r.info.part == .votes && r.info.rowsRead == 11)
        #expect(
            r.records.map(\.0) == [
                .vote(rcid: 3, country: "USA", vote: .yes), .vote(rcid: 3, country: "NAM", vote: .no),
                .vote(rcid: 4, country: "SRB", vote: .abstain), .vote(rcid: 4, country: "KOR", vote: .abstain),
            ])
        #expect(
            r.issues.map(\.reason) == [
                .noISO3, .unknownCountryName, .unknownCountryCode, .unknownVote, .nonNumeric, .noISO3, .wrongColumnCount,
            ])
        #expect(r.issues.map(\.value) == ["Zanzibar", "Atlantis", "QQ", "maybe", "x", "DD German Democratic Republic", "3"])
        #expect(r.issues.map(\.line) == [4, 5, 6, 7, 8, 9, 12])
    }

    @Test func rollCallsAndIssuesAreReadByRcid() throws {
        let folder = TemporaryFolder()
        let calls = try folder.write(
            "un_roll_calls.csv",
            lines: [
                "rcid,session,importantvote,date,unres,amend,para,short,descr",
                "3,1,0,1946-01-01,R/1/66,1,0,\"AMENDMENTS, RULES\",\"A \\\"\"QUOTED\\\"\" TEXT,\nON TWO LINES\"",
                "4,1,,1946-13-02,R/1/79,0,0,X,Y",
                "5,2,1,1947-10-02,R/2/1,0,0,X,Y",
            ])
        let r = try Self.read(calls)
        #expect(r.info.part == .rollCalls)
        #expect(
            r.records.map(\.0) == [
                .rollCall(rcid: 3, date: 19_460_101, session: 1, important: false),
                .rollCall(rcid: 5, date: 19_471_002, session: 2, important: true),
            ])
        #expect(r.records.map(\.1) == [2, 5])
        #expect(r.issues.map(\.reason) == [.badDate] && r.issues.first?.line == 4)
        #expect(r.info.firstYear == 1946 && r.info.lastYear == 1947)
        let tags = try folder.write("un_roll_call_issues.csv", lines: ["rcid,short_name,issue", "77,me,Palestinian conflict", "78,,x"])
        let t = try Self.read(tags)
        #expect(t.records.map(\.0) == [.issue(rcid: 77, tag: "me")])
        #expect(t.issues.map(\.reason) == [.missingValue])
    }

    // MARK: - Ideal points

    @Test func idealPointsUseCOWCodesAndCountMissingValues() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "IdealpointsJuly2025.converted.csv",
            lines: [
                "ccode,iso3c,countryname,year,idealpointfp,idealpointall",
                "365,RUS,Russia,2023.0,-0.4113089,-1.27",  // 2
                "731,PRK,North Korea,2023.0,-0.6038933,-1.33",  // 3
                "680,YAR,Yemen People's Republic,1980.0,-1.2,-1.1",  // 4: South Yemen, mislabelled YAR: dropped
                "678,YAR,Yemen Arab Republic,1980.0,-0.5,-0.4",  // 5: North Yemen → YEM
                "260,,,1990.0,,1.89",  // 6: missing
                "2,USA,United States,2024.0,NA,",  // 7: NA
                "2,USA,United States,2023.0,high,",  // 8: non-numeric
                ",TWN,Taiwan,1960.0,1.0,",  // 9: no ccode: iso3c used
            ])
        let r = try Self.read(file)
        #expect(
            r.records.map(\.0) == [
                .idealPoint(country: "RUS", year: 2023, value: -0.4113089), .idealPoint(country: "PRK", year: 2023, value: -0.6038933),
                .idealPoint(country: "YEM", year: 1980, value: -0.5), .idealPoint(country: "TWN", year: 1960, value: 1.0),
            ])
        #expect(r.issues.map(\.reason) == [.noISO3, .missingValue, .missingValue, .nonNumeric])
        #expect(r.issues.map(\.line) == [4, 6, 7, 8])
        #expect(r.info.source.version == "July 2025")
    }

    // MARK: - SIPRI

    static func sipriTable(supplier: String = "United States", rows: [String]) -> [String] {
        let years = (2015...2018).map(String.init).joined(separator: ",")
        return [
            "\"TIV of arms exports from \(supplier), 2015-2018\",,,,,",
            "Figures are SIPRI Trend Indicator Values (TIVs) expressed in millions.,,,,,",
            "A '0' indicates that the value of deliveries is less than 0.5m,,,,,",
            ",,,,,",
            "Source: SIPRI Arms Transfers Database,,,,,",
            "Generated: 28 July 2022,,,,,",
            ",\(years),Total",
        ] + rows + [",,,,,", "Total,1,2,3,4,10"]
    }

    @Test func sipriTablesKeepValuesFlagZerosAndDropNonStates() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "TIV-Export-USA-2015-2018.csv",
            lines: Self.sipriTable(rows: [
                "Japan,100,,0,632,732",  // 8: 2015 100, 2016 blank (none), 2017 "0" (under 0.5 m), 2018 632
                "NATO**,,5,,,5",  // 9: an organisation
                "Atlantis,1,,,,1",  // 10: unknown name
                "South Vietnam,3,,,,3",  // 11: no ISO3
                "Israel,x,7,,,7",  // 12: one bad cell, the other kept
                "Taiwan,1,2",  // 13: truncated
            ]))
        let r = try Self.read(file)
        #expect(r.info.format == .sipriTIV && r.info.supplierName == "United States")
        #expect(r.info.firstYear == 2015 && r.info.lastYear == 2018 && r.info.rowsRead == 6)
        #expect(r.info.source.version == "generated 28 July 2022")
        #expect(
            r.records.map(\.0) == [
                .tiv(supplier: "USA", recipient: "JPN", year: 2015, value: 100, belowHalf: false),
                .tiv(supplier: "USA", recipient: "JPN", year: 2017, value: 0, belowHalf: true),
                .tiv(supplier: "USA", recipient: "JPN", year: 2018, value: 632, belowHalf: false),
                .tiv(supplier: "USA", recipient: "ISR", year: 2016, value: 7, belowHalf: false),
            ])
        #expect(r.issues.map(\.reason) == [.nonState, .unknownCountryName, .noISO3, .nonNumeric, .wrongColumnCount])
        #expect(r.issues.map(\.value) == ["NATO**", "Atlantis", "South Vietnam", "x", "3"])
        #expect(r.issues.map(\.line) == [9, 10, 11, 12, 13])
    }

    @Test func aNonStateSuppliersRowsAreAllDropped() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "TIV-Export-UNO-2015-2018.csv", lines: Self.sipriTable(supplier: "United Nations**", rows: ["Japan,1,,,,1", "Mali,,2,,,2"]))
        let r = try Self.read(file)
        #expect(r.records.isEmpty)
        #expect(r.issues.map(\.reason) == [.nonState, .nonState] && r.issues.allSatisfy { $0.value == "United Nations**" })
    }

    // MARK: - MIDs

    @Test func disputesKeepEachSidesActionAndHostility() throws {
        let folder = TemporaryFolder()
        let header = Self.midHeader
        let file = try folder.write(
            "cow_mid_dirdisps.csv",
            lines: [
                header, "4680,2,365,2014,1,1,0,1,0,0,0,0,0,7,1,3,0,1", "4680,365,2,2014,1,1,1,0,0,0,0,0,7,0,3,1,1,0",
                "1,300,2,1900,1,1,1,0,0,0,0,0,7,0,3,1,1,0",
            ])
        let r = try Self.read(file)
        #expect(
            r.records.map(\.0) == [
                .dispute(
                    a: "USA", b: "RUS", year: 2014, sides: DisputeSides(dispnum: 4680, hiactA: 0, hiactB: 7, hostlevA: 1, hostlevB: 3)),
                .dispute(
                    a: "RUS", b: "USA", year: 2014, sides: DisputeSides(dispnum: 4680, hiactA: 7, hiactB: 0, hostlevA: 3, hostlevB: 1)),
            ])
        #expect(r.issues.map(\.value) == ["300 Austria-Hungary"])
    }
}
