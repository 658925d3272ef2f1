public import Foundation

/// The structural dyad-year datasets Entente reads (`entente ingest --format …`).
///
/// Each is recognised by its header (and, for SIPRI, by its file name): see ``detect(url:firstLine:)``.
public enum StructuralFormat: String, CaseIterable, Sendable, Codable {
    /// ATOP 5.1 directed dyad-years: `ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul`.
    case atop
    /// UN General Assembly roll-call votes (the `unvotes` files): votes, roll calls or issue tags.
    case ungaVotes = "unga-votes"
    /// UN General Assembly ideal points (Bailey, Strezhnev & Voeten): `ccode,iso3c,…,year,idealpointfp,…`.
    case ungaIdealPoints = "unga-idealpoints"
    /// SIPRI trend-indicator values, one `TIV-Export-*.csv` file per supplier.
    case sipriTIV = "sipri-tiv"
    /// COW militarised interstate disputes, directed dyad-years (`dispnum,ccode1,ccode2,year,…`).
    case cowMID = "cow-mid"

    /// The three files of the UN votes dataset; they may be ingested in any order (rows are keyed
    /// by `rcid` and joined when a dyad is asked for).
    public enum UNGAPart: String, CaseIterable, Sendable, Codable {
        /// `un_votes.csv`: `rcid,country,country_code,vote`.
        case votes
        /// `un_roll_calls.csv`: `rcid,session,importantvote,date,unres,amend,para,short,descr`.
        case rollCalls = "roll-calls"
        /// `un_roll_call_issues.csv`: `rcid,short_name,issue`.
        case issues
    }

    /// The columns each format's header must hold (in any order; more are allowed).
    public static func requiredColumns(_ format: StructuralFormat, part: UNGAPart? = nil) -> [String] {
        switch format {
        case .atop: ["ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
        case .ungaVotes:
            switch part ?? .votes {
            case .votes: ["rcid", "country", "country_code", "vote"]
            case .rollCalls: ["rcid", "session", "importantvote", "date"]
            case .issues: ["rcid", "short_name", "issue"]
            }
        case .ungaIdealPoints: ["ccode", "iso3c", "year", "idealpointfp"]
        case .sipriTIV: []
        case .cowMID: ["dispnum", "ccode1", "ccode2", "year", "hiact1", "hiact2", "hostlev1", "hostlev2"]
        }
    }

    /// Recognises a structural file from its first line (and, for SIPRI, its name); `nil` when it
    /// is none of them.
    ///
    /// ```swift
    /// StructuralFormat.detect(url: URL(fileURLWithPath: "atop_alliance.csv"),
    ///                         firstLine: "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul")
    /// // .atop
    /// ```
    /// Only `TIV-Export-*.csv` files whose first line is SIPRI's "TIV of arms exports from …" title
    /// are SIPRI files; the other files of SIPRI download folders are not.
    public static func detect(url: URL, firstLine: String) -> StructuralFormat? {
        let name = url.lastPathComponent
        let line = firstLine.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.hasPrefix("TIV-Export-") && name.lowercased().hasSuffix(".csv") {
            return SIPRITIVReader.supplierName(title: line) != nil ? .sipriTIV : nil
        }
        let columns = Set(headerColumns(line))
        for format in [StructuralFormat.atop, .cowMID, .ungaIdealPoints] where columns.isSuperset(of: requiredColumns(format)) {
            return format
        }
        return ungaPart(firstLine: line) != nil ? .ungaVotes : nil
    }

    /// Which of the UN votes files a header belongs to; `nil` when none.
    public static func ungaPart(firstLine: String) -> UNGAPart? {
        let columns = Set(headerColumns(firstLine.trimmingCharacters(in: .whitespacesAndNewlines)))
        return UNGAPart.allCases.first { columns.isSuperset(of: requiredColumns(.ungaVotes, part: $0)) }
    }

    /// The first line of a file as text (at most 64 KiB read), for ``detect(url:firstLine:)``.
    ///
    /// - Throws: ``EntenteError`` `unreadable-file` when the file cannot be opened or is not a
    ///   regular file (a FIFO or a device is never opened).
    public static func firstLine(of url: URL) throws -> String {
        try ByteChunks.requireRegularFile(url)
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw EntenteError(.unreadableFile, "cannot open file", file: url.path, underlying: error.localizedDescription)
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        let bytes = [UInt8](data)
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }

    /// A header's column names: split on commas, quotes, a byte-order mark and blanks removed.
    static func headerColumns(_ line: String) -> [String] {
        var text = Substring(line)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        return text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t\r"))
        }
    }
}
