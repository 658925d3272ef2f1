public import Foundation
import Synchronization
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds or extends a ``DyadCube`` from raw event files, in parallel.
///
/// Plain GDELT files are memory-mapped and split into chunks at line boundaries; zipped ones are
/// decompressed in memory and split the same way; ICEWS files go through the reference reader.
/// Each worker thread scans chunks into its own ``PartialCube``; partials are merged at the end,
/// each one-a-day key counted once.
public enum CubeBuilder {
    /// Chunk size for parallel scanning.
    public static let chunkSize = 8 << 20

    /// - Parameters:
    ///   - files: event files (already expanded from folders).
    ///   - cube: the cube to extend; files whose fingerprint it already holds are skipped.
    ///   - threads: worker threads (≥ 1).
    ///   - onReport: rejected rows (and skipped ones if `reportSkipped`), with absolute line numbers.
    /// - Returns: per-file results; a file that cannot be read is `.failed`, not a throw.
    /// - Complexity: O(total bytes / threads); memory: the partial cubes plus 24 bytes per kept row
    ///   until the merge, and 16 bytes per distinct one-a-day key kept in the cube.
    public static func build(
        files: [URL], into cube: inout DyadCube, threads: Int, reportSkipped: Bool = false, chunkSize: Int = CubeBuilder.chunkSize,
        onReport: (RowReport) -> Void = { _ in }
    ) -> CubeBuildReport {
        let started = Date()
        var results: [CubeFileResult] = []
        var sources: [Source] = []
        var units: [Unit] = []
        var seen = cube.fingerprints
        for url in files {
            var result = CubeFileResult(
                path: url.path, status: .added, format: nil, fingerprint: nil, bytes: 0, counts: RowCounts(), message: nil)
            do {
                let fingerprint = try Fingerprint.of(url)
                result.fingerprint = fingerprint
                result.bytes = Int64(((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0)
                if seen.contains(fingerprint) {
                    result.status = .alreadyInCube
                    result.message = "the cube already holds this file: nothing added"
                    results.append(result)
                    continue
                }
                guard let (source, format) = try open(url) else {
                    result.status = .notEventFile
                    result.message = "not a GDELT 1.0, GDELT 2.0 or ICEWS event file"
                    results.append(result)
                    continue
                }
                seen.insert(fingerprint)
                result.format = format
                let fileIndex = results.count
                sources.append(source)
                units += source.units(file: fileIndex, sourceIndex: sources.count - 1, format: format, chunkSize: max(1, chunkSize))
            } catch {
                result.status = .failed
                result.message = "\(error)"
            }
            results.append(result)
        }

        let opened = Date()
        // Scan in parallel: each worker takes the next unit.
        let next = Atomic<Int>(0)
        let outputs = Mutex<[UnitOutput?]>(Array(repeating: nil, count: units.count))
        let partials = Mutex<[PartialCube]>([])
        let sourcesBox = SendableBox(sources)
        let unitsBox = SendableBox(units)
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            var partial = PartialCube()
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < unitsBox.value.count else { break }
                let unit = unitsBox.value[i]
                let start = partial.beginUnit()
                let output = unit.run(sourcesBox.value[unit.source], into: &partial, reportSkipped: reportSkipped)
                partial.endUnit(i, start: start)
                outputs.withLock { $0[i] = output }
            }
            partials.withLock { $0.append(partial) }
        }
        let scanned = Date()
        let duplicates = cube.merge(partials.withLock { $0 }, units: units.count, threads: threads)
        let phases = CubeBuildReport.Phases(
            open: Int(opened.timeIntervalSince(started) * 1000), scan: Int(scanned.timeIntervalSince(opened) * 1000),
            merge: Int(Date().timeIntervalSince(scanned) * 1000))

        // Per-file counts and reports, with line numbers made absolute.
        var lineOffset: [Int: Int] = [:]
        for (i, output) in outputs.withLock({ $0 }).enumerated() {
            guard let output else { continue }
            let unit = units[i]
            let offset = lineOffset[unit.fileKey, default: 0]
            var counts = output.counts
            counts.examples = counts.examples.mapValues { $0.map { $0 + offset } }
            results[unit.file].counts.add(counts)
            results[unit.file].duplicates += duplicates[i]
            for var r in output.reports {
                r.line += offset
                onReport(r)
            }
            lineOffset[unit.fileKey] = offset + output.lines
            if let failure = output.failure {
                results[unit.file].status = .failed
                results[unit.file].message = failure
            }
        }
        for r in results where r.status == .added { cube.fingerprints.insert(r.fingerprint!) }
        return CubeBuildReport(
            files: results, threads: max(1, threads), seconds: Date().timeIntervalSince(started),
            bytes: results.filter { $0.status == .added }.reduce(0) { $0 + $1.bytes }, phases: phases)
    }

