import EntenteTestSupport
import Foundation
import Testing

/// The `entente` executable, run for real.
@Suite(.serialized) struct CLITests {
    static var binary: String {
        if let env = ProcessInfo.processInfo.environment["ENTENTE_BIN"] { return env }
        // The test bundle sits beside the products it was built with.
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates =
            [dir, dir.deletingLastPathComponent()].map { $0.appendingPathComponent("entente").path }
            + [SharedData.packageRoot.appendingPathComponent(".build/debug/entente").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    func run(_ args: [String], home: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(Self.binary, args, environment: ["ENTENTE_HOME": home.path, "ENTENTE_KB": ""])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func fixture(_ folder: TemporaryFolder) throws -> URL {
        try folder.write("fixture.export.CSV", lines: GDELTRow.russiaKoreaFixture)
    }

    @Test func ingestStatusEventsAndDyadSpeakStableJSON() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let file = try Self.fixture(folder)
        let rejects = folder.url.appendingPathComponent("rejects.csv")
        let ingest = try run(["ingest", file.path, "--rejects", rejects.path, "--summary", "json"], home: home)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let summary = try json(ingest.stdout)
        #expect(summary["kept"] as? Int == 3)
        #expect(summary["rejected"] as? Int == 1)
        #expect((summary["eventsByDataset"] as? [String: Int]) == ["gdelt2": 3])
        let rejected = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 2)
        #expect(rejected[1].hasPrefix("fixture.export.CSV,4,impossible or malformed date,"))

        let again = try run(["ingest", file.path], home: home)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already-ingested"))
        #expect(again.stdout.contains("nothing added"))

        let status = try json(try run(["status", "--format", "json"], home: home).stdout)
        #expect(status["events"] as? Int == 3)
        #expect(
            Set(status.keys) == [
                "store", "events", "files", "rowsRead", "rowsRejected", "rowsSkipped", "firstDate", "lastDate", "datasets", "topDyads",
                "cube",
            ])
        let cube = try #require(status["cube"] as? [String: Any])
        #expect(cube["inStep"] as? Bool == true)

        let events = try json(try run(["events", "Russia", "DPRK", "--format", "json"], home: home).stdout)
        #expect(events["total"] as? Int == 2)
        let items = try #require(events["events"] as? [[String: Any]])
        #expect(
            Set(items[0].keys).isSuperset(of: [
                "dataset", "id", "date", "source", "target", "code", "codeName", "quadClass", "goldstein", "url", "file", "line",
            ]))
        #expect(items.map { $0["code"] as? String } == ["057", "042"])
        #expect(items[0]["url"] as? String == "https://example.org/story")

        let both = try json(try run(["events", "RUS", "PRK", "--both-directions", "--code", "04", "--format", "json"], home: home).stdout)
        #expect(both["total"] as? Int == 2)

        let dyad = try json(try run(["dyad", "rus", "north korea", "--format", "json"], home: home).stdout)
        let months = try #require(dyad["months"] as? [[String: Any]])
        #expect(months.count == 2)
        #expect(months[0]["source"] as? String == "RUS")
        #expect(months[0]["events"] as? Int == 2)
        #expect(months[0]["goldsteinSum"] as? Double == 9.9)
        let shares = try #require(months[0]["quadClassShares"] as? [String: Double])
        #expect(Set(shares.keys) == ["verbalCooperation", "materialCooperation", "verbalConflict", "materialConflict"])

