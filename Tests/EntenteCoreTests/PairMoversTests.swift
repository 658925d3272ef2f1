import EntenteCore
import Testing

/// The most-changed pairs: z-scores worked by hand on constructed months.
@Suite struct PairMoversTests {
    static func month(_ text: String) -> Month { Month(text)! }

    static func row(_ m: String, days: Int = 20, p: Double, n: Double) -> DyadSeriesMonth {
        DyadSeriesMonth(month: month(m), days: days, positive: p, negative: n, strongConflictDays: 0)
    }

    @Test func ranksByZAgainstThePairsOwnPastAndSkipsThinPairs() throws {
        let prior = ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"]
        var series: [Dyad: [DyadSeriesMonth]] = [:]
        // X: balance 100/(100+100) = 0.5 six times (spread 0 → floored at 0.05), then −100/200 = −0.5.
        series[Dyad("AAA", "XXX")] = prior.map { Self.row($0, p: 100, n: 0) } + [Self.row("2024-01", p: 0, n: 100)]
        // Y: 0.75 and 0.5 alternating (mean 0.625, sample sd √(6·0.125²/5) = 0.136931), then 0.5.
        series[Dyad("AAA", "YYY")] =
            prior.enumerated().map { Self.row($0.element, p: $0.offset % 2 == 0 ? 300 : 100, n: 0) } + [Self.row("2024-01", p: 100, n: 0)]
        // Z: 5 days in the month (fewer than 8): left out. W: 5 earlier months (fewer than 6): left out.
        series[Dyad("AAA", "ZZZ")] = prior.map { Self.row($0, p: 100, n: 0) } + [Self.row("2024-01", days: 5, p: 0, n: 500)]
        series[Dyad("AAA", "WWW")] = prior.dropFirst().map { Self.row($0, p: 100, n: 0) } + [Self.row("2024-01", p: 0, n: 500)]
        // V: a mass of 50 in the month (under the pseudo-mass of 100): left out.
        series[Dyad("AAA", "VVV")] = prior.map { Self.row($0, p: 100, n: 0) } + [Self.row("2024-01", p: 0, n: 50)]

        let moves = PairMovers.rank(series, month: Self.month("2024-01"), top: 10)
        #expect(moves.map(\.b) == ["XXX", "YYY"])
        let x = try #require(moves.first)
        #expect(abs(x.balance - -0.5) < 1e-12 && abs(x.priorMean - 0.5) < 1e-12)
        #expect(abs(x.z - -20) < 1e-9)
        #expect(x.days == 20 && x.priorMonths == 6)
        let y = moves[1]
        #expect(abs(y.priorMean - 0.625) < 1e-12)
        #expect(abs(y.change - -0.125) < 1e-12)
        #expect(abs(y.z - -0.912871) < 1e-6)
        #expect(PairMovers.rank(series, month: Self.month("2024-01"), top: 1).count == 1)
    }

    @Test func monthsOutsideTheLookbackDoNotCount() {
        // Twelve months before 2024-01 is 2023-01: a month in 2022 is not part of "before".
        let old = ["2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12"]
        let series = [Dyad("AAA", "BBB"): old.map { Self.row($0, p: 100, n: 0) } + [Self.row("2024-01", p: 0, n: 100)]]
        #expect(PairMovers.rank(series, month: Self.month("2024-01")).isEmpty)
    }
}
