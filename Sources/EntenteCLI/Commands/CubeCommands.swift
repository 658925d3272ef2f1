import ArgumentParser
import EntenteCore
import EntenteServices
import Foundation

struct CubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cube",
        abstract: "Build, extend and export the dyad cube (A→B × month × CAMEO root) at machine speed.",
        discussion: """
            The cube is what `entente dyad` and the analyses read: for each directed dyad, month and CAMEO root, \
            events, one-a-day events, Goldstein sum ×10, articles, tone sum ×10⁶ and the sub-code counts the \
            partnership index needs. It lives in $ENTENTE_HOME/cube/cube.v2.bin: versioned, with a checksum for \
            every 64 KiB block that is verified before any value is used (a damaged cube is an error that says \
            how to rebuild it, never a wrong number).

            Each (dataset, event id) counts once, the first copy winning, exactly as in the store: a zip and its \
            unzipped copy, or GDELT's re-emitted events, add nothing twice.

            The store is the source of truth: `entente ingest` stores evidence rows and keeps the cube in step \
            (under the store's write lock); when the cube is missing, behind or from another store, the analyses \
            read the store instead and say so, and `cube rebuild` recreates it from the store. `cube build` reads \
            raw files in parallel without storing evidence rows (use it for years of GDELT).
            """,
        subcommands: [CubeBuildCommand.self, CubeRebuildCommand.self, CubeExportCommand.self, CubeStatusCommand.self]
    )
}