        let csv = try run(["dyad", "RUS", "PRK", "--format", "csv"], home: home).stdout.split(separator: "\n")
        #expect(
            csv.first
                == "month,source,target,events,one_a_day_events,goldstein_sum,goldstein_mean,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,articles"
        )
        #expect(csv.count == 3)
    }

    @Test func errorsAreClearAndExitNonZero() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let unknown = try run(["events", "Russland", "PRK"], home: home)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown country 'Russland'"))
        #expect(unknown.stderr.contains("RUS (Russia)"))

        let month = try run(["dyad", "RUS", "PRK", "--from", "2023-13"], home: home)
        #expect(month.status != 0)
        #expect(month.stderr.contains("YYYY-MM"))

        let notes = try folder.write("notes/README.md", lines: ["# nothing to ingest"])
        let nothing = try run(["ingest", notes.deletingLastPathComponent().path], home: home)
        #expect(nothing.status == 1)
        #expect(nothing.stdout.contains("not-an-event-file"))
        #expect(nothing.stderr.contains("no event file could be read"))

        let missing = try run(["ingest", folder.url.appendingPathComponent("nope").path], home: home)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file or folder"))
    }

    /// A hostile actor name or URL (terminal escape sequences) is stored as read but never
    /// reaches the terminal raw; JSON escapes it.
    @Test func hostileStringsAreNeutralisedInTables() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        var row = GDELTRow(id: 9, url: "https://evil.example/\u{1B}]0;pwned\u{07}\u{1B}[2J")
        row.fields[6] = "RUSSIA\u{1B}[31m<script>"
        let file = try folder.write("hostile.export.CSV", lines: [row.line])
        #expect(try run(["ingest", file.path], home: home).status == 0)
        let table = try run(["events", "RUS", "PRK"], home: home).stdout
        #expect(!table.contains("\u{1B}"))
        #expect(!table.contains("\u{07}"))
        #expect(table.contains("RUSSIA\u{FFFD}[31m<script>"))
        let json = try run(["events", "RUS", "PRK", "--format", "json"], home: home).stdout
        #expect(!json.contains("\u{1B}"))
        #expect(json.contains("\\u001b"))
    }

    @Test func helpTeachesTheCommands() throws {
        let folder = TemporaryFolder()
        let help = try run(["--help"], home: folder.url)
        for command in ["ingest", "events", "dyad", "status"] { #expect(help.stdout.contains(command)) }
        #expect(!help.stdout.contains("\\\n"), "a line-continuation backslash leaked into the help text")
        #expect(help.stdout.contains("structure") && help.stdout.contains("panel"))
        let ingestHelp = try run(["ingest", "--help"], home: folder.url)
        #expect(ingestHelp.stdout.contains("--rejects"))
        #expect(ingestHelp.stdout.contains("gdelt2|gdelt1|icews"))
    }

    /// The same command in two processes prints the same bytes (hash seeds differ per process,
    /// so an answer that depended on dictionary order would differ).
    @Test func outputIsIdenticalAcrossProcesses() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let file = try Self.fixture(folder)
        #expect(try run(["ingest", file.path], home: home).status == 0)
        for args in [
            ["assess", "RUS", "PRK", "--at", "2024-07", "--format", "json"], ["timeline", "RUS", "PRK", "--format", "json"],
            ["brief", "RUS", "PRK", "--from", "2024-01", "--to", "2024-12", "--format", "markdown"],
        ] {
            let one = try run(args, home: home), two = try run(args, home: home)
            #expect(one.status == 0, "\(one.stderr)")
            #expect(one.stdout == two.stdout, "\(args)")
        }
    }

    /// `kb check` prints FILE:LINE: FIELD: MESSAGE and exits 1; the Markdown brief writes its charts beside it.
    @Test func kbCheckExitsOneAndBriefWritesFiles() throws {
        let folder = TemporaryFolder()
        let bad = try folder.write(
            "mine/events.yaml",
            lines: [
                "events:", "  - id: x", "    date: 2024-13-01", "    source: RUS", "    target: PRK", "    code: \"042\"",
                "    title: t", "    confidence: confirmed", "    sources: [{outlet: o, url: 'https://example.org/x'}]",
            ])
        let check = try run(["kb", "check", bad.deletingLastPathComponent().path], home: folder.url)
        #expect(check.status == 1)
        #expect(check.stdout.contains("events.yaml:3: events[0].date: '2024-13-01' is not a valid date"))
        let md = folder.url.appendingPathComponent("out/brief.md")
        try FileManager.default.createDirectory(at: md.deletingLastPathComponent(), withIntermediateDirectories: true)
        let brief = try run(["brief", "RUS", "PRK", "--from", "2023-01", "--to", "2024-12", "--out", md.path], home: folder.url)
        #expect(brief.status == 0, "\(brief.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: md.deletingLastPathComponent().path)
        #expect(Set(files).isSuperset(of: ["brief.md", "brief-timeline.svg", "brief-flows.svg", "brief-index.svg"]))
        #expect(try String(contentsOf: md, encoding: .utf8).contains("![Timeline of curated events](brief-timeline.svg)"))
    }

    /// Numeric options are validated before anything runs: a usage error (exit 64), never a trap.
    @Test func badNumbersAreUsageErrors() throws {
        let folder = TemporaryFolder()
        for args in [
            ["index", "RUS", "PRK", "--window", "0"], ["brief", "RUS", "PRK", "--window=-5"], ["adversaries", "RUS", "PRK", "--top=-1"],
            ["counterbalancing", "RUS", "PRK", "--window", "0"], ["scenario", "RUS", "PRK", "--driver", "RUS", "UKR", "--max-lag", "0"],
            ["changes", "RUS", "PRK", "--penalty", "nan"],
        ] {
            let r = try run(args, home: folder.url)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        }
    }

    /// Reading creates nothing; an empty labels file is an error, not "AUC nan".
    @Test func readsCreateNothingAndEmptyLabelsAreAnError() throws {
        let folder = TemporaryFolder()
        let deep = folder.url.appendingPathComponent("no/such/home")
        let status = try runProcess(Self.binary, ["status", "--home", deep.path], environment: ["ENTENTE_KB": ""])
        #expect(status.status == 0)
        #expect(!FileManager.default.fileExists(atPath: deep.path))
        let empty = try folder.write("labels.csv", lines: ["a,b,year,label"])
        let home = folder.url.appendingPathComponent("home")
        #expect(try run(["ingest", try Self.fixture(folder).path], home: home).status == 0)
        let evaluate = try run(["evaluate", "--labels", empty.path], home: home)
        #expect(evaluate.status == 1)
        #expect(evaluate.stderr.contains("no ally or rival label"))
    }
}
