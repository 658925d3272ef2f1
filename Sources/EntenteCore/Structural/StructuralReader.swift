public import Foundation

/// A citable description of where a structural value comes from.
public struct StructuralSource: Hashable, Sendable, Codable {
    /// The dataset ("ATOP", "SIPRI Arms Transfers Database", …).
    public var dataset: String
    /// Its version ("5.1", "generated 28 July 2022", …).
    public var version: String
    /// The file (or files, comma-separated) the values were read from.
    public var file: String
    /// A caveat a reader of the value should know (carried forward, unit, mapping…).
    public var note: String?

    public init(dataset: String, version: String, file: String, note: String? = nil) {
        self.dataset = dataset
        self.version = version
        self.file = file
        self.note = note
    }
}

/// What a structural reader learnt about a file besides its rows.
public struct StructuralFileInfo: Sendable, Equatable, Codable {
    public var format: StructuralFormat
    /// Which of the UN votes files this is.
    public var part: StructuralFormat.UNGAPart?
    public var source: StructuralSource
    /// Data rows read (header, preamble, totals and blank lines excluded).
    public var rowsRead: Int
    /// The years the file covers: its year columns (SIPRI) or the years of its valid rows.
    public var firstYear: Int?
    public var lastYear: Int?
    /// SIPRI: the supplier's name as the file states it.
    public var supplierName: String?
}

/// Reads any structural file: detects (or takes) its format, checks its header, and streams its
/// rows as ``StructuralRecord`` values keyed by ISO3 codes; rows not kept are reported with their
/// line, reason and value. Storage (and duplicate keys) is the store's business.
///
/// ```swift
/// let info = try StructuralReader.read(url, onRecord: { record, line in … }, onIssue: { issue in … })
/// ```
public enum StructuralReader {
    /// Reads one structural file.
    ///
    /// - Parameters:
    ///   - format: forces a format; `nil` detects it from the header (and name).
    ///   - onRecord: each value read, with its line.
    ///   - onIssue: each row or cell not kept.
    /// - Returns: what the file is and covers.
    /// - Throws: ``EntenteError`` `unknown-format` when the format cannot be detected or the header
    ///   does not match it (naming line 1 and the columns expected); `unreadable-file`; what the
    ///   closures throw.
    /// - Complexity: O(n) in the file's size, streaming.
    public static func read(
        _ url: URL, format: StructuralFormat? = nil, mappings: StructuralMappings? = nil,
        onRecord: (StructuralRecord, Int) throws -> Void,
        onIssue: (StructuralRowIssue) throws -> Void = { _ in }
    ) throws -> StructuralFileInfo {
        guard FileManager.default.fileExists(atPath: url.path) else { throw EntenteError(.fileNotFound, "no such file", file: url.path) }
        let firstLine = try StructuralFormat.firstLine(of: url)
        guard let format = format ?? StructuralFormat.detect(url: url, firstLine: firstLine) else {
            throw EntenteError(
                .unknownFormat,
                "not a structural file Entente recognises "
                    + "(ATOP, UN votes, roll calls or issues, ideal points, SIPRI TIV-Export-*.csv, COW MIDs)",
                file: url.path, line: 1)
        }
        let maps = try mappings ?? StructuralMappings.shipped()
        return try withoutActuallyEscaping(onRecord) { onRecord in
            try withoutActuallyEscaping(onIssue) { onIssue in
                var sink = StructuralSink(file: url.lastPathComponent, onRecord: onRecord, onIssue: onIssue)
                return try read(url, format: format, firstLine: firstLine, mappings: maps, sink: &sink)
            }
        }
    }

