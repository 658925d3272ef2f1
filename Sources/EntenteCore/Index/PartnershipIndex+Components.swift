extension PartnershipIndex {
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
                let best =
                    obligations.map { o in Double(o.strongest?.assistanceRank ?? 0) / 5 * (o.status == .inForce ? 1 : 0.5) }.max() ?? 0
                ranks.append(best)
                for o in obligations.prefix(2) {
                    let status = o.status == .inForce ? "in force" : "signed, not in force"
                    c.evidence.append(
                        IndexEvidence(
                            date: o.treaty.signed.description, origin: "kb",
                            text: "\(from)→\(to): \(o.treaty.name) (\(status)): \(o.types.map(\.rawValue).joined(separator: ", "))",
                            source: o.treaty.sources.first?.url))
                }
            }
            c.value = ranks.reduce(0, +) / 2
            c.coverage = ["knowledge base"]
        case .militaryTechnical:
            // Sensitive technology, arms and troops sent to fight for the other side (the strongest
            // signal), each weighted by how well it is established.
            let sensitive = curated.filter(\.isMilitaryTechnical).sorted {
                ($0.militaryTechnicalWeight, $0.date.earliest) > ($1.militaryTechnicalWeight, $1.date.earliest)
            }
            var value: Double?
            if !cells.isEmpty {
                let military = [DyadCube.Column.c062, .c064, .c072, .c0312, .c0332].reduce(Int64(0)) { $0 + cube($1) }
                let share = Double(military) / Double(max(1, cube(.events)))
                value = min(1, share / militaryShareFull)
                c.coverage.append("cube")
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube",
                        text: "\(military) military-cooperation events (062, 064, 072, 0312, 0332) of \(cube(.events)) (\(percent(share)))",
                        source: nil))
            }
            if e.knowledgeBase != nil, !sensitive.isEmpty {
                value = max(value ?? 0, min(1, sensitive.reduce(0) { $0 + $1.militaryTechnicalWeight }))
                c.coverage.append("knowledge base")
                c.evidence += kbEvidence(sensitive)
            }
            c.value = value
        case .diplomatic:
            let summits = curated.filter(\.isSummit)
            var value: Double?
            if !cells.isEmpty, let totals = e.diplomaticTotals {
                let dip = diplomaticColumns
                func share(_ s: String) -> Double {
                    let mine = cells.filter { $0.key.source == s }.reduce(Int64(0)) { acc, cell in
                        acc + dip.reduce(Int64(0)) { $0 + cell.values[$1.rawValue] }
                    }
                    let all = (totals[s] ?? [:]).filter { months.contains($0.key) }.values.reduce(0, +)
                    return all > 0 ? Double(mine) / Double(all) : 0
                }
                let g = (share(e.a) * share(e.b)).squareRoot()
                value = min(1, g / diplomaticShareFull)
                c.coverage.append("cube")
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube",
                        text:
                            "share of each side's visits, meetings and agreements that went to the other: \(e.a) \(percent(share(e.a))), \(e.b) \(percent(share(e.b)))",
                        source: nil))
            }
            if value == nil, !series.isEmpty, let activity = e.activity, let ta = activity[e.a], let tb = activity[e.b], ta > 0, tb > 0 {
                // Without event codes: the pair's cooperative mass as a share of each side's.
                let mass = series.reduce(0) { $0 + $1.positive }
                let g = ((mass / ta) * (mass / tb)).squareRoot()
                value = min(1, g / diplomaticShareFull)
                c.coverage.append("dyad series")
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "series",
                        text:
                            "share of each side's cooperative coverage that concerns the other: \(e.a) \(percent(mass / ta)), \(e.b) \(percent(mass / tb))",
                        source: nil))
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
                let map: [(DyadCube.Column, String)] = [
                    (.c061, "economic"), (.c062, "military"), (.c072, "military"), (.c063, "judicial"), (.c064, "intelligence"),
                    (.c073, "humanitarian"), (.c057, "agreements"), (.c071, "economic"),
                ]
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
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: c.coverage.joined(separator: "+"),
                        text:
                            "active domains: \(domains.sorted().joined(separator: ", ")) of economic, military, judicial, intelligence, humanitarian, agreements",
                        source: nil))
            }
        case .durability:
            if !series.isEmpty {
                // Persistence among the months with any interaction: quiet months are not held against a quiet pair.
                let positive = series.filter { $0.net > 0 }
                c.value = Double(positive.count) / Double(series.count)
                c.coverage = ["dyad series"]
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "series",
                        text: "\(positive.count) of the \(series.count) months with data (of \(Int(windowMonths))) show net cooperation",
                        source: nil))
            } else if !cells.isEmpty {
                var byMonth: [Month: Int64] = [:]
                for cell in cells { byMonth[cell.key.month, default: 0] += cell.values[DyadCube.Column.goldsteinX10.rawValue] }
                let positive = byMonth.values.filter { $0 > 0 }.count
                c.value = Double(positive) / Double(byMonth.count)
                c.coverage = ["cube"]
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube",
                        text:
                            "\(positive) of the \(byMonth.count) months with events (of \(Int(windowMonths))) have a positive Goldstein sum",
                        source: nil))
            }
        case .alignment:
            if let balances = e.balances, let pa = balances[e.a], let pb = balances[e.b] {
                let common = pa.keys.filter { pb[$0] != nil && $0 != e.a && $0 != e.b }.sorted()
                if common.count >= 3 {
                    let x = common.map { pa[$0]! }, y = common.map { pb[$0]! }
                    let cosine = Statistics.cosine(x, y) ?? 0
                    c.value = (cosine + 1) / 2
                    c.coverage = ["dyad series"]
                    let shared = common.filter { pa[$0]! < -0.2 && pb[$0]! < -0.2 }.sorted {
                        (pa[$0]! + pb[$0]!, $0) < (pa[$1]! + pb[$1]!, $1)
                    }.prefix(5)
                    c.evidence.append(
                        IndexEvidence(
                            date: "\(months.lowerBound)…\(months.upperBound)", origin: "series",
                            text:
                                "cosine similarity \(String(format: "%.2f", cosine)) of stances toward \(common.count) third states; shared adversaries: \(shared.isEmpty ? "none" : shared.joined(separator: ", "))",
                            source: nil))
                }
            }
        case .hostility:
            if !series.isEmpty {
                let conflict = series.filter { $0.strongConflictDays > 0 }
                c.value = Double(conflict.count) / windowMonths
                c.coverage = ["dyad series"]
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "series",
                        text:
                            "\(conflict.count) of \(Int(windowMonths)) months with a day of strong conflict (≤ \(Int(DyadSeriesMonth.strongConflict)))",
                        source: nil))
            } else if !cells.isEmpty {
                let conflictMonths = Set(cells.filter { (18...20).contains($0.key.root) && $0.values[0] > 0 }.map(\.key.month))
                c.value = Double(conflictMonths.count) / windowMonths
                c.coverage = ["cube"]
                c.evidence.append(
                    IndexEvidence(
                        date: "\(months.lowerBound)…\(months.upperBound)", origin: "cube",
                        text:
                            "\(conflictMonths.count) of \(Int(windowMonths)) months with assaults, fighting or mass violence (roots 18–20)",
                        source: nil))
            }
        }
        if c.coverage.isEmpty { c.coverage = ["no data"] }
        return c
    }

    static func kbCovers(_ kb: KnowledgeBase, _ state: String) -> Bool {
        kb.treaties.contains { t in
            t.parties.contains(state) || t.parties.contains { kb.group($0)?.members.contains { $0.state == state } == true }
        }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
