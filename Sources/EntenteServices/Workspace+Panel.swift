public import EntenteCore
import EntenteStore
import Foundation

/// One pair-year of the research panel: the judgement's features, class, rule and confidence.
public struct PanelRow: Encodable, Sendable {
    public var a: String
    public var b: String
    public var year: Int
    public var classification: String
    public var rule: String
    public var confidence: Double
    public var features: JudgementFeatures

    /// The CSV columns, in order (the codebook is in Guides/PartnershipIndex.md).
    public static let header = [
        "a", "b", "year", "classification", "rule", "confidence", "days", "coverage", "hostility", "hostility_sustained",
        "hostility_change",
        "ideal_point_distance", "arms_tiv_5y", "arms_year", "defence", "defence_source", "partnership_tier",
    ]

    public var fields: [String] {
        func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "" }
        let x = features
        return [
            a, b, String(year), classification, rule, String(format: "%.2f", confidence), x.days.map(String.init) ?? "", f(x.coverage),
            f(x.hostility), f(x.hostilitySustained), f(x.hostilityChange), f(x.idealPointDistance), f(x.armsTIV5y),
            x.armsYear.map(String.init) ?? "", x.defence ? "1" : "0", x.defenceSource ?? "", String(x.partnershipTier),
        ]
    }
}

extension Workspace {
    /// Every pair with a value in the dyad series during `year` (or with a curated treaty or
    /// partnership in force), judged at December of the year: the dataset a researcher loads.
    ///
    /// - Parameter progress: called with (pairs done, pairs) as it goes.
    /// - Complexity: O(pairs) assessments of a few indexed queries each.
    public func panel(year: Int, progress: (Int, Int) -> Void = { _, _ in }) throws -> [PanelRow] {
        guard let at = Month(year: year, month: 12) else { throw EntenteError(.invalidArgument, "year \(year) is outside 1800–2199") }
        var pairs = Set<Dyad>()
        if let store = try existingStore(), try store.hasSeries() {
            pairs.formUnion(try store.seriesAllMonths(from: Month(year: year, month: 1) ?? at, to: at).keys)
        }
        let kb = try knowledgeBase()
        for p in kb.partnerships where p.parties.count == 2 && kb.group(p.parties[0]) == nil && kb.group(p.parties[1]) == nil {
            pairs.insert(.unordered(p.parties[0], p.parties[1]))
        }
        let sorted = pairs.filter { $0.a != $0.b }.sorted()
        var rows: [PanelRow] = []
        for (i, pair) in sorted.enumerated() {
            if i % 200 == 0 { progress(i, sorted.count) }
            let loader = try EvidenceLoader(self, pair.a, pair.b)
            let features = try loader.judgementFeatures(at: at, window: 12)
            let d = Judgement.decide(features)
            rows.append(
                PanelRow(
                    a: pair.a, b: pair.b, year: year, classification: d.classification.rawValue, rule: d.rule, confidence: d.confidence,
                    features: features))
        }
        progress(sorted.count, sorted.count)
        return rows
    }
}
