/// An event's identity in the cube: its dataset and original id, as a 128-bit key, so that the
/// cube keeps one copy of each (dataset, id) exactly as the store does (`UNIQUE (dataset,
/// original_id)`). GDELT 1.0, GDELT 2.0 and ICEWS ids are separate spaces.
///
/// Layout: the low 64 bits hold the id's value when it is a decimal number of at most 18 digits
/// (for GDELT any such number, as its reader stores `04` as `4`; for other datasets only without a
/// leading zero, as their ids are kept as text), else a 64-bit hash of its text with a flag
/// in the high half; the high 64 bits also carry a mix of both, so that the key sets' partitions
/// (their top 4 bits) are evenly filled. Two different (dataset, id) pairs give different keys,
/// except two non-numeric ids whose 64-bit hashes collide.
enum EventIDKey {
    static func tag(_ dataset: Dataset) -> UInt64 {
        switch dataset {
        case .gdelt1: 1
        case .gdelt2: 2
        case .icews: 3
        case .curated: 4
        }
    }

    @inline(__always)
    static func make(_ dataset: Dataset, id: some Collection<UInt8>) -> UInt128 {
        var value: UInt64 = 0
        // GDELT ids are numbers (the reader keeps `04` as `4`); other ids are their text, so
        // there a leading zero makes another id.
        let numbers = dataset == .gdelt1 || dataset == .gdelt2
        var numeric = !id.isEmpty && id.count <= 18 && (numbers || id.count == 1 || id.first != 0x30)
        if numeric {
            for b in id {
                let d = b &- 0x30
                guard d < 10 else {
                    numeric = false
                    break
                }
                value = value &* 10 &+ UInt64(d)
            }
        }
        var flags = tag(dataset)
        if !numeric {
            flags |= 0x80
            value = 0xcbf2_9ce4_8422_2325
            for b in id { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        // Spread the high half (for partitioning); keep the flags in its low byte so the key is
        // injective in (flags, value).
        var mix = (value ^ flags &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        mix ^= mix >> 31
        return UInt128(mix & ~0xFF | flags) << 64 | UInt128(value)
    }

    static func make(_ dataset: Dataset, id: String) -> UInt128 { make(dataset, id: Array(id.utf8)) }
}
