/// Everything the structural datasets hold about one pair of states over a range of years, as
/// loaded from the store, with each dataset's coverage: the input of ``structure(year:)``, a pure
/// function (no I/O), so every rule below is tested on constructed data.
///
/// Rules:
/// - **Alliance** (ATOP): covered from ATOP's first year on. A year after its last year (2018 in
///   ATOP 5.1) takes the last year's obligations, flagged `carriedForward` with the note
///   "ATOP 5.1, carried forward from 2018". `atop_defense` becomes `defence-consultation`: ATOP
///   does not say whether assistance is immediate, so Entente claims only the weaker defence
///   obligation (a curated treaty can say more).
/// - **UNGA**: votes cover a year in which any roll call is dated; agreement and κ per
///   ``VoteAgreement``, overall and per issue tag. Ideal-point distance when both states have one.
///   The layer is absent when neither the votes nor both ideal points cover the year.
/// - **Arms** (SIPRI): covered over the ingested tables' year columns; a value not stored is 0;
///   the five-year sum runs over Y−4…Y.
/// - **Disputes** (MIDs): covered over the MID data's years; an empty list within them.
public struct StructuralEvidence: Sendable {
    /// A dataset's years and citation.
    public struct Coverage: Hashable, Sendable {
        public var firstYear: Int
        public var lastYear: Int
        public var source: StructuralSource

        public init(firstYear: Int, lastYear: Int, source: StructuralSource) {
            self.firstYear = firstYear
            self.lastYear = lastYear
            self.source = source
        }
    }

    /// One roll call both states voted in.
    public struct JointVote: Hashable, Sendable {
        public var year: Int
        public var rcid: Int
        public var a: UNGAVote
        public var b: UNGAVote

        public init(year: Int, rcid: Int, a: UNGAVote, b: UNGAVote) {
            self.year = year
            self.rcid = rcid
            self.a = a
            self.b = b
        }
    }

    /// A TIV value and whether it is SIPRI's "0" (under 0.5 million).
    public struct TIV: Hashable, Sendable {
        public var value: Double
        public var belowHalf: Bool

        public init(_ value: Double, belowHalf: Bool = false) {
            self.value = value
            self.belowHalf = belowHalf
        }
    }

    /// The issue tags Entente always reports (the `unvotes` short names).
    public static let issueTags = ["co", "di", "ec", "hr", "me", "nu"]

    public var a: String
    public var b: String

    public var atop: Coverage?
    public var atopAToB: [Int: ATOPFlags] = [:]
    public var atopBToA: [Int: ATOPFlags] = [:]

    /// The votes' citation, when any vote is stored.
    public var votesSource: StructuralSource?
    /// The years in which at least one roll call is dated.
    public var rollCallYears: Set<Int> = []
    public var jointVotes: [JointVote] = []
    /// Issue tags by roll call.
    public var issues: [Int: [String]] = [:]

    public var idealPointSource: StructuralSource?
    public var idealPointsA: [Int: Double] = [:]
    public var idealPointsB: [Int: Double] = [:]

    public var arms: Coverage?
    public var tivAToB: [Int: TIV] = [:]
    public var tivBToA: [Int: TIV] = [:]

    public var mids: Coverage?
    public var disputes: [Int: [DisputeSides]] = [:]

    public init(a: String, b: String) {
        self.a = a
        self.b = b
    }

    /// The pair's structure in one year; `nil` when no layer covers it.
    ///
    /// - Complexity: O(v) in the pair's joint votes over the loaded range.
    public func structure(year: Int) -> DyadStructure? {
        let votesByYear = Dictionary(grouping: jointVotes, by: \.year)
        return structure(year: year, votes: votesByYear[year] ?? [])
    }

    /// The pair's structure in each year of a range that some layer covers.
    ///
    /// - Complexity: O(v + y) in the joint votes and the years.
    public func structures(from: Int, to: Int) -> [DyadStructure] {
        guard from <= to else { return [] }
        let votesByYear = Dictionary(grouping: jointVotes, by: \.year)
        return (from...to).compactMap { structure(year: $0, votes: votesByYear[$0] ?? []) }
    }

