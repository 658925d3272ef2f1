public import Foundation

/// One CSV record: its fields as byte ranges of a buffer that the reader reuses, so reading a
/// record allocates nothing once the buffer has grown.
///
/// Fields are read by index as bytes, integers, numbers or strings.
public struct CSVRecord {
    /// The unquoted bytes of every field, one after another.
    var bytes: [UInt8] = []
    /// The end offset in ``bytes`` of each field.
    var ends: [Int] = []
    /// The record ran to the end of the file inside a quoted field (a truncated file).
    public internal(set) var isUnterminated = false

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(128)
    }

    /// The number of fields.
    public var count: Int { ends.count }

    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Whether field `i` is empty (or absent).
    public func isEmpty(_ i: Int) -> Bool { i >= count || range(i).isEmpty }

    /// Field `i` as text (invalid UTF-8 replaced by U+FFFD); empty when absent.
    public func string(_ i: Int) -> String {
        guard i < count else { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(i)]), as: UTF8.self) }
    }

    /// Field `i` as an integer: optional sign, digits, and an optional fraction of zeros (`1946.0`,
    /// as R writes integer columns stored as doubles); `nil` otherwise.
    public func int(_ i: Int) -> Int? {
        guard i < count else { return nil }
        let r = range(i)
        guard !r.isEmpty else { return nil }
        var index = r.lowerBound
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        var digits = 0
        while index < r.upperBound, (0x30...0x39).contains(bytes[index]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[index] - 0x30))
            guard !o1 && !o2 else { return nil }
            value = s
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < r.upperBound {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            while index < r.upperBound {
                guard bytes[index] == UInt8(ascii: "0") else { return nil }
                index += 1
            }
        }
        return negative ? -value : value
    }

    /// Field `i` as a finite number; `nil` when empty, non-numeric, `NA`, `NaN` or infinite.
    public func double(_ i: Int) -> Double? {
        if let n = int(i) { return Double(n) }
        guard i < count, !range(i).isEmpty else { return nil }
        guard let value = Double(string(i).trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return value
    }

    /// Whether field `i` is exactly `text` (ASCII).
    public func equals(_ i: Int, _ text: StaticString) -> Bool {
        guard i < count else { return false }
        let r = range(i)
        guard r.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            var j = 0
            for k in r {
                if bytes[k] != expected[j] { return false }
                j += 1
            }
            return true
        }
    }

    /// The fields joined with commas (quotes removed): the row as shown in a report.
    public var raw: String { (0..<count).map(string).joined(separator: ",") }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        isUnterminated = false
    }
}

/// Reads a CSV file record by record, streaming (1 MiB at a time), as Python's `csv` module does
/// with its default dialect: fields separated by commas, a field that starts with `"` is quoted
/// (`""` inside it is one quote, and it may span lines), carriage returns outside quotes dropped,
/// blank lines skipped.
///
/// A record longer than the line cap (``LineSplitter/maxLineBytes``, 1 MiB by default) is an
/// error naming the file and the line it starts on: no structural or label file has such a row,
/// and memory stays bounded whatever the file holds.
public enum CSVRecordReader {
    /// Calls `body` with each record and the 1-based line on which it starts.
    ///
    /// A file that ends inside a quoted field yields a last record with
    /// ``CSVRecord/isUnterminated`` set.
    /// - Throws: ``EntenteError`` `unreadable-file` (a path that is not a regular file among
    ///   them), `malformed-row` for a record longer than `maxRecordBytes`; what `body` throws.
    /// - Complexity: O(n) in the file's size; memory is one chunk and one record (at most the cap).
    public static func read(_ url: URL, maxRecordBytes: Int = LineSplitter.maxLineBytes, _ body: (CSVRecord, Int) throws -> Void) throws {
        var parser = Parser(maxBytes: maxRecordBytes)
        do {
            try ByteChunks.forEachChunk(ofPlainFile: url) { chunk in try parser.feed(chunk, body) }
            try parser.finish(body)
        } catch let long as RecordTooLong {
            throw long.error(file: url.path)
        }
    }

    /// Reads records from bytes in memory (for tests and small files).
    public static func read(bytes: [UInt8], maxRecordBytes: Int = LineSplitter.maxLineBytes, _ body: (CSVRecord, Int) throws -> Void) throws
    {
        var parser = Parser(maxBytes: maxRecordBytes)
        do {
            try bytes.withUnsafeBytes { try parser.feed($0, body) }
            try parser.finish(body)
        } catch let long as RecordTooLong {
            throw long.error(file: nil)
        }
    }

    /// A record passed the cap (the reader adds the file).
    struct RecordTooLong: Error {
        var line: Int
        var cap: Int

        func error(file: String?) -> EntenteError {
            EntenteError(
                .malformedRow, "a record longer than \(cap) bytes (the line cap; ENTENTE_MAX_LINE_BYTES sets it)", file: file, line: line)
        }
    }

    struct Parser {
        let maxBytes: Int
        var record = CSVRecord()
        var inQuotes = false
        var quotePending = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var hasContent = false

        init(maxBytes: Int) {
            self.maxBytes = max(1, maxBytes)
        }

        mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (CSVRecord, Int) throws -> Void) throws {
            for c in chunk {
                // Bytes kept plus separators: the record's length, bounded before it grows on.
                if record.bytes.count + record.ends.count >= maxBytes && (inQuotes || c != 0x0A) {
                    throw RecordTooLong(line: recordLine, cap: maxBytes)
                }
                if inQuotes {
                    if quotePending {
                        quotePending = false
                        if c == 0x22 {
                            record.bytes.append(c)
                            continue
                        }
                        inQuotes = false
                    } else if c == 0x22 {
                        quotePending = true
                        continue
                    } else {
                        if c == 0x0A { line += 1 }
                        record.bytes.append(c)
                        continue
                    }
                }
                switch c {
                case 0x2C:  // ,
                    record.ends.append(record.bytes.count)
                    atFieldStart = true
                    hasContent = true
                case 0x0A:  // \n
                    try endRecord(body)
                    line += 1
                    recordLine = line
                case 0x0D:  // \r outside quotes
                    break
                case 0x22 where atFieldStart:
                    inQuotes = true
                    atFieldStart = false
                    hasContent = true
                default:
                    record.bytes.append(c)
                    atFieldStart = false
                    hasContent = true
                }
            }
        }

        mutating func finish(_ body: (CSVRecord, Int) throws -> Void) throws {
            if inQuotes && !quotePending { record.isUnterminated = true }
            inQuotes = false
            quotePending = false
            try endRecord(body)
        }

        private mutating func endRecord(_ body: (CSVRecord, Int) throws -> Void) throws {
            if hasContent || record.isUnterminated {
                record.ends.append(record.bytes.count)
                try body(record, recordLine)
            }
            record.reset()
            atFieldStart = true
            hasContent = false
        }
    }
}
