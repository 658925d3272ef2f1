import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct BriefTests {
    /// A fixed knowledge base with hostile strings in titles, flows and clauses.
    static func fixture() throws -> (KnowledgeBase, TemporaryFolder) {
        let folder = TemporaryFolder()
        try folder.write(
            "kb.yaml",
            lines: [
                "treaties:",
                "  - id: t-1",
                "    name: Treaty of <b>Friendship</b> & \"Trust\"",
                "    parties: [RUS, PRK]",
                "    signed: 2023-06-01",
                "    in_force: 2023-09-01",
                "    obligations: [{between: all, types: [defence-immediate, consultation]}]",
                "    clause: \"Mutual assistance](javascript:alert(1)) <script>alert(1)</script>\"",
                "    sources: [{outlet: Example Wire, date: 2023-06-01, url: 'https://example.org/treaty?a=1&b=2'}]",
                "events:",
                "  - id: e-1",
                "    date: 2023-09-13",
                "    source: RUS",
                "    target: PRK",
                "    code: \"043\"",
                "    level: leader",
                "    title: \"Summit <img src=x onerror=alert(1)> at *the* [cosmodrome]\"",
                "    tags: [summit, sensitive-tech:space]",
                "    confidence: confirmed",
                "    sources: [{outlet: \"Wire \\\"quoted\\\"\", url: 'https://example.org/summit'}]",
                "  - id: e-2",
                "    date: 2023-10",
                "    source: PRK",
                "    target: RUS",
                "    code: \"062\"",
                "    title: Shells shipped",
                "    flows: [{item: \"shells <i>&</i> rockets\", from: PRK, to: RUS, reported_by: An agency}]",
                "    tags: [arms-transfer, sanctions]",
                "    confidence: reported",
                "    sources: [{outlet: Example, url: 'http://example.org/shells'}]",
            ])
        let load = try KnowledgeBase.load(folders: [folder.url.path])
        #expect(load.issues.isEmpty, "\(load.issues)")
        return (load.knowledgeBase, folder)
    }

    static func brief() throws -> Brief {
        let (kb, _) = try fixture()
        let from = Month("2023-05")!, to = Month("2023-12")!
        let monthly = stride(from: from, through: to, by: 1).map { m in
            PartnershipIndex.assess(DyadEvidence(a: "RUS", b: "PRK", knowledgeBase: kb), at: m, window: 12)
        }
        return Brief.build(
            BriefInputs(
                a: Country.iso3("RUS")!, b: Country.iso3("PRK")!, from: from, to: to, knowledgeBase: kb, assessment: monthly.last!,
                monthly: monthly,
                directed: [(Month("2023-09")!, "RUS", 12.5), (Month("2023-09")!, "PRK", -3)],
                balances: ["RUS": ["USA": -0.8, "UKR": -0.9, "PRK": 0.7], "PRK": ["USA": -0.9, "UKR": -0.5, "RUS": 0.7]],
                dataNotes: ["Fixture data."]))
    }

    @Test func markdownMatchesTheGoldenFile() throws {
        let markdown = try Self.brief().markdown(chartPrefix: "brief")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/brief.md")
        if ProcessInfo.processInfo.environment["ENTENTE_UPDATE_GOLDEN"] != nil { try Data(markdown.utf8).write(to: golden) }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(markdown == expected, "regenerate with ENTENTE_UPDATE_GOLDEN=1 swift test --filter BriefTests and review the diff")
    }

    @Test func htmlIsWellFormedAndInert() throws {
        let html = try Self.brief().html()
        let parser = XMLParser(data: Data(html.utf8))
        let delegate = ElementCounter()
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.elements["script"] == nil)
        #expect(delegate.elements["img"] == nil)
        #expect(delegate.elements["b"] == nil && delegate.elements["i"] == nil)
        #expect((delegate.elements["svg"] ?? 0) >= 3)
        #expect(!html.contains("href=\"javascript:"))  // inert text is fine; no link
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("href=\"https://example.org/treaty?a=1&amp;b=2\""))
        // Only http(s) URLs become links.
        #expect(Escape.httpURL("javascript:alert(1)") == nil)
        #expect(Escape.httpURL("https://ok.example/a\"onmouseover=x") == nil)
        #expect(Escape.httpURL("data:text/html,x") == nil)
        #expect(Escape.httpURL("https://example.org/x") == "https://example.org/x")
    }

    @Test func markdownEscapesDataAndLinksOnlyHTTP() throws {
        let md = try Self.brief().markdown(chartPrefix: nil)
        #expect(!md.contains("<script>") && !md.contains("<img"))
        #expect(md.contains("\\[cosmodrome\\]"))
        #expect(!md.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"))  // only escaped brackets before it
        #expect(md.contains("<https://example.org/summit>"))
    }

    @Test func everyFactualSentenceIsCited() throws {
        let brief = try Self.brief()
        let numbers = Set(brief.citations.map(\.number))
        for section in brief.sections
        where ["Summary", "Key implications for each side", "Convergence of interests", "Indicators to watch"].contains(section.title) {
            for s in section.paragraphs.flatMap({ $0 }) + section.bullets
            where !s.text.hasPrefix("No leader-level") && !s.text.hasPrefix("The knowledge base records no")
                && !s.text.hasPrefix("Shared adversaries and alignment are not")
            {
                #expect(!s.cites.isEmpty, "uncited: \(s.text)")
                #expect(s.cites.allSatisfy(numbers.contains))
            }
        }
        #expect(
            brief.sections.map(\.title) == [
                "Summary", "Key implications for each side", "Convergence of interests", "Trajectory", "Indicators to watch",
                "Method and sources",
            ])
        let charts = brief.sections.flatMap(\.charts).map(\.id)
        #expect(Set(charts) == ["flows", "adversaries", "index", "cooperation", "timeline"])
    }
}

final class ElementCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        elements[name, default: 0] += 1
    }
}
