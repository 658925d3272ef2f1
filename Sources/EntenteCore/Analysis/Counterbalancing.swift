import Foundation

/// Before/after comparison with an exact-seed permutation test (Guides/Counterbalancing.md).
public enum Counterbalancing {
    public struct Result: Sendable, Codable, Equatable {
        public var before: Double
        public var after: Double
        public var difference: Double
        /// Two-sided permutation p-value (share of relabellings with a difference at least as large).
        public var p: Double
        public var permutations: Int
    }

    /// Compares the means of `before` and `after` (e.g. monthly log cooperation of a third-party
    /// pair), with `permutations` random relabellings from a fixed seed: deterministic.
    public static func compare(before: [Double], after: [Double], permutations: Int = 10_000, seed: UInt64 = 20_231_013) -> Result? {
        guard !before.isEmpty, !after.isEmpty else { return nil }
        let mb = before.reduce(0, +) / Double(before.count), ma = after.reduce(0, +) / Double(after.count)
        let observed = abs(ma - mb)
        var pool = before + after
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var extreme = 0
        for _ in 0..<permutations {
            for i in stride(from: pool.count - 1, to: 0, by: -1) { pool.swapAt(i, Int(next() % UInt64(i + 1))) }
            let pb = pool.prefix(before.count).reduce(0, +) / Double(before.count)
            let pa = pool.suffix(after.count).reduce(0, +) / Double(after.count)
            if abs(pa - pb) >= observed - 1e-12 { extreme += 1 }
        }
        return Result(
            before: mb, after: ma, difference: ma - mb, p: Double(extreme + 1) / Double(permutations + 1), permutations: permutations)
    }
}
