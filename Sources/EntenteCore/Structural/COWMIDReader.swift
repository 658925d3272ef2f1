public import Foundation

/// Reads COW militarised interstate disputes as directed dyad-years (`cow_mid_dirdisps.csv`:
/// `dispnum,ccode1,ccode2,year,…,hiact1,hiact2,hostlev1,hostlev2,…`). Each side's highest action
/// (`hiact`, 0–21) and hostility level (`hostlev`, 1–5) are kept as coded (−9 is COW's missing).
public enum COWMIDReader {
    public static let source = StructuralSource(
        dataset: "COW Militarized Interstate Disputes", version: "5.0", file: "",
        note: "directed dispute dyad-years (peacesciencer's cow_mid_dirdisps); hiact 0-21, hostlev 1-5")

    static func read(_ url: URL, mappings: StructuralMappings, sink: inout StructuralSink) throws -> StructuralFileInfo {
        let required = StructuralFormat.requiredColumns(.cowMID)
        var col: [Int] = []
        var width = 0
        try CSVRecordReader.read(url) { record, line in
            if col.isEmpty {
                let index = try StructuralReader.columns(record, required: required, url: url, format: .cowMID)
                col = required.compactMap { index[$0] }
                width = record.count
                return
            }
            sink.rowsRead += 1
            guard try sink.wellFormed(record, columns: width, line: line) else { return }
            var v: [Int] = []
            v.reserveCapacity(8)
            for (k, c) in col.enumerated() {
                guard let n = record.int(c) else {
                    return try sink.issue(
                        .nonNumeric, record.string(c), line: line, "\(required[k]) '\(record.string(c))' is not an integer")
                }
                v.append(n)
            }
            guard let a = try sink.state(cow: v[1], mappings: mappings, line: line),
                let b = try sink.state(cow: v[2], mappings: mappings, line: line)
            else { return }
            guard a != b else { return try sink.issue(.sameState, a, line: line, "COW \(v[1]) and \(v[2]) are both \(a)") }
            let sides = DisputeSides(dispnum: v[0], hiactA: v[4], hiactB: v[5], hostlevA: v[6], hostlevB: v[7])
            try sink.record(.dispute(a: a, b: b, year: v[3], sides: sides), line: line, year: v[3])
        }
        guard !col.isEmpty else { throw StructuralReader.headerError(url, expected: [required], found: "") }
        var source = source
        source.file = url.lastPathComponent
        return StructuralFileInfo(format: .cowMID, part: nil, source: source, rowsRead: 0)
    }
}
