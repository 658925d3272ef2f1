import Foundation

/// The classification (judgement v2): an ordered list of rules over ``JudgementFeatures``, with
/// thresholds fitted on labelled dyad-years of 2018–2020 and checked on 2021–2023
/// (Guides/PartnershipIndex.md, Guides/Scorecard.md; prototype: scripts/judgement/).
///
/// A comparison with a missing value is false: the rule does not fire.
public enum Judgement {
    /// Pseudo pair-days of shrinkage in the hostility measure.
    public static let pseudoDays = 20.0

    /// The frozen thresholds (see the guide for what each separates and how it was fitted).
    public enum Threshold {
        /// Alliance: the highest hostility a curated defence treaty tolerates.
        public static let allianceHostility = 0.4
        /// Alliance on an ATOP-only pledge: the highest sustained hostility.
        public static let atopAllianceHostility = 0.0
        /// Rivalry despite an ATOP-only defence pledge: the lowest sustained hostility.
        public static let atopRivalry = 0.4
        /// Rivalry despite an anchor (a curated defence treaty, a strategic tier, arms flows).
        public static let anchoredRivalry = 0.6
        /// Rivalry without anchors: the lowest hostility (or, with hostility ≥ 0, sustained).
        public static let rivalry = 0.5
        public static let rivalryYear = 0.0
        /// Strategic partnership: the highest hostility with an institutional anchor.
        public static let partnershipHostility = 0.1
        /// Arms-flow anchor: log(1 + TIV over five years) of at least this (about 250 million).
        public static let armsLog = 5.5
        /// Distant: at most this share of observed days with any interaction.
        public static let distantCoverage = 0.05
        /// Opposed alignment: ideal-point distance of at least this …
        public static let opposedIdealPoints = 2.25
        /// … with hostility of at least this, and not improving by more than ``improvement``.
        public static let opposedHostility = -0.5
        public static let improvement = -0.5
    }

    /// The outcome: the class, the rule that fired, what decided it in words, and the comparisons
    /// on its path (for the margin).
    public struct Decision: Sendable, Codable, Equatable {
        public var classification: Assessment.Classification
        /// `R0a` … `R6`, as numbered in the guide.
        public var rule: String
        public var decidedBy: [String]
        /// Scaled distance (0…1) to the nearest threshold on the decision path.
        public var margin: Double
        public var confidence: Double
        /// How near the nearest threshold is, in words, and what would change the class.
        public var wouldChange: [String]
    }

    /// Each threshold's scale for the margin (a hostility threshold: 0.5 log-odds).
    static func scale(_ t: String) -> Double {
        switch t {
        case "coverage": 0.05
        case "arms": 1.0
        default: 0.5
        }
    }

    /// A threshold in words, for "what would change it".
    static func describe(_ name: String) -> String {
        switch name {
        case "alliance": "hostility 0.4, above which a curated defence treaty no longer reads as an alliance"
        case "atop-alliance": "hostility 0 in the year and over three years, for an alliance resting on ATOP alone"
        case "anchored-rivalry": "sustained hostility 0.6, from which an anchored pair reads as a rivalry"
        case "atop-rivalry": "sustained hostility 0.4, from which an ATOP-only pair reads as a rivalry"
        case "partnership": "hostility 0.1, above which an anchored pair is no longer a strategic partnership"
        case "rivalry": "hostility 0.5 (rivalry)"
        case "rivalry-year": "hostility 0 with sustained hostility of 0.5 or more (rivalry)"
        case "coverage": "interaction on 5 % of observed days (distant)"
        case "arms": "arms transfers of about 250 m TIV over five years (an anchor)"
        case "opposed": "an ideal-point distance of 2.25 (opposed UN alignment)"
        case "opposed-hostility": "hostility −0.5 with opposed UN alignment"
        case "improvement": "an improvement of 0.5 in hostility over two years"
        default: name
        }
    }

