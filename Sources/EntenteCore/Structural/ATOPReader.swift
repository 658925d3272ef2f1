public import Foundation

/// Reads ATOP 5.1 directed dyad-years (`atop_alliance.csv`): one row per state `ccode1` with an
/// obligation toward `ccode2` in `year`, five 0/1 indicators. COW codes become ISO3 codes through
/// `cow-iso3.csv`. The direction is kept: `ccode1` owes the obligations to `ccode2`.
public enum ATOPReader {
    public static let source = StructuralSource(
        dataset: "ATOP", version: "5.1", file: "",
        note: "Alliance Treaty Obligations and Provisions (Leeds et al.), directed dyad-years 1815-2018")

    static func read(_ url: URL, mappings: StructuralMappings, sink: inout StructuralSink) throws -> StructuralFileInfo {
        let required = StructuralFormat.requiredColumns(.atop)
        var col: [Int] = []
        var width = 0
        try CSVRecordReader.read(url) { record, line in
            if col.isEmpty {
                let index = try StructuralReader.columns(record, required: required, url: url, format: .atop)
                col = required.compactMap { index[$0] }
                width = record.count
                return
            }
            sink.rowsRead += 1
            guard try sink.wellFormed(record, columns: width, line: line) else { return }
            var values: [Int] = []
            values.reserveCapacity(8)
            for (k, c) in col.enumerated() {
                guard let v = record.int(c), k < 3 || v == 0 || v == 1 else {
                    return try sink.issue(
                        .nonNumeric, record.string(c), line: line,
                        "\(required[k]) '\(record.string(c))' is not \(k < 3 ? "an integer" : "0 or 1")")
                }
                values.append(v)
            }
            guard let a = try sink.state(cow: values[0], mappings: mappings, line: line),
                let b = try sink.state(cow: values[1], mappings: mappings, line: line)
            else { return }
            guard a != b else { return try sink.issue(.sameState, a, line: line, "COW \(values[0]) and \(values[1]) are both \(a)") }
            let flags = ATOPFlags(
                defense: values[3] == 1, offense: values[4] == 1, neutral: values[5] == 1, nonaggression: values[6] == 1,
                consultation: values[7] == 1)
            try sink.record(.alliance(a: a, b: b, year: values[2], flags: flags), line: line, year: values[2])
        }
        guard !col.isEmpty else { throw StructuralReader.headerError(url, expected: [required], found: "") }
        var source = source
        source.file = url.lastPathComponent
        return StructuralFileInfo(format: .atop, part: nil, source: source, rowsRead: 0)
    }
}
