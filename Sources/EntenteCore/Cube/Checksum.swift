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
