import EntenteCore
import Foundation
import Testing

@Suite struct RelationsTests {
    static func t(_ p: Double, _ n: Double) -> PairTotals { PairTotals(positive: p, negative: n, days: 10, strongConflictMonths: 0) }

    @Test func balancedAndUnbalancedTriads() {
        // Friends with a common enemy: + − − → balanced. Friends split over a third: + + − → unbalanced.
        #expect(CommonAdversaries.isBalanced(1, -1, -1))
        #expect(!CommonAdversaries.isBalanced(1, 1, -1))
        #expect(CommonAdversaries.isBalanced(-1, 1, -1))
        let totals: [Dyad: PairTotals] = [
            Dyad("AAA", "BBB"): Self.t(900, 10),
            Dyad("AAA", "CCC"): Self.t(10, 900), Dyad("BBB", "CCC"): Self.t(20, 800),  // common enemy
            Dyad("AAA", "DDD"): Self.t(800, 5), Dyad("BBB", "DDD"): Self.t(5, 700),  // split
            Dyad("AAA", "EEE"): Self.t(700, 5), Dyad("BBB", "EEE"): Self.t(600, 10),  // common friend
        ]
        let r = CommonAdversaries.analyse(a: "AAA", b: "BBB", totals: totals)
        #expect(r.adversaries.first?.state == "CCC")
        #expect(abs(r.adversaries.first!.score - 800.0 / 920) < 1e-12)  // min of the two conflict shares
        #expect(r.friends.map(\.state) == ["EEE"])
        #expect(r.triads.first { $0.third == "CCC" }?.balanced == true)
        #expect(r.triads.first { $0.third == "DDD" }?.balanced == false)
        #expect(r.triads.first { $0.third == "EEE" }?.balanced == true)
        #expect(abs(r.balancedShare! - 2.0 / 3) < 1e-12)
        #expect(r.thirdStates == 3)
    }

    @Test func thinCoverageIsShrunk() {
        // One hostile story is not a hostile relationship: the pseudo-mass keeps the share low.
        #expect(Self.t(0, 5).conflictShare < 0.05)
        #expect(Self.t(0, 5000).conflictShare > 0.95)
    }

    @Test func permutationTestOnKnownCases() throws {
        let same = try #require(Counterbalancing.compare(before: [1, 2, 3, 4, 5, 6], after: [1, 2, 3, 4, 5, 6]))
        #expect(same.difference == 0 && same.p == 1)
        let shifted = try #require(
            Counterbalancing.compare(before: [1, 1.1, 0.9, 1, 1.05, 0.95, 1, 1], after: [5, 5.1, 4.9, 5, 5.05, 4.95, 5, 5]))
        #expect(shifted.difference == 4)
        // Only the observed split (and its mirror) is as extreme: p ≈ 2 / C(16, 8) → near 1/(N+1).
        #expect(shifted.p < 0.001)
        // Deterministic: the same seed gives the same p.
        let again = try #require(Counterbalancing.compare(before: [1, 3, 2, 5], after: [4, 6, 5, 7]))
        #expect(again == Counterbalancing.compare(before: [1, 3, 2, 5], after: [4, 6, 5, 7]))
    }

    @Test func scenarioFollowsTheEstimatedDependence() throws {
        // y = e^(1 + 0.5 log(1 + x_{t−1})) − 1 exactly, plus small noise.
        var rng = SplitMix(seed: 9)
        let x = (0..<60).map { _ in Double(rng.next() % 1000) }
        var y = [Double](repeating: 0, count: 60)
        for t in 1..<60 {
            let noise: Double = (Double(rng.next() % 100) / 100 - 0.5) * 0.1
            let exponent: Double = 1 + 0.5 * log1p(x[t - 1]) + noise
            y[t] = expm1(exponent)
        }
        let d = try #require(Scenario.dependence(y: y, x: x, lag: 1))
        #expect(abs(d.beta - 0.5) < 0.02 && abs(d.alpha - 1) < 0.1)
        let stops = Scenario.project(d, path: .stops, recentDriver: 500)
        let continues = Scenario.project(d, path: .continues, recentDriver: 500)
        let doubles = Scenario.project(d, path: .doubles, recentDriver: 500)
        #expect(stops.cooperation < continues.cooperation && continues.cooperation < doubles.cooperation)
        #expect(stops.low <= stops.cooperation && stops.cooperation <= stops.high)
        #expect(abs(stops.cooperation - expm1(d.alpha)) < 1e-9)
    }
}