    /// Classifies a pair's features. Pure and deterministic.
    public static func decide(_ f: JudgementFeatures) -> Decision {
        var path: [(name: String, distance: Double)] = []
        var words: [String] = []
        func fmt(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "no data" }
        func ge(_ x: Double?, _ t: Double, _ name: String) -> Bool {
            guard let x else { return false }
            path.append((name, x - t))
            return x >= t
        }
        func le(_ x: Double?, _ t: Double, _ name: String) -> Bool {
            guard let x else { return false }
            path.append((name, t - x))
            return x <= t
        }
        let h = f.hostility, h3 = f.hostilitySustained
        let maxH = h.flatMap { a in h3.map { max(a, $0) } }, minH = h.flatMap { a in h3.map { min(a, $0) } }
        let tier = f.partnershipTier >= 2
        let arms = ge(f.armsLog, Threshold.armsLog, "arms")
        let anchored = tier || arms
        var anchorWords: [String] = []
        if tier { anchorWords.append("a declared partnership of tier \(f.partnershipTier)") }
        if arms { anchorWords.append("arms transfers of \(Int((f.armsTIV5y ?? 0).rounded())) m TIV over five years") }
        let anchorText = anchorWords.joined(separator: " and ")
        let defenceText =
            f.defenceSource == "kb"
            ? "a curated defence treaty in force"
            : "an ATOP defence pledge (\(f.defenceYear.map { "ATOP 5.1, \($0)" } ?? "ATOP"), carried forward)"
        let result: (Assessment.Classification, String)
        if !f.behaviourCovered {
            words.append("no behavioural data in the window (treaty and institutions only)")
            if f.defence {
                words.insert(defenceText, at: 0)
                result = (.alliance, "R0a")
            } else if anchored {
                words.insert(anchorText, at: 0)
                result = (.strategicPartnership, "R0b")
            } else {
                result = (.distant, "R0c")
            }
        } else if f.defence {
            let curated = f.defenceSource == "kb"
            let corroborated = anchored || (f.idealPointDistance.map { $0 < Threshold.opposedIdealPoints } ?? false)
            if curated && le(h, Threshold.allianceHostility, "alliance") {
                words = [defenceText, "hostility \(fmt(h)) ≤ \(Threshold.allianceHostility): behaviour does not contradict it"]
                result = (.alliance, "R1a")
            } else if !curated && corroborated && le(maxH, Threshold.atopAllianceHostility, "atop-alliance") {
                words = [
                    defenceText,
                    "corroborated by " + (anchored ? anchorText : "UN alignment (ideal-point distance \(fmt(f.idealPointDistance)))"),
                    "hostility \(fmt(maxH)) ≤ 0 in the year and over three years",
                ]
                result = (.alliance, "R1a")
            } else if ge(minH, curated ? Threshold.anchoredRivalry : Threshold.atopRivalry, curated ? "anchored-rivalry" : "atop-rivalry") {
                words = [defenceText + ", contradicted", "sustained hostility \(fmt(minH)) (year and three years)"]
                result = (.rivalry, "R1b")
            } else {
                words = [defenceText + ", but behaviour does not bear it out", "hostility \(fmt(h)), three years \(fmt(h3))"]
                result = (.temporaryRapprochement, "R1c")
            }
        } else if anchored {
            if le(h, Threshold.partnershipHostility, "partnership") {
                words = [anchorText, "no defence duty", "hostility \(fmt(h)) ≤ \(Threshold.partnershipHostility)"]
                result = (.strategicPartnership, "R2a")
            } else if ge(minH, Threshold.anchoredRivalry, "anchored-rivalry") {
                words = [anchorText + ", contradicted", "sustained hostility \(fmt(minH))"]
                result = (.rivalry, "R2b")
            } else {
                words = [anchorText, "but hostility \(fmt(h)) > \(Threshold.partnershipHostility)"]
                result = (.temporaryRapprochement, "R2c")
            }
        } else if le(f.coverage, Threshold.distantCoverage, "coverage") {
            words = ["interaction on \(fmt((f.coverage ?? 0) * 100))% of observed days ≤ 5%", "no defence duty, no declared partnership"]
            result = (.distant, "R3")
        } else if ge(h, Threshold.rivalry, "rivalry")
            || (ge(h, Threshold.rivalryYear, "rivalry-year") && ge(h3, Threshold.rivalry, "rivalry"))
        {
            words = ["hostility \(fmt(h)) relative to expectation (three years \(fmt(h3)))", "no defence duty, no declared partnership"]
            result = (.rivalry, "R4")
        } else if ge(f.idealPointDistance, Threshold.opposedIdealPoints, "opposed"), ge(h, Threshold.opposedHostility, "opposed-hostility"),
            !le(f.hostilityChange, Threshold.improvement, "improvement")
        {
            words = [
                "opposed UN alignment (ideal-point distance \(fmt(f.idealPointDistance)))",
                "not markedly cooperative (hostility \(fmt(h)))",
            ]
            result = (.rivalry, "R5")
        } else {
            words = [
                "interaction on \(fmt((f.coverage ?? 0) * 100))% of observed days, hostility \(fmt(h))",
                "no defence duty, no declared partnership or arms flows",
                f.hostilityChange.map { "change over two years \(fmt($0))" } ?? "no earlier baseline",
            ]
            result = (.temporaryRapprochement, "R6")
        }
        var margin = path.map { min(abs($0.distance) / scale($0.name), 1) }.min() ?? 1
        if let days = f.days, path.contains(where: { !["coverage", "arms", "opposed"].contains($0.name) }) {
            margin *= min(1, Double(days) / 60)
        }
        var confidence = calibrated(margin)
        if !f.behaviourCovered { confidence = min(confidence, calibration[0].probability) }
        let nearest = path.min { abs($0.distance) / scale($0.name) < abs($1.distance) / scale($1.name) }
        var change: [String] = []
        if let nearest {
            change.append("the nearest threshold is \(describe(nearest.name)), \(String(format: "%.2f", abs(nearest.distance))) away")
        }
        if !f.behaviourCovered { change.append("behavioural data for the window would test the institutional reading") }
        return Decision(
            classification: result.0, rule: result.1, decidedBy: words, margin: (margin * 1000).rounded() / 1000,
            confidence: confidence, wouldChange: change)
    }

