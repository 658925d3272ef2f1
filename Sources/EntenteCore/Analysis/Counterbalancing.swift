import Foundation

/// Before/after comparison with a seeded block-permutation test (Guides/Counterbalancing.md).
public enum Counterbalancing {
    public struct Result: Sendable, Codable, Equatable {
        public var before: Double
        public var after: Double
        public var difference: Double
        /// Two-sided permutation p-value (share of rearrangements with a difference at least as large).
        public var p: Double
        public var permutations: Int
        /// Length of the blocks of consecutive months moved together (1: months exchangeable).
        public var blockLength: Int?
        public var seed: UInt64?
        /// `p` adjusted for the number of third-party pairs tested (Holm); set by the caller.
        public var pAdjusted: Double?
    }

    /// Compares the means of `before` and `after` (e.g. monthly log cooperation of a third-party
    /// pair), with `permutations` random rearrangements from a fixed seed: deterministic.
    ///
    /// The months, in time order, are cut into consecutive blocks of `blockLength`; a
    /// rearrangement shuffles whole blocks and calls the first `before.count` values "before", so
    /// serial correlation within a block is kept (a block permutation; `blockLength` 1 is the
    /// ordinary permutation test). p = (extreme + 1) / (N + 1).
    public static func compare(
        before: [Double], after: [Double], permutations: Int = 10_000, seed: UInt64 = RobustInference.defaultSeed, blockLength: Int = 1
    ) -> Result? {
        guard !before.isEmpty, !after.isEmpty else { return nil }
        let mb = before.reduce(0, +) / Double(before.count), ma = after.reduce(0, +) / Double(after.count)
        let observed = abs(ma - mb)
        let all = before + after
        let length = max(1, blockLength)
        var blocks = stride(from: 0, to: all.count, by: length).map { Array(all[$0..<min($0 + length, all.count)]) }
        var rng = SeededGenerator(seed: seed)
        var extreme = 0
        for _ in 0..<permutations {
            for i in stride(from: blocks.count - 1, to: 0, by: -1) { blocks.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            let pool = blocks.flatMap { $0 }
            let pb = pool.prefix(before.count).reduce(0, +) / Double(before.count)
            let pa = pool.suffix(after.count).reduce(0, +) / Double(after.count)
            if abs(pa - pb) >= observed - 1e-12 { extreme += 1 }
        }
        return Result(
            before: mb, after: ma, difference: ma - mb, p: Double(extreme + 1) / Double(permutations + 1), permutations: permutations,
            blockLength: length, seed: seed)
    }

    /// The block length for `n` consecutive months: ⌈n^(1/3)⌉, at least 2 when n ≥ 8 (Künsch's
    /// n^(1/3) rate for block resampling).
    public static func blockLength(months n: Int) -> Int { n < 8 ? 1 : max(2, Int(ceil(cbrt(Double(n))))) }

    /// Where a change sits among placebo changes: the difference-in-differences against their
    /// median and the percentile of the change among them (ties count half).
    public struct Placebo: Sendable, Codable, Equatable {
        public var pairs: Int
        public var medianChange: Double
        public var differenceInDifferences: Double
        /// 0–100: the share of placebo pairs whose change is smaller.
        public var percentile: Double
        /// Two-sided: 2 × min(share at or below, share at or above), capped at 1, with the +1 rule.
        public var p: Double
    }

    public static func placebo(change: Double, placeboChanges: [Double]) -> Placebo? {
        guard !placeboChanges.isEmpty else { return nil }
        let n = Double(placeboChanges.count)
        let below = Double(placeboChanges.filter { $0 < change }.count), ties = Double(placeboChanges.filter { $0 == change }.count)
        let atOrBelow = Double(placeboChanges.filter { $0 <= change }.count),
            atOrAbove = Double(placeboChanges.filter { $0 >= change }.count)
        let median = Statistics.median(placeboChanges)
        return Placebo(
            pairs: placeboChanges.count, medianChange: median, differenceInDifferences: change - median,
            percentile: 100 * (below + ties / 2) / n, p: min(1, 2 * (min(atOrBelow, atOrAbove) + 1) / (n + 1)))
    }
}
