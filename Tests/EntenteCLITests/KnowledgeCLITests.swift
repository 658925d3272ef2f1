import EntenteTestSupport
import Foundation
import Testing

/// `kb check`, `treaties` and `timeline`, run through the real executable.
@Suite(.serialized) struct KnowledgeCLITests {
    func run(_ args: [String], home: URL, kb: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        var env = ["ENTENTE_HOME": home.path]
        env["ENTENTE_KB"] = kb ?? ""
        return try runProcess(CLITests.binary, args, environment: env)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func shippedKnowledgeBaseChecksClean() throws {
        let folder = TemporaryFolder()
        let check = try run(["kb", "check"], home: folder.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("ok: 4 file(s)"))
        let report = try json(try run(["kb", "check", "--format", "json"], home: folder.url).stdout)
        #expect((report["issues"] as? [Any])?.isEmpty == true)
        #expect((report["treaties"] as? Int ?? 0) >= 15)
    }

    @Test func kbCheckNamesFileLineAndFieldAndFails() throws {
        let folder = TemporaryFolder()
        let bad = try folder.write("mine/events.yaml", lines: [
            "events:", "  - id: x", "    date: 2024-13-01", "    source: RUS", "    target: PRK", "    code: \"042\"",
            "    title: t", "    confidence: confirmed", "    sources: [{outlet: o, url: 'ftp://example.org/x'}]",
        ])
        let check = try run(["kb", "check", bad.deletingLastPathComponent().path], home: folder.url)
        #expect(check.status == 1)
        #expect(check.stdout.contains("events.yaml:3: events[0].date: '2024-13-01' is not a valid date"))
        #expect(check.stdout.contains("events.yaml:9: events[0].sources[0].url: 'ftp://example.org/x' is not an http(s) URL"))
        // The same folder given to another command is reported and its bad entry left out.
        let treaties = try run(["treaties", "RUS", "PRK"], home: folder.url, kb: bad.deletingLastPathComponent().path)
        #expect(treaties.status == 0)
        #expect(treaties.stderr.contains("knowledge-base problem"))
    }

    @Test func treatiesAnswerFromTheShippedKnowledgeBase() throws {
        let folder = TemporaryFolder()
        let july = try json(try run(["treaties", "RUS", "PRK", "--at", "2024-07-01", "--format", "json"], home: folder.url).stdout)
        let directions = try #require(july["directions"] as? [[String: Any]])
        #expect(directions.count == 2)
        for d in directions {
            #expect(d["strongest"] as? String == "consultation")
            #expect(d["strongestSigned"] as? String == "defence-immediate")
            let treaties = try #require(d["treaties"] as? [[String: Any]])
            #expect(treaties.contains { $0["id"] as? String == "rus-prk-2024-comprehensive-strategic-partnership" && $0["status"] as? String == "signed-not-in-force" })
        }
        let old = try run(["treaties", "North Korea", "Russia", "--at", "2010-01-01"], home: folder.url)
        #expect(old.stdout.contains("PRK → RUS: strongest in force: consultation"))
        #expect(old.stdout.contains("Treaty on Friendship, Good-Neighbourliness and Cooperation"))
        #expect(!old.stdout.contains("defence-immediate\n"))
        let now = try run(["treaties", "RUS", "PRK"], home: folder.url)
        #expect(now.stdout.contains("RUS → PRK: strongest in force: defence-immediate"))
        #expect(now.stdout.contains("https://tass.com/politics/1868051"))
    }

    @Test func timelineWorksWithNoIngestedData() throws {
        let folder = TemporaryFolder()
        let timeline = try run(["timeline", "RUS", "PRK", "--from", "2023-01", "--to", "2024-12"], home: folder.url)
        #expect(timeline.status == 0)
        #expect(timeline.stdout.contains("No event store"))
        #expect(timeline.stdout.contains("2023-09-13  [kb] RUS→PRK 043"))
        #expect(timeline.stdout.contains("flow: troops PRK → RUS"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".entente").path))
        let answer = try json(try run(["timeline", "RUS", "PRK", "--from", "2023-01", "--to", "2024-12", "--format", "json"], home: folder.url).stdout)
        let entries = try #require(answer["entries"] as? [[String: Any]])
        #expect(entries.allSatisfy { ($0["date"] as? String ?? "") >= "2023-01" && ($0["date"] as? String ?? "") <= "2024-12-31" })
        #expect(entries.allSatisfy { $0["origin"] as? String == "kb" })
        #expect(entries.contains { ($0["flows"] as? [[String: Any]])?.first?["from"] as? String == "PRK" })
    }

    @Test func timelineMergesStoredEventsMarkedByOrigin() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let file = try folder.write("x.export.CSV", lines: [GDELTRow(id: 5, date: "20230913", code: "043").line, GDELTRow(id: 6, date: "20230913", code: "010").line])
        #expect(try run(["ingest", file.path], home: home).status == 0)
        let answer = try json(try run(["timeline", "RUS", "PRK", "--from", "2023-09", "--to", "2023-09", "--format", "json"], home: home).stdout)
        let entries = try #require(answer["entries"] as? [[String: Any]])
        #expect(entries.map { $0["origin"] as? String } == ["kb", "gdelt2"])  // 010 is not salient
        let all = try json(try run(["timeline", "RUS", "PRK", "--from", "2023-09", "--to", "2023-09", "--store-events", "all", "--format", "json"], home: home).stdout)
        #expect((all["entries"] as? [Any])?.count == 3)
    }

    @Test func hostileStringsInAUserKnowledgeBaseStayInert() throws {
        let folder = TemporaryFolder()
        let kb = try folder.write("kb/events.yaml", lines: [
            "events:", "  - id: hostile", "    date: 2024-01-01", "    source: RUS", "    target: PRK", "    code: \"042\"",
            "    title: \"<script>alert(1)</script>\\e[2J\"", "    confidence: reported",
            "    sources: [{outlet: \"\\e]0;x\\a\", url: 'https://example.org/a'}]",
        ])
        let out = try run(["timeline", "RUS", "PRK", "--from", "2024-01", "--to", "2024-01"], home: folder.url, kb: kb.deletingLastPathComponent().path)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("<script>alert(1)</script>\u{FFFD}[2J"))
        #expect(!out.stdout.contains("\u{1B}"))
        #expect(!out.stdout.contains("\u{07}"))
    }
}