    // MARK: - Sources and units

    /// A file's bytes: a mapping of a plain file, or of each zip entry inflated to an unlinked
    /// temporary file (so that memory stays at the chunks being scanned, whatever the entry's
    /// size; the disk holds the inflated entry until the build ends).
    final class Source: @unchecked Sendable {
        // @unchecked Sendable: immutable after init, read concurrently.
        let url: URL
        let mapped: MappedFile?
        let entries: [(name: String, mapped: MappedFile)]
        let icews: Bool

        init(url: URL, mapped: MappedFile?, entries: [(name: String, mapped: MappedFile)], icews: Bool) {
            self.url = url
            self.mapped = mapped
            self.entries = entries
            self.icews = icews
        }

        func units(file: Int, sourceIndex: Int, format: EventFormat, chunkSize: Int) -> [Unit] {
            if icews { return [Unit(file: file, source: sourceIndex, part: -1, start: 0, end: 0, format: format, fileKey: file << 16)] }
            if let mapped {
                return Self.split(mapped.bytes, file: file, source: sourceIndex, part: -1, format: format, chunkSize: chunkSize)
            }
            return entries.enumerated().flatMap { i, entry in
                Self.split(entry.mapped.bytes, file: file, source: sourceIndex, part: i, format: format, chunkSize: chunkSize)
            }
        }

        static func split(_ bytes: UnsafeRawBufferPointer, file: Int, source: Int, part: Int, format: EventFormat, chunkSize: Int) -> [Unit]
        {
            var units: [Unit] = []
            var start = 0
            while start < bytes.count {
                var end = min(bytes.count, start + chunkSize)
                if end < bytes.count {
                    // Move the boundary to just after the next newline.
                    if let nl = UnsafeRawBufferPointer(rebasing: bytes[end...]).firstIndex(of: 0x0A) {
                        end = end + nl + 1
                    } else {
                        end = bytes.count
                    }
                }
                units.append(
                    Unit(file: file, source: source, part: part, start: start, end: end, format: format, fileKey: file << 16 | (part + 1)))
                start = end
            }
            return units
        }
    }

    struct Unit: Sendable {
        var file: Int
        var source: Int
        /// Zip entry, or −1 for the plain file.
        var part: Int
        var start: Int
        var end: Int
        var format: EventFormat
        /// Which line-number sequence the unit belongs to (file × zip entry).
        var fileKey: Int

        func run(_ source: Source, into partial: inout PartialCube, reportSkipped: Bool) -> UnitOutput {
            if source.icews {
                var out = UnitOutput()
                do {
                    // Move the partial in and out (swap) so that it is never copied.
                    var cube = PartialCubeAdapter(partial: PartialCube())
                    swap(&cube.partial, &partial)
                    let (_, counts) = try EventFileReader.read(
                        source.url, format: .icews, onEvent: { e, _ in cube.add(e) },
                        onIssue: { r in
                            if r.issue.isRejection || reportSkipped { out.reports.append(r) }
                        })
                    swap(&cube.partial, &partial)
                    out.counts = counts
                } catch {
                    out.failure = "\(error)"
                }
                return out
            }
            var scanner = CubeScanner(format: format)
            swap(&scanner.partial, &partial)  // moved, not copied: the partial grows with every chunk
            scanner.reportSkipped = reportSkipped
            scanner.reportName = part >= 0 ? "\(source.url.lastPathComponent)!\(source.entries[part].name)" : source.url.lastPathComponent
            guard let mapped = part >= 0 ? source.entries[part].mapped : source.mapped else { return UnitOutput() }
            let lines = scanner.scan(mapped.bytes, from: start, to: end)
            mapped.release(start..<end)
            swap(&scanner.partial, &partial)
            return UnitOutput(counts: scanner.counts, reports: scanner.reports, lines: lines)
        }
    }

    struct UnitOutput: Sendable {
        var counts = RowCounts()
        var reports: [RowReport] = []
        var lines = 0
        var failure: String?
    }

