public import ArgumentParser
public import EntenteCore
import EntenteStore
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load event files (GDELT 1.0/2.0, ICEWS; plain or .zip) into the store.",
        discussion: """
            PATHs are files or folders (read recursively; hidden files skipped). Each file's format is \
            detected from its first line unless --format is given; files that are not event files \
            (READMEs, licences) are listed and left alone.

            Every file is ingested in one transaction: a file that fails half-way (a truncated zip) \
            leaves the store as it was. A file whose bytes were ingested before (same SHA-256) adds nothing.

            Rows are kept when both actors are states (ISO 3166); others are counted by reason:
              rejected  malformed rows (wrong column count, bad date, unknown CAMEO code, non-UTF-8 bytes…)
              skipped   well-formed rows that are not state-to-state (no actor country, a region such as EUR)
            --rejects FILE writes the rejected rows (CSV: file, line, reason, detail, row).

            Exit status is 0 when at least one file could be read, 1 when none could.

            Examples:
              entente ingest ../shared/data/gdelt2-samples ../shared/data/gdelt1-samples ../shared/data/icews
              entente ingest 20240619.export.CSV.zip --rejects rejects.csv
              entente ingest ../shared/data/dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz   # a dyad series (date,a,b,value)
            """
    )

    @Argument(help: ArgumentHelp("Event files or folders.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Force the input format instead of detecting it.", valueName: "gdelt2|gdelt1|icews|dyad-series"))
    var format: IngestFormat?

    @Flag(help: "With a dyad series: the pairs are directed (a→b); by default undirected.")
    var directed = false

    @Option(name: .long, help: ArgumentHelp("Write rejected rows to this CSV file.", valueName: "file"))
    var rejects: String?

    @Flag(name: .long, help: "With --rejects, also write skipped (non state-to-state) rows.")
    var includeSkipped = false

    @Option(name: .long, help: "How to print the summary.")
    var summary: SummaryFormat = .table

    @OptionGroup var store: StoreOptions

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        try reportingErrors {
            let files = try EventFileReader.expand(paths)
            let store = try store.open()
            let rejectsWriter = try rejects.map { try RejectsWriter(path: $0) }
            var bar = ProgressBar(total: files.count)
            var results: [FileIngestResult] = []
            var rowsSoFar = 0
            let started = Date()
            for (i, file) in files.enumerated() {
                bar.update(done: i, rows: rowsSoFar, file: file.lastPathComponent, force: true)
                let isSeries = format == .dyadSeries || (format == nil && IngestFormat.looksLikeDyadSeries(file))
                if isSeries {
                    let result = try store.ingestSeries(
                        file, directed: directed,
                        onIssue: { report in if report.issue.isRejection || includeSkipped { rejectsWriter?.write(report) } },
                        progress: { rows in bar.update(done: i, rows: rowsSoFar + rows, file: file.lastPathComponent) })
                    rowsSoFar += result.counts.rowsRead
                    results.append(result)
                    continue
                }
                let result = try store.ingest(
                    file, format: format?.eventFormat,
                    onIssue: { report in
                        if report.issue.isRejection || includeSkipped { rejectsWriter?.write(report) }
                    },
                    progress: { rows in bar.update(done: i, rows: rowsSoFar + rows, file: file.lastPathComponent) })
                rowsSoFar += result.counts.rowsRead
                results.append(result)
            }
            bar.clear()
            // Keep the cube in step with the store: add the files just ingested.
            let added = results.filter { $0.status == .ingested && $0.format != nil }.map { URL(fileURLWithPath: $0.path) }
            if !added.isEmpty {
                let cubePath = DyadCube.defaultPath(home: (store.path as NSString).deletingLastPathComponent)
                var cube = FileManager.default.fileExists(atPath: cubePath) ? try DyadCube.read(from: cubePath) : DyadCube()
                let cubeReport = CubeBuilder.build(files: added, into: &cube, threads: ProcessInfo.processInfo.activeProcessorCount)
                if cubeReport.files.contains(where: { $0.status == .added }) { try cube.write(to: cubePath) }
            }
            let report = IngestSummary(results: results, store: store.path, seconds: Date().timeIntervalSince(started))
            switch summary {
            case .json: print(try Output.json(report))
            case .table: print(report.text)
            }
            if !results.contains(where: { $0.status == .ingested || $0.status == .alreadyIngested }) {
                FileHandle.standardError.write(Data("error: no event file could be read from \(paths.joined(separator: " "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

extension EventFormat: ExpressibleByArgument {}

/// What `ingest --format` accepts: an event format, or a dyad series.
enum IngestFormat: String, ExpressibleByArgument, CaseIterable {
    case gdelt2, gdelt1, icews
    case dyadSeries = "dyad-series"

    var eventFormat: EventFormat? { EventFormat(rawValue: rawValue) }

    /// A gzip file, or a text file whose header starts `date,a,b,`.
    static func looksLikeDyadSeries(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.count >= 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B { return true }
        return String(decoding: head, as: UTF8.self).lowercased().hasPrefix("date,a,b,")
    }
}

/// The end-of-ingest summary; its JSON form is documented in the README.
struct IngestSummary: Encodable {
    struct File: Encodable {
        var path: String
        var status: String
        var format: String?
        var sha256: String?
        var rowsRead: Int
        var kept: Int
        var duplicates: Int
        var skipped: Int
        var rejected: Int
        var reasons: [String: Int]
        var message: String?
    }

    struct Reason: Encodable {
        var reason: String
        var kind: String
        var rows: Int
        /// Up to three places, as file:line.
        var examples: [String]
    }

    var store: String
    var seconds: Double
    var files: [File]
    var rowsRead: Int
    var kept: Int
    var duplicates: Int
    var skipped: Int
    var rejected: Int
    var reasons: [Reason]
    var eventsByDataset: [String: Int]

    init(results: [FileIngestResult], store: String, seconds: Double) {
        self.store = store
        self.seconds = (seconds * 1000).rounded() / 1000
        files = results.map { r in
            File(
                path: r.path, status: r.status.rawValue, format: r.format?.rawValue ?? (r.status == .ingested ? "dyad-series" : nil), sha256: r.sha256, rowsRead: r.counts.rowsRead,
                kept: r.added, duplicates: r.duplicates, skipped: r.counts.skipped, rejected: r.counts.rejected,
                reasons: Dictionary(uniqueKeysWithValues: r.counts.issues.map { ($0.key.rawValue, $0.value) }), message: r.message)
        }
        rowsRead = results.reduce(0) { $0 + $1.counts.rowsRead }
        kept = results.reduce(0) { $0 + $1.added }
        duplicates = results.reduce(0) { $0 + $1.duplicates }
        skipped = results.reduce(0) { $0 + $1.counts.skipped }
        rejected = results.reduce(0) { $0 + $1.counts.rejected }
        var byIssue: [RowIssue: (Int, [String])] = [:]
        for r in results {
            let name = URL(fileURLWithPath: r.path).lastPathComponent
            for (issue, n) in r.counts.issues {
                var entry = byIssue[issue] ?? (0, [])
                entry.0 += n
                for line in r.counts.examples[issue] ?? [] where entry.1.count < 3 { entry.1.append("\(name):\(line)") }
                byIssue[issue] = entry
            }
        }
        reasons = byIssue.keys.sorted().map { issue in
            Reason(reason: issue.rawValue, kind: issue.isRejection ? "rejected" : "skipped", rows: byIssue[issue]!.0, examples: byIssue[issue]!.1)
        }
        var datasets: [String: Int] = [:]
        for r in results where r.status == .ingested { datasets[r.format?.dataset.rawValue ?? "dyad-series", default: 0] += r.added }
        eventsByDataset = datasets
    }

    var text: String {
        var out: [String] = []
        let rows = files.map { f in
            [
                URL(fileURLWithPath: f.path).lastPathComponent, f.format ?? "-", Output.count(f.rowsRead), Output.count(f.kept),
                Output.count(f.duplicates), Output.count(f.skipped), Output.count(f.rejected), f.status,
            ]
        }
        out.append(Output.table(["file", "format", "rows", "kept", "dup", "skipped", "rejected", "status"], rows, rightAligned: [2, 3, 4, 5, 6]))
        for f in files where f.message != nil && f.status != "ingested" {
            out.append("  \(URL(fileURLWithPath: f.path).lastPathComponent): \(f.message!)")
        }
        out.append("")
        out.append(
            "Read \(Output.count(rowsRead)) rows from \(files.count) file(s) in \(Output.number(seconds)) s: kept \(Output.count(kept)) events, "
                + "\(Output.count(duplicates)) already stored, skipped \(Output.count(skipped)), rejected \(Output.count(rejected)).")
        let repeated = files.filter { $0.status == "already-ingested" }.count
        if repeated > 0 { out.append("\(repeated) file(s) were ingested before (same SHA-256): nothing added from them.") }
        let failed = files.filter { $0.status == "failed" }.count
        if failed > 0 { out.append("\(failed) file(s) could not be read: nothing stored from them (see above).") }
        if !reasons.isEmpty {
            out.append("Not kept, by reason:")
            for r in reasons {
                out.append("  \(r.kind) \(Output.count(r.rows)): \(r.reason) (e.g. \(r.examples.joined(separator: ", ")))")
            }
        }
        if !eventsByDataset.isEmpty {
            out.append("Events added per dataset: " + eventsByDataset.sorted { $0.key < $1.key }.map { "\($0.key) \(Output.count($0.value))" }.joined(separator: ", "))
        }
        out.append("Store: \(store)")
        return out.joined(separator: "\n")
    }
}
