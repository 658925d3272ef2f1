public import EntenteCore
import GRDB

extension EventStore {
    /// The days any ingested dyad series has data for, in order: the coverage mask of every
    /// series (a day absent here is a gap, not a zero; a pair absent on a covered day had no
    /// coded events that day).
    ///
    /// - Complexity: O(days in the range) through the primary key.
    public func seriesObservedDays(from: Day? = nil, to: Day? = nil) throws -> [Day] {
        try read { db in
            try Int.fetchAll(
                db, sql: "SELECT day FROM series_observed_day WHERE day >= ? AND day <= ? ORDER BY day",
                arguments: [Int(from?.rawValue ?? 0), Int(to?.rawValue ?? 99_999_999)]
            ).map { try StoredDate.day($0) }
        }
    }
}
