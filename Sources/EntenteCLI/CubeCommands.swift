import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation
import Synchronization

/// The cube, read (never written) by two threads at once.
struct SendableCube: @unchecked Sendable {
    // @unchecked Sendable: DyadCube is Sendable; this wrapper only avoids copying it per closure.
    let cube: DyadCube
    init(_ cube: DyadCube) { self.cube = cube }
}

struct CubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cube",
        abstract: "Build, extend and export the dyad cube (A→B × month × CAMEO root) at machine speed.",
        discussion: """
            The cube is what `entente dyad` and the analyses read: for each directed dyad, month and CAMEO root, \
            events, one-a-day events, Goldstein sum ×10, articles, tone sum ×10⁶ and the sub-code counts the \
            partnership index needs. It lives in $ENTENTE_HOME/cube/cube.v1.bin (versioned, checksummed).

            `cube build` reads raw files in parallel without storing evidence rows (use it for years of GDELT); \
            `entente ingest` stores evidence rows and keeps the cube in step.
            """,
        subcommands: [CubeBuildCommand.self, CubeExportCommand.self, CubeStatusCommand.self]
    )
}

struct CubeBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build or extend the cube from raw event files (GDELT 1.0/2.0 plain or zip, ICEWS).",
        discussion: """
            Files already in the cube (same fingerprint: size, first and last MiB) are skipped, so running it \
            again over a growing folder adds only the new files. Rows are kept, skipped and rejected by the \
            same rules as `entente ingest`.

            Examples:
              entente cube build ../shared/data/gdelt2-samples --threads 2
              entente cube build ~/gdelt/2024 --rejects rejects.csv --summary json
            """
    )

    @Argument(help: ArgumentHelp("Event files or folders.", valueName: "path")) var paths: [String]
    @Option(help: "Worker threads (default: the number of cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("Write rejected rows to this CSV file.", valueName: "file")) var rejects: String?
    @Option(help: ArgumentHelp("Also write the whole cube as CSV (as `cube export` does) to this file.", valueName: "file")) var export: String?
    @Option(help: "How to print the summary.") var summary: IngestCommand.SummaryFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256.") }
    }

    func run() throws {
        try reportingErrors {
            let home = store.home ?? EventStore.defaultHome()
            let path = DyadCube.defaultPath(home: home)
            var cube = FileManager.default.fileExists(atPath: path) ? try DyadCube.read(from: path) : DyadCube()
            let files = try EventFileReader.expand(paths)
            let writer = try rejects.map { try RejectsWriter(path: $0) }
            let report = CubeBuilder.build(files: files, into: &cube, threads: threads, onReport: { writer?.write($0) })
            let writeStarted = Date()
            // The cube file and the export are independent: write them at the same time.
            let changed = report.files.contains(where: { $0.status == .added })
            let failure = Mutex<(any Error)?>(nil)
            let cubeBox = SendableCube(cube)
            DispatchQueue.concurrentPerform(iterations: 2) { job in
                do {
                    if job == 0, changed { try cubeBox.cube.write(to: path) }
                    if job == 1, let export {
                        do { try Data(cubeBox.cube.csvBytes()).write(to: URL(fileURLWithPath: export)) } catch {
                            throw EntenteError(.unreadableFile, "cannot write", file: export, underlying: error.localizedDescription)
                        }
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            if ProcessInfo.processInfo.environment["ENTENTE_TIMING"] != nil {
                FileHandle.standardError.write(Data("timing: write and export \(Int(Date().timeIntervalSince(writeStarted) * 1000)) ms\n".utf8))
            }
            let out = CubeBuildSummary(report: report, cube: cube, path: path)
            switch summary {
            case .json: print(try Output.json(out))
            case .table: print(out.text)
            }
            if !report.files.contains(where: { $0.status == .added || $0.status == .alreadyInCube }) {
                FileHandle.standardError.write(Data("error: no event file could be read from \(paths.joined(separator: " "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// Writes rejected rows as CSV: file, line, reason, detail, row.
final class RejectsWriter {
    let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data("file,line,reason,detail,row\n".utf8)), let handle = FileHandle(forWritingAtPath: path) else {
            throw EntenteError(.unreadableFile, "cannot write the rejects file", file: path)
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func write(_ r: RowReport) {
        let line = Output.csv([], [[r.file, String(r.line), r.issue.rawValue, r.detail, r.raw]]).dropFirst() + "\n"
        handle.write(Data(line.utf8))
    }

    deinit { try? handle.close() }
}

struct CubeBuildSummary: Encodable {
    var cube: String
    var threads: Int
    var seconds: Double
    var bytes: Int64
    var megabytesPerSecond: Double
    var rowsRead: Int
    var kept: Int
    var cells: Int
    var files: [CubeFileResult]

    init(report: CubeBuildReport, cube: DyadCube, path: String) {
        self.cube = path
        threads = report.threads
        seconds = (report.seconds * 1000).rounded() / 1000
        bytes = report.bytes
        megabytesPerSecond = report.seconds > 0 ? (Double(report.bytes) / 1_048_576 / report.seconds * 10).rounded() / 10 : 0
        rowsRead = report.rowsRead
        kept = report.kept
        cells = cube.cellCount
        files = report.files
    }

    var text: String {
        var out = [Output.table(
            ["file", "format", "rows", "kept", "skipped", "rejected", "status"],
            files.map { f in
                [URL(fileURLWithPath: f.path).lastPathComponent, f.format?.rawValue ?? "-", Output.count(f.counts.rowsRead), Output.count(f.counts.parsed),
                 Output.count(f.counts.skipped), Output.count(f.counts.rejected), f.status.rawValue]
            }, rightAligned: [2, 3, 4, 5])]
        for f in files where f.message != nil && f.status != .added { out.append("  \(URL(fileURLWithPath: f.path).lastPathComponent): \(f.message!)") }
        out.append("")
        out.append("Scanned \(Output.count(rowsRead)) rows (\(Output.number(Double(bytes) / 1_048_576, digits: 1)) MiB) in \(Output.number(seconds, digits: 3)) s on \(threads) thread(s), \(Output.number(megabytesPerSecond, digits: 1)) MiB/s; kept \(Output.count(kept)).")
        out.append("Cube: \(Output.count(cells)) cells in \(cube)")
        return out.joined(separator: "\n")
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
            let path = DyadCube.defaultPath(home: store.home ?? EventStore.defaultHome())
            guard FileManager.default.fileExists(atPath: path) else { throw EntenteError(.fileNotFound, "no cube yet: build one with `entente cube build PATH`", file: path) }
            let cube = try DyadCube.read(from: path, keys: false)
            let text: [UInt8]
            switch format {
            case .csv: text = cube.csvBytes()
            case .json:
                struct Cell: Encodable {
                    var source: String, target: String, month: String, root: Int
                    var values: [String: Int64]
                }
                let cells = cube.sortedKeys.map { k in
                    Cell(source: k.source, target: k.target, month: k.month.description, root: k.root,
                         values: Dictionary(uniqueKeysWithValues: DyadCube.Column.allCases.map { ($0.name, cube.value(k, $0)) }))
                }
                text = Array((try Output.json(cells) + "\n").utf8)
            }
            if let out {
                do { try Data(text).write(to: URL(fileURLWithPath: out)) } catch {
                    throw EntenteError(.unreadableFile, "cannot write", file: out, underlying: error.localizedDescription)
                }
            } else {
                FileHandle.standardOutput.write(Data(text))
            }
        }
    }
}

struct CubeStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show what the cube holds, after verifying its checksum.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let path = DyadCube.defaultPath(home: store.home ?? EventStore.defaultHome())
            guard FileManager.default.fileExists(atPath: path) else {
                print("No cube at \(path). Build one with `entente cube build PATH` or `entente ingest PATH`.")
                return
            }
            let cube = try DyadCube.read(from: path)
            let events = cube.sortedKeys.reduce(Int64(0)) { $0 + cube.value($1, .events) }
            print("Cube: \(path) (format v\(DyadCube.formatVersion), checksum ok)")
            print("\(cube.fingerprints.count) file(s), \(Output.count(cube.cellCount)) cells, \(Output.count(Int(events))) events, \(Output.count(cube.keyCount)) one-a-day keys")
        }
    }
}
