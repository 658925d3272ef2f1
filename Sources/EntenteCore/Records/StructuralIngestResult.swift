/// What ingesting one structural file did.
public struct StructuralIngestResult: Sendable, Codable, Equatable {
    /// Rows (or cells) not kept for one reason (and, for codes and names, one value).
    public struct Issue: Sendable, Codable, Equatable {
        public var reason: StructuralIssueReason
        /// The code or name at fault, for unknown or dropped countries and unknown votes.
        public var value: String?
        /// Malformed (as opposed to out of scope, dropped).
        public var rejected: Bool
        public var count: Int
        /// The first few lines where it happened.
        public var lines: [Int]
        /// The first few values at fault, for reasons not grouped by value.
        public var examples: [String]?

        public init(reason: StructuralIssueReason, value: String?, rejected: Bool, count: Int, lines: [Int], examples: [String]?) {
            self.reason = reason
            self.value = value
            self.rejected = rejected
            self.count = count
            self.lines = lines
            self.examples = examples
        }
    }

    public var file: String
    public var format: StructuralFormat
    /// Which of the UN votes files this is.
    public var part: StructuralFormat.UNGAPart?
    /// The same bytes (by SHA-256) were ingested before: nothing read or added.
    public var alreadyIngested: Bool
    /// Data rows read (for SIPRI: recipient rows).
    public var rowsRead: Int
    /// Values stored, new or replacing (for SIPRI: supplier–recipient–year cells with a value).
    public var kept: Int
    /// Of ``kept``, values that replaced an earlier one (`replace: true`).
    public var replaced: Int
    /// Values whose key the store already held, not replaced (`replace: false`).
    public var duplicates: Int
    /// Rows left out as out of scope (no ISO3, non-state, missing value, absence).
    public var dropped: Int
    /// Malformed rows or cells (duplicates excluded).
    public var rejected: Int
    /// SIPRI: values that are SIPRI's "0", under 0.5 million (stored as 0 and flagged).
    public var belowHalf: Int?
    public var firstYear: Int?
    public var lastYear: Int?
    public var source: StructuralSource?
    public var issues: [Issue]
    public var message: String?
    public var seconds: Double

    public init(
        file: String, format: StructuralFormat, part: StructuralFormat.UNGAPart? = nil, alreadyIngested: Bool, rowsRead: Int, kept: Int,
        replaced: Int, duplicates: Int, dropped: Int, rejected: Int, belowHalf: Int? = nil, firstYear: Int? = nil, lastYear: Int? = nil,
        source: StructuralSource? = nil, issues: [Issue], message: String? = nil, seconds: Double
    ) {
        self.file = file
        self.format = format
        self.part = part
        self.alreadyIngested = alreadyIngested
        self.rowsRead = rowsRead
        self.kept = kept
        self.replaced = replaced
        self.duplicates = duplicates
        self.dropped = dropped
        self.rejected = rejected
        self.belowHalf = belowHalf
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.source = source
        self.issues = issues
        self.message = message
        self.seconds = seconds
    }
}

/// A structural layer's contents, for `entente status`.
public struct StructuralLayerStatus: Sendable, Codable, Equatable {
    public var layer: StructuralFormat
    public var files: Int
    /// Rows stored now (UN votes: votes; SIPRI: supplier–recipient–year values).
    public var rows: Int
    public var firstYear: Int?
    public var lastYear: Int?
    /// UN votes: rows by file kind (`votes`, `roll-calls`, `issues`).
    public var parts: [String: Int]?

    public init(layer: StructuralFormat, files: Int, rows: Int, firstYear: Int? = nil, lastYear: Int? = nil, parts: [String: Int]? = nil) {
        self.layer = layer
        self.files = files
        self.rows = rows
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.parts = parts
    }
}
