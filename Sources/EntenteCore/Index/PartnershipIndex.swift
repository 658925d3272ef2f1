/// What the partnership index is computed from, for one dyad. Every input is optional: a
/// component without data says so ("no data") instead of counting as zero.
public struct DyadEvidence: Sendable {
    public var a: String
    public var b: String
    /// The undirected external series A–B by month (from `ingest --format dyad-series`).
    public var seriesMonths: [DyadSeriesMonth]?
    /// Every state's balance toward every other over the window (for alignment), from the series.
    public var balances: [String: [String: Double]]?
    /// Each state's positive (cooperative) mass toward all others over the window, from the series:
    /// the denominator of the diplomatic share when there is no cube.
    public var activity: [String: Double]?
    /// Cube cells A→B and B→A.
    public var cubeCells: [(key: DyadCube.Key, values: [Int64])]?
    /// Diplomatic events (042–046, 057) of A and of B toward anyone, by month, from the cube.
    public var diplomaticTotals: [String: [Month: Int64]]?
    public var knowledgeBase: KnowledgeBase?

    public init(a: String, b: String, seriesMonths: [DyadSeriesMonth]? = nil, balances: [String: [String: Double]]? = nil,
                activity: [String: Double]? = nil, cubeCells: [(key: DyadCube.Key, values: [Int64])]? = nil,
                diplomaticTotals: [String: [Month: Int64]]? = nil, knowledgeBase: KnowledgeBase? = nil) {
        self.a = a
        self.b = b
        self.seriesMonths = seriesMonths
        self.balances = balances
        self.activity = activity
        self.cubeCells = cubeCells
        self.diplomaticTotals = diplomaticTotals
        self.knowledgeBase = knowledgeBase
    }
}

/// One piece of evidence behind a component.
public struct IndexEvidence: Sendable, Codable, Equatable {
    public var date: String
    /// `kb`, `cube` or `series`.
    public var origin: String
    public var text: String
    public var source: String?
}

/// One component of the index, on 0…1, or `nil` with "no data".
public struct IndexComponent: Sendable, Codable, Equatable {
    public enum Name: String, Sendable, Codable, CaseIterable {
        case commitment, militaryTechnical = "military-technical", diplomatic, breadth, durability, alignment, hostility
    }

    public var name: Name
    public var value: Double?
    /// Which data the value rests on (`knowledge base`, `cube`, `dyad series`), or `no data`.
    public var coverage: [String]
    public var evidence: [IndexEvidence]
    /// The value in the previous window of the same length, when computable.
    public var previous: Double?
    public var trend: Double? { value.flatMap { v in previous.map { v - $0 } } }

    public init(name: Name, value: Double?, coverage: [String], evidence: [IndexEvidence], previous: Double?) {
        self.name = name
        self.value = value
        self.coverage = coverage
        self.evidence = evidence
        self.previous = previous
    }
}

/// The judgement: components, index, classification and what it rests on.
public struct Assessment: Sendable, Codable, Equatable {
    public enum Classification: String, Sendable, Codable, CaseIterable {
        case alliance, strategicPartnership = "strategic partnership", temporaryRapprochement = "temporary rapprochement", distant, rivalry
    }

    public var a: String
    public var b: String
    public var at: Month
    public var window: Int
    public var components: [IndexComponent]
    /// Durability, alignment and hostility, with calibrated weights (Guides/PartnershipIndex.md).
    public var behavioural: Double?
    /// Diplomatic, military-technical and breadth, damped by hostility.
    public var intensity: Double?
    public var index: Double?
    public var classification: Classification
    /// The components (and thresholds) that decided the classification, in words.
    public var decidedBy: [String]
    public var confidence: Double
    public var confidenceLabel: String
    /// Developments that would move the classification.
    public var indicators: [String]

