import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load event files (GDELT 1.0/2.0, ICEWS; plain or .zip) into the store.",
        discussion: """
            PATHs are files or folders (read recursively; hidden files skipped). Each file's format is \
            detected from its first line unless --format is given; files that are not event files \
            (READMEs, licences) are listed and left alone. Only regular files are read: a FIFO, a device \
            (/dev/zero) or a socket named directly is an error; one found in a folder is skipped, with a \
            warning on standard error.

            Every file is ingested in one transaction: a file that fails half-way (a truncated zip) \
            leaves the store as it was. A file whose bytes were ingested before (same SHA-256) adds nothing.

            Rows are kept when both actors are states (ISO 3166); others are counted by reason:
              rejected  malformed rows (wrong column count, bad date, unknown CAMEO code, non-UTF-8 bytes…)
              skipped   well-formed rows that are not state-to-state (no actor country, a region such as EUR)
            A field holding a NUL byte rejects its row (reason "NUL byte in a field"). A line longer than \
            1 MiB is rejected unread (reason "line too long"; its first 256 bytes are reported) and memory \
            stays bounded; set ENTENTE_MAX_LINE_BYTES (bytes, 1024 to 1073741824) to change the cap. A file \
            whose first line is that long is not an event file.
            --rejects FILE writes the rejected rows (CSV: file, line, reason, detail, row).

            While another process writes the store, ingest waits for it (up to 60 s; ENTENTE_BUSY_TIMEOUT \
            sets the seconds) instead of failing with "database is locked".

            Structural dyad-year layers are recognised by their headers too: ATOP 5.1 (atop_alliance.csv), the UN \
            General Assembly votes (the unvotes folder: un_votes.csv, un_roll_calls.csv, un_roll_call_issues.csv), \
            ideal points (IdealpointsJuly2025.converted.csv), SIPRI trade registers (TIV-Export-*.csv) and COW \
            militarised disputes (cow_mid_dirdisps.csv). Unknown codes and names are counted with their value.

            A file whose earlier ingest kept nothing (say, read with a wrong --format) is read again; --force \
            reads any event file again, replacing its earlier entry and events.

            The dyad cube that `dyad`, `assess` and `brief` read is kept in step with the store: after the files \
            are stored, every stored event the cube lacks is added to it under the store's write lock, and the \
            cube file is replaced atomically. If that fails (a full disk), the events stay stored, the analyses \
            read them from the store, and `entente cube rebuild` or the next ingest brings the cube in step.

            Exit status is 0 when at least one file could be read, 1 when none could or the cube could not be \
            brought in step.

            Examples:
              entente ingest ~/gdelt/2024-06 ~/icews
              entente ingest 20240619.export.CSV.zip --rejects rejects.csv
              entente ingest gdelt2-dyad-daily-2018-2024.csv.gz   # a dyad series (date,a,b,value)
            """
    )

    @Argument(help: ArgumentHelp("Event files or folders.", valueName: "path"))
    var paths: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Force the input format instead of detecting it.",
            valueName: "gdelt2|gdelt1|icews|dyad-series|atop|unga-votes|unga-idealpoints|sipri-tiv|cow-mid"))
    var format: IngestFormat?

    @Flag(help: "Structural layers: let a later file's values replace those already stored for the same key.")
    var replace = false

    @Flag(help: "Event files: read again even if the same bytes were ingested before (the earlier entry and its events are replaced).")
    var force = false

    @Flag(help: "With a dyad series: the pairs are directed (a→b); by default undirected.")
    var directed = false

    @Option(name: .long, help: ArgumentHelp("Write rejected rows to this CSV file.", valueName: "file"))
    var rejects: String?

    @Flag(name: .long, help: "With --rejects, also write skipped (non state-to-state) rows.")
    var includeSkipped = false

    @Option(name: .long, help: "How to print the summary.")
    var summary: TextFormat = .table

    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateEnvironment()
    }

    func run() throws {
        try reportingErrors {
            let rejectsWriter = try rejects.map { try RejectsWriter(path: $0) }
            var bar: ProgressBar?
            let report = try workspace(store).ingest(
                IngestRequest(paths: paths, format: format, directed: directed, replace: replace, force: force),
                onIssue: { report in if report.issue.isRejection || includeSkipped { rejectsWriter?.write(report) } },
                progress: { p in
                    if bar == nil { bar = ProgressBar(total: p.files) }
                    bar?.update(done: p.filesDone, rows: p.rows, file: p.file, force: p.fileStarted)
                })
            bar?.clear()
            switch summary {
            case .json: print(try Output.json(report))
            case .table: print(IngestText.summary(report))
            }
            if !report.anyFileRead {
                FileHandle.standardError.write(Data("error: no event file could be read from \(paths.joined(separator: " "))\n".utf8))
                throw ExitCode(1)
            }
            if let cubeError = report.cubeError {
                FileHandle.standardError.write(Data("error: \(Output.printable(cubeError))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
