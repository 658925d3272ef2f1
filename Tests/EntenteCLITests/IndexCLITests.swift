import EntenteTestSupport
import Foundation
import Testing

/// Dyad series, `assess`, `index` and `evaluate` through the real executable.
@Suite(.serialized) struct IndexCLITests {
    func run(_ args: [String], home: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(CLITests.binary, args, environment: ["ENTENTE_HOME": home.path, "ENTENTE_KB": ""])
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A small series: AAA–BBB friendly, AAA–CCC hostile, BBB–CCC hostile, a few bad rows.
    static func fixture(_ folder: TemporaryFolder, gzip: Bool) throws -> URL {
        var lines = ["date,a,b,edge"]
        for m in 1...12 {
            for d in [3, 17] {
                let date = String(format: "2023%02d%02d", m, d)
                lines.append("\(date),USA,GBR,\(20 + m)")
                lines.append("\(date),USA,IRN,\(m % 2 == 0 ? -80 : -5)")
                lines.append("\(date),GBR,IRN,\(m % 4 == 0 ? -60 : -3)")
            }
        }
        lines += ["20230230,USA,GBR,1", "20230301,USA,XXX,1", "20230301,USA,GBR,abc", "20230301,USA,GBR"]
        let plain = try folder.write("series.csv", lines: lines)
        guard gzip else { return plain }
        let gz = folder.url.appendingPathComponent("series.csv.gz")
        let made = try runProcess("/usr/bin/env", ["python3", "-c", "import gzip,shutil,sys; shutil.copyfileobj(open(sys.argv[1],'rb'), gzip.open(sys.argv[2],'wb'))", plain.path, gz.path])
        #expect(made.status == 0)
        return gz
    }

    @Test func seriesIngestCountsBadRowsAndIsIdempotent() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let gz = try Self.fixture(folder, gzip: true)
        let first = try json(try run(["ingest", gz.path, "--summary", "json"], home: home).stdout) as! [String: Any]
        #expect(first["kept"] as? Int == 72)
        #expect(first["rejected"] as? Int == 4)
        let reasons = try #require(first["reasons"] as? [[String: Any]])
        #expect(Set(reasons.map { $0["reason"] as! String }) == ["impossible or malformed date", "unknown actor country code", "non-numeric or out-of-range Goldstein", "wrong column count"])
        let again = try json(try run(["ingest", gz.path, "--summary", "json"], home: home).stdout) as! [String: Any]
        #expect(again["kept"] as? Int == 0)
        let truncated = try folder.write("broken.csv.gz", Array(try Data(contentsOf: gz).prefix(40)))
        let broken = try run(["ingest", truncated.path, "--format", "dyad-series"], home: home)
        #expect(broken.stdout.contains("failed"))
        #expect(broken.stdout.contains("gzip"))
    }

