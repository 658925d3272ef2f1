import EntenteCore
import EntenteTestSupport
import Testing

@Suite struct GDELTRowParserTests {
    func parse(_ line: String, format: EventFormat = .gdelt2) -> RowOutcome {
        var parser = GDELTRowParser(format: format)
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: 1) }
    }

    func parse(bytes: [UInt8]) -> RowOutcome {
        var parser = GDELTRowParser(format: .gdelt2)
        return bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: 1) }
    }

    func issue(_ outcome: RowOutcome) -> RowIssue? {
        if case .issue(let issue, _) = outcome { return issue }
        return nil
    }

    @Test func wellFormedRowIsNormalised() throws {
        guard case .event(let e) = parse(GDELTRow(code: "0874", goldstein: "10", tone: "-1.5", articles: "7").line) else {
            Issue.record("expected an event")
            return
        }
        #expect(e.dataset == .gdelt2)
        #expect(e.originalID == "1000001")
        #expect(e.date.description == "2024-06-19")
        #expect(e.source == EventActor(country: "RUS", code: "RUSGOV", name: "NAME1", role: "GOV"))
        #expect(e.target.country == "PRK")
        #expect(e.eventCode == "0874")
        #expect(e.rootCode == "08")
        #expect(e.quadClass == .materialCooperation)
        #expect(e.goldstein == 10)
        #expect(e.avgTone == -1.5)
        #expect(e.numArticles == 7)
        #expect(e.sourceURL == "https://example.org/story")
        #expect(e.oneADayKey == "20240619|RUSGOV|PRKGOV|0874")
    }

    @Test func gdelt1RowsWith57And58ColumnsAreBothRead() throws {
        guard case .event(let withURL) = parse(GDELTRow(columns: 58).line, format: .gdelt1) else { Issue.record("58"); return }
        #expect(withURL.sourceURL == "https://example.org/story")
        #expect(withURL.dataset == .gdelt1)
        guard case .event(let backFile) = parse(GDELTRow(columns: 57).line, format: .gdelt1) else { Issue.record("57"); return }
        #expect(backFile.sourceURL == nil)
        #expect(issue(parse(GDELTRow(columns: 61).line, format: .gdelt1)) == .wrongColumnCount)
    }

    @Test(arguments: [
        (GDELTRow(columns: 12).line, RowIssue.wrongColumnCount),
        (GDELTRow(columns: 62).line, .wrongColumnCount),
        (GDELTRow(goldstein: "high").line, .badGoldstein),
        (GDELTRow(goldstein: "12.5").line, .badGoldstein),
        (GDELTRow(goldstein: "").line, .badGoldstein),
        (GDELTRow(tone: "n/a").line, .badTone),
        (GDELTRow(articles: "-3").line, .badCount),
        (GDELTRow(date: "20230230").line, .badDate),
        (GDELTRow(date: "2023").line, .badDate),
        (GDELTRow(code: "999").line, .unknownEventCode),
        (GDELTRow(code: "").line, .unknownEventCode),
        (GDELTRow(actor1: "", actor1Country: "").line, .noSourceState),
        (GDELTRow(actor2: "", actor2Country: "").line, .noTargetState),
        (GDELTRow(actor2: "EUR", actor2Country: "EUR").line, .regionActor),
        (GDELTRow(actor1: "XYZ", actor1Country: "XYZ").line, .unknownCountryCode),
        ("abc\t" + GDELTRow().fields.dropFirst().joined(separator: "\t"), .badEventID),
    ])
    func badInputIsCountedByReason(line: String, expected: RowIssue) {
        #expect(issue(parse(line)) == expected)
    }

    @Test func nonUTF8BytesAreRejected() {
        var bytes = Array(GDELTRow().line.utf8)
        let at = bytes.count - 3
        bytes[at] = 0xFF
        #expect(issue(parse(bytes: bytes)) == .invalidUTF8)
        #expect(RowIssue.invalidUTF8.isRejection)
        #expect(!RowIssue.noSourceState.isRejection)
    }

    @Test func formatIsDetectedFromTheFirstLine() {
        func detect(_ s: String) -> EventFormat? { Array(s.utf8).withUnsafeBufferPointer { EventFormat.detect(firstLine: $0) } }
        #expect(detect(GDELTRow().line) == .gdelt2)
        #expect(detect(GDELTRow(columns: 58).line) == .gdelt1)
        #expect(detect(GDELTRow(columns: 57).line) == .gdelt1)
        #expect(detect("Event ID\tEvent Date\tSource Name") == .icews)
        #expect(detect("# Temporal Knowledge Graphs") == nil)
        #expect(detect("Ministry (Afghanistan)\tMake statement\tAfghanistan\t2014-03-06") == nil)
    }
}
