import EntenteCore
import EntenteServices
import Foundation

/// The dashboard's pages, server-rendered: HTML with inline SVG drawn by the brief's chart module
/// (``SVGChart``), readable without JavaScript, nothing fetched from elsewhere (the one style
/// sheet is served by this binary at `/static/entente.css`). Every text from data is escaped.
///
/// The pages present answers of the services layer (``Overview``, ``DyadPage``); they compute
/// nothing of their own beyond layout.
enum DashboardHTML {
    static let stylesheetPath = "/static/entente.css"

    /// The Content-Security-Policy of the pages: nothing but this server's style sheet and forms.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escape.xml(title))</title><link rel="stylesheet" href="\(stylesheetPath)"></head>
        <body><header class="top"><a href="/" class="brand">Entente</a> <span class="tag">how close two states really are, with the evidence</span>
        <nav><a href="/">Overview</a> · <a href="/openapi.json">API (OpenAPI)</a> · <a href="/metrics">Metrics</a></nav></header>
        <main>\(body)</main>
        <footer>Every figure traces to the events, datasets and curated, sourced entries listed on the page. Entente classifies; it does not forecast.</footer>
        </body></html>

        """
    }

    /// The colour of each class (bands, badges, the monthly strip).
    static func color(_ c: Assessment.Classification) -> String {
        switch c {
        case .alliance: "#1f4e79"
        case .strategicPartnership: "#2e7d32"
        case .temporaryRapprochement: "#d4a017"
        case .distant: "#8a8a8a"
        case .rivalry: "#c0392b"
        }
    }

    /// The CSS class of a class's badge (the page's only styles are in the style sheet).
    static func slug(_ c: Assessment.Classification) -> String { c.rawValue.replacingOccurrences(of: " ", with: "-") }

    static func f(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "no data" }

    static func pairLink(_ a: String, _ b: String) -> String {
        "<a href=\"/dyads/\(Escape.xml(a))/\(Escape.xml(b))\">\(Escape.xml(a))–\(Escape.xml(b))</a>"
    }

    // MARK: Home

    static func home(_ o: Overview) -> String {
        var body = "<h1>Dashboard</h1>"
        body += pairPicker()
        let s = o.status
        body += "<section><h2>What the store holds</h2><table class=\"kv\">"
        body += "<tr><th>Event data</th><td>\(s.events) events from \(s.files) file(s)"
        if let first = s.firstDate, let last = s.lastDate { body += ", \(first) to \(last)" }
        body += "</td></tr>"
        for d in s.datasets {
            body += "<tr><th>\(Escape.xml(d.dataset))</th><td>\(d.events) events, \(d.files) file(s)"
            if let first = d.firstDate, let last = d.lastDate { body += ", \(first) to \(last)" }
            body += "</td></tr>"
        }
        if let series = s.series {
            body +=
                "<tr><th>Dyad series</th><td>\(series.pairs) pairs, \(series.days) daily values, \(series.firstMonth.map(\.description) ?? "–") to \(series.lastMonth.map(\.description) ?? "–")</td></tr>"
        } else {
            body += "<tr><th>Dyad series</th><td>none (<code>entente fetch dyad-series</code> adds it)</td></tr>"
        }
        for layer in s.layers ?? [] {
            let years = layer.firstYear.map { f in "\(f)–\(layer.lastYear.map(String.init) ?? "")" } ?? ""
            body += "<tr><th>\(Escape.xml(layer.layer.rawValue))</th><td>\(layer.rows) rows \(years)</td></tr>"
        }
        if s.layers?.isEmpty ?? true {
            body +=
                "<tr><th>Structural layers</th><td>none (<code>entente fetch atop</code>, <code>unga</code>, <code>sipri</code>)</td></tr>"
        }
        if let cube = s.cube {
            body += "<tr><th>Cube</th><td>\(cube.inStep ? "in step with the store" : Escape.xml(cube.message))</td></tr>"
        }
        body +=
            "<tr><th>Knowledge base</th><td>\(o.treaties) treaties, \(o.partnerships) partnership declarations, \(o.curatedEvents) curated events, each with public sources</td></tr>"
        body += "</table></section>"
        body += "<section><h2>Most-changed pairs"
        if let month = o.latestMonth { body += " of \(month)" }
        body += "</h2>"
        if o.movers.isEmpty {
            body +=
                "<p>No dyad series in the store, or no pair with enough coverage in its latest month. <code>entente fetch dyad-series</code> adds the all-dyads series.</p>"
        } else {
            body +=
                "<p class=\"note\">Cooperation balance in the month against the pair's previous \(PairMovers.lookback) months, in units of its usual spread (z); pairs with at least \(PairMovers.minimumDays) covered days in the month and \(PairMovers.minimumPriorMonths) earlier months only.</p>"
            body +=
                "<table><thead><tr><th>pair</th><th>balance</th><th>before</th><th>change</th><th>z</th><th>days</th></tr></thead><tbody>"
            for m in o.movers {
                body +=
                    "<tr><td>\(pairLink(m.a, m.b))</td><td>\(f(m.balance))</td><td>\(f(m.priorMean))</td><td class=\"\(m.change >= 0 ? "up" : "down")\">\(m.change >= 0 ? "+" : "")\(f(m.change))</td><td>\(f(m.z, 1))</td><td>\(m.days)</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "</section>"
        body +=
            "<section><h2>Examples</h2><p>\(pairLink("RUS", "PRK")) · \(pairLink("USA", "JPN")) · \(pairLink("CHN", "RUS")) · \(pairLink("RUS", "UKR")) · \(pairLink("IND", "PAK"))</p></section>"
        return page(title: "Entente dashboard", body: body)
    }

    /// A form that works without JavaScript: `GET /dyads?a=…&b=…` redirects to the pair's page.
    static func pairPicker(a: String = "", b: String = "") -> String {
        var options = ""
        for c in Country.all where c.isStateLike { options += "<option value=\"\(Escape.xml(c.code))\">\(Escape.xml(c.name))</option>" }
        return """
            <form class="picker" method="get" action="/dyads">\
            <label>State A <input name="a" list="states" value="\(Escape.xml(a))" required placeholder="Russia or RUS"></label> \
            <label>State B <input name="b" list="states" value="\(Escape.xml(b))" required placeholder="North Korea or PRK"></label> \
            <button type="submit">Show the pair</button><datalist id="states">\(options)</datalist></form>
            """
    }

    // MARK: A dyad

    static func dyad(_ answer: DyadPage) -> String {
        let inputs = answer.inputs, brief = answer.brief, x = inputs.assessment
        let (a, b) = (inputs.a, inputs.b)
        func sentence(_ s: Brief.Sentence) -> String {
            Escape.xml(s.text) + s.cites.map { "<sup><a href=\"#src-\($0)\">[\($0)]</a></sup>" }.joined()
        }
        var body = "<p class=\"crumbs\"><a href=\"/\">Overview</a> › \(Escape.xml(a.code))–\(Escape.xml(b.code))</p>"
        body += "<h1>\(Escape.xml(a.name)) – \(Escape.xml(b.name))</h1>"
        body += "<p class=\"meta\">\(Escape.xml(brief.period)); the judgement is of the \(x.window) months to \(x.at).</p>"

        // The judgement and what decided it.
        body += "<section class=\"card\" id=\"judgement\"><h2>Judgement</h2>"
        body +=
            "<p><span class=\"badge \(slug(x.classification))\" data-class=\"\(Escape.xml(x.classification.rawValue))\">\(Escape.xml(x.classification.rawValue))</span> "
        body +=
            "confidence <strong>\(f(x.confidence))</strong> (\(Escape.xml(x.confidenceLabel))), index \(f(x.index)), behavioural \(f(x.behavioural)), intensity \(f(x.intensity))\(x.rule.map { ", rule \(Escape.xml($0))" } ?? "").</p>"
        body += "<h3>What decided it</h3><ul>" + x.decidedBy.map { "<li>\(Escape.xml($0))</li>" }.joined() + "</ul>"
        if let change = x.wouldChange, !change.isEmpty {
            body += "<h3>What would change it</h3><ul>" + change.map { "<li>\(Escape.xml($0))</li>" }.joined() + "</ul>"
        }
        body += "<table><thead><tr><th>component</th><th>value</th><th>previous</th><th>rests on</th></tr></thead><tbody>"
        for c in x.components {
            body +=
                "<tr><td>\(Escape.xml(c.name.rawValue))</td><td>\(f(c.value))</td><td>\(f(c.previous))</td><td>\(Escape.xml(c.coverage.joined(separator: ", ")))</td></tr>"
        }
        body += "</tbody></table></section>"

        // The index and its components over time, class bands and change points.
        body += "<section id=\"over-time\"><h2>Index and components over time</h2>"
        body += "<figure>\(indexChart(inputs))<figcaption>Each month's assessment of its \(x.window)-month window. "
        body +=
            "The strip above the plot is each month's class; shaded bands are the rule's thresholds (index ≥ 0.55 for a strategic partnership, behavioural < 0.40 for a rivalry); dashed lines are change points of the pair's cooperation.</figcaption></figure></section>"

        // The brief's sections, with their charts (flows ledger, network, trajectory, timeline, drivers).
        for section in brief.sections where section.title != "Method and sources" {
            body += "<section><h2>\(Escape.xml(section.title))</h2>"
            for p in section.paragraphs where !p.isEmpty { body += "<p>" + p.map(sentence).joined(separator: " ") + "</p>" }
            if !section.bullets.isEmpty { body += "<ul>" + section.bullets.map { "<li>\(sentence($0))</li>" }.joined() + "</ul>" }
            for chart in section.charts {
                body += "<figure>\(chart.svg)<figcaption>\(Escape.xml(chart.title))</figcaption></figure>"
            }
            body += "</section>"
        }
        body += treaties(inputs)
        body += flows(inputs)
        body += links(inputs)
        if let method = brief.sections.first(where: { $0.title == "Method and sources" }) {
            body += "<section><h2>Method and data</h2>"
            for p in method.paragraphs where !p.isEmpty { body += "<p>" + p.map(sentence).joined(separator: " ") + "</p>" }
            if !method.bullets.isEmpty { body += "<ul>" + method.bullets.map { "<li>\(sentence($0))</li>" }.joined() + "</ul>" }
            body += "</section>"
        }
        body += "<section id=\"sources\"><h2>Sources</h2><ol class=\"sources\">"
        for c in brief.citations {
            let link = Escape.httpURL(c.url).map { " <a href=\"\(Escape.xml($0))\" rel=\"noreferrer\">\(Escape.xml($0))</a>" } ?? ""
            body += "<li id=\"src-\(c.number)\">\(Escape.xml(c.text))\(link)</li>"
        }
        body += "</ol></section>"
        return page(title: "\(a.code)–\(b.code): \(x.classification.rawValue) · Entente", body: body)
    }

    static func indexChart(_ inputs: BriefInputs) -> String {
        let monthly = inputs.monthly
        let months = monthly.map(\.at)
        var series: [(label: String, values: [Double?])] = [
            ("index", monthly.map(\.index)), ("behavioural", monthly.map(\.behavioural)), ("intensity", monthly.map(\.intensity)),
        ]
        for name in [IndexComponent.Name.commitment, .durability, .hostility] {
            let values = monthly.map { $0.component(name).value }
            if values.contains(where: { $0 != nil }) { series.append((name.rawValue, values)) }
        }
        let bands = [
            SVGChart.Band(0.55...1, label: "index ≥ 0.55: partnership zone", color: color(.strategicPartnership)),
            SVGChart.Band(0...0.4, label: "behavioural < 0.40: rivalry zone", color: color(.rivalry)),
        ]
        return SVGChart.lines(
            title: "\(inputs.a.code)–\(inputs.b.code): index and components, \(inputs.from)–\(inputs.to)",
            description: "Monthly index, behavioural and intensity scores and components, 0 to 1, with class thresholds and change points.",
            months: months, series: series, yRange: 0...1, markers: inputs.changeMonths.map { ($0, "break") }, bands: bands,
            strip: monthly.map { ($0.classification.rawValue, color($0.classification)) })
    }

    static func treaties(_ inputs: BriefInputs) -> String {
        let kb = inputs.knowledgeBase, day = inputs.to.lastDay
        let (a, b) = (inputs.a.code, inputs.b.code)
        var body = "<section id=\"treaties\"><h2>Treaties and partnership declarations on \(day)</h2>"
        var rows = ""
        for (from, to) in [(a, b), (b, a)] {
            for o in kb.obligations(from: from, to: to, at: day) {
                let source = o.treaty.sources.first
                let link =
                    Escape.httpURL(source?.url).map {
                        "<a href=\"\(Escape.xml($0))\" rel=\"noreferrer\">\(Escape.xml(source?.outlet ?? "source"))</a>"
                    }
                    ?? ""
                rows +=
                    "<tr><td>\(Escape.xml(from))→\(Escape.xml(to))</td><td>\(Escape.xml(o.treaty.name))</td><td>\(o.status == .inForce ? "in force" : "signed, not in force")</td><td>\(Escape.xml(o.types.map(\.rawValue).joined(separator: ", ")))</td><td>\(o.treaty.signed)</td><td>\(link)</td></tr>"
            }
        }
        if rows.isEmpty {
            body += "<p>No obligation in force either way is recorded in the knowledge base.</p>"
        } else {
            body +=
                "<table><thead><tr><th>direction</th><th>treaty</th><th>status</th><th>obligations</th><th>signed</th><th>source</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        let declarations = kb.partnerships(between: a, and: b, at: day)
        if !declarations.isEmpty {
            body += "<table><thead><tr><th>declaration</th><th>since</th><th>words</th><th>source</th></tr></thead><tbody>"
            for (p, level) in declarations {
                let source = level.sources.first
                let link =
                    Escape.httpURL(source?.url).map {
                        "<a href=\"\(Escape.xml($0))\" rel=\"noreferrer\">\(Escape.xml(source?.outlet ?? "source"))</a>"
                    }
                    ?? ""
                body +=
                    "<tr><td>\(Escape.xml(p.id))</td><td>\(level.date)</td><td>\(Escape.xml(level.words))</td><td>\(link)</td></tr>"
            }
            body += "</tbody></table>"
        }
        return body + "</section>"
    }

    static func flows(_ inputs: BriefInputs) -> String {
        let (a, b) = (inputs.a.code, inputs.b.code)
        let events = inputs.knowledgeBase.events(between: a, and: b, from: inputs.from.firstDay, to: inputs.to.lastDay)
        var body = "<section id=\"flows\"><h2>Flows ledger, both ways</h2>"
        var columns = ""
        for (from, to) in [(a, b), (b, a)] {
            var items = ""
            for e in events {
                for flow in e.flows where flow.from == from && flow.to == to {
                    let source = e.sources.first
                    let link =
                        Escape.httpURL(source?.url).map {
                            " <a href=\"\(Escape.xml($0))\" rel=\"noreferrer\">\(Escape.xml(source?.outlet ?? "source"))</a>"
                        }
                        ?? ""
                    items +=
                        "<li><strong>\(Escape.xml(flow.item))</strong> — \(Escape.xml(e.confidence.rawValue)), \(e.date)\(flow.reportedBy.map { " (reported by \(Escape.xml($0)))" } ?? "").\(link)</li>"
                }
            }
            columns +=
                "<div><h3>\(Escape.xml(from)) → \(Escape.xml(to))</h3>\(items.isEmpty ? "<p>None recorded in this period.</p>" : "<ul>\(items)</ul>")</div>"
        }
        body += "<div class=\"two\">\(columns)</div>"
        return body + "</section>"
    }

    static func links(_ inputs: BriefInputs) -> String {
        let (a, b) = (inputs.a.code, inputs.b.code)
        let range = "from=\(inputs.from)&amp;to=\(inputs.to)"
        let pair = "a=\(Escape.xml(a))&amp;b=\(Escape.xml(b))"
        return """
            <section id="links"><h2>Brief and data</h2><ul>\
            <li>The analyst brief: <a href="/api/v1/brief?\(pair)&amp;\(range)&amp;format=html">HTML</a> · \
            <a href="/api/v1/brief?\(pair)&amp;\(range)&amp;format=markdown">Markdown</a></li>\
            <li>JSON: <a href="/api/v1/assess?\(pair)&amp;at=\(inputs.to)">assessment</a> · \
            <a href="/api/v1/index?\(pair)&amp;\(range)">index by month</a> · \
            <a href="/api/v1/treaties?\(pair)&amp;at=\(inputs.to.lastDay)">treaties</a> · \
            <a href="/api/v1/timeline?\(pair)&amp;\(range)">timeline</a> · \
            <a href="/api/v1/dyad?\(pair)">monthly series</a> · \
            <a href="/api/v1/adversaries?\(pair)">common adversaries</a> · \
            <a href="/api/v1/structure?\(pair)">structural layers</a></li></ul></section>
            """
    }

    // MARK: Style

    static let stylesheet = """
        :root { --ink: #222; --muted: #666; --line: #ddd; --accent: #1f4e79; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fafafa; }
        header.top { background: var(--accent); color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
        header.top a { color: #fff; } header.top .brand { font-weight: bold; font-size: 1.2rem; text-decoration: none; }
        header.top .tag { opacity: .85; } header.top nav { margin-left: auto; }
        main { max-width: 1040px; margin: 0 auto; padding: 1rem 1.2rem 2rem; background: #fff; }
        footer { max-width: 1040px; margin: 0 auto; padding: 1rem 1.2rem; color: var(--muted); font-size: .85rem; }
        h1 { margin: .3rem 0; } h2 { color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 1.8rem; }
        .meta, .note, .crumbs { color: var(--muted); } .crumbs { margin: 0; font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0; } th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        table.kv th { width: 14rem; font-weight: 600; }
        td.up { color: #2e7d32; } td.down { color: #c0392b; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: .2rem 1rem .6rem; background: #fcfcfd; }
        .badge { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; background: #555; color: #fff; font-weight: bold; text-transform: capitalize; }
        .badge.alliance { background: #1f4e79; } .badge.strategic-partnership { background: #2e7d32; }
        .badge.temporary-rapprochement { background: #b8860b; } .badge.distant { background: #8a8a8a; } .badge.rivalry { background: #c0392b; }
        figure { margin: 1rem 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; } figcaption { color: var(--muted); font-size: .85rem; }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; } @media (max-width: 700px) { .two { grid-template-columns: 1fr; } }
        form.picker { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; padding: .8rem; border: 1px solid var(--line); border-radius: 6px; background: #f4f7fb; }
        form.picker input { padding: .3rem .4rem; font-size: 1rem; width: 14rem; } form.picker button { padding: .35rem .9rem; font-size: 1rem; }
        ol.sources li { font-size: .85rem; word-break: break-word; } sup a { text-decoration: none; }
        @media print { header.top nav, form.picker { display: none; } main { max-width: none; } }

        """
}