    /// The most a zip entry may inflate relative to the archive's size (GDELT's own exports
    /// inflate about 8×); more is treated as a decompression bomb. `ENTENTE_MAX_ZIP_RATIO`
    /// overrides it.
    public static var maxExpansionRatio: Int {
        ProcessInfo.processInfo.environment["ENTENTE_MAX_ZIP_RATIO"].flatMap(Int.init).map { max(1, $0) } ?? 100
    }

    /// Opens a file for scanning; `nil` when it is not an event file.
    ///
    /// - Throws: ``EntenteError`` for an unreadable file, or a zip entry inflating beyond
    ///   ``maxExpansionRatio`` times the archive's size.
    static func open(_ url: URL) throws -> (Source, EventFormat)? {
        if ByteChunks.isZip(url) {
            let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.intValue ?? 0
            let limit = max(size, 1 << 20) * maxExpansionRatio
            var entries: [(String, MappedFile)] = []
            try ByteChunks.forEachPart(of: url) { name, chunks in
                entries.append((name, try inflate(chunks, limit: limit, archive: url, entry: name)))
            }
            guard let first = entries.first, let format = detect(first.1.bytes) else { return nil }
            return (Source(url: url, mapped: nil, entries: entries, icews: false), format)
        }
        guard let format = EventFileReader.sniff(url) else { return nil }
        if format == .icews { return (Source(url: url, mapped: nil, entries: [], icews: true), .icews) }
        return (Source(url: url, mapped: try MappedFile(url), entries: [], icews: false), format)
    }

    /// Inflates a zip entry to a temporary file, maps it and unlinks it (the mapping keeps the
    /// bytes until the build ends; nothing is left behind, even after a crash).
    static func inflate(
        _ chunks: (_ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Void, limit: Int, archive: URL, entry: String
    ) throws -> MappedFile {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = (folder as NSString).appendingPathComponent("entente-inflate-\(getpid())-\(UUID().uuidString).tmp")
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw EntenteError(.unreadableFile, "cannot create a temporary file", file: path, underlying: String(cString: strerror(errno)))
        }
        defer {
            close(fd)
            unlink(path)
        }
        var written = 0
        try chunks { chunk in
            written += chunk.count
            if written > limit {
                throw EntenteError(
                    .unreadableFile,
                    "zip entry \(entry) inflates to more than \(maxExpansionRatio)× the archive's size (a decompression bomb?); "
                        + "set ENTENTE_MAX_ZIP_RATIO to allow it",
                    file: archive.path)
            }
            var done = 0
            while done < chunk.count {
                let n = Glibc.write(fd, chunk.baseAddress! + done, chunk.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw EntenteError(
                        .unreadableFile, "cannot inflate \(entry) to a temporary file", file: path,
                        underlying: String(cString: strerror(errno)))
                }
                done += n
            }
        }
        return try MappedFile(URL(fileURLWithPath: path))
    }

    static func detect(_ bytes: UnsafeRawBufferPointer) -> EventFormat? {
        let window = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 1 << 20)])
        let end = window.firstIndex(of: 0x0A) ?? window.count
        return UnsafeRawBufferPointer(rebasing: window[0..<end]).withMemoryRebound(to: UInt8.self) { EventFormat.detect(firstLine: $0) }
    }
}

/// Lets the reference path (normalised events) add into a partial cube.
struct PartialCubeAdapter {
    var partial: PartialCube

    mutating func add(_ event: Event) {
        guard let s = DyadCube.index(of: event.source.country), let t = DyadCube.index(of: event.target.country),
            let codeIndex = CubeCodes.index(of: event.eventCode), let root = Int(event.rootCode)
        else { return }
        let key = DyadCube.Key(source: s, target: t, month: event.date.period, root: root)
        partial.add(
            packed: key.packed, codeIndex: codeIndex, goldsteinX10: Int64((event.goldstein * 10).rounded()),
            articles: Int64(event.numArticles ?? 1), toneMicro: Int64(((event.avgTone ?? 0) * 1_000_000).rounded()),
            oneADayKey: OneADayHash.hash(
                day: event.date.rawValue, source: Array(event.source.code.utf8), target: Array(event.target.code.utf8),
                code: Array(event.eventCode.utf8)),
            id: EventIDKey.make(event.dataset, id: event.originalID))
    }
}

/// A value shared read-only across worker threads.
struct SendableBox<T>: @unchecked Sendable {
    // @unchecked Sendable: only read after creation, never mutated.
    let value: T
    init(_ value: T) { self.value = value }
}
