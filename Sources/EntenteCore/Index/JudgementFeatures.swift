import Foundation

/// What the judgement reads about a pair at a month: behaviour relative to expectation (dyad
/// series), alignment (UN ideal points), arms flows (SIPRI), commitments (knowledge base, else
/// ATOP carried forward) and declared partnership. `nil` is missing, never zero.
/// Definitions: Guides/PartnershipIndex.md, "Judgement v2"; prototype: scripts/judgement/features.py.
public struct JudgementFeatures: Sendable, Codable, Equatable {
    /// Both states appear in the ingested dyad series and its window has observed days.
    public var behaviourCovered: Bool
    /// Pair-days with a value in the window (volume: "days in the news").
    public var days: Int?
    /// `days` over the window's observed days (days present anywhere in the series).
    public var coverage: Double?
    /// Hostility relative to expectation over the window: a log-odds difference (0 = as both
    /// states' overall behaviour predicts; > 0 more conflictual; < 0 more cooperative).
    public var hostility: Double?
    /// The same over three windows ending at the month (sustained behaviour).
    public var hostilitySustained: Double?
    /// Hostility in the window minus hostility over the two windows before it (< 0: improved).
    public var hostilityChange: Double?
    /// |ideal point A − ideal point B| in the year (UN General Assembly, Bailey–Strezhnev–Voeten).
    public var idealPointDistance: Double?
    /// SIPRI TIV (millions) both ways over the five years ending at the year, or at the last year
    /// the data covers (``armsYear``).
    public var armsTIV5y: Double?
    public var armsYear: Int?
    /// A defence obligation (immediate or through consultation) in force in at least one direction.
    public var defence: Bool
    /// Which source decided ``defence``: `kb` (a curated treaty between the two exists) or `atop`.
    public var defenceSource: String?
    /// The year of the ATOP data that decided, when ATOP did (2018 carried forward after 2018).
    public var defenceYear: Int?
    /// The highest declared partnership tier in force (0 none, 1 partnership … 4 special).
    public var partnershipTier: Int

    public init(
        behaviourCovered: Bool = false, days: Int? = nil, coverage: Double? = nil, hostility: Double? = nil,
        hostilitySustained: Double? = nil, hostilityChange: Double? = nil, idealPointDistance: Double? = nil,
        armsTIV5y: Double? = nil, armsYear: Int? = nil, defence: Bool = false, defenceSource: String? = nil,
        defenceYear: Int? = nil, partnershipTier: Int = 0
    ) {
        self.behaviourCovered = behaviourCovered
        self.days = days
        self.coverage = coverage
        self.hostility = hostility
        self.hostilitySustained = hostilitySustained
        self.hostilityChange = hostilityChange
        self.idealPointDistance = idealPointDistance
        self.armsTIV5y = armsTIV5y
        self.armsYear = armsYear
        self.defence = defence
        self.defenceSource = defenceSource
        self.defenceYear = defenceYear
        self.partnershipTier = partnershipTier
    }

    /// log(1 + TIV over five years), the arms-flow scale the rules compare.
    public var armsLog: Double? { armsTIV5y.map { log1p($0) } }
}

/// Pair-day counts of a window: cooperative (positive) and conflictual (negative) days of the
/// pair, of each of its states with anyone, and of every pair; and the observed days.
public struct PairDayCounts: Sendable, Equatable {
    public var pairPositive = 0, pairNegative = 0
    public var aPositive = 0, aNegative = 0
    public var bPositive = 0, bNegative = 0
    public var allPositive = 0, allNegative = 0
    public var observedDays = 0

    public init() {}

    public var pairDays: Int { pairPositive + pairNegative }

    /// Hostility relative to expectation (after the log-linear independence model): the pair is
    /// expected to be as conflictual as its two states are overall,
    /// e = expit(logit q_A + logit q_B − logit q_all), with q_s = (N_s + 1)/(P_s + N_s + 2);
    /// H = logit((N + K·e)/(P + N + K)) − logit(e), K = ``Judgement/pseudoDays`` pseudo pair-days
    /// of empirical-Bayes shrinkage toward the expectation (a pair with few days gets H ≈ 0).
    /// `nil` when the window has no observed days.
    public var hostility: Double? {
        guard observedDays > 0, allPositive + allNegative > 0 else { return nil }
        func logit(_ p: Double) -> Double { log(p / (1 - p)) }
        func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func share(_ p: Int, _ n: Int) -> Double { (Double(n) + 1) / (Double(p + n) + 2) }
        let qAll = Double(allNegative) / Double(allPositive + allNegative)
        guard qAll > 0, qAll < 1 else { return nil }
        let e = expit(logit(share(aPositive, aNegative)) + logit(share(bPositive, bNegative)) - logit(qAll))
        let k = Judgement.pseudoDays
        return logit((Double(pairNegative) + k * e) / (Double(pairDays) + k)) - logit(e)
    }
}
