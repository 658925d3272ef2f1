public import EntenteCore
import GRDB

extension EventStore {
    /// The dyad cube computed from every stored event: the reference the cube engine is tested
    /// against (same cells, same values).
    ///
    /// - Complexity: O(n) in the stored events, streamed through a cursor.
    public func cube() throws -> DyadCube {
        try read { db in
            var cube = DyadCube()
            let rows = try Row.fetchCursor(
                db, sql: "SELECT day, source_iso3, source_code, target_iso3, target_code, event_code, goldstein, articles, tone FROM event")
            while let row = try rows.next() {
                let code: String = row["event_code"]
                let event = Event(
                    dataset: .gdelt2, originalID: "", date: Day(yyyymmdd: row["day"])!,
                    source: EventActor(country: row["source_iso3"], code: row["source_code"], name: ""),
                    target: EventActor(country: row["target_iso3"], code: row["target_code"], name: ""),
                    eventCode: code, quadClass: CAMEOEventCode.lookup(code)?.quadClass ?? .verbalCooperation,
                    goldstein: row["goldstein"], numArticles: row["articles"], avgTone: row["tone"])
                cube.add(event)
            }
            return cube
        }
    }
}
