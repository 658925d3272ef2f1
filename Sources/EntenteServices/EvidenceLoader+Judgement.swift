public import EntenteCore
import EntenteStore
import Foundation

/// The structural layers of a pair for one year, read once per window: the year's layers, and
/// SIPRI's as of the last year it covers.
struct YearLayers {
    var year: Int
    var structure: DyadStructure?
    var armsYear: Int?
    var arms: DyadStructure.Arms?
}

extension EvidenceLoader {
    /// The pair's structural layers for the year of `at` (`nil` when none was ingested).
    func yearLayers(at: Month) throws -> YearLayers? {
        guard let store, try store.hasStructuralLayers() else { return nil }
        let (a, b, year) = (pair.a, pair.b, at.year)
        var layers = YearLayers(year: year, structure: try store.structure(a: a, b: b, year: year))
        if let last = try store.lastSIPRIYear() {
            let armsYear = min(year, last)
            layers.arms = armsYear == year ? layers.structure?.arms : try store.structure(a: a, b: b, year: armsYear)?.arms
            if layers.arms != nil { layers.armsYear = armsYear }
        }
        return layers
    }

    /// The judgement's features of A–B for the `window` months ending at `at`: behaviour relative
    /// to expectation from the dyad series (this window, three windows, and the change from the
    /// two before), UN ideal points and SIPRI arms of the year, the defence obligation (a curated
    /// treaty decides where the knowledge base has one between the two; otherwise ATOP, carried
    /// forward from its last year), and the declared partnership tier.
    ///
    /// - Complexity: a handful of indexed queries.
    public func judgementFeatures(at: Month, window: Int) throws -> JudgementFeatures {
        try judgementFeatures(at: at, window: window, layers: try yearLayers(at: at))
    }

    func judgementFeatures(at: Month, window: Int, layers: YearLayers?) throws -> JudgementFeatures {
        var f = JudgementFeatures()
        let (a, b) = (pair.a, pair.b)
        let start = at.advanced(by: -(window - 1))
        if let store, try store.hasSeries(), try store.seriesKnows(a), try store.seriesKnows(b) {
            let now = try store.pairDayCounts(a, b, from: start, to: at)
            if now.observedDays > 0 {
                f.behaviourCovered = true
                f.days = now.pairDays
                f.coverage = Double(now.pairDays) / Double(now.observedDays)
                f.hostility = now.hostility
                let sustained = try store.pairDayCounts(a, b, from: at.advanced(by: -(3 * window - 1)), to: at)
                f.hostilitySustained = sustained.hostility
                let before = try store.pairDayCounts(a, b, from: at.advanced(by: -(3 * window - 1)), to: start.advanced(by: -1))
                if let h = f.hostility, let base = before.hostility { f.hostilityChange = h - base }
            }
        }
        let day = at.lastDay
        let curated = !kb.treaties(between: a, and: b).isEmpty
        if curated {
            f.defenceSource = "kb"
            f.defence = [(a, b), (b, a)].contains { from, to in
                kb.obligations(from: from, to: to, at: day).contains { $0.status == .inForce && $0.types.contains(where: \.isDefence) }
            }
        }
        if let layers {
            f.idealPointDistance = layers.structure?.unga?.idealPointDistance
            if !curated, let alliance = layers.structure?.alliance {
                f.defence = (alliance.aToB + alliance.bToA).contains(where: \.isDefence)
                f.defenceSource = "atop"
                f.defenceYear = alliance.carriedForward ? min(layers.year, 2018) : layers.year
            }
            if let arms = layers.arms {
                f.armsTIV5y = arms.aToB5y + arms.bToA5y
                f.armsYear = layers.armsYear
            }
        }
        f.partnershipTier = kb.partnerships(between: a, and: b, at: day).first?.level.tier.rank ?? 0
        return f
    }
}

extension EvidenceLoader {
    /// The structural layers' evidence for the year of `at`, by component, each line citing its
    /// dataset, version and year: ATOP obligations (commitment), UN ideal points and votes
    /// (alignment), SIPRI transfers (military-technical).
    func layerEvidence(_ layers: YearLayers?) -> [IndexComponent.Name: [IndexEvidence]] {
        guard let layers else { return [:] }
        let (a, b, year, structure) = (pair.a, pair.b, layers.year, layers.structure)
        var out: [IndexComponent.Name: [IndexEvidence]] = [:]
        if let alliance = structure?.alliance {
            func list(_ o: [ObligationType]) -> String { o.isEmpty ? "none" : o.map(\.rawValue).joined(separator: ", ") }
            let carried = alliance.carriedForward ? ", carried forward from 2018" : ""
            out[.commitment, default: []].append(
                IndexEvidence(
                    date: String(year), origin: "ATOP 5.1",
                    text: "\(a)→\(b): \(list(alliance.aToB)); \(b)→\(a): \(list(alliance.bToA)) (ATOP 5.1\(carried))", source: nil))
        }
        if let unga = structure?.unga {
            var parts: [String] = []
            if let d = unga.idealPointDistance { parts.append(String(format: "ideal-point distance %.2f", d)) }
            if let agreement = unga.agreement, let n = unga.rollCalls {
                parts.append(String(format: "agreement %.2f over %d roll calls", agreement, n))
            }
            if let k = unga.kappa { parts.append(String(format: "κ %.2f", k)) }
            if !parts.isEmpty {
                out[.alignment, default: []].append(
                    IndexEvidence(
                        date: String(year), origin: "UNGA", text: "UN General Assembly, \(year): " + parts.joined(separator: ", "),
                        source: nil))
            }
        }
        if let arms = layers.arms, let y = layers.armsYear {
            out[.militaryTechnical, default: []].append(
                IndexEvidence(
                    date: String(y), origin: "SIPRI",
                    text: "SIPRI arms transfers \(y - 4)–\(y): \(a)→\(b) \(Int(arms.aToB5y.rounded())), "
                        + "\(b)→\(a) \(Int(arms.bToA5y.rounded())) (TIV, millions)", source: nil))
        }
        return out
    }
}
