import EntenteTestSupport
import Foundation
import Testing

/// The hardening findings of issue 15, through the real executable: usage errors exit 64, hostile
/// files end cleanly, no control character reaches the terminal, a second writer waits.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CLIHardeningTests {
    /// Every numeric option out of range, and --from after --to, in every command that takes
    /// them: a usage error (64) naming the option, never a trap (≥ 128).
    @Test(arguments: [
        (["index", "RUS", "PRK", "--window", "0"], "--window"),
        (["index", "RUS", "PRK", "--window=-5"], "--window"),
        (["brief", "RUS", "PRK", "--window", "0"], "--window"),
        (["assess", "RUS", "PRK", "--window", "241"], "--window"),
        (["assess", "RUS", "PRK", "--at", "2024-13"], "--at"),
        (["evaluate", "--labels", "x.csv", "--window", "0"], "--window"),
        (["evaluate", "--labels", "x.csv", "--at", "3000-01"], "--at"),
        (["evaluate", "--classes", "x.csv", "--fit-until", "3000"], "--fit-until"),
        (["counterbalancing", "RUS", "PRK", "--window", "0"], "--window"),
        (["counterbalancing", "RUS", "PRK", "--window", "100000"], "between 3 and 120"),
        (["counterbalancing", "RUS", "PRK", "--around", "2023-00"], "--around"),
        (["counterbalancing", "RUS", "PRK", "--third", "USA"], "--third"),
        (["counterbalancing", "RUS", "PRK", "--third", "USA,USA"], "--third"),
        (["adversaries", "RUS", "PRK", "--top=-1"], "--top"),
        (["adversaries", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["scenario", "RUS", "PRK", "--driver", "RUS", "UKR", "--max-lag", "0"], "--max-lag"),
        (["scenario", "RUS", "PRK", "--driver", "RUS", "UKR", "--max-lag", "1000"], "--max-lag"),
        (["scenario", "RUS", "PRK", "--driver", "RUS", "UKR", "--horizon", "0"], "--horizon"),
        (["drivers", "RUS", "PRK", "--max-lag", "25"], "--max-lag"),
        (["changes", "RUS", "PRK", "--penalty", "nan"], "--penalty"),
        (["changes", "RUS", "PRK", "--penalty", "-1"], "--penalty"),
        (["changes", "RUS", "PRK", "--penalty", "inf"], "--penalty"),
        (["changes", "RUS", "PRK", "--min-size", "0"], "--min-size"),
        (["events", "RUS", "PRK", "--limit", "-1"], "--limit"),
        (["events", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["dyad", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["timeline", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["brief", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["changes", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["drivers", "RUS", "PRK", "--from", "2024-02", "--to", "2024-01"], "is after"),
        (["structure", "RUS", "PRK", "--from", "2020", "--to", "2019"], "is after"),
        (["panel", "--year", "3000"], "--year"),
        (["cube", "build", "x", "--threads", "0"], "--threads"),
    ])
    func outOfRangeNumbersAreUsageErrors(args: [String], word: String) throws {
        let folder = TemporaryFolder()
        let r = try Binary.run(args, home: folder.url)
        #expect(r.status == 64, "\(args): exit \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(word), "\(args): \(r.stderr)")
    }

    @Test func badEnvironmentValuesAreUsageErrors() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("a.export.CSV", lines: [GDELTRow(id: 1).line])
        let line = try Binary.run(["ingest", file.path], home: folder.url, environment: ["ENTENTE_MAX_LINE_BYTES": "lots"])
        #expect(line.status == 64)
        #expect(line.stderr.contains("ENTENTE_MAX_LINE_BYTES"))
        let busy = try Binary.run(["ingest", file.path], home: folder.url, environment: ["ENTENTE_BUSY_TIMEOUT": "-3"])
        #expect(busy.status == 64)
        #expect(busy.stderr.contains("ENTENTE_BUSY_TIMEOUT"))
    }

    /// Label years outside 1800–2199: a clear error naming file:line (the physical line).
    @Test func evaluateNamesTheBadLabelLine() throws {
        let folder = TemporaryFolder()
        let labels = try folder.write("labels.csv", lines: ["a,b,year,label", "", "RUS,PRK,3000,ally"])
        let r = try Binary.run(["evaluate", "--labels", labels.path], home: folder.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(labels.path):3: year 3000 is outside"), "\(r.stderr)")
    }

    /// A FIFO or /dev/zero named directly: an error at once (no hang), exit 1.
    @Test(arguments: ["fifo", "/dev/zero"])
    func ingestRefusesWhatIsNotARegularFile(target: String) throws {
        let folder = TemporaryFolder()
        var path = target
        if target == "fifo" {
            path = folder.url.appendingPathComponent("events.CSV").path
            try makeFIFO(URL(fileURLWithPath: path))
        }
        let r = try Binary.run(["ingest", path], home: folder.url.appendingPathComponent("home"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path): not a regular file"), "\(r.stderr)")
    }

    /// In a folder, the FIFO is skipped with a warning and the event file ingested.
    @Test func ingestSkipsAFIFOInAFolderAndSaysSo() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("in/a.export.CSV", lines: [GDELTRow(id: 1).line])
        try makeFIFO(file.deletingLastPathComponent().appendingPathComponent("pipe"))
        let r = try Binary.run(
            ["ingest", file.deletingLastPathComponent().path, "--summary", "json"], home: folder.url.appendingPathComponent("h"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("skipped") && r.stderr.contains("pipe: not a regular file (a FIFO)"), "\(r.stderr)")
        #expect(r.stdout.contains("\"kept\" : 1"))
    }

    /// The acceptance shape of the zip bomb, smaller: 64 MiB of NUL bytes without a newline. It
    /// is not an event file, the run ends quickly, and nothing crashes.
    @Test func ingestOfAZipOfZerosEndsCleanly() throws {
        let folder = TemporaryFolder()
        let zip = folder.url.appendingPathComponent("zeros.zip")
        try makeZerosZip(zip, entry: "zeros.export.CSV", megabytes: 64)
        let started = Date()
        let r = try Binary.run(["ingest", zip.path], home: folder.url.appendingPathComponent("home"))
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(r.status == 1)
        #expect(r.stdout.contains("not-an-event-file"))
        #expect(r.stdout.contains("first line is longer than 1048576 bytes"), "\(r.stdout)")
    }

    /// A 5 MiB line between two good rows: the good rows are kept, the long one rejected with
    /// its reason; with ENTENTE_MAX_LINE_BYTES above it, the line is read (and rejected for its
    /// columns instead).
    @Test func aLongLineIsARejectedRow() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "long.export.CSV", lines: [GDELTRow(id: 1).line, String(repeating: "A", count: 5 << 20), GDELTRow(id: 3).line])
        let rejects = folder.url.appendingPathComponent("rejects.csv")
        let r = try Binary.run(
            ["ingest", file.path, "--rejects", rejects.path, "--summary", "json"], home: folder.url.appendingPathComponent("a"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"kept\" : 2"))
        #expect(r.stdout.contains("\"line too long\" : 1"))
        let rows = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.last?.hasPrefix("long.export.CSV,2,line too long,") == true)
        #expect((rows.last?.count ?? 0) < 1_000)

        let raised = try Binary.run(
            ["ingest", file.path, "--summary", "json"], home: folder.url.appendingPathComponent("b"),
            environment: ["ENTENTE_MAX_LINE_BYTES": String(8 << 20)])
        #expect(raised.stdout.contains("\"wrong column count\" : 1"), "\(raised.stdout)")
        let help = try Binary.run(["ingest", "--help"], home: folder.url)
        #expect(help.stdout.contains("ENTENTE_MAX_LINE_BYTES"))
    }

    /// ESC and BEL in stored actor names and in knowledge-base titles never reach the terminal
    /// from CSV or `kb check` output; they are shown as U+FFFD.
    @Test func controlCharactersNeverReachTheTerminal() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        var row = GDELTRow(id: 9, url: "https://evil.example/\u{1B}]0;pwned\u{07}")
        row.fields[6] = "RUSSIA\u{1B}[31m"
        let file = try folder.write("hostile.export.CSV", lines: [row.line])
        #expect(try Binary.run(["ingest", file.path], home: home).status == 0)
        let events = try Binary.run(["events", "RUS", "PRK", "--format", "csv"], home: home)
        #expect(events.status == 0)
        #expect(!events.stdout.contains("\u{1B}") && !events.stdout.contains("\u{07}"))
        #expect(events.stdout.contains("RUSSIA\u{FFFD}[31m"))

        let kb = try folder.write("kb/events.yaml", lines: KnowledgeSafetyTests.event(id: "esc", title: "Visit \\e[2J\\a here"))
        let timeline = try Binary.run(
            ["timeline", "RUS", "PRK", "--format", "csv", "--store-events", "none"], home: home,
            environment: ["ENTENTE_KB": kb.deletingLastPathComponent().path])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        #expect(!timeline.stdout.contains("\u{1B}") && !timeline.stdout.contains("\u{07}"))
        #expect(timeline.stdout.contains("Visit \u{FFFD}[2J\u{FFFD} here"))

        let bad = try folder.write("bad/events.yaml", lines: KnowledgeSafetyTests.event(id: "x", title: "t", date: "\"\\e[2J\""))
        let check = try Binary.run(["kb", "check", bad.deletingLastPathComponent().path], home: home)
        #expect(check.status == 1)
        #expect(!check.stdout.contains("\u{1B}"))
        #expect(check.stdout.contains("'\u{FFFD}[2J' is not a valid date"), "\(check.stdout)")
    }

    /// A knowledge-base title with line breaks stays one escaped line in a Markdown brief.
    @Test func aMultiLineTitleCannotBreakTheMarkdownBrief() throws {
        let folder = TemporaryFolder()
        let kb = try folder.write(
            "kb/events.yaml",
            lines: KnowledgeSafetyTests.event(id: "nl", title: "Sanctions talk\\n# Injected heading\\n- injected item", tags: "[sanctions]")
        )
        let r = try Binary.run(
            ["brief", "RUS", "PRK", "--from", "2024-01", "--to", "2024-12", "--format", "markdown"],
            home: folder.url.appendingPathComponent("h"),
            environment: ["ENTENTE_KB": kb.deletingLastPathComponent().path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("# Injected") || $0 == "- injected item" })
        #expect(r.stdout.contains("Sanctions talk \\# Injected heading - injected item"), "\(r.stdout)")
    }

    /// Another process holds the store's write lock for 2 s: `entente ingest` waits and succeeds
    /// (it used to fail at once with "SQLite error 5: database is locked").
    @Test func aSecondWriterWaits() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let first = try folder.write("a.export.CSV", lines: [GDELTRow(id: 1).line])
        #expect(try Binary.run(["ingest", first.path], home: home).status == 0)
        let second = try folder.write("b.export.CSV", lines: [GDELTRow(id: 2).line])
        let holder = try LockHolder(database: home.appendingPathComponent("entente.sqlite").path, seconds: 2)
        let r = try Binary.run(["ingest", second.path, "--summary", "json"], home: home)
        holder.wait()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("locked"))
        #expect(r.stdout.contains("\"kept\" : 1"))
    }
}
