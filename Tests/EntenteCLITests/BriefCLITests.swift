import EntenteTestSupport
import Foundation
import Testing

/// `entente brief` through the real executable, on the shipped knowledge base alone.
@Suite(.serialized) struct BriefCLITests {
    @Test func briefFromTheShippedKnowledgeBaseWithNoData() throws {
        let folder = TemporaryFolder()
        let env = ["ENTENTE_HOME": folder.url.appendingPathComponent("home").path, "ENTENTE_KB": ""]
        let html = folder.url.appendingPathComponent("brief.html")
        let run = try runProcess(CLITests.binary, ["brief", "RUS", "PRK", "--from", "2023-01", "--to", "2024-12", "--out", html.path], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        for section in ["Summary", "Key implications for each side", "Convergence of interests", "Trajectory", "Indicators to watch", "Method and sources", "Sources"] {
            #expect(text.contains("<h2>\(section)</h2>"), "\(section)")
        }
        #expect(text.contains("<title>Curated events, 2023-01–2024-12"))
        #expect(text.contains("<title>Flows ledger"))
        #expect(text.contains("Comprehensive Strategic Partnership"))
        #expect(text.contains("href=\"https://tass.com/"))
        #expect(!text.contains("<script"))

        let md = folder.url.appendingPathComponent("out/brief.md")
        try FileManager.default.createDirectory(at: md.deletingLastPathComponent(), withIntermediateDirectories: true)
        let markdown = try runProcess(CLITests.binary, ["brief", "RUS", "PRK", "--from", "2023-01", "--to", "2024-12", "--out", md.path], environment: env)
        #expect(markdown.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: md.deletingLastPathComponent().path).sorted()
        #expect(files.contains("brief.md") && files.contains("brief-timeline.svg") && files.contains("brief-flows.svg") && files.contains("brief-index.svg"))
        #expect(try String(contentsOf: md, encoding: .utf8).contains("![Timeline of curated events](brief-timeline.svg)"))
    }
}
