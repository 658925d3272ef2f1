public import Foundation

/// A cube assembled from another engine's output (the Spark job): its cells, its distinct
/// one-a-day keys and its distinct (dataset, event id) keys, as tab-separated text.
///
/// | output | one line per | fields |
/// |---|---|---|
/// | cells | cell | source, target (ISO3), month (`YYYYMM`), root, then the 23 values in ``DyadCube/Column`` order |
/// | one-a-day keys | distinct key of a kept row | date (`YYYYMMDD`), source actor code, target actor code, event code |
/// | event ids | distinct kept (dataset, id) | dataset tag (``EventIDKey``), id as text |
///
/// Keys are hashed here, with the same functions as the native engine (``OneADayHash``,
/// ``EventIDKey``), so the hashes live in one place and the assembled cube holds the same key
/// sets as a native build: `cube status` agrees, and a later native `cube build` extends it
/// correctly.
extension DyadCube {
    /// Assembles a cube from an engine's output.
    ///
    /// - Parameters:
    ///   - cells: the cells text; every line is checked (known states, a real month, a root 1–20,
    ///     23 integers, at least one event, no cell twice).
    ///   - oneADayKeys: the one-a-day keys text.
    ///   - eventIDs: the event-id keys text.
    ///   - fingerprints: the fingerprints of the files the engine read.
    ///   - source: a name for error messages (the job's output folder).
    /// - Returns: the cube, with no store link (a cube built from raw files).
    /// - Throws: ``EntenteError`` `malformed-row` naming the output and line that is not what
    ///   the contract says.
    /// - Complexity: O(cells + keys + ids).
    public static func assembled(
        cells: [UInt8], oneADayKeys: [UInt8], eventIDs: [UInt8], fingerprints: [String], source: String
    ) throws -> DyadCube {
        var cube = DyadCube()
        try forEachLine(cells, name: source + "/cells.tsv") { fields, fail in
            guard fields.count == 4 + columnCount else { throw fail("\(4 + columnCount) fields expected, found \(fields.count)") }
            guard let s = index(of: text(fields[0])), let t = index(of: text(fields[1])) else { throw fail("unknown state code") }
            guard let yyyymm = Int(text(fields[2])), let month = Month(yyyymm: yyyymm) else { throw fail("bad month") }
            guard let root = Int(text(fields[3])), (1...20).contains(root) else { throw fail("bad root") }
            let key = Key(source: s, target: t, month: month, root: root)
            guard cube.rows[key.packed] == nil else { throw fail("cell given twice") }
            var values: [Int64] = []
            values.reserveCapacity(columnCount)
            for f in fields[4...] {
                guard let v = Int64(text(f)) else { throw fail("'\(text(f))' is not an integer") }
                values.append(v)
            }
            guard values[Column.events.rawValue] > 0 else { throw fail("a cell without events") }
            let base = cube.row(for: key.packed) * columnCount
            for c in 0..<columnCount { cube.values[base + c] = values[c] }
        }
        try forEachLine(oneADayKeys, name: source + "/one-a-day.tsv") { fields, fail in
            guard fields.count == 4, let value = Int(text(fields[0])), let day = Day(yyyymmdd: value) else {
                throw fail("date, source, target and code expected")
            }
            _ = cube.oneADayKeys.insert(OneADayHash.hash(day: day.rawValue, source: fields[1], target: fields[2], code: fields[3]))
        }
        let datasets = Dictionary(uniqueKeysWithValues: Dataset.allCases.map { (String(EventIDKey.tag($0)), $0) })
        try forEachLine(eventIDs, name: source + "/event-ids.tsv") { fields, fail in
            guard fields.count == 2, let dataset = datasets[text(fields[0])], !fields[1].isEmpty else {
                throw fail("dataset tag and event id expected")
            }
            _ = cube.eventIDs.insert(EventIDKey.make(dataset, id: fields[1]))
        }
        cube.fingerprints = Set(fingerprints)
        return cube
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with the tab-separated fields of each non-empty line.
    private static func forEachLine(
        _ bytes: [UInt8], name: String,
        _ body: (_ fields: [ArraySlice<UInt8>], _ fail: (String) -> EntenteError) throws -> Void
    ) throws {
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            try body(fields) {
                EntenteError(.malformedRow, "the Spark job's output is not what Entente expects: \($0)", file: name, line: number)
            }
        }
    }
}

extension CubeBuildReport {
    /// A report of a build another engine ran.
    public init(files: [CubeFileResult], threads: Int, seconds: Double, bytes: Int64) {
        self.init(files: files, threads: threads, seconds: seconds, bytes: bytes, phases: Phases())
    }
}

extension CubeFileResult {
    /// What another engine did with one file.
    public static func reported(
        path: String, status: Status, format: EventFormat?, fingerprint: String?, bytes: Int64, counts: RowCounts, duplicates: Int,
        message: String?
    ) -> CubeFileResult {
        var result = CubeFileResult(
            path: path, status: status, format: format, fingerprint: fingerprint, bytes: bytes, counts: counts, message: message)
        result.duplicates = duplicates
        return result
    }
}
