import EntenteCore
import Foundation
import Testing

/// The controls of the relational analyses (issue 14) on constructed series whose answer is
/// known by design, and the robust statistics against hand computation and statsmodels.
@Suite struct RelationalControlsTests {
    /// A stable daily series: level 5 with a deterministic wiggle of ±0.3.
    static func stable(_ n: Int) -> [Double] {
        var rng = SeededGenerator(seed: 7)
        return (0..<n).map { _ in 5 + (Double(rng.next() % 10_000) / 10_000 - 0.5) * 0.6 }
    }

    @Test func aPlantedGapIsNotABreak() {
        let y = Self.stable(400)
        var covered = [Bool](repeating: true, count: 400)
        for i in 180..<210 { covered[i] = false }
        // Read as zeros, the gap is two breaks (the old behaviour).
        let zeros = y.indices.map { covered[$0] ? y[$0] : 0 }
        #expect(ChangePoints.pelt(zeros, minSize: 2) == [180, 210])
        // On covered points only, there is nothing to find.
        let found = ChangePoints.detect(zeros, covered: covered, rules: .daily)
        #expect(found.breaks.isEmpty)
        #expect(found.coveredPoints == 370 && found.missingPoints == 30)
    }

    @Test func aBreakNextToAGapOrAnEndIsFlagged() {
        var y = Self.stable(400)
        for i in 200..<400 { y[i] += 2 }
        var covered = [Bool](repeating: true, count: 400)
        // A real step, away from any gap: a finding, at the planted point.
        let clean = ChangePoints.detect(y, covered: covered, rules: .daily)
        #expect(clean.breaks.map(\.index) == [200])
        #expect(clean.breaks.first?.flag == nil)
        #expect((clean.breaks.first?.t ?? 0) > 10)
        // The same step with missing days just before it: flagged, not a finding.
        for i in [195, 197] { covered[i] = false }
        #expect(ChangePoints.detect(y, covered: covered, rules: .daily).breaks.map(\.flag) == [.gap])
        // A step 40 days before the end (under 60 covered days): flagged `end`.
        var late = Self.stable(400)
        for i in 360..<400 { late[i] += 2 }
        let end = ChangePoints.detect(late, covered: [Bool](repeating: true, count: 400), rules: .daily)
        #expect(end.breaks.map(\.flag) == [.end])
    }

    @Test func anExcursionThatComesBackIsAnEpisode() {
        var y = Self.stable(500)
        for i in 250..<300 { y[i] -= 2 }
        let found = ChangePoints.detect(y, covered: [Bool](repeating: true, count: 500), rules: .daily)
        #expect(found.breaks.isEmpty)
        #expect(found.episodes.map(\.start) == [250])
        #expect(found.episodes.map(\.end) == [300])
    }

    @Test func autocorrelationRaisesThePenalty() {
        // AR(1) noise with ρ = 0.8 around a constant: the long-run variance is (1 + ρ)/(1 − ρ) = 9
        // times the variance in theory.
        var rng = SeededGenerator(seed: 3)
        var e = 0.0
        let y = (0..<2_000).map { _ -> Double in
            e = 0.8 * e + (Double(rng.next() % 10_000) / 10_000 - 0.5)
            return e
        }
        let found = ChangePoints.detect(y, covered: [Bool](repeating: true, count: y.count), rules: .daily)
        // The estimate is on residuals around a preliminary segmentation, which absorbs part of
        // the slow wandering: the factor is well below 9, but the penalty still rises with it.
        #expect(found.autocorrelationFactor > 1.5)
        #expect(found.penalty > ChangePoints.defaultPenalty(y) * 1.5)
        let plain = ChangePoints.detect(
            y, covered: [Bool](repeating: true, count: y.count), penalty: ChangePoints.defaultPenalty(y), rules: .daily)
        #expect(found.breaks.count < plain.breaks.count)
    }

    /// y and a placebo driver x, independent log-uniform noise, with one coincidence: x spikes
    /// 200-fold in month 40 and y five-fold in month 41. statsmodels' grangercausalitytests (lag 1)
    /// on the same arrays gives p = 1.0906e-5 on levels, 0.16518 on log(1 + x) and 0.47041 on log
    /// differences (computed with the generator below, SplitMix64 seed 42).
    @Test func aSpikeOnlyPlaceboIsNotSignificantAfterTheTransform() throws {
        var rng = SeededGenerator(seed: 42)
        func u() -> Double { Double(rng.next() % 10_000) / 10_000 - 0.5 }
        var y = (0..<72).map { _ in 1000 * exp(1.5 * u()) }
        var x = (0..<72).map { _ in 100 * exp(1.5 * u()) }
        x[40] = 20_000
        y[41] *= 5
        let all = [Bool](repeating: true, count: 72)
        func p(_ t: Granger.Transform) throws -> Double {
            let ty = t.apply(y, covered: all), tx = t.apply(x, covered: all)
            return try #require(Granger.test(y: ty.values, x: tx.values, lag: 1, covered: ty.covered)).p
        }
        let levels = try p(.levels), logs = try p(.log), differences = try p(.logDiff)
        #expect(abs(levels - 1.090567358612892e-05) < 1e-9)
        #expect(abs(logs - 0.16517998909961243) < 1e-8)
        #expect(abs(differences - 0.470405361973868) < 1e-8)
        #expect(levels < 0.001 && differences > 0.05)
    }

