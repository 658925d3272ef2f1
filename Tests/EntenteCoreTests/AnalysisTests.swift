import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// Whether Python has a module (the reference implementations are statsmodels and ruptures).
func pythonHas(_ module: String) -> Bool {
    (try? runProcess("/usr/bin/env", ["python3", "-c", "import \(module)"]).status) == 0
}

@Suite struct AnalysisTests {
    static func noisySteps(seed: UInt64) -> [Double] {
        var rng = SplitMix(seed: seed)
        func noise() -> Double { (Double(rng.next() % 10_000) / 10_000 - 0.5) * 2 }
        return (0..<300).map { i in (i < 100 ? 0.0 : i < 180 ? 5.0 : 2.0) + noise() }
    }

    @Test func peltRecoversPlantedChangePoints() {
        let step = [Double](repeating: 1, count: 40) + [Double](repeating: 7, count: 25) + [Double](repeating: 3, count: 35)
        #expect(ChangePoints.pelt(step, penalty: 1) == [40, 65])
        let noisy = Self.noisySteps(seed: 3)
        let found = ChangePoints.pelt(noisy)
        #expect(found.count == 2)
        #expect(abs(found[0] - 100) <= 2 && abs(found[1] - 180) <= 2)
        #expect(ChangePoints.pelt([Double](repeating: 2, count: 50)).isEmpty)
    }

    @Test func grangerDetectsACauseByConstruction() throws {
        var rng = SplitMix(seed: 11)
        func noise() -> Double { Double(rng.next() % 10_000) / 10_000 - 0.5 }
        let x = (0..<200).map { _ in noise() * 4 }
        var y = [Double](repeating: 0, count: 200)
        for t in 2..<200 { y[t] = 0.3 * y[t - 1] + 0.9 * x[t - 2] + noise() }
        let forward = try #require(Granger.best(y: y, x: x, maxLag: 4))
        #expect(forward.chosen.lag == 2)
        #expect(forward.chosen.p < 1e-10)
        let backward = try #require(Granger.best(y: x, x: y, maxLag: 4))
        #expect(backward.chosen.p > 0.01)
        // The F survival function against closed forms: for d1 = 2, P(F > f) = (1 + 2f/d2)^(−d2/2);
        // for d1 = d2, P(F > 1) = 1/2.
        #expect(abs(Statistics.fSurvival(3, 2, 20) - pow(1.3, -10)) < 1e-12)
        #expect(abs(Statistics.fSurvival(0.7, 2, 9) - pow(1 + 1.4 / 9, -4.5)) < 1e-12)
        #expect(abs(Statistics.fSurvival(1, 5, 5) - 0.5) < 1e-12)
    }

    /// The real PRK–RUS daily series (log(1 + cooperation)) and monthly RUS–PRK cooperation /
    /// RUS–UKR conflict, read from the shared dyad series.
    static func realSeries() throws -> (daily: [Double], cooperation: [Double], conflict: [Double]) {
        var daily: [Day: Double] = [:], coop: [Month: Double] = [:], conf: [Month: Double] = [:]
        try DyadSeriesReader.read(SharedData.url("dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz")) { outcome, _ in
            guard case .row(let a, let b, let day, let v) = outcome else { return }
            let pair = Set([a, b])
            if pair == ["PRK", "RUS"] {
                daily[day] = v
                coop[day.period, default: 0] += max(v, 0)
            } else if pair == ["RUS", "UKR"] {
                conf[day.period, default: 0] += max(-v, 0)
            }
        }
        var days: [Double] = []
        var m = Month("2018-01")!
        var months: [Month] = []
        while m <= Month("2024-02")! {
            months.append(m)
            for d in 1...Day.daysIn(month: m.month, year: m.year) {
                days.append(log1p(max(daily[Day(year: m.year, month: m.month, day: d)!] ?? 0, 0)))
            }
            m = m.advanced(by: 1)
        }
        return (days, months.map { coop[$0] ?? 0 }, months.map { conf[$0] ?? 0 })
    }

    /// Cross-check against ruptures and statsmodels, on synthetic and real series.
    @Test(
        .enabled(
            if: SharedData.isAvailable && pythonHas("ruptures") && pythonHas("statsmodels"),
            "needs ../shared/data and Python's ruptures and statsmodels (pip install ruptures statsmodels)"))
    func agreesWithRupturesAndStatsmodels() throws {
        let real = try Self.realSeries()
        let synthetic = Self.noisySteps(seed: 5)
        let folder = TemporaryFolder()
        func csv(_ name: String, _ v: [Double]) throws -> String {
            try folder.write(name, Array(v.map { String($0) }.joined(separator: "\n").utf8)).path
        }
        let files = [
            try csv("synthetic.csv", synthetic), try csv("daily.csv", real.daily), try csv("coop.csv", real.cooperation),
            try csv("conf.csv", real.conflict),
        ]
        let script = """
            import sys, json, math, numpy as np, ruptures as rpt
            from statsmodels.tsa.stattools import grangercausalitytests
            load = lambda p: np.array([float(l) for l in open(p)])
            out = {}
            for name, path in (("synthetic", sys.argv[1]), ("daily", sys.argv[2])):
                y = load(path); n = len(y); pen = 2 * y.var() * math.log(n)
                out[name] = [int(i) for i in rpt.Pelt(model="l2", min_size=2, jump=1).fit(y).predict(pen=pen)[:-1]]
            y, x = load(sys.argv[3]), load(sys.argv[4])
            import contextlib, io
            with contextlib.redirect_stdout(io.StringIO()):
                res = grangercausalitytests(np.column_stack([y, x]), maxlag=6)
            out["granger"] = {str(k): [float(v[0]["ssr_ftest"][0]), float(v[0]["ssr_ftest"][1])] for k, v in res.items()}
            print(json.dumps(out))
            """
        let run = try runProcess("/usr/bin/env", ["python3", "-c", script] + files)
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(ChangePoints.pelt(synthetic) == reference["synthetic"] as? [Int])
        let daily = ChangePoints.pelt(real.daily)
        #expect(daily == reference["daily"] as? [Int])
        // A break in July–September 2023 (day index from 2018-01-01).
        let july2023 = 2007, october2023 = 2099
        #expect(daily.contains { (july2023..<october2023).contains($0) }, "\(daily)")
        let granger = try #require(reference["granger"] as? [String: [Double]])
        for lag in 1...6 {
            let mine = try #require(Granger.test(y: real.cooperation, x: real.conflict, lag: lag))
            let theirs = try #require(granger[String(lag)])
            #expect(abs(mine.f - theirs[0]) < 1e-6 * max(1, theirs[0]), "F at lag \(lag)")
            #expect(abs(mine.p - theirs[1]) < 1e-8, "p at lag \(lag)")
        }
    }
}
