import Foundation

/// The time range a fetch covers, inclusive at both ends, in UTC.
///
/// ```swift
/// let window = try FetchWindow(from: "2019-01-21", to: "2019-01-21T22:15")
/// window.contains(FileTimeSpan(fileName: "20190121220000.export.CSV.zip")!)   // true
/// ```
/// A date alone as `to` means the end of that day; as `from`, its start.
public struct FetchWindow: Sendable, Equatable {
    /// Seconds since 1970 (UTC); `nil` for no lower bound.
    public var from: Int64?
    /// Seconds since 1970 (UTC), inclusive; `nil` for no upper bound.
    public var to: Int64?

    public init(fromSeconds: Int64? = nil, toSeconds: Int64? = nil) {
        from = fromSeconds
        to = toSeconds
    }

    /// - Throws: ``FetchError`` `invalid-argument` for a malformed time or `from` after `to`.
    public init(from: String?, to: String?) throws {
        self.from = try from.map { try FetchWindow.parse($0, option: "--from", endOfDay: false) }
        self.to = try to.map { try FetchWindow.parse($0, option: "--to", endOfDay: true) }
        if let a = self.from, let b = self.to, a > b {
            throw FetchError(.invalidArgument, "--from \(from ?? "") is after --to \(to ?? "")")
        }
    }

    /// Whether a file's span overlaps the window.
    public func contains(_ span: FileTimeSpan) -> Bool {
        if let from, span.end < from { return false }
        if let to, span.start > to { return false }
        return true
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a trailing `Z` allowed).
    static func parse(_ text: String, option: String, endOfDay: Bool) throws -> Int64 {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasSuffix("Z") { s = s.dropLast() }
        let parts = s.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts.count > 1 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) } : []
        let bad = FetchError(
            .invalidArgument,
            "\(option) takes YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC), for example 2024-06-19 or 2024-06-19T14:30, not '\(text)'")
        guard date.count == 3, let y = date[0], let m = date[1], let d = date[2], parts[0].count == 10,
            parts.count == 1 || (time.count == 2 || time.count == 3), time.allSatisfy({ $0 != nil })
        else { throw bad }
        let hour = time.first.flatMap { $0 } ?? 0, minute = time.count > 1 ? (time[1] ?? 0) : 0
        let second = time.count > 2 ? (time[2] ?? 0) : 0
        guard let t = UTCTime.seconds(y, m, d, hour, minute, second) else { throw bad }
        if parts.count == 1 && endOfDay { return t + 86_399 }
        if time.count == 2 && endOfDay { return t + 59 }
        return t
    }
}
