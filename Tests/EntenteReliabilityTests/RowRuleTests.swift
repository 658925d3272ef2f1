import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// NUL bytes and over-long lines are rejected by both readers of GDELT rows, the reference
/// parser and the cube's scanner, with the same issue on the same line.
@Suite struct RowRuleTests {
    static func parse(_ text: String, format: EventFormat = .gdelt2) -> RowOutcome {
        var parser = GDELTRowParser(format: format)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: 1) }
    }

    @Test func aNulByteInAFieldRejectsTheGDELTRow() {
        var row = GDELTRow(id: 7)
        row.fields[6] = "RUS\u{0}SIA"
        guard case .issue(let issue, let detail) = Self.parse(row.line) else {
            Issue.record("a row with a NUL byte must not become an event")
            return
        }
        #expect(issue == .nulByte)
        #expect(detail == "column 7 holds a NUL byte")
        #expect(issue.isRejection)
        // The same row without the NUL byte is kept: the NUL byte alone decides.
        row.fields[6] = "RUSSIA"
        guard case .event(let event) = Self.parse(row.line) else {
            Issue.record("the clean row must be kept")
            return
        }
        #expect(event.source.name == "RUSSIA")
    }

    @Test func aNulByteInAFieldRejectsTheICEWSRow() {
        let header = [
            "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code", "Intensity",
            "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
            "Province", "Country", "Latitude", "Longitude",
        ]
        let good = [
            "1", "2018-01-02", "Vladimir Putin", "Government", "Russian Federation", "Make statement", "010", "0.0", "Kim Jong-Un",
            "Government", "North Korea", "9", "1", "TASS", "", "", "", "Russian Federation", "0", "0",
        ]
        var bad = good
        bad[2] = "Vladimir\u{0}Putin"
        var parser = ICEWSRowParser()
        var outcomes: [RowOutcome] = []
        for (i, fields) in [header, good, bad].enumerated() {
            let bytes = Array(fields.joined(separator: "\t").utf8)
            outcomes.append(bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: i + 1) })
        }
        guard case .event = outcomes[1] else {
            Issue.record("the clean ICEWS row must be kept: \(outcomes[1])")
            return
        }
        guard case .issue(let issue, let detail) = outcomes[2] else {
            Issue.record("the ICEWS row with a NUL byte must be rejected")
            return
        }
        #expect(issue == .nulByte)
        #expect(detail == "column 3 holds a NUL byte")
    }

    /// The reference path (EventFileReader) and the cube's scanner (CubeBuilder) on one file with
    /// a good row, a NUL row, a 2 MiB line and a bad date: the same rows kept, the same issue on
    /// each line.
    @Test func theCubeScannerAppliesTheSameRules() throws {
        let folder = TemporaryFolder()
        var nul = GDELTRow(id: 2)
        nul.fields[16] = "NORTH\u{0}KOREA"
        let file = try folder.write(
            "rules.export.CSV",
            lines: [GDELTRow(id: 1).line, nul.line, String(repeating: "B", count: 2 << 20), GDELTRow(id: 4, date: "2024061X").line])
        var reference: [String] = []
        var kept: [String] = []
        _ = try EventFileReader.read(
            file, onEvent: { e, _ in kept.append(e.originalID) }, onIssue: { reference.append("\($0.line):\($0.issue.rawValue)") })
        #expect(kept == ["1"])
        #expect(reference == ["2:NUL byte in a field", "3:line too long", "4:impossible or malformed date"])

        var cube = DyadCube()
        var scanned: [String] = []
        let report = CubeBuilder.build(files: [file], into: &cube, threads: 1, reportSkipped: true) {
            scanned.append("\($0.line):\($0.issue.rawValue)")
        }
        #expect(scanned.sorted() == reference)
        #expect(report.kept == 1)
        #expect(report.files.first?.counts.issues == [.nulByte: 1, .lineTooLong: 1, .badDate: 1])
    }
}
