/// Why a row was not kept. Rejected rows are malformed; skipped rows are well-formed but are not
/// an event between two states (Entente's unit), so they are counted and left out.
public enum RowIssue: String, Sendable, Codable, CaseIterable, Comparable {
    // MARK: Rejected: the row is malformed
    /// Longer than the line cap (``LineSplitter/maxLineBytes``, 1 MiB unless
    /// `ENTENTE_MAX_LINE_BYTES` says otherwise): not parsed, and not held in memory.
    case lineTooLong = "line too long"
    case wrongColumnCount = "wrong column count"
    case invalidUTF8 = "non-UTF-8 bytes"
    /// A NUL byte in a field (`RUS\0SIA`): a C string would silently cut the value there.
    case nulByte = "NUL byte in a field"
    case badEventID = "missing event id"
    case badDate = "impossible or malformed date"
    case unknownEventCode = "unknown CAMEO event code"
    case badGoldstein = "non-numeric or out-of-range Goldstein"
    case badTone = "non-numeric tone"
    case badCount = "non-numeric mentions, sources or articles"
    case unknownCountryCode = "unknown actor country code"
    case unknownCountryName = "unknown actor country name"

    // MARK: Skipped: well-formed, but not a state–state event
    case noSourceState = "empty source actor country"
    case noTargetState = "empty target actor country"
    case regionActor = "actor is a region or group, not a state"

    /// Whether the row is malformed (as opposed to out of scope).
    public var isRejection: Bool {
        switch self {
        case .noSourceState, .noTargetState, .regionActor: false
        default: true
        }
    }

    public static func < (lhs: RowIssue, rhs: RowIssue) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a parser made of one line.
public enum RowOutcome: Sendable {
    case event(Event)
    /// A header line (ICEWS); neither kept nor rejected.
    case header
    /// An empty line; ignored.
    case blank
    /// Not kept, with why and a short detail ("61 columns expected, found 12").
    case issue(RowIssue, detail: String)
}

/// A parser of one event-file format, fed one line at a time.
public protocol EventRowParser {
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> RowOutcome
}
