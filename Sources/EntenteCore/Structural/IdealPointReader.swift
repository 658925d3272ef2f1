public import Foundation

/// Reads UN General Assembly ideal points (Bailey, Strezhnev & Voeten; the July 2025 release has
/// country-years 1946–2024): the columns `ccode`, `iso3c`, `year` (`1946.0`) and `idealpointfp`,
/// empty or `NA` when missing.
///
/// The state is identified by its COW code (`ccode`, through `cow-iso3.csv`, as ATOP and the
/// MIDs), because the file's `iso3c` column is not reliable for historical states: it labels both
/// North (678) and South Yemen (680) `YAR`, and is empty on some rows. Only when `ccode` is empty
/// is `iso3c` used.
public enum IdealPointReader {
    public static let source = StructuralSource(
        dataset: "UNGA ideal points (Bailey, Strezhnev & Voeten)", version: "", file: "",
        note: "idealpointfp: ideal points from the full set of votes, per calendar year")

    static func read(_ url: URL, mappings: StructuralMappings, sink: inout StructuralSink) throws -> StructuralFileInfo {
        let required = StructuralFormat.requiredColumns(.ungaIdealPoints)
        var col: [Int] = []
        var width = 0
        try CSVRecordReader.read(url) { record, line in
            if col.isEmpty {
                let index = try StructuralReader.columns(record, required: required, url: url, format: .ungaIdealPoints)
                col = required.compactMap { index[$0] }
                width = record.count
                return
            }
            sink.rowsRead += 1
            guard try sink.wellFormed(record, columns: width, line: line) else { return }
            guard let year = record.int(col[2]), (1900...2200).contains(year) else {
                return try sink.issue(.nonNumeric, record.string(col[2]), line: line, "year '\(record.string(col[2]))' is not a year")
            }
            let country: String
            if let ccode = record.int(col[0]) {
                guard let iso3 = try sink.state(cow: ccode, mappings: mappings, line: line) else { return }
                country = iso3
            } else if record.isEmpty(col[0]), let c = Country.iso3(record.string(col[1])), c.isStateLike {
                country = c.code
            } else {
                let value = record.isEmpty(col[0]) ? record.string(col[1]) : record.string(col[0])
                return try sink.issue(.unknownCountryCode, value, line: line, "neither ccode nor iso3c names a known state")
            }
            let text = record.string(col[3])
            if text.isEmpty || text == "NA" || text == "NaN" {
                return try sink.issue(.missingValue, "\(country) \(year)", line: line, "idealpointfp is missing")
            }
            guard let value = record.double(col[3]), abs(value) < 100 else {
                return try sink.issue(.nonNumeric, text, line: line, "idealpointfp '\(text)' is not a number")
            }
            try sink.record(.idealPoint(country: country, year: year, value: value), line: line, year: year)
        }
        guard !col.isEmpty else { throw StructuralReader.headerError(url, expected: [required], found: "") }
        var source = source
        source.file = url.lastPathComponent
        source.version = version(fileName: url.lastPathComponent)
        return StructuralFileInfo(format: .ungaIdealPoints, part: nil, source: source, rowsRead: 0)
    }

    /// The release named in the file name ("IdealpointsJuly2025…" → "July 2025"), or "unknown release".
    static func version(fileName: String) -> String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        for m in months {
            let short = String(m.prefix(3))
            for name in [m, short] {
                guard let r = fileName.range(of: name) else { continue }
                let digits = fileName[r.upperBound...].prefix { $0.isNumber }
                if digits.count == 4 { return "\(m) \(digits)" }
            }
        }
        return "unknown release"
    }
}