    /// Reliability of the rules by margin, measured on the labelled dyad-years of 2018–2020 and
    /// made monotone (pool-adjacent-violators); checked on 2021–2023 (Guides/Scorecard.md).
    public static let calibration: [(upTo: Double, probability: Double)] = [(0.25, 0.60), (0.5, 0.69), (1.01, 0.90)]

    /// The estimated probability that the class is right, from the margin.
    public static func calibrated(_ margin: Double) -> Double {
        calibration.first { margin < $0.upTo }?.probability ?? calibration[calibration.count - 1].probability
    }
}

extension Judgement {
    /// Months a new class must hold before a monthly trajectory switches to it, so that one sparse
    /// month does not flip the class.
    public static let minimumDwell = 2

    /// The classes of consecutive months with a minimum dwell: the trajectory switches to a new
    /// class only once it has held for `minimum` months in a row (from the first of them).
    ///
    /// ```swift
    /// withDwell([.distant, .rivalry, .distant, .rivalry, .rivalry])
    /// // [.distant, .distant, .distant, .rivalry, .rivalry]
    /// ```
    public static func withDwell(_ classes: [Assessment.Classification], minimum: Int = minimumDwell) -> [Assessment.Classification] {
        guard var current = classes.first else { return [] }
        return classes.indices.map { i in
            let c = classes[i]
            if c != current && classes[i...].prefix(while: { $0 == c }).count >= minimum { current = c }
            return current
        }
    }
}