    private static func read(
        _ url: URL, format: StructuralFormat, firstLine: String, mappings maps: StructuralMappings, sink: inout StructuralSink
    ) throws -> StructuralFileInfo {
        var info: StructuralFileInfo
        switch format {
        case .atop:
            info = try ATOPReader.read(url, mappings: maps, sink: &sink)
        case .ungaVotes:
            guard let part = StructuralFormat.ungaPart(firstLine: firstLine) else {
                throw headerError(
                    url, expected: StructuralFormat.UNGAPart.allCases.map { StructuralFormat.requiredColumns(.ungaVotes, part: $0) },
                    found: firstLine)
            }
            info = try UNGAVotesReader.read(url, part: part, mappings: maps, sink: &sink)
        case .ungaIdealPoints:
            info = try IdealPointReader.read(url, mappings: maps, sink: &sink)
        case .sipriTIV:
            info = try SIPRITIVReader.read(url, mappings: maps, sink: &sink)
        case .cowMID:
            info = try COWMIDReader.read(url, mappings: maps, sink: &sink)
        }
        info.rowsRead = sink.rowsRead
        if info.firstYear == nil {
            info.firstYear = sink.firstYear
            info.lastYear = sink.lastYear
        }
        return info
    }

    static func headerError(_ url: URL, expected: [[String]], found: String) -> EntenteError {
        let alternatives = expected.map { $0.joined(separator: ",") }.joined(separator: " or ")
        return EntenteError(
            .unknownFormat, "unexpected header: expected the columns \(alternatives); found '\(found.prefix(200))'", file: url.path, line: 1
        )
    }

    /// Finds the required columns in a header record; throws a header error naming them otherwise.
    static func columns(_ header: CSVRecord, required: [String], url: URL, format: StructuralFormat) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for i in 0..<header.count {
            var name = header.string(i).trimmingCharacters(in: .whitespaces)
            if i == 0 && name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            if index[name] == nil { index[name] = i }
        }
        guard required.allSatisfy({ index[$0] != nil }) else {
            throw EntenteError(
                .unknownFormat,
                "not a \(format.rawValue) file: the header must hold the columns \(required.joined(separator: ","));"
                    + " found '\(header.raw.prefix(200))'",
                file: url.path, line: 1)
        }
        return index
    }
}

/// Collects a reader's output: forwards records and issues, counts rows, tracks the years read.
struct StructuralSink {
    let file: String
    let onRecord: (StructuralRecord, Int) throws -> Void
    let onIssue: (StructuralRowIssue) throws -> Void
    var rowsRead = 0
    var firstYear: Int?
    var lastYear: Int?

    init(file: String, onRecord: @escaping (StructuralRecord, Int) throws -> Void, onIssue: @escaping (StructuralRowIssue) throws -> Void) {
        self.file = file
        self.onRecord = onRecord
        self.onIssue = onIssue
    }

    mutating func record(_ record: StructuralRecord, line: Int, year: Int? = nil) throws {
        if let year {
            firstYear = min(firstYear ?? year, year)
            lastYear = max(lastYear ?? year, year)
        }
        try onRecord(record, line)
    }

    func issue(_ reason: StructuralIssueReason, _ value: String?, line: Int, _ detail: String) throws {
        try onIssue(StructuralRowIssue(file: file, line: line, reason: reason, value: value, detail: detail))
    }

    /// Checks a data record's shape: not cut inside quotes, the header's number of fields.
    /// Reports and returns `false` otherwise.
    func wellFormed(_ record: CSVRecord, columns: Int, line: Int) throws -> Bool {
        if record.isUnterminated {
            try issue(.unterminatedQuote, nil, line: line, "the file ends inside a quoted field")
            return false
        }
        guard record.count == columns else {
            try issue(.wrongColumnCount, "\(record.count)", line: line, "\(columns) columns expected, found \(record.count)")
            return false
        }
        return true
    }

    /// Resolves a COW code to a state, reporting unknown codes and dropped states.
    func state(cow code: Int, mappings: StructuralMappings, line: Int) throws -> String? {
        switch mappings.cow(code) {
        case .state(let iso3)?: return iso3
        case .noISO3(let name)?: try issue(.noISO3, "\(code) \(name)", line: line, "COW \(code) (\(name)) has no ISO3 code")
        case .nonState(let name)?: try issue(.nonState, "\(code) \(name)", line: line, "COW \(code) (\(name)) is not a state")
        case nil: try issue(.unknownCountryCode, "\(code)", line: line, "COW code \(code) is not in cow-iso3.csv")
        }
        return nil
    }
}
