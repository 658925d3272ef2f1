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
