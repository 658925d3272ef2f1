/// The structural layers of a dyad in one calendar year: obligations (ATOP), UN General Assembly
/// alignment (votes and ideal points), arms transfers (SIPRI) and militarised disputes (COW MIDs).
///
/// Oriented as asked: `a` is the first state, and every `aToB` value is what A does toward B.
/// A layer that does not cover the pair or the year (no data ingested, a year past the dataset's
/// end, no ideal point for a state that year) is `nil` and its key is omitted from the JSON, never
/// zero. Inside a layer's coverage a true zero is zero: no arms delivered is `0`, no obligation an
/// empty list, no dispute an empty list.
///
/// ```json
/// { "a": "USA", "b": "JPN", "year": 2018,
///   "alliance": { "aToB": ["defence-consultation", "consultation", "non-aggression"], "bToA": [...], … },
///   "unga": { "rollCalls": 81, "agreement": 0.53, "kappa": 0.21, … },
///   "arms": { "aToB": 1109, "bToA": 0, "aToB5y": …, "unit": "SIPRI TIV (millions)", … },
///   "disputes": [] }
/// ```
public struct DyadStructure: Hashable, Sendable, Codable {
    public var a: String
    public var b: String
    public var year: Int
    public var alliance: Alliance?
    public var unga: UNGA?
    public var arms: Arms?
    /// The disputes between the two in the year; `nil` outside the MID data's years.
    public var disputes: [Dispute]?

    public init(
        a: String, b: String, year: Int, alliance: Alliance? = nil, unga: UNGA? = nil, arms: Arms? = nil, disputes: [Dispute]? = nil
    ) {
        self.a = a
        self.b = b
        self.year = year
        self.alliance = alliance
        self.unga = unga
        self.arms = arms
        self.disputes = disputes
    }

    /// Whether no layer covers the pair in the year.
    public var isEmpty: Bool { alliance == nil && unga == nil && arms == nil && disputes == nil }

    /// The obligations each side has toward the other (ATOP), strongest first.
    public struct Alliance: Hashable, Sendable, Codable {
        public var aToB: [ObligationType]
        public var bToA: [ObligationType]
        public var strongestAToB: ObligationType?
        public var strongestBToA: ObligationType?
        /// The year is after ATOP's last year: the obligations are those of that last year.
        public var carriedForward: Bool
        public var source: StructuralSource

        public init(aToB: [ObligationType], bToA: [ObligationType], carriedForward: Bool, source: StructuralSource) {
            self.aToB = aToB
            self.bToA = bToA
            strongestAToB = aToB.max { $0.assistanceRank < $1.assistanceRank }
            strongestBToA = bToA.max { $0.assistanceRank < $1.assistanceRank }
            self.carriedForward = carriedForward
            self.source = source
        }
    }

    /// UN General Assembly alignment in the calendar year.
    public struct UNGA: Hashable, Sendable, Codable {
        /// Roll calls dated in the year in which both voted yes, no or abstain; `nil` when the
        /// votes do not cover the year (after January 2020).
        public var rollCalls: Int?
        public var agreement: Double?
        public var kappa: Double?
        /// |IP_A − IP_B|; `nil` unless both states have an ideal point for the year.
        public var idealPointDistance: Double?
        public var idealPointA: Double?
        public var idealPointB: Double?
        /// The same measures over the roll calls tagged with each issue (`me`, `nu`, `di`, `hr`,
        /// `co`, `ec`); `nil` when the votes do not cover the year.
        public var byIssue: [String: VoteAgreement]?
        /// The votes' source when they cover the year, otherwise the ideal points'.
        public var source: StructuralSource
        /// The ideal points' source, when there is an ideal point.
        public var idealPointSource: StructuralSource?

        public init(
            votes: VoteAgreement?, byIssue: [String: VoteAgreement]?, idealPointA: Double?, idealPointB: Double?,
            source: StructuralSource, idealPointSource: StructuralSource?
        ) {
            rollCalls = votes?.rollCalls
            agreement = votes?.agreement
            kappa = votes?.kappa
            self.byIssue = byIssue
            self.idealPointA = idealPointA
            self.idealPointB = idealPointB
            if let idealPointA, let idealPointB { idealPointDistance = abs(idealPointA - idealPointB) }
            self.source = source
            self.idealPointSource = idealPointSource
        }
    }

    /// Arms deliveries (SIPRI TIV, millions) each way: in the year and over the five years to it.
    public struct Arms: Hashable, Sendable, Codable {
        public var aToB: Double
        public var bToA: Double
        /// The sum over the years Y−4…Y (years before SIPRI's first year count as no delivery).
        public var aToB5y: Double
        public var bToA5y: Double
        /// SIPRI's "0": a delivery happened that year but was worth under 0.5 million (stored as 0).
        public var aToBBelowHalf: Bool
        public var bToABelowHalf: Bool
        public var unit: String
        public var source: StructuralSource

        public init(
            aToB: Double, bToA: Double, aToB5y: Double, bToA5y: Double, aToBBelowHalf: Bool = false, bToABelowHalf: Bool = false,
            source: StructuralSource
        ) {
            self.aToB = aToB
            self.bToA = bToA
            self.aToB5y = aToB5y
            self.bToA5y = bToA5y
            self.aToBBelowHalf = aToBBelowHalf
            self.bToABelowHalf = bToABelowHalf
            unit = Self.unit
            self.source = source
        }

        public static let unit = "SIPRI TIV (millions)"
    }

    /// A militarised interstate dispute between the two in the year, sides oriented A, B.
    public struct Dispute: Hashable, Sendable, Codable {
        public var dispnum: Int
        /// Highest action (COW `hiact`, 0 no militarised action … 21 join interstate war).
        public var hiactA: Int
        public var hiactB: Int
        /// Hostility level (COW `hostlev`, 1 none … 5 war).
        public var hostlevA: Int
        public var hostlevB: Int
        public var source: StructuralSource

        public init(_ sides: DisputeSides, source: StructuralSource) {
            dispnum = sides.dispnum
            hiactA = sides.hiactA
            hiactB = sides.hiactB
            hostlevA = sides.hostlevA
            hostlevB = sides.hostlevB
            self.source = source
        }
    }
}
