import Crypto
public import Foundation

/// Per-file counts of what a read made of each row.
public struct RowCounts: Sendable, Codable, Equatable {
    /// Data rows read (header and blank lines excluded).
    public var rowsRead = 0
    /// Rows that became events.
    public var parsed = 0
    /// Rows not kept, by reason (rejected and skipped).
    public var issues: [RowIssue: Int] = [:]
    /// The first few line numbers of each reason, so a user can look at them.
    public var examples: [RowIssue: [Int]] = [:]

    public init() {}

    public var rejected: Int { issues.filter { $0.key.isRejection }.reduce(0) { $0 + $1.value } }
    public var skipped: Int { issues.filter { !$0.key.isRejection }.reduce(0) { $0 + $1.value } }

    public mutating func record(_ issue: RowIssue, line: Int) {
        issues[issue, default: 0] += 1
        if examples[issue, default: []].count < 3 { examples[issue, default: []].append(line) }
    }

    public mutating func add(_ other: RowCounts) {
        rowsRead += other.rowsRead
        parsed += other.parsed
        for (k, v) in other.issues { issues[k, default: 0] += v }
        for (k, v) in other.examples where examples[k, default: []].count < 3 {
            examples[k, default: []].append(contentsOf: v.prefix(3 - examples[k, default: []].count))
        }
    }
}

/// A row that was not kept, with where it was and why: what `--rejects FILE` writes.
public struct RowReport: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var issue: RowIssue
    public var detail: String
    /// The row as read (invalid UTF-8 replaced by U+FFFD).
    public var raw: String

    public init(file: String, line: Int, issue: RowIssue, detail: String, raw: String) {
        self.file = file
        self.line = line
        self.issue = issue
        self.detail = detail
        self.raw = raw
    }
}

/// Reads one event file, streaming, and hands each event and each problem row to the caller.
public enum EventFileReader {
    /// Reads `url` (plain or zip) in the given format, or the one detected from its first line.
    ///
    /// A line longer than `maxLineBytes` is a rejected row (``RowIssue/lineTooLong``) whose report
    /// holds its first bytes; it is never held in memory. When the first line is that long and
    /// the format must be detected from it, the file is not an event file (an error, thrown at
    /// once, without reading the rest).
    ///
    /// - Parameters:
    ///   - format: forces a format; `nil` detects it per file (and per zip entry).
    ///   - maxLineBytes: the line cap (default: ``LineSplitter/maxLineBytes``).
    ///   - onEvent: called with each event and its line number.
    ///   - onIssue: called with each rejected or skipped row.
    /// - Returns: the format read and the row counts.
    /// - Throws: ``EntenteError``: `unknown-format` when the first line matches no format (an
    ///   empty file among them), `corrupt-archive`, `unreadable-file` (a path that is not a
    ///   regular file among them); or what the callbacks throw.
    /// - Complexity: O(n) in the file's size; memory O(min(longest line, cap)).
    public static func read(
        _ url: URL, format: EventFormat? = nil, maxLineBytes: Int = LineSplitter.maxLineBytes,
        onEvent: (Event, Int) throws -> Void,
        onIssue: (RowReport) throws -> Void = { _ in }
    ) throws -> (format: EventFormat, counts: RowCounts) {
        try withoutActuallyEscaping(onEvent) { onEvent in
            try withoutActuallyEscaping(onIssue) { onIssue in
                try readEscaping(url, format: format, maxLineBytes: maxLineBytes, onEvent: onEvent, onIssue: onIssue)
            }
        }
    }

