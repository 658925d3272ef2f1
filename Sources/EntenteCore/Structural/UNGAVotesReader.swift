public import Foundation

/// Reads the three files of the UN General Assembly roll-call data (Voeten; the `unvotes` R
/// package): votes (`rcid,country,country_code,vote`, ISO2 codes), roll calls
/// (`rcid,session,importantvote,date,…`) and issue tags (`rcid,short_name,issue`).
///
/// Votes with an empty country code are mapped by name (`unvotes-names.csv`: Namibia, whose code
/// `NA` was read as missing, West Germany, North Yemen) or dropped by name (Zanzibar). Withdrawn
/// ISO2 codes follow `iso2-iso3.csv` (CS → CZE, YU → SRB; DD and YD dropped).
public enum UNGAVotesReader {
    public static let source = StructuralSource(
        dataset: "UNGA roll-call votes", version: "Voeten, sessions 1-74 (1946 to January 2020), unvotes R package", file: "",
        note: "votes yes/no/abstain only; absences excluded")

    static func read(_ url: URL, part: StructuralFormat.UNGAPart, mappings: StructuralMappings, sink: inout StructuralSink) throws
        -> StructuralFileInfo
    {
        let required = StructuralFormat.requiredColumns(.ungaVotes, part: part)
        var col: [Int] = []
        var width = 0
        // Vote rows repeat a few hundred codes: resolve each (code, name) once.
        var resolved: [String: CountryMapping?] = [:]
        try CSVRecordReader.read(url) { record, line in
            if col.isEmpty {
                let index = try StructuralReader.columns(record, required: required, url: url, format: .ungaVotes)
                col = required.compactMap { index[$0] }
                width = record.count
                return
            }
            sink.rowsRead += 1
            guard try sink.wellFormed(record, columns: width, line: line) else { return }
            guard let rcid = record.int(col[0]), rcid > 0 else {
                return try sink.issue(
                    .nonNumeric, record.string(col[0]), line: line, "rcid '\(record.string(col[0]))' is not a positive integer")
            }
            switch part {
            case .votes:
                let vote: UNGAVote
                if record.equals(col[3], "yes") || record.equals(col[3], "1") {
                    vote = .yes
                } else if record.equals(col[3], "no") || record.equals(col[3], "3") {
                    vote = .no
                } else if record.equals(col[3], "abstain") || record.equals(col[3], "2") {
                    vote = .abstain
                } else {
                    let text = record.string(col[3])
                    if ["absent", "not a member", "8", "9"].contains(text.lowercased()) {
                        return try sink.issue(.absent, text, line: line, "'\(text)' is not a vote")
                    }
                    return try sink.issue(.unknownVote, text, line: line, "vote '\(text)' is not yes, no or abstain")
                }
                let code = record.string(col[2]), name = record.string(col[1])
                let key = code.isEmpty ? "name:" + name : code
                let mapping: CountryMapping?
                if let cached = resolved[key] {
                    mapping = cached
                } else {
                    mapping = mappings.unvotes(code: code, name: name)
                    resolved[key] = mapping
                }
                switch mapping {
                case .state(let iso3)?:
                    try sink.record(.vote(rcid: rcid, country: iso3, vote: vote), line: line)
                case .noISO3(let label)?, .nonState(let label)?:
                    try sink.issue(.noISO3, code.isEmpty ? name : "\(code) \(label)", line: line, "\(name) has no ISO3 code: dropped")
                case nil:
                    if code.isEmpty {
                        try sink.issue(
                            .unknownCountryName, name, line: line, "empty country code and '\(name)' is not in unvotes-names.csv")
                    } else {
                        try sink.issue(.unknownCountryCode, code, line: line, "country code '\(code)' (\(name)) is not in iso2-iso3.csv")
                    }
                }
            case .rollCalls:
                let text = record.string(col[3])
                guard let day = Day(text) else { return try sink.issue(.badDate, text, line: line, "date '\(text)' is not YYYY-MM-DD") }
                guard let session = record.int(col[1]) else {
                    return try sink.issue(
                        .nonNumeric, record.string(col[1]), line: line, "session '\(record.string(col[1]))' is not an integer")
                }
                let important = record.int(col[2]) == 1
                let yyyymmdd = Int(day.rawValue)
                try sink.record(
                    .rollCall(rcid: rcid, date: yyyymmdd, session: session, important: important), line: line, year: yyyymmdd / 10_000)
            case .issues:
                let tag = record.string(col[1]).trimmingCharacters(in: .whitespaces)
                guard !tag.isEmpty else { return try sink.issue(.missingValue, nil, line: line, "empty issue tag") }
                try sink.record(.issue(rcid: rcid, tag: tag), line: line)
            }
        }
        guard !col.isEmpty else { throw StructuralReader.headerError(url, expected: [required], found: "") }
        var source = source
        source.file = url.lastPathComponent
        return StructuralFileInfo(format: .ungaVotes, part: part, source: source, rowsRead: 0)
    }
}
