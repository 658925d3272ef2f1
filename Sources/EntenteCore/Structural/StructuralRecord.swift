/// A UN General Assembly vote, coded as in Voeten's data (1 yes, 2 abstain, 3 no). Absences and
/// non-membership are not votes: they are left out of every measure.
public enum UNGAVote: Int, Sendable, Codable, CaseIterable {
    case yes = 1
    case abstain = 2
    case no = 3
}

/// ATOP's five obligation indicators for one directed dyad-year (first state toward the second).
public struct ATOPFlags: Hashable, Sendable, Codable {
    public var defense: Bool
    public var offense: Bool
    public var neutral: Bool
    public var nonaggression: Bool
    public var consultation: Bool

    public init(
        defense: Bool = false, offense: Bool = false, neutral: Bool = false, nonaggression: Bool = false, consultation: Bool = false
    ) {
        self.defense = defense
        self.offense = offense
        self.neutral = neutral
        self.nonaggression = nonaggression
        self.consultation = consultation
    }
}

/// One militarised interstate dispute as seen from a directed dyad-year: each side's highest
/// action (COW `hiact`, 0–21) and hostility level (`hostlev`, 1–5).
public struct DisputeSides: Hashable, Sendable, Codable {
    public var dispnum: Int
    public var hiactA: Int
    public var hiactB: Int
    public var hostlevA: Int
    public var hostlevB: Int

    public init(dispnum: Int, hiactA: Int, hiactB: Int, hostlevA: Int, hostlevB: Int) {
        self.dispnum = dispnum
        self.hiactA = hiactA
        self.hiactB = hiactB
        self.hostlevA = hostlevA
        self.hostlevB = hostlevB
    }

    /// The same dispute seen from the other side.
    public var reversed: DisputeSides {
        DisputeSides(dispnum: dispnum, hiactA: hiactB, hiactB: hiactA, hostlevA: hostlevB, hostlevB: hostlevA)
    }
}

/// What a structural reader made of one row: a value keyed by states as ISO3 codes.
public enum StructuralRecord: Sendable, Equatable {
    /// ATOP: obligations of `a` toward `b` in `year`.
    case alliance(a: String, b: String, year: Int, flags: ATOPFlags)
    /// A state's vote in a roll call.
    case vote(rcid: Int, country: String, vote: UNGAVote)
    /// A roll call's date (`yyyymmdd`) and session.
    case rollCall(rcid: Int, date: Int, session: Int, important: Bool)
    /// An issue tag of a roll call (`me`, `nu`, `di`, `hr`, `co`, `ec`).
    case issue(rcid: Int, tag: String)
    /// A state's ideal point in a year.
    case idealPoint(country: String, year: Int, value: Double)
    /// Arms delivered by `supplier` to `recipient` in `year`, in TIV millions. `belowHalf`: SIPRI's
    /// "0", a delivery worth less than 0.5 million, stored as 0.
    case tiv(supplier: String, recipient: String, year: Int, value: Double, belowHalf: Bool)
    /// A dispute between `a` and `b` in `year`, sides oriented as `a`, `b`.
    case dispute(a: String, b: String, year: Int, sides: DisputeSides)
}

/// Why a structural row (or a cell of it) was not kept.
///
/// Rejected rows are malformed; dropped rows are well-formed but out of Entente's unit (a state
/// with no ISO3 code, a non-state actor, a missing value, an absence). Either way each is
/// counted by reason and value, with example lines.
public enum StructuralIssueReason: String, Sendable, Codable, CaseIterable, Comparable {
    // MARK: Rejected
    case wrongColumnCount = "wrong column count"
    case nonNumeric = "non-numeric or out-of-range value"
    case badDate = "malformed date"
    case unknownCountryCode = "unknown country code"
    case unknownCountryName = "unknown country name"
    case unknownVote = "unknown vote value"
    case unterminatedQuote = "unterminated quoted field (truncated file?)"
    case duplicate = "duplicate key (an earlier row or file holds it)"

    // MARK: Dropped
    case noISO3 = "state with no ISO3 code (dropped)"
    case nonState = "non-state actor or organisation (dropped)"
    case missingValue = "missing value"
    case absent = "absent or not a member (not a vote)"
    case sameState = "both sides map to the same state (dropped)"

    /// Whether the row is malformed (as opposed to out of scope).
    public var isRejection: Bool {
        switch self {
        case .noISO3, .nonState, .missingValue, .absent, .sameState: false
        default: true
        }
    }

    public static func < (lhs: StructuralIssueReason, rhs: StructuralIssueReason) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A row (or cell) that was not kept: where, why, and the offending value.
public struct StructuralRowIssue: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var reason: StructuralIssueReason
    /// The value at fault ("999", "Zanzibar", "maybe"), when there is one.
    public var value: String?
    public var detail: String

    public init(file: String, line: Int, reason: StructuralIssueReason, value: String?, detail: String) {
        self.file = file
        self.line = line
        self.reason = reason
        self.value = value
        self.detail = detail
    }
}
