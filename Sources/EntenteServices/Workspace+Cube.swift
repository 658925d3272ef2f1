public import EntenteCore
import Foundation
import Synchronization

/// The cube, read (never written) by two threads at once.
private struct SendableCube: @unchecked Sendable {
    // @unchecked Sendable: DyadCube is Sendable; this wrapper only avoids copying it per closure.
    let cube: DyadCube
}

/// What `cube build` reads: files or folders, the worker threads, and an optional CSV export.
public struct CubeBuildRequest: Sendable {
    public var paths: [String]
    public var threads: Int
    public var export: String?

    public init(paths: [String], threads: Int, export: String? = nil) {
        self.paths = paths
        self.threads = threads
        self.export = export
    }
}

/// The `cube build` answer.
public struct CubeBuildSummary: Encodable, Sendable {
    public var cube: String
    public var threads: Int
    public var seconds: Double
    public var bytes: Int64
    public var megabytesPerSecond: Double
    public var rowsRead: Int
    public var kept: Int
    /// Rows left out because the cube already held their (dataset, event id).
    public var duplicates: Int
    public var cells: Int
    public var files: [CubeFileResult]
    /// Milliseconds per phase (open, scan, merge, write); not part of the JSON.
    public var timing: [(String, Int)] = []

    /// Whether any file was read (added now or before): the CLI's exit status.
    public var anyFileRead: Bool { files.contains { $0.status == .added || $0.status == .alreadyInCube } }

    enum CodingKeys: String, CodingKey { case cube, threads, seconds, bytes, megabytesPerSecond, rowsRead, kept, duplicates, cells, files }

    init(report: CubeBuildReport, cube: DyadCube, path: String) {
        self.cube = path
        threads = report.threads
        seconds = (report.seconds * 1000).rounded() / 1000
        bytes = report.bytes
        megabytesPerSecond = report.seconds > 0 ? (Double(report.bytes) / 1_048_576 / report.seconds * 10).rounded() / 10 : 0
        rowsRead = report.rowsRead
        kept = report.kept
        duplicates = report.duplicates
        cells = cube.cellCount
        files = report.files
        timing = [("open", report.phases.open), ("scan", report.phases.scan), ("merge", report.phases.merge)]
    }
}

/// The `cube status` answer.
public struct CubeStatus: Encodable, Sendable {
    public var path: String
    public var exists: Bool
    public var formatVersion: Int
    public var files: Int
    public var cells: Int
    public var events: Int
    public var oneADayKeys: Int
    /// Distinct (dataset, event id) pairs: each event is counted once, whichever files repeat it.
    public var eventIDs: Int = 0
    /// How the cube stands against the store (absent when there is neither a cube nor events).
    public var drift: CubeDrift?
}

extension Workspace {
    /// Builds or extends the cube from raw files in parallel (files already in it are skipped),
    /// then writes the cube file and the optional CSV export at the same time.
    ///
    /// - Parameter onReport: each rejected row, for a rejects file.
    /// - Throws: ``EntenteError`` when a path is missing or a file cannot be written.
    public func buildCube(_ request: CubeBuildRequest, onReport: (RowReport) -> Void = { _ in }) throws -> CubeBuildSummary {
        let path = cubePath
        var cube = hasCube ? try DyadCube.read(from: path) : DyadCube()
        // Entries of folders that are not regular files (FIFOs, devices, sockets, broken links) are
        // skipped, with a warning.
        let files = try EventFileReader.expand(request.paths) { path, reason in warn("warning: skipped \(path): \(reason)\n") }
        let report = CubeBuilder.build(files: files, into: &cube, threads: request.threads, onReport: onReport)
        let writeStarted = Date()
        let changed = report.files.contains(where: { $0.status == .added })
        let failure = Mutex<(any Error)?>(nil)
        let box = SendableCube(cube: cube)
        let export = request.export
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            do {
                if job == 0, changed { try box.cube.write(to: path) }
                if job == 1, let export { try Self.write(box.cube.csvBytes(), to: export) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var summary = CubeBuildSummary(report: report, cube: cube, path: path)
        summary.timing.append(("write and export", Int(Date().timeIntervalSince(writeStarted) * 1000)))
        return summary
    }

    /// The whole cube sorted by source, target, month, root, every value an integer: CSV, or
    /// JSON cells.
    ///
    /// - Throws: ``EntenteError`` `file-not-found` when there is no cube.
    public func exportCube(json: Bool) throws -> [UInt8] {
        guard hasCube else { throw EntenteError(.fileNotFound, "no cube yet: build one with `entente cube build PATH`", file: cubePath) }
        let cube = try DyadCube.read(from: cubePath, keys: false)
        guard json else { return cube.csvBytes() }
        struct Cell: Encodable {
            var source: String, target: String, month: String, root: Int
            var values: [String: Int64]
        }
        let cells = cube.sortedKeys.map { k in
            Cell(
                source: k.source, target: k.target, month: k.month.description, root: k.root,
                values: Dictionary(uniqueKeysWithValues: DyadCube.Column.allCases.map { ($0.name, cube.value(k, $0)) }))
        }
        return Array((try JSONText.encode(cells) + "\n").utf8)
    }

    /// What the cube holds, after verifying every block, and how it stands against the store.
    public func cubeStatus() throws -> CubeStatus {
        guard hasCube else {
            var status = CubeStatus(
                path: cubePath, exists: false, formatVersion: Int(DyadCube.formatVersion), files: 0, cells: 0, events: 0, oneADayKeys: 0)
            status.drift = try cubeDrift()
            return status
        }
        let cube = try DyadCube.read(from: cubePath)
        let events = cube.sortedKeys.reduce(Int64(0)) { $0 + cube.value($1, .events) }
        var status = CubeStatus(
            path: cubePath, exists: true, formatVersion: Int(DyadCube.formatVersion), files: cube.fingerprints.count,
            cells: cube.cellCount, events: Int(events), oneADayKeys: cube.keyCount)
        status.eventIDs = cube.eventIDCount
        status.drift = try cubeDrift()
        return status
    }

    /// Writes bytes to a file the user named.
    ///
    /// - Throws: ``EntenteError`` `unreadable-file` naming the file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch {
            throw EntenteError(.unreadableFile, "cannot write", file: path, underlying: error.localizedDescription)
        }
    }
}

/// Entente's JSON: pretty-printed, sorted keys, slashes unescaped (stable for scripts).
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
