/// The event-file layouts Entente reads.
public enum EventFormat: String, Sendable, Codable, CaseIterable {
    /// GDELT 2.0 events: 61 tab-separated columns, no header.
    case gdelt2
    /// GDELT 1.0 events: 58 columns (daily files since April 2013) or 57 (historical back-files),
    /// both allowed in one file.
    case gdelt1
    /// ICEWS events: tab-separated with a header row.
    case icews

    /// The dataset events of this format belong to.
    public var dataset: Dataset {
        switch self {
        case .gdelt2: .gdelt2
        case .gdelt1: .gdelt1
        case .icews: .icews
        }
    }

    /// Recognises a format from the first line of a file; `nil` when it is none of them.
    public static func detect(firstLine line: UnsafeBufferPointer<UInt8>) -> EventFormat? {
        if line.starts(with: Array("Event ID\t".utf8)) { return .icews }
        let tabs = line.reduce(0) { $0 + ($1 == 0x09 ? 1 : 0) }
        // GDELT lines start with a numeric GLOBALEVENTID and an 8-digit SQLDATE.
        guard let firstTab = line.firstIndex(of: 0x09), firstTab > 0,
            line[0..<firstTab].allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        switch tabs + 1 {
        case GDELTRowParser.gdelt2Columns: return .gdelt2
        case GDELTRowParser.gdelt1Columns, GDELTRowParser.gdelt1Columns - 1: return .gdelt1
        default: return nil
        }
    }
}
