import Foundation

/// The analyst brief: sections of template sentences, each carrying the numbers of the sources it
/// rests on (knowledge-base entries, stored events, or Entente's computed figures), and charts.
public struct Brief: Sendable {
    public struct Citation: Sendable, Equatable {
        public var number: Int
        /// `kb-event`, `kb-treaty`, `figure`.
        public var kind: String
        public var text: String
        public var url: String?
    }

    /// A sentence with its citations. Text is plain; renderers escape it.
    public struct Sentence: Sendable, Equatable {
        public var text: String
        public var cites: [Int]
    }

    public struct Chart: Sendable {
        public var id: String
        public var title: String
        public var svg: String
    }

    public struct Section: Sendable {
        public var title: String
        public var paragraphs: [[Sentence]] = []
        public var bullets: [Sentence] = []
        public var charts: [Chart] = []
    }

    public var a: String
    public var b: String
    public var title: String
    public var period: String
    public var sections: [Section]
    public var citations: [Citation]
}

/// What a brief is built from; everything but the knowledge base and the assessment is optional.
public struct BriefInputs: Sendable {
    public var a: Country
    public var b: Country
    public var from: Month
    public var to: Month
    public var knowledgeBase: KnowledgeBase
    /// The assessment of the window ending at `to`.
    public var assessment: Assessment
    /// The assessment of each month from `from` to `to`.
    public var monthly: [Assessment]
    /// Goldstein sums by month and direction (cube or store), for the cooperation/conflict chart.
    public var directed: [(month: Month, source: String, goldsteinSum: Double)]
    /// Balances of A and B toward third states (series), for the adversaries network.
    public var balances: [String: [String: Double]]?
    /// Lines describing the data used, with coverage and spans.
    public var dataNotes: [String]
    /// Sentences of the drivers and scenarios analyses (computed by the caller), and what they rest on.
    public var drivers: (sentences: [String], source: String)?
    /// Change points of the A–B cooperation series, marked on the charts.
    public var changeMonths: [Month] = []

    public init(
        a: Country, b: Country, from: Month, to: Month, knowledgeBase: KnowledgeBase, assessment: Assessment, monthly: [Assessment],
        directed: [(month: Month, source: String, goldsteinSum: Double)] = [], balances: [String: [String: Double]]? = nil,
        dataNotes: [String] = []
    ) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
        self.knowledgeBase = knowledgeBase
        self.assessment = assessment
        self.monthly = monthly
        self.directed = directed
        self.balances = balances
        self.dataNotes = dataNotes
    }
}