    func structure(year: Int, votes: [JointVote]) -> DyadStructure? {
        let result = DyadStructure(
            a: a, b: b, year: year, alliance: alliance(year), unga: unga(year, votes: votes), arms: armsLayer(year),
            disputes: disputeList(year))
        return result.isEmpty ? nil : result
    }

    func alliance(_ year: Int) -> DyadStructure.Alliance? {
        guard let atop, year >= atop.firstYear else { return nil }
        let carried = year > atop.lastYear
        let y = carried ? atop.lastYear : year
        var source = atop.source
        source.note =
            carried
            ? "\(source.dataset) \(source.version), carried forward from \(atop.lastYear)"
            : "directed: aToB lists A's obligations toward B; "
                + "ATOP's defence obligation (immediate or not) is reported as defence-consultation"
        return DyadStructure.Alliance(
            aToB: atopAToB[y]?.obligations ?? [], bToA: atopBToA[y]?.obligations ?? [], carriedForward: carried, source: source)
    }

    func unga(_ year: Int, votes: [JointVote]) -> DyadStructure.UNGA? {
        let votesCover = votesSource != nil && rollCallYears.contains(year)
        let ipA = idealPointsA[year], ipB = idealPointsB[year]
        guard votesCover || (ipA != nil && ipB != nil) else { return nil }
        var overall: VoteAgreement?
        var byIssue: [String: VoteAgreement]?
        if votesCover {
            var total = VoteAgreement.ContingencyTable()
            var tables = Dictionary(uniqueKeysWithValues: Self.issueTags.map { ($0, VoteAgreement.ContingencyTable()) })
            for v in votes {
                total.add(v.a, v.b)
                for tag in issues[v.rcid] ?? [] { tables[tag, default: VoteAgreement.ContingencyTable()].add(v.a, v.b) }
            }
            overall = total.measure
            byIssue = tables.mapValues(\.measure)
        }
        let hasIdealPoint = ipA != nil || ipB != nil
        guard let source = votesCover ? votesSource : idealPointSource else { return nil }
        return DyadStructure.UNGA(
            votes: overall, byIssue: byIssue, idealPointA: ipA, idealPointB: ipB, source: source,
            idealPointSource: hasIdealPoint ? idealPointSource : nil)
    }

    func armsLayer(_ year: Int) -> DyadStructure.Arms? {
        guard let arms, (arms.firstYear...arms.lastYear).contains(year) else { return nil }
        let ab = tivAToB[year], ba = tivBToA[year]
        return DyadStructure.Arms(
            aToB: ab?.value ?? 0, bToA: ba?.value ?? 0,
            aToB5y: Self.rollingSum(tivAToB, to: year), bToA5y: Self.rollingSum(tivBToA, to: year),
            aToBBelowHalf: ab?.belowHalf ?? false, bToABelowHalf: ba?.belowHalf ?? false, source: arms.source)
    }

    func disputeList(_ year: Int) -> [DyadStructure.Dispute]? {
        guard let mids, (mids.firstYear...mids.lastYear).contains(year) else { return nil }
        return (disputes[year] ?? []).sorted { $0.dispnum < $1.dispnum }.map { DyadStructure.Dispute($0, source: mids.source) }
    }

    /// The sum of a yearly series over the `window` years ending in `year` (Y−4…Y for 5); a
    /// missing year counts as 0.
    public static func rollingSum(_ values: [Int: TIV], to year: Int, window: Int = 5) -> Double {
        guard window > 0 else { return 0 }
        return ((year - window + 1)...year).reduce(0) { $0 + (values[$1]?.value ?? 0) }
    }
}

extension ATOPFlags {
    /// The obligations as the knowledge base names them, strongest first: defence (reported as
    /// `defence-consultation`, since ATOP does not say whether assistance is immediate),
    /// neutrality, consultation, non-aggression, offence.
    public var obligations: [ObligationType] {
        var list: [ObligationType] = []
        if defense { list.append(.defenceConsultation) }
        if neutral { list.append(.neutrality) }
        if consultation { list.append(.consultation) }
        if nonaggression { list.append(.nonAggression) }
        if offense { list.append(.offence) }
        return list
    }
}
