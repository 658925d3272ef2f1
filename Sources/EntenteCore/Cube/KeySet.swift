/// A set of 128-bit keys (one-a-day key hashes) with open addressing and linear probing: the keys
/// are already uniform hashes, so their low bits index the table directly, with no re-hashing.
struct KeySet: Sendable, Sequence {
    private var slots: [UInt128]
    private var mask: Int
    private var hasZero = false
    private(set) var count = 0

    init(capacity: Int = 16) {
        let size = Swift.max(16, (capacity * 2).nextPowerOfTwo)
        slots = [UInt128](repeating: 0, count: size)
        mask = size - 1
    }

    /// Inserts a key; `true` when it was not there.
    @inline(__always)
    mutating func insert(_ key: UInt128) -> Bool {
        if key == 0 {
            if hasZero { return false }
            hasZero = true
            count += 1
            return true
        }
        if (count + 1) * 2 > slots.count { grow() }
        var i = Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: key)) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = key
                count += 1
                return true
            }
            if s == key { return false }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt128) -> Bool {
        if key == 0 { return hasZero }
        var i = Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: key)) & mask
        while true {
            let s = slots[i]
            if s == 0 { return false }
            if s == key { return true }
            i = (i + 1) & mask
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        if n * 2 > slots.count { rehash(to: (n * 2).nextPowerOfTwo) }
    }

    private mutating func grow() { rehash(to: slots.count * 2) }

    private mutating func rehash(to size: Int) {
        let old = slots
        slots = [UInt128](repeating: 0, count: size)
        mask = size - 1
        let zero = hasZero
        count = 0
        hasZero = false
        for k in old where k != 0 { _ = insert(k) }
        if zero { _ = insert(0) }
    }

    /// Calls `body` with every key (faster than iterating).
    func forEachKey(_ body: (UInt128) -> Void) {
        if hasZero { body(0) }
        slots.withUnsafeBufferPointer { b in
            for k in b where k != 0 { body(k) }
        }
    }

    func makeIterator() -> AnyIterator<UInt128> {
        var i = 0
        var zeroPending = hasZero
        return AnyIterator {
            if zeroPending { zeroPending = false; return 0 }
            while i < slots.count {
                defer { i += 1 }
                if slots[i] != 0 { return slots[i] }
            }
            return nil
        }
    }
}

extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}

/// A fast 64-bit checksum of bytes (four independent multiply-xor lanes over 8-byte words), for
/// detecting a truncated or corrupted cube file. Not a cryptographic hash.
enum Checksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var h: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        var i = 0
        let n = bytes.count
        while i + 32 <= n {
            h.0 = ((h.0 ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* p1).rotated(31)
            h.1 = ((h.1 ^ bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* p1).rotated(31)
            h.2 = ((h.2 ^ bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* p1).rotated(31)
            h.3 = ((h.3 ^ bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* p1).rotated(31)
            i += 32
        }
        var r = h.0 &* p2 ^ h.1.rotated(7) ^ h.2.rotated(13) &* p1 ^ h.3.rotated(19) ^ UInt64(n)
        while i < n {
            r = (r ^ UInt64(bytes[i])) &* p1
            i += 1
        }
        r ^= r >> 33
        r = r &* p2
        return r ^ (r >> 29)
    }
}

extension UInt64 {
    @inline(__always) func rotated(_ k: UInt64) -> UInt64 { self << k | self >> (64 - k) }
}

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
