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
    /// - Parameters:
    ///   - format: forces a format; `nil` detects it per file (and per zip entry).
    ///   - onEvent: called with each event and its line number.
    ///   - onIssue: called with each rejected or skipped row.
    /// - Returns: the format read and the row counts.
    /// - Throws: ``EntenteError``: `unknown-format` when the first line matches no format (an
    ///   empty file among them), `corrupt-archive`, `unreadable-file`; or what the callbacks throw.
    /// - Complexity: O(n) in the file's size; memory O(longest line).
    public static func read(
        _ url: URL, format: EventFormat? = nil,
        onEvent: (Event, Int) throws -> Void,
        onIssue: (RowReport) throws -> Void = { _ in }
    ) throws -> (format: EventFormat, counts: RowCounts) {
        try withoutActuallyEscaping(onEvent) { onEvent in
            try withoutActuallyEscaping(onIssue) { onIssue in
                try readEscaping(url, format: format, onEvent: onEvent, onIssue: onIssue)
            }
        }
    }

    private static func readEscaping(
        _ url: URL, format: EventFormat?,
        onEvent: @escaping (Event, Int) throws -> Void,
        onIssue: @escaping (RowReport) throws -> Void
    ) throws -> (format: EventFormat, counts: RowCounts) {
        var counts = RowCounts()
        var fileFormat: EventFormat?
        try ByteChunks.forEachPart(of: url) { partName, chunks in
            var splitter = LineSplitter()
            var parser: (any EventRowParser)?
            var partFormat = format
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
            try chunks { chunk in try splitter.feed(chunk, handle) }
            try splitter.finish(handle)
            guard let partFormat, parser != nil else {
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
    /// `nil` when it is not an event file Entente reads.
    public static func sniff(_ url: URL) -> EventFormat? {
        struct Found: Error { var format: EventFormat? }
        do {
            try ByteChunks.forEachPart(of: url) { _, chunks in
                var splitter = LineSplitter()
                try chunks { chunk in
                    try splitter.feed(chunk) { line, _ in
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

    /// Expands files and folders into the files below them, sorted; hidden files are left out.
    ///
    /// - Throws: ``EntenteError`` `file-not-found` for a path that does not exist.
    public static func expand(_ paths: [String]) throws -> [URL] {
        var out: [URL] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw EntenteError(.fileNotFound, "no such file or folder", file: path)
            }
            let url = URL(fileURLWithPath: path)
            if !isDir.boolValue {
                out.append(url)
                continue
            }
            guard let walker = fm.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
                continue
            }
            var found: [URL] = []
            for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(file)
            }
            out.append(contentsOf: found.sorted { $0.path < $1.path })
        }
        return out
    }
}