struct CubeBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build or extend the cube from raw event files (GDELT 1.0/2.0 plain or zip, ICEWS).",
        discussion: """
            Files already in the cube (same fingerprint: size, first and last MiB) are skipped, so running it \
            again over a growing folder adds only the new files. Rows are kept, skipped and rejected by the \
            same rules as `entente ingest`. ENTENTE_TIMING=1 prints the time of each phase on standard error.

            With --engine spark the same cube is built by an Apache Spark job (PySpark, shipped with Entente) \
            on --spark-master, from local paths or URIs Spark reads (file:// tested; hdfs://, s3a:// untested), \
            and replaces the cube only when the job succeeds. See Guides/Spark.md.

            Examples:
              entente cube build ~/gdelt/2024-06 --threads 2
              entente cube build ~/gdelt/2024 --rejects rejects.csv --summary json
              entente cube build --engine spark --spark-master spark://10.0.0.5:7077 'hdfs:///gdelt/events/*.zip'
            """
    )

    enum Engine: String, ExpressibleByArgument, CaseIterable { case native, spark }

    @Argument(help: ArgumentHelp("Event files or folders.", valueName: "path")) var paths: [String]
    @Option(help: "Worker threads (default: the number of cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("Write rejected rows to this CSV file.", valueName: "file")) var rejects: String?
    @Option(help: ArgumentHelp("Also write the whole cube as CSV (as `cube export` does) to this file.", valueName: "file"))
    var export: String?
    @Option(help: "How to print the summary.") var summary: TextFormat = .table
    @Option(help: "native (this machine) or spark (an Apache Spark job).") var engine: Engine = .native
    @Option(help: ArgumentHelp("Spark master URL (default local[*]).", valueName: "url")) var sparkMaster: String?
    @Option(help: ArgumentHelp("The spark-submit to use (default: $SPARK_HOME, PATH, pyspark).", valueName: "path"))
    var sparkSubmit: String?
    @Option(help: "Spark input and shuffle partitions (default 16).") var partitions: Int?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateNumber(threads, in: 1...256, "--threads")
        if let partitions { try validateNumber(partitions, in: 1...100_000, "--partitions") }
        if engine == .native, sparkMaster != nil || sparkSubmit != nil || partitions != nil {
            throw ValidationError("--spark-master, --spark-submit and --partitions go with --engine spark.")
        }
        if engine == .spark, rejects != nil {
            throw ValidationError("--rejects goes with the native engine; the Spark engine reports rejected rows by reason.")
        }
        try validateEnvironment()
    }

    func run() throws {
        if engine == .spark { return try runSpark() }
        try reportingErrors {
            let writer = try rejects.map { try RejectsWriter(path: $0) }
            let request = CubeBuildRequest(paths: paths, threads: threads, export: export)
            let out = try workspace(store).buildCube(request, onReport: { writer?.write($0) })
            if ProcessInfo.processInfo.environment["ENTENTE_TIMING"] != nil {
                let phases = out.timing.prefix(3).map { "\($0.0) \($0.1) ms" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("timing: \(phases)\n".utf8))
                for (name, ms) in out.timing.dropFirst(3) { FileHandle.standardError.write(Data("timing: \(name) \(ms) ms\n".utf8)) }
            }
            switch summary {
            case .json: print(try Output.json(out))
            case .table: print(IngestText.cube(out))
            }
            if !out.anyFileRead {
                FileHandle.standardError.write(Data("error: no event file could be read from \(paths.joined(separator: " "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

extension CubeBuildCommand {
    func runSpark() throws {
        try reportingErrors {
            let request = SparkCubeRequest(
                paths: paths, master: sparkMaster, sparkSubmit: sparkSubmit, partitions: partitions, export: export)
            let out = try workspace(store).buildCubeOnSpark(request) {
                FileHandle.standardError.write(Data(Output.printableLines($0 + "\n").utf8))
            }
            switch summary {
            case .json: print(try Output.json(out))
            case .table:
                print(IngestText.cube(out.build))
                print(
                    "Engine: Spark \(out.spark.version) on \(out.spark.master), \(out.spark.partitions) partitions; Spark's log: \(out.spark.log)"
                )
            }
            if !out.build.anyFileRead {
                FileHandle.standardError.write(Data("error: no event file could be read from \(paths.joined(separator: " "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

struct CubeRebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Recreate the cube from every event in the store (after a damaged cube or a failed update).",
        discussion: """
            Reads the store's events in the order they were stored (the first copy of each event id wins) and \
            replaces the cube atomically, under the store's write lock. Files added only with `cube build` are \
            not in the store and are left out: build them again.

            Examples:
              entente cube rebuild
              entente cube status
            """
    )
    @Option(help: "How to print the summary.") var summary: TextFormat = .table
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let report = try workspace(store).rebuildCube()
            switch summary {
            case .json: print(try Output.json(report))
            case .table:
                print(
                    "Cube rebuilt from the store: \(Output.count(report.eventsAdded)) events from \(report.files) file(s) "
                        + "(\(Output.count(report.eventsRead)) stored events read).")
            }
        }
    }
}

struct CubeExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the cube sorted by source, target, month, root, every value an integer.",
        discussion: """
            CSV columns: \(DyadCube.exportHeader.joined(separator: ",")). month is YYYYMM; goldstein_x10 is the \
            Goldstein sum ×10 and tone_micro the AvgTone sum ×10⁶ (each row's value rounded half away from zero), \
            so that any engine's output compares byte for byte.
            """
    )

    @Option(help: "Output format.") var format: ExportFormat = .csv
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @OptionGroup var store: StoreOptions

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func run() throws {
        try reportingErrors {
            let bytes = try workspace(store).exportCube(json: format == .json)
            if let out { try Workspace.write(bytes, to: out) } else { FileHandle.standardOutput.write(Data(bytes)) }
        }
    }
}

struct CubeStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show what the cube holds, after verifying every block, and whether it is in step with the store.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let status = try workspace(store).cubeStatus()
            guard status.exists else {
                print("No cube at \(status.path). Build one with `entente cube build PATH` or `entente ingest PATH`.")
                if let drift = status.drift { print("Store: " + Output.printable(drift.message)) }
                return
            }
            print("Cube: \(status.path) (format v\(status.formatVersion), every block's checksum verified)")
            print(
                "\(status.files) file(s), \(Output.count(status.cells)) cells, \(Output.count(status.events)) events "
                    + "(\(Output.count(status.eventIDs)) distinct event ids), \(Output.count(status.oneADayKeys)) one-a-day keys")
            if let drift = status.drift { print("Store: " + Output.printable(drift.message)) }
        }
    }
}

/// Writes rejected rows as CSV: file, line, reason, detail, row.
final class RejectsWriter {
    let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data("file,line,reason,detail,row\n".utf8)),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw EntenteError(.unreadableFile, "cannot write the rejects file", file: path)
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func write(_ r: RowReport) {
        let line = Output.csvRecord(verbatim: [r.file, String(r.line), r.issue.rawValue, r.detail, r.raw]) + "\n"
        handle.write(Data(line.utf8))
    }

    deinit { try? handle.close() }
}
