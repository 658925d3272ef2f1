/// Parses ICEWS event rows (tab-separated, with a header) into normalised ``Event``s.
///
/// Columns are found by their header names, so their order may vary. ICEWS gives countries by
/// name ("Russian Federation"); they are mapped to ISO3 through ``Country/named(_:)``.
/// `Intensity` is ICEWS's Goldstein-scale value; ICEWS has no mentions, articles or tone.
/// A row holding a NUL byte is rejected (``RowIssue/nulByte``), never cut short.
public struct ICEWSRowParser: EventRowParser {
    static let required = [
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
        "Intensity", "Target Name", "Target Sectors", "Target Country", "Publisher",
    ]

    private var index: [String: Int] = [:]
    private var columnCount = 0
    /// Whether the header (the first non-blank line) has been read.
    private var sawHeader = false
    private var fields = FieldScanner()
    /// Set when the header lacks a required column; every row is then rejected with it.
    private var headerProblem: String?

    public init() {}

    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> RowOutcome {
        if line.isEmpty { return .blank }
        fields.scan(line)
        if !sawHeader {
            sawHeader = true
            for i in 0..<fields.count { index[fields.string(i, in: line)] = i }
            columnCount = fields.count
            let missing = Self.required.filter { index[$0] == nil }
            if !missing.isEmpty { headerProblem = "header lacks " + missing.joined(separator: ", ") }
            return .header
        }
        if let headerProblem { return .issue(.wrongColumnCount, detail: headerProblem) }
        guard fields.count == columnCount else {
            return .issue(.wrongColumnCount, detail: "\(columnCount) columns expected, found \(fields.count)")
        }
        guard line.isValidUTF8 else { return .issue(.invalidUTF8, detail: "the row is not valid UTF-8") }
        if let column = fields.firstColumn(containing: 0, in: line) {
            return .issue(.nulByte, detail: "column \(column + 1) holds a NUL byte")
        }
        func text(_ name: String) -> String { fields.string(index[name]!, in: line) }
        let id = text("Event ID")
        guard !id.isEmpty else { return .issue(.badEventID, detail: "empty Event ID") }
        guard let date = Day(text("Event Date")), text("Event Date").count == 10 else {
            return .issue(.badDate, detail: "Event Date '\(text("Event Date"))' is not a valid YYYY-MM-DD date")
        }
        guard let code = CAMEOEventCode.lookup(text("CAMEO Code")) else {
            return .issue(.unknownEventCode, detail: "CAMEO Code '\(text("CAMEO Code"))' is not a CAMEO code")
        }
        guard let intensity = fields.double(index["Intensity"]!, in: line), (-10...10).contains(intensity) else {
            return .issue(.badGoldstein, detail: "Intensity '\(text("Intensity"))'")
        }
        let sourceCountry = text("Source Country"), targetCountry = text("Target Country")
        for (side, country) in [("Source", sourceCountry), ("Target", targetCountry)] where country.isEmpty || country == "NA" {
            return .issue(side == "Source" ? .noSourceState : .noTargetState, detail: "\(side) Country is empty")
        }
        guard let source = Country.named(sourceCountry) else {
            return .issue(.unknownCountryName, detail: "Source Country '\(sourceCountry)' is not a known country name")
        }
        guard let target = Country.named(targetCountry) else {
            return .issue(.unknownCountryName, detail: "Target Country '\(targetCountry)' is not a known country name")
        }
        let publisher = text("Publisher")
        return .event(
            Event(
                dataset: .icews, originalID: id, date: date,
                source: EventActor(
                    country: source.code, code: text("Source Name"), name: text("Source Name"),
                    role: ActorRole.fromICEWSSectors(text("Source Sectors"))),
                target: EventActor(
                    country: target.code, code: text("Target Name"), name: text("Target Name"),
                    role: ActorRole.fromICEWSSectors(text("Target Sectors"))),
                eventCode: code.code, quadClass: code.quadClass, goldstein: intensity,
                publisher: publisher.isEmpty || publisher == "NA" ? nil : publisher))
    }
}
