/// The partnership index (Guides/PartnershipIndex.md): seven components from the knowledge base,
/// the dyad cube and the dyad series, combined with documented weights, then classified by rules.
public enum PartnershipIndex {
    // MARK: - Weights and thresholds

    /// Behavioural weights: durability, alignment and hostility, calibrated by class-balanced
    /// logistic regression on ally vs rival dyads of the real 2018–2023 dyad series (`entente
    /// evaluate --calibrate`; positive slopes normalised to sum to 1).
    public static let behaviouralWeights: [IndexComponent.Name: Double] = [.durability: 0.05, .alignment: 0.16, .hostility: 0.79]
    /// The intensity components, averaged and damped by (1 − hostility). Calibration gives
    /// cooperative intensity a negative slope for allies vs rivals (rivals are salient to each
    /// other too), so intensity is kept out of the validated behavioural score and enters the
    /// index as its own, documented share.
    public static let intensityComponents: [IndexComponent.Name] = [.diplomatic, .militaryTechnical, .breadth]
    /// Shares of the index: commitment, intensity, behavioural (renormalised over the parts with data).
    public static let commitmentShare = 0.3
    public static let intensityShare = 0.2
    public static let behaviouralShare = 0.5
    /// Saturation points: the share of events that are military cooperation (062, 064, 072,
    /// 0312, 0332) at which military-technical cooperation counts as full; likewise for the
    /// geometric mean of each side's share of its diplomatic activity going to the other.
    public static let militaryShareFull = 0.05
    public static let diplomaticShareFull = 0.10
    /// Cube columns counted as diplomatic activity (visits and meetings 042-046, agreements 057):
    /// the pair's and each side's total alike, so the share is of like with like.
    public static let diplomaticColumns: [DyadCube.Column] = [.c042, .c043, .c044, .c045, .c046, .c057]

    // MARK: - Assessment

    /// Assesses A–B over the `window` months ending at `at`.
    public static func assess(_ evidence: DyadEvidence, at: Month, window: Int = 12) -> Assessment {
        let months = at.advanced(by: -(window - 1))...at
        let prior = at.advanced(by: -(2 * window - 1))...at.advanced(by: -window)
        var components = IndexComponent.Name.allCases.map { compute($0, evidence, months) }
        for i in components.indices {
            components[i].previous = compute(components[i].name, evidence, prior).value
            if let lines = evidence.layerEvidence[components[i].name], !lines.isEmpty {
                components[i].evidence += lines
                components[i].coverage = components[i].coverage.filter { $0 != "no data" } + Set(lines.map(\.origin)).sorted()
            }
        }
        var assessment = classified(components: components, a: evidence.a, b: evidence.b, at: at, window: window)
        if let features = evidence.judgement { judge(&assessment, features) }
        return assessment
    }

    /// Combines computed components into the index and classifies them.
    public static func classified(components: [IndexComponent], a: String, b: String, at: Month, window: Int) -> Assessment {
        let behavioural = weighted(components)
        let intensity = intensity(components)
        let commitment = components[0].value
        let parts = [(commitment, commitmentShare), (intensity, intensityShare), (behavioural, behaviouralShare)].compactMap { v, w in
            v.map { ($0, w) }
        }
        let shares = parts.reduce(0) { $0 + $1.1 }
        let index: Double? = shares > 0 ? parts.reduce(0) { $0 + $1.0 * $1.1 } / shares : nil
        var assessment = Assessment(
            a: a, b: b, at: at, window: window, components: components, behavioural: behavioural, intensity: intensity, index: index,
            classification: .distant, decidedBy: [], confidence: 0, confidenceLabel: "low", indicators: [])
        classify(&assessment)
        return assessment
    }

    /// The behavioural score: the weighted mean of durability, alignment and 1 − hostility, over
    /// those with data; `nil` without any.
    public static func weighted(_ components: [IndexComponent]) -> Double? {
        var total = 0.0, weights = 0.0
        for c in components {
            guard let v = c.value, let w = behaviouralWeights[c.name] else { continue }
            total += w * (c.name == .hostility ? 1 - v : v)
            weights += w
        }
        return weights > 0 ? total / weights : nil
    }

    /// Cooperative intensity: the mean of the intensity components with data, times
    /// (1 − hostility) — intense contact between hostile states is not partnership.
    public static func intensity(_ components: [IndexComponent]) -> Double? {
        let values = components.filter { intensityComponents.contains($0.name) }.compactMap(\.value)
        guard !values.isEmpty else { return nil }
        let calm = 1 - (components.first { $0.name == .hostility }?.value ?? 0)
        return values.reduce(0, +) / Double(values.count) * calm
    }

    /// Replaces the v1 rules' verdict with judgement v2's: class, rule, reasons, calibrated
    /// confidence, and what would change it.
    static func judge(_ x: inout Assessment, _ features: JudgementFeatures) {
        let decision = Judgement.decide(features)
        x.classification = decision.classification
        x.decidedBy = decision.decidedBy
        x.confidence = decision.confidence
        x.confidenceLabel = decision.confidence >= 0.85 ? "high" : decision.confidence >= 0.65 ? "medium" : "low"
        x.rule = decision.rule
        x.features = features
        x.wouldChange = decision.wouldChange
        x.indicators = decision.wouldChange + x.indicators
    }
}