    @Test func multiplicityAdjustmentsMatchHandComputation() {
        // Holm: sorted 0.005·4, 0.01·3, 0.03·2, 0.04·1 made monotone → 0.02, 0.03, 0.06, 0.06.
        // BH: 0.005·4/1, 0.01·4/2, 0.03·4/3, 0.04·4/4 made monotone from the top → 0.02, 0.02, 0.04, 0.04.
        // statsmodels multipletests gives the same ([0.03 0.06 0.06 0.02], [0.02 0.04 0.04 0.02]).
        let p = [0.01, 0.04, 0.03, 0.005]
        for (mine, theirs) in zip(RobustInference.holm(p), [0.03, 0.06, 0.06, 0.02]) { #expect(abs(mine - theirs) < 1e-12) }
        for (mine, theirs) in zip(RobustInference.benjaminiHochberg(p), [0.02, 0.04, 0.04, 0.02]) { #expect(abs(mine - theirs) < 1e-12) }
        #expect(RobustInference.holm([0.5, 0.9]) == [1, 1])
    }

    @Test func longRunVarianceAndNeweyWestByHand() throws {
        // r = [1, −1, 1, −1]: γ0 = 1, γ1 = −3/4; Bartlett L = 1: 1 + 2 · (1/2) · (−3/4) = 0.25.
        #expect(abs(RobustInference.longRunVariance([1, -1, 1, -1], bandwidth: 1) - 0.25) < 1e-12)
        // statsmodels OLS(...).fit(cov_type="HAC", cov_kwds={"maxlags": 3, "use_correction": False}) of
        // log(1 + y_t) on log(1 + x_{t−1}) for the spike series above: slope 0.086712, HAC SE 0.082361.
        var rng = SeededGenerator(seed: 42)
        func u() -> Double { Double(rng.next() % 10_000) / 10_000 - 0.5 }
        var y = (0..<72).map { _ in 1000 * exp(1.5 * u()) }
        var x = (0..<72).map { _ in 100 * exp(1.5 * u()) }
        x[40] = 20_000
        y[41] *= 5
        let fit = try #require(
            RobustInference.neweyWest(y: (1..<72).map { log1p(y[$0]) }, x: (1..<72).map { [1, log1p(x[$0 - 1])] }, bandwidth: 3))
        #expect(abs(fit.coefficients[1] - 0.08671192402306355) < 1e-10)
        #expect(abs(fit.standardErrors[1] - 0.08236097200447517) < 1e-10)
    }

    @Test func blockPermutationRespectsTheBlocks() throws {
        let before = [1.0, 1.1, 0.9, 1.0, 1.05, 0.95], after = [5.0, 5.1, 4.9, 5.0, 5.05, 4.95]
        // One block holding everything: no rearrangement changes the split, so p = 1.
        let whole = try #require(Counterbalancing.compare(before: before, after: after, permutations: 999, blockLength: 12))
        #expect(whole.p == 1)
        // Blocks of 3: 4 blocks, C(4, 2) = 6 splits, 2 as extreme as the observed (it and its mirror):
        // p → (1 + N/3)/(N + 1) ≈ 1/3, far from the exchangeable test's 2/C(12, 6).
        let blocks = try #require(Counterbalancing.compare(before: before, after: after, permutations: 9_999, blockLength: 3))
        #expect(abs(blocks.p - 1.0 / 3) < 0.02)
        let exchangeable = try #require(Counterbalancing.compare(before: before, after: after, permutations: 9_999))
        #expect(exchangeable.p < 0.01)
        #expect(blocks.seed == RobustInference.defaultSeed)
        // A placebo at the median has a DiD of 0 and percentile 50.
        let placebo = try #require(Counterbalancing.placebo(change: 0, placeboChanges: [-1, 0, 1]))
        #expect(placebo.differenceInDifferences == 0 && placebo.percentile == 50)
    }

    @Test func liftDiscountsStatesHostileToEveryone() {
        func t(_ p: Double, _ n: Double, days: Int = 200) -> PairTotals {
            PairTotals(positive: p, negative: n, days: days, strongConflictMonths: 0)
        }
        // HHH is hostile to everyone (including its neutral neighbours); TTT only to AAA and BBB;
        // FFF is as hostile as TTT but covered on 10 days only.
        var totals: [Dyad: PairTotals] = [
            .unordered("AAA", "BBB"): t(900, 100),
            .unordered("AAA", "HHH"): t(300, 700), .unordered("BBB", "HHH"): t(300, 700),
            .unordered("AAA", "TTT"): t(400, 600), .unordered("BBB", "TTT"): t(400, 600),
            .unordered("AAA", "FFF"): t(10, 90, days: 10), .unordered("BBB", "FFF"): t(10, 90, days: 10),
        ]
        for k in 0..<6 {
            let neutral = "N\(k)N"
            totals[.unordered("HHH", neutral)] = t(100, 900)
            totals[.unordered("TTT", neutral)] = t(900, 100)
            totals[.unordered("AAA", neutral)] = t(800, 200)
            totals[.unordered("BBB", neutral)] = t(800, 200)
        }
        let byShare = CommonAdversaries.analyse(a: "AAA", b: "BBB", totals: totals)
        #expect(byShare.adversaries.first?.state == "HHH")  // raw shares: the generally hostile state first
        let byLift = CommonAdversaries.analyseByLift(a: "AAA", b: "BBB", totals: totals, minDays: 30)
        #expect(byLift.adversaries.map(\.state) == ["TTT"])  // HHH is as hostile as predicted; FFF is thinly covered
        #expect(byLift.thinlyCovered == 1)
        #expect(byLift.adversaries.first?.daysA == 200)
        #expect((byLift.adversaries.first?.liftA ?? 0) > 1)
    }
}
