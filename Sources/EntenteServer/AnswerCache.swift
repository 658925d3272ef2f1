import Synchronization

/// Rendered answers by entity tag. A tag already names the request and the state of the store and
/// knowledge base it was computed from, so an entry is valid for as long as its tag is current;
/// after an ingest, requests carry new tags and old entries age out. Bounded in bytes; the least
/// recently used entries go first.
final class AnswerCache: Sendable {
    struct Entry: Sendable {
        var text: String
        var contentType: String
    }

    private struct State {
        var entries: [String: (entry: Entry, used: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most bytes of answers kept (0 disables the cache).
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func get(_ tag: String) -> Entry? {
        guard capacity > 0 else { return nil }
        return state.withLock { s in
            guard let hit = s.entries[tag] else { return nil }
            s.clock += 1
            s.entries[tag] = (hit.entry, s.clock)
            return hit.entry
        }
    }

    func put(_ tag: String, _ entry: Entry) {
        let size = entry.text.utf8.count + tag.utf8.count
        guard capacity > 0, size <= capacity / 8 else { return }
        state.withLock { s in
            s.clock += 1
            if let old = s.entries.updateValue((entry, s.clock), forKey: tag) { s.bytes -= old.entry.text.utf8.count + tag.utf8.count }
            s.bytes += size
            guard s.bytes > capacity else { return }
            // Evict the least recently used quarter (amortises the sort).
            let victims = s.entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, s.entries.count / 4))
            for (key, value) in victims {
                s.entries[key] = nil
                s.bytes -= value.entry.text.utf8.count + key.utf8.count
            }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