    private static func readEscaping(
        _ url: URL, format: EventFormat?, maxLineBytes: Int,
        onEvent: @escaping (Event, Int) throws -> Void,
        onIssue: @escaping (RowReport) throws -> Void
    ) throws -> (format: EventFormat, counts: RowCounts) {
        var counts = RowCounts()
        var fileFormat: EventFormat?
        try ByteChunks.forEachPart(of: url) { partName, chunks in
            var splitter = LineSplitter(maxLineBytes: maxLineBytes)
            let cap = splitter.maxLineBytes
            var parser: (any EventRowParser)?
            var partFormat = format
            var sawLongLine = false
            func handle(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
                if parser == nil {
                    if line.isEmpty { return }
                    if partFormat == nil { partFormat = EventFormat.detect(firstLine: line) }
                    guard let f = partFormat else {
                        throw EntenteError(
                            .unknownFormat, "not a GDELT 1.0, GDELT 2.0 or ICEWS event file (first line matches none)", file: url.path,
                            line: number)
                    }
                    parser = f == .icews ? ICEWSRowParser() : GDELTRowParser(format: f)
                }
                switch parser!.parse(line, lineNumber: number) {
                case .blank, .header: break
                case .event(let event):
                    counts.rowsRead += 1
                    counts.parsed += 1
                    try onEvent(event, number)
                case .issue(let issue, let detail):
                    counts.rowsRead += 1
                    counts.record(issue, line: number)
                    try onIssue(
                        RowReport(file: partName, line: number, issue: issue, detail: detail, raw: String(decoding: line, as: UTF8.self)))
                }
            }
            func tooLong(_ prefix: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
                // A format is detected from the first line, and ICEWS columns are named by it:
                // without a readable first line the file cannot be read.
                if parser == nil && (partFormat == nil || partFormat == .icews) {
                    throw EntenteError(
                        .unknownFormat, "not an event file Entente reads: its first line is longer than \(cap) bytes", file: url.path,
                        line: number)
                }
                sawLongLine = true
                counts.rowsRead += 1
                counts.record(.lineTooLong, line: number)
                try onIssue(
                    RowReport(
                        file: partName, line: number, issue: .lineTooLong, detail: LineSplitter.tooLongDetail(cap: cap),
                        raw: LineSplitter.prefixText(prefix)))
            }
            try chunks { chunk in try splitter.feed(chunk, tooLong: tooLong, handle) }
            try splitter.finish(handle)
            guard let partFormat else {
                throw EntenteError(.unknownFormat, "empty file: no rows", file: url.path)
            }
            if parser == nil && !sawLongLine {
                throw EntenteError(.unknownFormat, "empty file: no rows", file: url.path)
            }
            if let fileFormat, fileFormat != partFormat {
                throw EntenteError(
                    .unknownFormat, "zip archive mixes formats \(fileFormat.rawValue) and \(partFormat.rawValue)", file: url.path)
            }
            fileFormat = partFormat
        }
        return (fileFormat!, counts)
    }

    /// Detects the format of a file from its first non-empty line without reading the rest;
    /// `nil` when it is not an event file Entente reads (a first line longer than the line cap
    /// among them: at most the cap and one chunk are read).
    public static func sniff(_ url: URL) -> EventFormat? {
        struct Found: Error { var format: EventFormat? }
        do {
            try ByteChunks.forEachPart(of: url) { _, chunks in
                var splitter = LineSplitter()
                try chunks { chunk in
                    try splitter.feed(chunk, tooLong: { _, _ in throw Found(format: nil) }) { line, _ in
                        if !line.isEmpty { throw Found(format: EventFormat.detect(firstLine: line)) }
                    }
                }
                try splitter.finish { line, _ in throw Found(format: EventFormat.detect(firstLine: line)) }
            }
        } catch let found as Found {
            return found.format
        } catch {
            return nil
        }
        return nil
    }

    /// The SHA-256 of a file's bytes, hex-encoded.
    public static func sha256(of url: URL) throws -> String {
        var hasher = SHA256()
        try ByteChunks.forEachChunk(ofPlainFile: url) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The SHA-256 of bytes, hex-encoded.
    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Expands files and folders into the regular files below them, sorted; hidden files are left
    /// out.
    ///
    /// Only regular files are read (symbolic links followed): a FIFO would block the reader and a
    /// device such as `/dev/zero` never ends. A path named directly that is not a regular file is
    /// an error; inside a folder, such an entry (FIFO, device, socket, broken link, link to a
    /// folder) is skipped and passed to `onSkip` with what it is, for the caller to say so.
    ///
    /// - Parameter onSkip: called with the path and the reason of each entry skipped in a folder.
    /// - Throws: ``EntenteError`` `file-not-found` for a path that does not exist, `unreadable-file`
    ///   for a path named directly that is not a regular file or a folder.
    public static func expand(_ paths: [String], onSkip: (_ path: String, _ reason: String) -> Void = { _, _ in }) throws -> [URL] {
        var out: [URL] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw EntenteError(.fileNotFound, "no such file or folder", file: path)
            }
            let url = URL(fileURLWithPath: path)
            if !isDir.boolValue {
                try ByteChunks.requireRegularFile(url)
                out.append(url)
                continue
            }
            guard let walker = fm.enumerator(at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else {
                continue
            }
            var found: [URL] = []
            for case let file as URL in walker {
                var own = stat()
                guard lstat(file.path, &own) == 0 else {
                    onSkip(file.path, "cannot be read")
                    continue
                }
                if own.st_mode & S_IFMT == S_IFDIR { continue }  // walked into by the enumerator
                var target = stat()
                guard stat(file.path, &target) == 0 else {
                    onSkip(file.path, "a broken symbolic link")
                    continue
                }
                if let kind = ByteChunks.nonRegularKind(mode: target.st_mode) {
                    onSkip(file.path, "not a regular file (\(kind))")
                    continue
                }
                found.append(file)
            }
            out.append(contentsOf: found.sorted { $0.path < $1.path })
        }
        return out
    }
}
