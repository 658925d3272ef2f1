import EntenteCore
import Testing

@Suite struct ICEWSRowParserTests {
    static let header =
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"

    static func row(
        id: String = "1", date: String = "2018-06-01", source: String = "Russian Federation", code: String = "042",
        intensity: String = "1.9", target: String = "North Korea"
    ) -> String {
        "\(id)\t\(date)\tSergey Lavrov\tGovernment,Foreign Ministry\t\(source)\tMake a visit\t\(code)\t\(intensity)\tKim Jong-Un\tExecutive,Government\t\(target)\t47401149\t2\tAssociated Press Newswires\tNA\tNA\tNA\tNorth Korea\t39.03\t125.75"
    }

    func parseAll(_ lines: [String]) -> [RowOutcome] {
        var parser = ICEWSRowParser()
        return lines.enumerated().map { i, line in
            Array(line.utf8).withUnsafeBufferPointer { parser.parse($0, lineNumber: i + 1) }
        }
    }

    @Test func rowIsNormalisedWithCountryNamesMappedToISO3() throws {
        let outcomes = parseAll([Self.header, Self.row()])
        guard case .header = outcomes[0], case .event(let e) = outcomes[1] else {
            Issue.record("expected header then event")
            return
        }
        #expect(e.dataset == .icews)
        #expect(e.source.country == "RUS")
        #expect(e.source.role == "GOV")
        #expect(e.target.country == "PRK")
        #expect(e.target.name == "Kim Jong-Un")
        #expect(e.goldstein == 1.9)
        #expect(e.publisher == "Associated Press Newswires")
        #expect(e.quadClass == .verbalCooperation)
    }

    @Test(arguments: [
        (row(date: "2018-02-30"), RowIssue.badDate),
        (row(code: "0999"), .unknownEventCode),
        (row(intensity: "strong"), .badGoldstein),
        (row(source: "NA"), .noSourceState),
        (row(target: ""), .noTargetState),
        (row(source: "Atlantis"), .unknownCountryName),
        (row(id: ""), .badEventID),
        ("1\t2018-06-01\ttoo few", .wrongColumnCount),
    ])
    func badRowsAreCountedByReason(line: String, expected: RowIssue) {
        guard case .issue(let issue, _) = parseAll([Self.header, line])[1] else {
            Issue.record("expected an issue")
            return
        }
        #expect(issue == expected)
    }
}