    public func component(_ name: IndexComponent.Name) -> IndexComponent { components.first { $0.name == name }! }
}

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
        for i in components.indices { components[i].previous = compute(components[i].name, evidence, prior).value }
        return classified(components: components, a: evidence.a, b: evidence.b, at: at, window: window)
    }

    /// Combines computed components into the index and classifies them.
    public static func classified(components: [IndexComponent], a: String, b: String, at: Month, window: Int) -> Assessment {
        let behavioural = weighted(components)
        let intensity = intensity(components)
        let commitment = components[0].value
        let parts = [(commitment, commitmentShare), (intensity, intensityShare), (behavioural, behaviouralShare)].compactMap { v, w in v.map { ($0, w) } }
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

    // MARK: - Components

    static func compute(_ name: IndexComponent.Name, _ e: DyadEvidence, _ months: ClosedRange<Month>) -> IndexComponent {
        var c = IndexComponent(name: name, value: nil, coverage: [], evidence: [], previous: nil)
        let windowMonths = Double(months.lowerBound.distance(to: months.upperBound) + 1)
        let curated = e.knowledgeBase?.events(between: e.a, and: e.b, from: months.lowerBound.firstDay, to: months.upperBound.lastDay) ?? []
        let cells = (e.cubeCells ?? []).filter { months.contains($0.key.month) }
        let series = (e.seriesMonths ?? []).filter { months.contains($0.month) }
        func cube(_ column: DyadCube.Column) -> Int64 { cells.reduce(0) { $0 + $1.values[column.rawValue] } }
        func kbEvidence(_ events: [CuratedEvent]) -> [IndexEvidence] {
            events.prefix(5).map { IndexEvidence(date: $0.date.description, origin: "kb", text: $0.title, source: $0.sources.first?.url) }
        }
        switch name {
        case .commitment:
            guard let kb = e.knowledgeBase, kbCovers(kb, e.a) || kbCovers(kb, e.b) else {
                c.coverage = ["no data"]
                return c
            }
            let day = months.upperBound.lastDay
            var ranks: [Double] = []
            for (from, to) in [(e.a, e.b), (e.b, e.a)] {
                let obligations = kb.obligations(from: from, to: to, at: day)
                let best = obligations.map { o in Double(o.strongest?.assistanceRank ?? 0) / 5 * (o.status == .inForce ? 1 : 0.5) }.max() ?? 0
                ranks.append(best)
                for o in obligations.prefix(2) {
                    let status = o.status == .inForce ? "in force" : "signed, not in force"
                    c.evidence.append(IndexEvidence(date: o.treaty.signed.description, origin: "kb",
                        text: "\(from)→\(to): \(o.treaty.name) (\(status)): \(o.types.map(\.rawValue).joined(separator: ", "))", source: o.treaty.sources.first?.url))
                }
            }
            c.value = ranks.reduce(0, +) / 2
            c.coverage = ["knowledge base"]
        case .militaryTechnical:
            let sensitive = curated.filter { $0.tags.contains { $0.hasPrefix("sensitive-tech:") } || $0.tags.contains("arms-transfer") }
            var value: Double?
            if !cells.isEmpty {
                let military = [DyadCube.Column.c062, .c064, .c072, .c0312, .c0332].reduce(Int64(0)) { $0 + cube($1) }
                let share = Double(military) / Double(max(1, cube(.events)))
                value = min(1, share / militaryShareFull)
                c.coverage.append("cube")
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube", text: "\(military) military-cooperation events (062, 064, 072, 0312, 0332) of \(cube(.events)) (\(percent(share)))", source: nil))
            }
            if e.knowledgeBase != nil, !sensitive.isEmpty {
                value = max(value ?? 0, min(1, Double(sensitive.count) * 0.25))
                c.coverage.append("knowledge base")
                c.evidence += kbEvidence(sensitive)
            }
            c.value = value
        case .diplomatic:
            let summits = curated.filter { $0.level == .leader && ($0.tags.contains("summit") || ["042", "043", "044"].contains($0.code)) }
            var value: Double?
            if !cells.isEmpty, let totals = e.diplomaticTotals {
                let dip = diplomaticColumns
                func share(_ s: String) -> Double {
                    let mine = cells.filter { $0.key.source == s }.reduce(Int64(0)) { acc, cell in acc + dip.reduce(Int64(0)) { $0 + cell.values[$1.rawValue] } }
                    let all = (totals[s] ?? [:]).filter { months.contains($0.key) }.values.reduce(0, +)
                    return all > 0 ? Double(mine) / Double(all) : 0
                }
                let g = (share(e.a) * share(e.b)).squareRoot()
                value = min(1, g / diplomaticShareFull)
                c.coverage.append("cube")
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube", text: "share of each side's visits, meetings and agreements that went to the other: \(e.a) \(percent(share(e.a))), \(e.b) \(percent(share(e.b)))", source: nil))
            }
            if value == nil, !series.isEmpty, let activity = e.activity, let ta = activity[e.a], let tb = activity[e.b], ta > 0, tb > 0 {
                // Without event codes: the pair's cooperative mass as a share of each side's.
                let mass = series.reduce(0) { $0 + $1.positive }
                let g = ((mass / ta) * (mass / tb)).squareRoot()
                value = min(1, g / diplomaticShareFull)
                c.coverage.append("dyad series")
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "series", text: "share of each side's cooperative coverage that concerns the other: \(e.a) \(percent(mass / ta)), \(e.b) \(percent(mass / tb))", source: nil))
            }
            if e.knowledgeBase != nil, !summits.isEmpty {
                value = max(value ?? 0, min(1, Double(summits.count) / 2))
                c.coverage.append("knowledge base")
                c.evidence += kbEvidence(summits)
            }
            c.value = value
        case .breadth:
            var domains = Set<String>()
            if !cells.isEmpty {
                let map: [(DyadCube.Column, String)] = [(.c061, "economic"), (.c062, "military"), (.c072, "military"), (.c063, "judicial"), (.c064, "intelligence"), (.c073, "humanitarian"), (.c057, "agreements"), (.c071, "economic")]
                for (col, domain) in map where cube(col) > 0 { domains.insert(domain) }
                c.coverage.append("cube")
            }
            if e.knowledgeBase != nil, !curated.isEmpty {
                for ev in curated {
                    for tag in ev.tags {
                        switch tag {
                        case "economic", "labour", "tourism": domains.insert("economic")
                        case "arms-transfer", "troops": domains.insert("military")
                        case "intelligence": domains.insert("intelligence")
                        case "treaty": domains.insert("agreements")
                        case _ where tag.hasPrefix("sensitive-tech:"): domains.insert("military")
                        default: break
                        }
                    }
                    if ev.code.hasPrefix("057") { domains.insert("agreements") }
                }
                c.coverage.append("knowledge base")
            }
            if !c.coverage.isEmpty {
                c.value = Double(domains.count) / 6
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: c.coverage.joined(separator: "+"), text: "active domains: \(domains.sorted().joined(separator: ", ")) of economic, military, judicial, intelligence, humanitarian, agreements", source: nil))
            }
        case .durability:
            if !series.isEmpty {
                // Persistence among the months with any interaction: quiet months are not held against a quiet pair.
                let positive = series.filter { $0.net > 0 }
                c.value = Double(positive.count) / Double(series.count)
                c.coverage = ["dyad series"]
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "series", text: "\(positive.count) of the \(series.count) months with data (of \(Int(windowMonths))) show net cooperation", source: nil))
            } else if !cells.isEmpty {
                var byMonth: [Month: Int64] = [:]
                for cell in cells { byMonth[cell.key.month, default: 0] += cell.values[DyadCube.Column.goldsteinX10.rawValue] }
                let positive = byMonth.values.filter { $0 > 0 }.count
                c.value = Double(positive) / Double(byMonth.count)
                c.coverage = ["cube"]
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube", text: "\(positive) of the \(byMonth.count) months with events (of \(Int(windowMonths))) have a positive Goldstein sum", source: nil))
            }
        case .alignment:
            if let balances = e.balances, let pa = balances[e.a], let pb = balances[e.b] {
                let common = pa.keys.filter { pb[$0] != nil && $0 != e.a && $0 != e.b }.sorted()
                if common.count >= 3 {
                    let x = common.map { pa[$0]! }, y = common.map { pb[$0]! }
                    let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
                    let norm = (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
                    let cosine = norm > 0 ? dot / norm : 0
                    c.value = (cosine + 1) / 2
                    c.coverage = ["dyad series"]
                    let shared = common.filter { pa[$0]! < -0.2 && pb[$0]! < -0.2 }.sorted { (pa[$0]! + pb[$0]!, $0) < (pa[$1]! + pb[$1]!, $1) }.prefix(5)
                    c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "series", text: "cosine similarity \(String(format: "%.2f", cosine)) of stances toward \(common.count) third states; shared adversaries: \(shared.isEmpty ? "none" : shared.joined(separator: ", "))", source: nil))
                }
            }
        case .hostility:
            if !series.isEmpty {
                let conflict = series.filter { $0.strongConflictDays > 0 }
                c.value = Double(conflict.count) / windowMonths
                c.coverage = ["dyad series"]
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "series", text: "\(conflict.count) of \(Int(windowMonths)) months with a day of strong conflict (≤ \(Int(DyadSeriesMonth.strongConflict)))", source: nil))
            } else if !cells.isEmpty {
                let conflictMonths = Set(cells.filter { (18...20).contains($0.key.root) && $0.values[0] > 0 }.map(\.key.month))
                c.value = Double(conflictMonths.count) / windowMonths
                c.coverage = ["cube"]
                c.evidence.append(IndexEvidence(date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube", text: "\(conflictMonths.count) of \(Int(windowMonths)) months with assaults, fighting or mass violence (roots 18–20)", source: nil))
            }
        }
        if c.coverage.isEmpty { c.coverage = ["no data"] }
        return c
    }

    static func kbCovers(_ kb: KnowledgeBase, _ state: String) -> Bool {
        kb.treaties.contains { t in t.parties.contains(state) || t.parties.contains { kb.group($0)?.members.contains { $0.state == state } == true } }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    // MARK: - Classification

    /// The rules (Guides/PartnershipIndex.md), first match wins:
    /// 1. rivalry — behavioural < 0.40, or hostility ≥ 0.5 with durability < 0.5 (frequent strong
    ///    conflict and no persistent net cooperation);
    /// 2. alliance — commitment ≥ 0.8 (a defence obligation in force both ways) and behavioural ≥ 0.5;
    /// 3. strategic partnership — index ≥ 0.55, intensity ≥ 0.3, durability ≥ 0.5 (or no
    ///    durability data), and commitment ≥ 0.4 or military-technical ≥ 0.5;
    /// 4. temporary rapprochement — engaged (intensity ≥ 0.2) and friendly (behavioural ≥ 0.5, or no
    ///    behavioural data), but not durable or not committed;
    /// 5. distant — otherwise: too little engagement to speak of a partnership, friendly or not.
    static func classify(_ x: inout Assessment) {
        let components = x.components
        let v = { (n: IndexComponent.Name) in components.first { $0.name == n }?.value }
        let hostility = v(.hostility), commitment = v(.commitment), durability = v(.durability), military = v(.militaryTechnical)
        let behavioural = x.behavioural, index = x.index, intensity = x.intensity
        func f(_ d: Double?) -> String { d.map { String(format: "%.2f", $0) } ?? "no data" }
        var margin = 0.0
        if let b = behavioural, b < 0.4 {
            x.classification = .rivalry
            x.decidedBy = ["behavioural \(f(b)) < 0.40"]
            margin = 0.4 - b
        } else if let h = hostility, h >= 0.5, (durability ?? 0) < 0.5 {
            x.classification = .rivalry
            x.decidedBy = ["hostility \(f(h)) ≥ 0.50", "durability \(f(durability)) < 0.50"]
            margin = min(h - 0.5, 0.5 - (durability ?? 0))
        } else if let c = commitment, c >= 0.8, (behavioural ?? 0.5) >= 0.5 {
            x.classification = .alliance
            x.decidedBy = ["commitment \(f(c)) ≥ 0.80 (defence obligation in force)", behavioural.map { "behavioural \(f($0)) ≥ 0.50" } ?? "no behavioural data to contradict it"]
            margin = min(c - 0.8, (behavioural ?? 0.5) - 0.5)
        } else if let i = index, i >= 0.55, (intensity ?? 0) >= 0.3, (durability ?? 1) >= 0.5, (commitment ?? 0) >= 0.4 || (military ?? 0) >= 0.5 {
            x.classification = .strategicPartnership
            x.decidedBy = ["index \(f(i)) ≥ 0.55", "intensity \(f(intensity)) ≥ 0.30", "durability \(f(durability))", "commitment \(f(commitment)) ≥ 0.40 or military-technical \(f(military)) ≥ 0.50"]
            margin = min(i - 0.55, (intensity ?? 0) - 0.3)
        } else if (intensity ?? 0) >= 0.2, (behavioural ?? 0.5) >= 0.5 {
            x.classification = .temporaryRapprochement
            var why = ["intensity \(f(intensity)) ≥ 0.20, behavioural \(f(behavioural)) ≥ 0.50"]
            if let i = index, i < 0.55 { why.append("index \(f(i)) < 0.55") }
            if let d = durability, d < 0.5 { why.append("durability \(f(d)) < 0.50") }
            if (commitment ?? 0) < 0.4 && (military ?? 0) < 0.5 { why.append("commitment \(f(commitment)) < 0.40 and military-technical \(f(military)) < 0.50") }
            x.decidedBy = why
            margin = 0.1
        } else {
            x.classification = .distant
            x.decidedBy = ["intensity \(f(intensity)) < 0.20" + ((behavioural ?? 1) < 0.5 ? " or behavioural \(f(behavioural)) < 0.50" : "")]
            margin = 0.2 - (intensity ?? 0)
        }
        let covered = Double(x.components.filter { $0.value != nil }.count) / Double(x.components.count)
        x.confidence = ((0.6 * covered + 0.4 * min(1, max(0, margin) / 0.2)) * 100).rounded() / 100
        x.confidenceLabel = x.confidence >= 0.7 ? "high" : x.confidence >= 0.45 ? "medium" : "low"
        // What would move it.
        var watch: [String] = []
        if (commitment ?? 0) < 1 {
            watch.append("the degree of assistance expected under attack: a defence obligation with immediate assistance, in force both ways (commitment \(f(commitment)))")
        }
        if (military ?? 0) < 0.75 {
            watch.append("sharing of sensitive military technology (space, missile, nuclear, submarine, aircraft) and arms flows both ways (military-technical \(f(military)))")
        }
        if let d = durability, d < 0.75 { watch.append("cooperation sustained month after month beyond the current window (durability \(f(d)))") }
        if let h = hostility, h > 0.1 { watch.append("fewer months with strong conflict between them (hostility \(f(h)))") }
        if x.component(.diplomatic).value == nil || (x.component(.diplomatic).value ?? 0) < 0.5 {
            watch.append("regular leader-level summits and institutionalised meetings (diplomatic \(f(x.component(.diplomatic).value)))")
        }
        if x.components.contains(where: { $0.value == nil }) {
            watch.append("missing data: " + x.components.filter { $0.value == nil }.map(\.name.rawValue).joined(separator: ", ") + " (ingest event files or a dyad series)")
        }
        x.indicators = watch
    }
}

/// ROC AUC: the probability that a random positive scores above a random negative (ties half).
public enum ROC {
    /// - Complexity: O(n log n).
    public static func auc(scores: [Double], labels: [Bool]) -> Double? {
        let pairs = zip(scores, labels).sorted { $0.0 < $1.0 }
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        // Rank-sum (Mann–Whitney U) with average ranks for ties.
        var rankSum = 0.0
        var i = 0
        while i < pairs.count {
            var j = i
            while j + 1 < pairs.count && pairs[j + 1].0 == pairs[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where pairs[k].1 { rankSum += rank }
            i = j + 1
        }
        let u = rankSum - Double(positives * (positives + 1)) / 2
        return u / Double(positives * negatives)
    }
}