    @Test func assessIndexAndEvaluateOnAFixture() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        #expect(try run(["ingest", try Self.fixture(folder, gzip: false).path], home: home).status == 0)
        let friendly = try json(try run(["assess", "USA", "GBR", "--at", "2023-12", "--format", "json"], home: home).stdout) as! [String: Any]
        let hostile = try json(try run(["assess", "USA", "IRN", "--at", "2023-12", "--format", "json"], home: home).stdout) as! [String: Any]
        #expect((friendly["behavioural"] as! Double) > (hostile["behavioural"] as! Double))
        #expect(hostile["classification"] as? String == "rivalry")
        let components = try #require(friendly["components"] as? [[String: Any]])
        #expect(components.map { $0["name"] as! String } == ["commitment", "military-technical", "diplomatic", "breadth", "durability", "alignment", "hostility"])
        #expect(components.first { $0["name"] as? String == "military-technical" }?["coverage"] as? [String] == ["no data"])
        let markdown = try run(["assess", "USA", "GBR", "--at", "2023-12", "--format", "markdown"], home: home).stdout
        #expect(markdown.hasPrefix("# United States – United Kingdom:"))
        #expect(markdown.contains("## Indicators to watch"))
        let monthly = try run(["index", "USA", "GBR", "--monthly", "--from", "2023-06", "--to", "2023-12", "--window", "6", "--format", "csv"], home: home).stdout.split(separator: "\n")
        #expect(monthly.count == 8)
        #expect(monthly[0].hasPrefix("month,index,behavioural,intensity,classification,commitment"))
        let labels = try folder.write("labels.csv", lines: ["a,b,year,label", "USA,GBR,2023,ally", "USA,IRN,2023,rival", "GBR,IRN,2023,rival"])
        let evaluation = try json(try run(["evaluate", "--labels", labels.path, "--format", "json"], home: home).stdout) as! [String: Any]
        #expect(evaluation["auc"] as? Double == 1)
        #expect(evaluation["scored"] as? Int == 3)
        let text = try run(["evaluate", "--labels", labels.path], home: home).stdout
        #expect(text.contains("AUC 1.000   behavioural index"))
    }

    /// The acceptance on real data: the labels script, the real 2018-2024 dyad series, AUC ≥ 0.92.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func realSeriesEvaluationAndFoundingCase() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let ingest = try run(["ingest", SharedData.url("dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz").path, "--summary", "json"], home: home)
        #expect((try json(ingest.stdout) as! [String: Any])["kept"] as? Int == 2_706_008)
        let script = SharedData.packageRoot.appendingPathComponent("scripts/make-labels").path
        let labels = try runProcess("/usr/bin/env", ["python3", script, "--data", SharedData.root.path])
        #expect(labels.status == 0)
        let file = try folder.write("labels.csv", Array(labels.stdout.utf8))
        let report = try json(try run(["evaluate", "--labels", file.path, "--at", "2023-12", "--window", "72", "--format", "json"], home: home).stdout) as! [String: Any]
        let auc = try #require(report["auc"] as? Double)
        let baseline = try #require(report["baselineAUC"] as? Double)
        #expect(auc >= 0.92, "AUC \(auc)")
        #expect(auc > baseline + 0.2)
        // RUS–PRK: the index rises through 2023 (Vostochny summit, September).
        let series = try json(try run(["index", "RUS", "PRK", "--monthly", "--from", "2023-01", "--to", "2024-02", "--format", "json"], home: home).stdout) as! [[String: Any]]
        let index = Dictionary(uniqueKeysWithValues: series.map { ($0["month"] as! String, $0["index"] as! Double) })
        #expect(index["2023-11"]! > index["2023-03"]! + 0.1)
        #expect(series.first { $0["month"] as? String == "2023-03" }?["classification"] as? String == "distant")
        // Change points: a daily break in July–September 2023, next to a curated event.
        let changes = try json(try run(["changes", "PRK", "RUS", "--daily", "--format", "json"], home: home).stdout) as! [String: Any]
        let breaks = try #require(changes["breaks"] as? [[String: Any]])
        #expect(breaks.contains { b in ("2023-07-01"..."2023-09-30").contains(b["date"] as! String) && (b["nearest"] as? String)?.contains("Shoigu") == true }, "\(breaks)")
        // Drivers: RUS–UKR conflict and RUS–PRK cooperation, Granger tests both ways.
        let drivers = try json(try run(["drivers", "RUS", "PRK", "--driver", "RUS", "UKR", "--format", "json"], home: home).stdout) as! [String: Any]
        let forward = try #require(drivers["driverToDyad"] as? [[String: Any]])
        #expect(forward.count == 6)
        #expect((drivers["reading"] as? String)?.contains("RUS–UKR conflict") == true)
        #expect((drivers["chosenLag"] as? Int).map { (1...6).contains($0) } == true)
        // Common adversaries over 2022–2024: the United States, South Korea or Ukraine near the top.
        let adversaries = try json(try run(["adversaries", "RUS", "PRK", "--from", "2022-01", "--to", "2024-02", "--format", "json"], home: home).stdout) as! [String: Any]
        let top = ((adversaries["result"] as! [String: Any])["adversaries"] as! [[String: Any]]).prefix(5).map { $0["state"] as! String }
        #expect(!Set(top).isDisjoint(with: ["USA", "KOR", "UKR"]), "\(top)")
        // Counterbalancing and scenario answer, with their caveats.
        let counter = try json(try run(["counterbalancing", "RUS", "PRK", "--around", "2023-09", "--third", "USA,JPN,KOR", "--format", "json"], home: home).stdout) as! [String: Any]
        #expect((counter["pairs"] as? [[String: Any]])?.count == 3)
        #expect(counter["monthsAfter"] as? Int == 6)  // the series ends in 2024-02
        let scenario = try run(["scenario", "RUS", "PRK", "--driver", "RUS", "UKR", "--if", "stops"], home: home).stdout
        #expect(scenario.contains("Projection, not forecast"))
    }
}