extension Brief {
    /// Builds the brief. Deterministic: the same inputs give the same brief.
    public static func build(_ input: BriefInputs) -> Brief {
        var citations: [Citation] = []
        var byKey: [String: Int] = [:]
        func cite(_ key: String, _ kind: String, _ text: String, _ url: String?) -> Int {
            if let n = byKey[key] { return n }
            let n = citations.count + 1
            citations.append(Citation(number: n, kind: kind, text: text, url: url))
            byKey[key] = n
            return n
        }
        func citeEvent(_ e: CuratedEvent) -> Int {
            let s = e.sources.first
            return cite(
                "e:" + e.id, "kb-event", "\(e.title). \(s?.outlet ?? "")\(s?.date.map { ", \($0)" } ?? "") (knowledge base entry \(e.id))",
                s?.url)
        }
        func citeTreaty(_ t: Treaty) -> Int {
            let s = t.sources.first
            return cite(
                "t:" + t.id, "kb-treaty",
                "\(t.name), signed \(t.signed). \(s?.outlet ?? "")\(s?.date.map { ", \($0)" } ?? "") (knowledge base entry \(t.id))", s?.url
            )
        }
        let x = input.assessment, a = input.a, b = input.b
        let f = { (v: Double?) in v.map { String(format: "%.2f", $0) } ?? "no data" }
        let assessCite = cite(
            "f:assess", "figure",
            "Entente partnership assessment of \(a.code)–\(b.code), \(x.window) months to \(x.at): components, weights and rules in Guides/PartnershipIndex.md; evidence below",
            nil)
        let monthlyCite = cite(
            "f:monthly", "figure", "Entente monthly index of \(a.code)–\(b.code), \(input.from) to \(input.to), \(x.window)-month windows",
            nil)
        let events = input.knowledgeBase.events(between: a.code, and: b.code, from: input.from.firstDay, to: input.to.lastDay)
        let months = Array(stride(from: input.from, through: input.to, by: 1))
        var sections: [Section] = []

        // Summary.
        var summary = Section(title: "Summary")
        summary.paragraphs.append([
            Sentence(
                text:
                    "Entente classifies \(a.name)–\(b.name) as \(x.classification == .alliance ? "an" : "a") \(x.classification.rawValue) for the \(x.window) months to \(x.at), with an index of \(f(x.index)) (behavioural \(f(x.behavioural)), intensity \(f(x.intensity)), commitment \(f(x.component(.commitment).value))) and \(x.confidenceLabel) confidence (\(f(x.confidence))).",
                cites: [assessCite]),
            Sentence(text: "The classification rests on: \(x.decidedBy.joined(separator: "; ")).", cites: [assessCite]),
        ])
        if let rule = x.rule, let change = x.wouldChange, !change.isEmpty {
            summary.paragraphs[0].append(
                Sentence(text: "Judgement rule \(rule); what would change it: \(change.joined(separator: "; ")).", cites: [assessCite]))
        }
        let day = input.to.lastDay
        if let best = input.knowledgeBase.obligations(from: a.code, to: b.code, at: day).first {
            let status = best.status == .inForce ? "in force" : "signed but not yet in force"
            summary.paragraphs[0].append(
                Sentence(
                    text:
                        "The strongest commitment on \(day) is the \(best.treaty.name) (\(status)), with \(best.types.map(\.rawValue).joined(separator: ", ")) from \(a.code) to \(b.code).",
                    cites: [citeTreaty(best.treaty)]))
        }
        let indexes = input.monthly.compactMap { m in m.index.map { (m.at, $0) } }
        if let first = indexes.first, let last = indexes.last, let peak = indexes.max(by: { $0.1 < $1.1 }) {
            summary.paragraphs[0].append(
                Sentence(
                    text:
                        "Over \(input.from)–\(input.to) the index moved from \(f(first.1)) (\(first.0)) to \(f(last.1)) (\(last.0)), peaking at \(f(peak.1)) in \(peak.0).",
                    cites: [monthlyCite]))
        }
        sections.append(summary)

        // Key implications for each side.
        var implications = Section(title: "Key implications for each side")
        let flows = events.flatMap { e in e.flows.map { (event: e, flow: $0) } }
        for (side, other) in [(a, b), (b, a)] {
            var items: [Sentence] = []
            for (e, fl) in flows where fl.to == side.code {
                items.append(
                    Sentence(
                        text:
                            "\(side.name) receives \(fl.item) from \(other.name) — \(e.confidence.rawValue)\(fl.reportedBy.map { ", reported by \($0)" } ?? ""), \(e.date).",
                        cites: [citeEvent(e)]))
            }
            for (e, fl) in flows where fl.from == side.code {
                items.append(
                    Sentence(
                        text:
                            "\(side.name) provides \(fl.item) to \(other.name) — \(e.confidence.rawValue)\(fl.reportedBy.map { ", reported by \($0)" } ?? ""), \(e.date).",
                        cites: [citeEvent(e)]))
            }
            if items.isEmpty {
                items.append(Sentence(text: "The knowledge base records no flow to or from \(side.name) in this period.", cites: []))
            }
            implications.paragraphs.append(items)
        }
        let summits = events.filter(\.isSummit)
        if summits.isEmpty {
            implications.bullets.append(Sentence(text: "No leader-level summit is recorded in this period.", cites: []))
        } else {
            implications.bullets.append(
                Sentence(
                    text: "\(summits.count) leader-level summit(s) in \(months.count) months: "
                        + summits.map { "\($0.date)" }.joined(separator: ", ") + ".", cites: summits.map(citeEvent)))
        }
        for e in events where e.tags.contains("sanctions") || e.tags.contains("unsc-veto") || e.tags.contains("unsc-vote") {
            implications.bullets.append(Sentence(text: "Sanctions: \(e.title) (\(e.date)).", cites: [citeEvent(e)]))
        }
        if !flows.isEmpty {
            var counts: [String: (Int, Int)] = [:]
            for (_, fl) in flows {
                let key = "\(fl.item) (\(fl.from)→\(fl.to))"
                counts[key, default: (0, fl.from == a.code ? 0 : 1)].0 += 1
            }
            let rows = counts.sorted { ($0.value.1, -$0.value.0, $0.key) < ($1.value.1, -$1.value.0, $1.key) }.map {
                (label: $0.key, group: $0.value.1, value: Double($0.value.0))
            }
            implications.charts.append(
                Chart(
                    id: "flows", title: "Flows ledger: what moved which way",
                    svg: SVGChart.bars(
                        title: "Flows ledger, \(input.from)–\(input.to): reports of what moved which way",
                        description: "Bars count the curated reports of each item, by direction.", rows: rows,
                        groups: ["\(a.code) → \(b.code)", "\(b.code) → \(a.code)"])))
        }
        sections.append(implications)

        // Convergence of interests.
        var convergence = Section(title: "Convergence of interests")
        var treatySentences: [Sentence] = []
        for t in input.knowledgeBase.treaties(between: a.code, and: b.code) {
            let active = [t.status(at: input.from.firstDay), t.status(at: day)].contains { $0 == .inForce || $0 == .signedNotInForce }
            guard active else { continue }
            let types = Set(t.obligations.flatMap(\.types)).sorted(by: >).map(\.rawValue)
            treatySentences.append(
                Sentence(
                    text:
                        "\(t.name) (signed \(t.signed)\(t.inForce.map { ", in force \($0)" } ?? "")\(t.ended.map { ", ended \($0)" } ?? "")): \(types.isEmpty ? "no obligation" : types.joined(separator: ", ")). \(t.clause)",
                    cites: [citeTreaty(t)]))
        }
        if treatySentences.isEmpty {
            treatySentences.append(Sentence(text: "No treaty between them is recorded in the knowledge base for this period.", cites: []))
        }
        convergence.paragraphs.append(treatySentences)
        let sensitive = events.filter {
            $0.tags.contains { $0.hasPrefix("sensitive-tech:") } || $0.tags.contains("arms-transfer") || $0.tags.contains("troops")
        }
        var military = [
            Sentence(
                text:
                    "Military-technical cooperation scores \(f(x.component(.militaryTechnical).value)); breadth \(f(x.component(.breadth).value)) of six domains.",
                cites: [assessCite])
        ]
        for e in sensitive { military.append(Sentence(text: "\(e.title) (\(e.date), \(e.confidence.rawValue)).", cites: [citeEvent(e)])) }
        convergence.paragraphs.append(military)
        var alignmentSentences: [Sentence] = []
        if let alignment = x.component(.alignment).evidence.first {
            alignmentSentences.append(
                Sentence(text: "Alignment \(f(x.component(.alignment).value)): \(alignment.text).", cites: [assessCite]))
        }
        if let balances = input.balances, let pa = balances[a.code], let pb = balances[b.code] {
            let harsh = pa.keys.filter { $0 != a.code && $0 != b.code && pb[$0] != nil && pa[$0]! < 0 && pb[$0]! < 0 }.sorted {
                pa[$0]! + pb[$0]! < pa[$1]! + pb[$1]!
            }.prefix(5)
            let figure = cite(
                "f:balances", "figure",
                "Entente balances (positive − negative)/(positive + negative) toward third states, dyad series, \(x.window) months to \(x.at)",
                nil)
            alignmentSentences.append(
                Sentence(
                    text: harsh.isEmpty
                        ? "No third state is treated with hostility by both in the series."
                        : "Third states both treat with hostility: "
                            + harsh.map {
                                "\($0) (\(a.code) \(String(format: "%+.2f", pa[$0]!)), \(b.code) \(String(format: "%+.2f", pb[$0]!)))"
                            }.joined(separator: ", ") + ".",
                    cites: [figure]))
        }
        if alignmentSentences.isEmpty {
            alignmentSentences.append(
                Sentence(
                    text:
                        "Shared adversaries and alignment are not computed without a dyad series (entente ingest --format dyad-series FILE).",
                    cites: []))
        }
        convergence.paragraphs.append(alignmentSentences)
        let reactions = input.knowledgeBase.events.filter {
            $0.tags.contains("counterbalancing") && $0.date.latest >= input.from.firstDay && $0.date.earliest <= day
        }
        .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        if !reactions.isEmpty {
            convergence.paragraphs.append(
                reactions.map { Sentence(text: "Third-party reaction: \($0.title) (\($0.date)).", cites: [citeEvent($0)]) })
        }
        if let balances = input.balances, let pa = balances[a.code], let pb = balances[b.code] {
            let shared = pa.keys.filter { $0 != a.code && $0 != b.code && pb[$0] != nil }.map { ($0, pa[$0]! + pb[$0]!) }.sorted {
                ($0.1, $0.0) < ($1.1, $1.0)
            }.prefix(5)
            var edges: [(from: String, to: String, weight: Double)] = []
            if let ab = pa[b.code] { edges.append((a.code, b.code, ab)) }
            for (c, _) in shared { edges.append((a.code, c, pa[c]!)); edges.append((b.code, c, pb[c]!)) }
            if !shared.isEmpty {
                convergence.charts.append(
                    Chart(
                        id: "adversaries", title: "Common adversaries",
                        svg: SVGChart.network(
                            title: "\(a.code), \(b.code) and the third states both treat most harshly",
                            description: "Signed balances toward third states over the assessment window, from the dyad series.", a: a.code,
                            b: b.code, edges: edges)))
            }
        }
        sections.append(convergence)

        // Charts over time.
        var trends = Section(title: "Trajectory")
        let markers =
            summits.map { (month: $0.date.earliest.period, label: "summit") } + input.changeMonths.map { (month: $0, label: "change") }
        trends.charts.append(
            Chart(
                id: "index", title: "Index and components",
                svg: SVGChart.lines(
                    title: "Partnership index and components, \(input.from)–\(input.to)",
                    description: "Monthly values on 0–1, \(x.window)-month windows.", months: months,
                    series: [
                        ("index", input.monthly.map(\.index)), ("behavioural", input.monthly.map(\.behavioural)),
                        ("intensity", input.monthly.map(\.intensity)),
                        ("commitment", input.monthly.map { $0.component(.commitment).value }),
                    ],
                    yRange: 0...1, markers: markers)))
        trends.paragraphs.append([
            Sentence(
                text: "The index and its components month by month; dashed lines mark leader-level summits"
                    + (input.changeMonths.isEmpty
                        ? "."
                        : " and change points of the pair's cooperation (" + input.changeMonths.map(\.description).joined(separator: ", ")
                            + ")."),
                cites: [monthlyCite]
                    + (input.changeMonths.isEmpty
                        ? []
                        : [
                            cite(
                                "f:changes", "figure",
                                "Entente change points (PELT, L2 cost on log(1 + monthly cooperation), BIC penalty) of \(a.code)–\(b.code), dyad series; Guides/ChangePoints.md",
                                nil)
                        ]))
        ])
        if !input.directed.isEmpty {
            let ab = months.map { m in input.directed.first { $0.month == m && $0.source == a.code }?.goldsteinSum }
            let ba = months.map { m in input.directed.first { $0.month == m && $0.source == b.code }?.goldsteinSum }
            trends.charts.append(
                Chart(
                    id: "cooperation", title: "Cooperation and conflict by month",
                    svg: SVGChart.lines(
                        title: "Goldstein sum by month, \(a.code)→\(b.code) and \(b.code)→\(a.code)",
                        description: "Positive: cooperation; negative: conflict. Dashed lines: curated summits.", months: months,
                        series: [("\(a.code)→\(b.code)", ab), ("\(b.code)→\(a.code)", ba)], markers: markers)))
            trends.paragraphs.append([
                Sentence(
                    text: "Monthly Goldstein sums in each direction, from the event data ingested.",
                    cites: [cite("f:directed", "figure", "Entente dyad cube or event store: Goldstein sums by month and direction", nil)])
            ])
        }
        let lanes = ["diplomatic", "military", "economic", "sanctions", "treaty"]
        func lane(_ e: CuratedEvent) -> Int {
            if e.tags.contains("treaty") { return 4 }
            if e.tags.contains("sanctions") || e.tags.contains("unsc-veto") || e.tags.contains("unsc-vote") { return 3 }
            if e.tags.contains { ["arms-transfer", "troops", "space"].contains($0) || $0.hasPrefix("sensitive-tech:") } { return 1 }
            if e.tags.contains { ["economic", "labour", "tourism"].contains($0) } { return 2 }
            return 0
        }
        trends.charts.append(
            Chart(
                id: "timeline", title: "Timeline of curated events",
                svg: SVGChart.timeline(
                    title: "Curated events, \(input.from)–\(input.to) (numbers: sources)",
                    description: "Each dot is a knowledge-base event, numbered with its citation.", months: months, lanes: lanes,
                    events: events.map { (month: $0.date.earliest.period, lane: lane($0), label: String(citeEvent($0))) })))
        sections.append(trends)

        // Drivers and scenarios (when the series allows them).
        if let drivers = input.drivers {
            var section = Section(title: "Drivers and scenarios")
            let figure = cite("f:drivers", "figure", drivers.source, nil)
            section.paragraphs.append(drivers.sentences.map { Sentence(text: $0, cites: [figure]) })
            sections.append(section)
        }

        // Indicators.
        var watch = Section(title: "Indicators to watch")
        watch.bullets = x.indicators.map { Sentence(text: $0.prefix(1).uppercased() + $0.dropFirst() + ".", cites: [assessCite]) }
        sections.append(watch)

        // Method and sources.
        var method = Section(title: "Method and sources")
        method.paragraphs.append(input.dataNotes.map { Sentence(text: $0, cites: []) })
        method.paragraphs.append([
            Sentence(
                text: "Every sentence above is generated from a template filled with the cited entries and figures; no free text is added.",
                cites: []),
            Sentence(
                text:
                    "Limitations: event data code what the press reports (news-volume bias, one-sided reporting); covert flows appear only as reports, marked by confidence; the knowledge base covers treaties and events curated for Russia, North Korea, China, the United States, South Korea, Japan, Ukraine, Belarus, Iran and Australia.",
                cites: []),
        ])
        sections.append(method)

        return Brief(
            a: a.code, b: b.code, title: "\(a.name)–\(b.name): \(x.classification.rawValue)", period: "\(input.from) to \(input.to)",
            sections: sections, citations: citations)
    }
}
