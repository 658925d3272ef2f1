import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// `kb check`, treaties, timeline and the brief, in process, on the shipped knowledge base.
@Suite struct KnowledgeServiceTests {
    @Test func shippedKnowledgeBaseChecksClean() throws {
        let check = try KnowledgeCheck.run(folders: [])
        #expect(check.issues.isEmpty, "\(check.issues)")
        #expect(check.treaties >= 15)
        #expect(check.events >= 26)
    }

    @Test func checkNamesFileLineAndFieldAndOtherServicesLeaveTheEntryOut() throws {
        let folder = TemporaryFolder()
        let bad = try folder.write(
            "mine/events.yaml",
            lines: [
                "events:", "  - id: x", "    date: 2024-13-01", "    source: RUS", "    target: PRK", "    code: \"042\"",
                "    title: t", "    confidence: confirmed", "    sources: [{outlet: o, url: 'ftp://example.org/x'}]",
            ])
        let dir = bad.deletingLastPathComponent().path
        let check = try KnowledgeCheck.run(folders: [dir])
        let text = check.issues.map(\.description)
        #expect(text.contains { $0.contains("events.yaml:3: events[0].date: '2024-13-01' is not a valid date") })
        #expect(text.contains { $0.contains("events.yaml:9: events[0].sources[0].url: 'ftp://example.org/x' is not an http(s) URL") })
        let log = WarningLog()
        let workspace = makeWorkspace(folder, kb: [dir], warnings: log)
        _ = try workspace.treaties(a: "RUS", b: "PRK")
        #expect(log.all.contains("knowledge-base problem"))
        #expect(try workspace.knowledgeBase().events.allSatisfy { $0.id != "x" })
    }

    @Test func treatiesOnADate() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let july = try workspace.treaties(a: "RUS", b: "PRK", at: Day("2024-07-01"))
        #expect(july.directions.count == 2)
        for d in july.directions {
            #expect(d.strongest == "consultation")
            #expect(d.strongestSigned == "defence-immediate")
            #expect(
                d.treaties.contains { $0.id == "rus-prk-2024-comprehensive-strategic-partnership" && $0.status == "signed-not-in-force" })
        }
        let later = try workspace.treaties(a: "RUS", b: "PRK", at: Day("2025-01-01"))
        #expect(later.directions.allSatisfy { $0.strongest == "defence-immediate" })
        let old = try workspace.treaties(a: "PRK", b: "RUS", at: Day("2010-01-01"))
        #expect(old.directions.allSatisfy { $0.strongest == "consultation" })
        #expect(!FileManager.default.fileExists(atPath: workspace.home))
    }

    @Test func timelineWithoutAStoreAndMergedWithOne() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let kbOnly = try workspace.timeline(TimelineRequest(a: "RUS", b: "PRK", from: Month("2023-01"), to: Month("2024-12")))
        #expect(kbOnly.note?.contains("No event store") == true)
        #expect(kbOnly.entries.allSatisfy { $0.origin == "kb" && $0.date >= "2023-01" && $0.date <= "2024-12-31" })
        #expect(kbOnly.entries.contains { $0.flows.contains { $0.item == "troops" && $0.from == "PRK" && $0.to == "RUS" } })
        #expect(!FileManager.default.fileExists(atPath: workspace.home))

        let file = try folder.write(
            "x.export.CSV",
            lines: [GDELTRow(id: 5, date: "20230913", code: "043").line, GDELTRow(id: 6, date: "20230913", code: "010").line])
        _ = try workspace.ingest(IngestRequest(paths: [file.path]))
        let september = TimelineRequest(a: "RUS", b: "PRK", from: Month("2023-09"), to: Month("2023-09"))
        let merged = try workspace.timeline(september)
        let stored = merged.entries.filter { $0.origin != "kb" }
        #expect(stored.map(\.origin) == ["gdelt2"])  // 010 is not salient
        var all = september
        all.storeEvents = .all
        #expect(try workspace.timeline(all).entries.filter { $0.origin != "kb" }.count == 2)
        // Curated entries sort before stored ones of the same day.
        let sameDay = merged.entries.filter { $0.date == "2023-09-13" }
        #expect(sameDay.last?.origin == "gdelt2")
    }

    @Test func briefFromTheShippedKnowledgeBaseWithNoData() throws {
        let folder = TemporaryFolder()
        let workspace = makeWorkspace(folder)
        let russia = try Country.resolve("RUS"), korea = try Country.resolve("PRK")
        let brief = try workspace.brief(BriefRequest(a: russia, b: korea, from: Month("2023-01"), to: Month("2024-12")))
        let html = brief.html()
        for section in ["Summary", "Key implications for each side", "Convergence of interests", "Trajectory", "Indicators to watch"] {
            #expect(html.contains("<h2>\(section)</h2>"), "\(section)")
        }
        #expect(html.contains("href=\"https://tass.com/"))
        #expect(!html.contains("<script"))
        #expect(brief.sections.flatMap(\.charts).map(\.id).contains("timeline"))
        #expect(throws: EntenteError.self) {
            try workspace.brief(BriefRequest(a: russia, b: korea, from: Month("2024-12"), to: Month("2023-01")))
        }
    }
}
