/// One-a-day keys split into 16 independent ``KeySet``s by their top 4 bits, so that merging can
/// run one partition per thread.
struct PartitionedKeySet: Sendable {
    static let partitions = 16
    var parts: [KeySet] = Array(repeating: KeySet(), count: PartitionedKeySet.partitions)

    @inline(__always) static func partition(_ key: UInt128) -> Int { Int(truncatingIfNeeded: key >> 124) }

    var count: Int { parts.reduce(0) { $0 + $1.count } }

    @inline(__always) mutating func insert(_ key: UInt128) -> Bool { parts[Self.partition(key)].insert(key) }

    func contains(_ key: UInt128) -> Bool { parts[Self.partition(key)].contains(key) }

    mutating func reserveCapacity(_ n: Int) {
        for i in parts.indices { parts[i].reserveCapacity(parts[i].count + n / Self.partitions + 16) }
    }

    func forEachKey(_ body: (UInt128) -> Void) { for p in parts { p.forEachKey(body) } }
}
