import Foundation

/// One file a list names: where it is, what it is, and how to verify it.
public struct RemoteFile: Sendable, Hashable, Codable {
    /// The absolute URL to download.
    public var url: String
    /// The file name (the URL's last path component): the name in the cache and the manifest.
    public var name: String
    /// The exact size in bytes, when the list gives it.
    public var size: Int64?
    /// The MD5 digest (lowercase hex), when the list gives it.
    public var md5: String?
    /// The SHA-256 digest (lowercase hex), when known (the structural sources).
    public var sha256: String?

    public init(url: String, name: String? = nil, size: Int64? = nil, md5: String? = nil, sha256: String? = nil) {
        self.url = url
        self.name = name ?? RemoteFile.lastComponent(of: url)
        self.size = size
        self.md5 = md5?.lowercased()
        self.sha256 = sha256?.lowercased()
    }

    /// What the file holds, from its GDELT name.
    public var kind: GDELTFileKind { GDELTFileKind(name: name) }

    /// Whether the list gives a digest to verify the file against.
    public var hasChecksum: Bool { md5 != nil || sha256 != nil }

    static func lastComponent(of url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The kinds of file GDELT publishes, read from the file name.
///
/// ```
/// 20190121220000.export.CSV.zip              → .export   (GDELT 2.0, 15 minutes)
/// 20190121220000.translation.export.CSV.zip  → .export   (GDELT 2.0 translingual)
/// 20190121220000.mentions.CSV.zip            → .mentions
/// 20190121220000.gkg.csv.zip                 → .gkg
/// 20160728.export.CSV.zip                    → .export   (GDELT 1.0 daily)
/// 200601.zip, 1979.zip                       → .backFile (GDELT 1.0 monthly / yearly)
/// ```
public enum GDELTFileKind: String, Sendable, Codable, CaseIterable {
    case export, mentions, gkg, backFile = "back-file", other

    public init(name: String) {
        let lower = name.lowercased()
        if lower.contains(".gkg.") || lower.hasSuffix(".gkg.csv.zip") {
            self = .gkg
        } else if lower.contains(".mentions.") {
            self = .mentions
        } else if lower.contains(".export.") {
            self = .export
        } else if lower.hasSuffix(".zip"), let stem = lower.split(separator: ".").first,
            stem.count == 4 || stem.count == 6, stem.allSatisfy(\.isASCIIDigitCharacter)
        {
            self = .backFile
        } else {
            self = .other
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

/// The span of time a GDELT file covers, from the timestamp in its name (UTC).
///
/// A GDELT 2.0 file `YYYYMMDDHHMMSS.…` is the 15-minute batch published at that instant; a GDELT
/// 1.0 daily file `YYYYMMDD.…` covers that day; a back-file `YYYYMM.zip` its month and `YYYY.zip`
/// its year.
public struct FileTimeSpan: Sendable, Hashable, Comparable {
    /// Seconds since 1970 (UTC), first instant covered.
    public var start: Int64
    /// Seconds since 1970 (UTC), last instant covered (inclusive).
    public var end: Int64

    public static func < (a: FileTimeSpan, b: FileTimeSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// The span a file name gives; `nil` when the name carries no timestamp GDELT uses.
    public init?(fileName: String) {
        guard let stem = fileName.split(separator: ".").first, stem.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        let digits = Array(stem).map { Int(String($0)) ?? 0 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        switch digits.count {
        case 14:
            guard let t = UTCTime.seconds(number(0..<4), number(4..<6), number(6..<8), number(8..<10), number(10..<12), number(12..<14))
            else { return nil }
            (start, end) = (t, t)
        case 8:
            guard let t = UTCTime.seconds(number(0..<4), number(4..<6), number(6..<8)) else { return nil }
            (start, end) = (t, t + 86_399)
        case 6:
            let (y, m) = (number(0..<4), number(4..<6))
            guard let t = UTCTime.seconds(y, m, 1), let next = UTCTime.seconds(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) else {
                return nil
            }
            (start, end) = (t, next - 1)
        case 4:
            let y = number(0..<4)
            guard let t = UTCTime.seconds(y, 1, 1), let next = UTCTime.seconds(y + 1, 1, 1) else { return nil }
            (start, end) = (t, next - 1)
        default:
            return nil
        }
    }
}

/// Calendar arithmetic in UTC without `Calendar` (days from civil, Howard Hinnant's algorithm).
public enum UTCTime {
    /// Seconds since 1970-01-01T00:00:00Z; `nil` for an impossible date or time.
    public static func seconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64? {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else {
            return nil
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970.
    public static func iso(_ seconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return isoFormatter.string(from: date)
    }

    private nonisolated(unsafe) static let isoFormatter: ISO8601DateFormatter = {
        // Reason for nonisolated(unsafe): ISO8601DateFormatter is documented thread-safe for formatting.
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()
}
