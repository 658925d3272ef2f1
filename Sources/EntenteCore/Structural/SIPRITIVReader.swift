public import Foundation

/// Reads a SIPRI trend-indicator-value export table (`TIV-Export-XXX-1950-2021.csv`, one per
/// supplier): a preamble whose first line names the supplier ("TIV of arms exports from United
/// States, 1950-2021") and whose "Generated:" line dates the download, a header row of years, then
/// one row per recipient (by name) with a TIV in millions per year and a total.
///
/// A blank cell is no delivery (not stored: it reads as 0 wherever SIPRI covers the year). SIPRI's
/// "0" means a delivery worth less than 0.5 million: it is stored as 0 and flagged `belowHalf`,
/// so totals match SIPRI's own and the flag says a delivery happened. Names map to ISO3 through
/// `sipri-names.csv`; non-state recipients or suppliers (marked `*` and `**` by SIPRI: armed
/// groups, the UN, NATO, "unknown recipient(s)") are left out of state dyads and counted by name.
public enum SIPRITIVReader {
    public static let source = StructuralSource(
        dataset: "SIPRI Arms Transfers Database", version: "", file: "",
        note: "trend-indicator values in millions; SIPRI's '0' (under 0.5 m) stored as 0 and flagged")

    /// The supplier named by SIPRI's title line, or `nil` when the line is not one.
    public static func supplierName(title: String) -> String? {
        var text = Substring(title)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        if text.hasPrefix("\"") { text = text.dropFirst() }
        let prefix = "TIV of arms exports from "
        guard text.hasPrefix(prefix) else { return nil }
        text = text.dropFirst(prefix.count)
        // "United States, 1950-2021" possibly followed by the closing quote and empty cells.
        guard let comma = text.range(of: ", ", options: .backwards) else { return nil }
        let name = text[..<comma.lowerBound].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }

    static func read(_ url: URL, mappings: StructuralMappings, sink: inout StructuralSink) throws -> StructuralFileInfo {
        var title: String?
        var supplier: CountryMapping?
        var generated: String?
        var years: [Int?] = []
        var firstYear: Int?, lastYear: Int?
        try CSVRecordReader.read(url) { record, line in
            if line == 1 {
                title = supplierName(title: record.string(0))
                guard let name = title else {
                    throw EntenteError(
                        .unknownFormat, "not a SIPRI TIV export table: the first line must be 'TIV of arms exports from …'",
                        file: url.path,
                        line: 1)
                }
                supplier = mappings.sipri(name)
                return
            }
            if years.isEmpty {
                let first = record.string(0)
                if first.hasPrefix("Generated:") { generated = first.dropFirst("Generated:".count).trimmingCharacters(in: .whitespaces) }
                // The header row: an empty first cell, then years (and "Total").
                guard record.isEmpty(0), record.count > 1, let y = record.int(1), (1900...2200).contains(y) else { return }
                years = (0..<record.count).map { i in record.int(i).flatMap { (1900...2200).contains($0) ? $0 : nil } }
                let present = years.compactMap { $0 }
                firstYear = present.min()
                lastYear = present.max()
                return
            }
            let name = record.string(0).trimmingCharacters(in: .whitespaces)
            if name.isEmpty || name == "Total" { return }
            sink.rowsRead += 1
            guard try sink.wellFormed(record, columns: years.count, line: line) else { return }
            let supplierCode: String
            switch supplier {
            case .state(let code)?: supplierCode = code
            case .noISO3(let label)?: return try sink.issue(.noISO3, label, line: line, "supplier \(label) has no ISO3 code: row dropped")
            case .nonState(let label)?: return try sink.issue(.nonState, label, line: line, "supplier \(label) is not a state: row dropped")
            case nil:
                let label = title ?? ""
                return try sink.issue(.unknownCountryName, label, line: line, "supplier '\(label)' is not in sipri-names.csv")
            }
            let recipient: String
            switch mappings.sipri(name) {
            case .state(let code)?: recipient = code
            case .noISO3(let label)?: return try sink.issue(.noISO3, label, line: line, "recipient \(label) has no ISO3 code: row dropped")
            case .nonState(let label)?:
                return try sink.issue(.nonState, label, line: line, "recipient \(label) is not a state: row dropped")
            case nil: return try sink.issue(.unknownCountryName, name, line: line, "recipient '\(name)' is not in sipri-names.csv")
            }
            guard recipient != supplierCode else {
                return try sink.issue(.sameState, name, line: line, "supplier and recipient are both \(recipient)")
            }
            for (i, year) in years.enumerated() {
                guard let year, !record.isEmpty(i) else { continue }
                guard let value = record.double(i), value >= 0 else {
                    try sink.issue(.nonNumeric, record.string(i), line: line, "\(year): '\(record.string(i))' is not a TIV")
                    continue
                }
                try sink.record(
                    .tiv(supplier: supplierCode, recipient: recipient, year: year, value: value, belowHalf: value == 0), line: line)
            }
        }
        guard title != nil else {
            throw EntenteError(.unknownFormat, "empty file: not a SIPRI TIV export table", file: url.path, line: 1)
        }
        guard !years.isEmpty else {
            throw EntenteError(.unknownFormat, "no header row of years (',1950,1951,…') in this SIPRI table", file: url.path)
        }
        var source = source
        source.file = url.lastPathComponent
        source.version = generated.map { "generated \($0)" } ?? "unknown download date"
        return StructuralFileInfo(
            format: .sipriTIV, part: nil, source: source, rowsRead: 0, firstYear: firstYear, lastYear: lastYear, supplierName: title)
    }
}
