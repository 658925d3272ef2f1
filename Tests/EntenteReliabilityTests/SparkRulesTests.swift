import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteCore

/// The Spark job's rules equal the native engine's, without Spark: the job's pure-Python modes
/// (its line-by-line port of `CubeScanner.line` over the rules ``CubeRules`` renders, and its
/// aggregation semantics) are held to the native scanner line by line, and to the native cube
/// byte for byte, on every real GDELT sample and on hostile rows.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SparkRulesTests {
    static var job: String? { SparkSubmit.jobScript?.path }

    static var pythonAvailable: Bool {
        (try? runProcess("/usr/bin/env", ["python3", "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)"]))?.status == 0
    }

    /// The real GDELT samples (GDELT 1.0 and 2.0).
    static var gdeltSamples: [URL] {
        SharedData.eventSampleFiles.filter { !$0.path.contains("/icews/") && FileManager.default.fileExists(atPath: $0.path) }
    }

    static func rulesFile(in folder: TemporaryFolder) throws -> String {
        try folder.write("rules.json", CubeRules.json()).path
    }

    static func python(_ arguments: [String]) throws -> String {
        let out = try runProcess("/usr/bin/env", ["python3"] + arguments, environment: ["PYTHONIOENCODING": "utf-8"])
        #expect(out.status == 0, "python3 \(arguments.joined(separator: " ")): \(out.stderr)")
        return out.stdout
    }

    // MARK: - The rendered rules

    @Test func theRulesAreTheNativeTables() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(CubeRules.json())) as? [String: Any])
        #expect(object["version"] as? Int == CubeRules.version)
        let countries = try #require(object["countries"] as? [String: String])
        #expect(countries["RUS"] == "RUS" && countries["ROM"] == "ROU" && countries["PRK"] == "PRK")
        #expect(countries.values.contains(""))  // regions
        for code in countries.keys { #expect(code.utf8.count == 3) }
        let codes = try #require(object["codes"] as? [String: [Int]])
        #expect(codes.count == CAMEOEventCode.all.count)
        for code in CAMEOEventCode.all { #expect(codes[code.code]?.first == code.rootNumber) }
        #expect(codes["042"]?.last == DyadCube.Column.c042.rawValue && codes["0312"]?.last == DyadCube.Column.c0312.rawValue)
        #expect(codes["010"]?.last == -1)
        #expect(object["states"] as? [String] == DyadCube.stateCodes)
        #expect(object["exportHeader"] as? [String] == DyadCube.exportHeader)
        #expect(object["maxLineBytes"] as? Int == LineSplitter.maxLineBytes)
        #expect((object["rejections"] as? [String])?.count == RowIssue.allCases.filter(\.isRejection).count)
    }

    // MARK: - Line by line against CubeScanner

    /// Python's outcome of every line of `file` equals the native scanner's: the same issue on
    /// the same line, and for each kept line the same cell, sub-code, measures, one-a-day key and
    /// event id.
    static func checkLines(_ file: URL, rules: String) throws {
        let job = try #require(job)
        let lines = try python([job, "--rules", rules, "--classify", file.path]).split(separator: "\n", omittingEmptySubsequences: false)
        let format = try #require(
            EventFormat(rawValue: String(lines.first?.split(separator: "\t").last ?? "")), "\(file.lastPathComponent)")
        #expect(format == EventFileReader.sniff(file))

        let data = try Data(contentsOf: file)
        var scanner = CubeScanner(format: format)
        scanner.reportSkipped = true
        let total = data.withUnsafeBytes { scanner.scan($0, from: 0, to: $0.count) }
        let nativeIssues = Dictionary(scanner.reports.map { ($0.line, $0.issue.rawValue) }, uniquingKeysWith: { a, _ in a })
        let partial = scanner.partial
        var kept = 0, seen = 0
        for line in lines.dropFirst() where !line.isEmpty {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let number = try #require(Int(f[1]))
            seen = max(seen, number)
            switch f[2] {
            case "blank": #expect(nativeIssues[number] == nil)
            case "issue": #expect(nativeIssues[number] == f[3], "\(file.lastPathComponent):\(number)")
            default:
                #expect(nativeIssues[number] == nil, "\(file.lastPathComponent):\(number) kept by Python, \(nativeIssues[number] ?? "")")
                guard nativeIssues[number] == nil, kept < partial.ids.count else { continue }
                let v = Array(f[3...])
                let s = try #require(DyadCube.index(of: v[0])), t = try #require(DyadCube.index(of: v[1]))
                let key = DyadCube.Key(source: s, target: t, month: try #require(Month(yyyymm: Int(v[2])!)), root: Int(v[3])!)
                #expect(partial.rowKeys[Int(partial.keyRows[kept])] == key.packed, "\(file.lastPathComponent):\(number) cell")
                #expect(Int(CubeCodes.subColumn[Int(partial.codes[kept])]) == Int(v[4]), "\(file.lastPathComponent):\(number) sub-code")
                #expect(Int64(partial.goldstein[kept]) == Int64(v[5]), "\(file.lastPathComponent):\(number) goldstein")
                #expect(Int64(partial.articles[kept]) == Int64(v[6]), "\(file.lastPathComponent):\(number) articles")
                #expect(Int64(partial.tone[kept]) == Int64(v[7]), "\(file.lastPathComponent):\(number) tone")
                let day = try #require(Day(yyyymmdd: Int(v[8])!))
                let oneADay = OneADayHash.hash(
                    day: day.rawValue, source: Array(v[9].utf8), target: Array(v[10].utf8), code: Array(v[11].utf8))
                #expect(partial.keys[kept] == oneADay, "\(file.lastPathComponent):\(number) one-a-day key")
                #expect(partial.ids[kept] == EventIDKey.make(format.dataset, id: v[13]), "\(file.lastPathComponent):\(number) event id")
                #expect(v[12] == String(EventIDKey.tag(format.dataset)))
                kept += 1
            }
        }
        #expect(kept == partial.ids.count && kept == scanner.counts.parsed, "\(file.lastPathComponent): kept rows")
        #expect(seen == total, "\(file.lastPathComponent): lines")
    }

    @Test(.enabled(if: pythonAvailable, "python3 is needed to run the Spark job's rules"))
    func everyRealSampleLineByLine() throws {
        guard SharedData.isAvailable else {
            print("skipped: \(SharedData.missingMessage)")
            return
        }
        let folder = TemporaryFolder()
        let rules = try Self.rulesFile(in: folder)
        #expect(Self.gdeltSamples.count >= 8)
        for file in Self.gdeltSamples { try Self.checkLines(file, rules: rules) }
    }

    /// Rows built to hit every rule, the rounding ties and the reading edge cases.
    static func hostileFiles(in folder: TemporaryFolder) throws -> [URL] {
        var rows: [[UInt8]] = []
        func add(_ row: GDELTRow) { rows.append(Array(row.line.utf8)) }
        func edit(_ change: (inout GDELTRow) -> Void) {
            var row = GDELTRow(id: 500 + rows.count)
            change(&row)
            add(row)
        }
        add(GDELTRow(id: 1))
        add(GDELTRow(id: 2, columns: 60))
        add(GDELTRow(id: 3, actor1Country: ""))
        add(GDELTRow(id: 4, actor2Country: ""))
        add(GDELTRow(id: 5, actor1Country: "EUR"))
        add(GDELTRow(id: 6, actor2Country: "AFR"))
        add(GDELTRow(id: 7, actor1Country: "ZZZ"))
        add(GDELTRow(id: 8, actor1Country: "rus"))
        add(GDELTRow(id: 9, actor2Country: "RUSS"))
        add(GDELTRow(id: 10, actor1Country: "ROM", actor2: ""))
        edit { $0.fields[0] = "12a" }
        edit { $0.fields[0] = "" }
        edit { $0.fields[0] = "0000000000000000042" }
        edit { $0.fields[0] = "0042" }
        edit { $0.fields[0] = "42" }
        for date in ["20230230", "20240229", "19000229", "17991231", "22000101", "2024061", "2024-6-1", "18000101"] {
            add(GDELTRow(id: 600 + rows.count, date: date))
        }
        for code in ["999", "042", "0421", "01", "1", "00000", "04a", "190", "0312", "0332", "163", "138"] {
            add(GDELTRow(id: 700 + rows.count, code: code))
        }
        for value in [
            "11", "-10", "10.0000001", "1e1", "+.5", "2.25", "-2.25", "0.05", "-0.05", "5.", ".", "-", "1e", "1.2.3", "nan", "inf", " 1",
            "0x1", "1_0",
        ] {
            add(GDELTRow(id: 800 + rows.count, goldstein: value))
        }
        for value in ["1e2", "100.0000001", "-100", "abc", "0.0000005", "-0.0000025", "1.23456789012345678", "3.0000004999999999", ""] {
            add(GDELTRow(id: 900 + rows.count, tone: value))
        }
        for value in ["-1", "999999999", "1000000000", "", "0", "01", "1234567890123456789"] {
            add(GDELTRow(id: 1000 + rows.count, articles: value))
        }
        edit { $0.fields[31] = "x" }
        edit { $0.fields[32] = "" }
        edit { $0.fields[6] = "RUS\u{0}SIA" }
        edit { $0.fields[6] = "Россия" }
        edit { $0.fields[60] = "https://example.org/ü" }
        var bad = Array(GDELTRow(id: 1100).line.utf8)
        bad.insert(contentsOf: [0xC3, 0x28], at: bad.count - 3)  // invalid UTF-8 in the URL
        rows.append(bad)
        var surrogate = Array(GDELTRow(id: 1101).line.utf8)
        surrogate.insert(contentsOf: [0xED, 0xA0, 0x80], at: surrogate.count - 3)
        rows.append(surrogate)
        rows.append(Array(GDELTRow(id: 1102).line.utf8) + [0x0D])  // CRLF
        rows.append([0x0D])  // a line of only CR: blank
        rows.append([])  // blank
        rows.append(Array(GDELTRow(id: 1103, actor1: "RUSGOV\rX").line.utf8))  // a CR inside a field
        var long = GDELTRow(id: 1104)
        long.fields[60] = String(repeating: "x", count: LineSplitter.maxLineBytes)
        add(long)
        // Duplicate ids, one-a-day keys shared across cells.
        add(GDELTRow(id: 1, date: "20240620", code: "043"))
        add(GDELTRow(id: 1200, actor1: "RUSGOV", actor1Country: "UKR"))
        add(GDELTRow(id: 1201))
        var gdelt2 = rows.map { $0 + [0x0A] }.flatMap { $0 }
        gdelt2 += Array(GDELTRow(id: 1300).line.utf8)  // no final newline

        var gdelt1Rows = [GDELTRow(id: 1, columns: 57).line, GDELTRow(id: 2, columns: 58).line, GDELTRow(id: 3, columns: 61).line]
        gdelt1Rows += [GDELTRow(id: 4, actor1Country: "TMP", columns: 57).line, GDELTRow(id: 5, columns: 56).line]
        let plain2 = try folder.write("hostile.export.CSV", gdelt2)
        let plain1 = try folder.write("hostile.gdelt1.tsv", lines: gdelt1Rows)
        let leadingBlank = try folder.write("blank-first.export.CSV", Array("\r\n\n".utf8) + Array((GDELTRow(id: 77).line + "\n").utf8))
        return [plain2, plain1, leadingBlank]
    }

    @Test(.enabled(if: pythonAvailable, "python3 is needed to run the Spark job's rules"))
    func hostileRowsLineByLine() throws {
        let folder = TemporaryFolder()
        let rules = try Self.rulesFile(in: folder)
        for file in try Self.hostileFiles(in: folder) { try Self.checkLines(file, rules: rules) }
    }

    // MARK: - The whole cube, without Spark

    /// The job's aggregation in plain Python, assembled into a cube, equals the native build:
    /// the export byte for byte, the key sets, the file log and each file's counts.
    static func checkCube(_ files: [URL], rules: String, folder: TemporaryFolder) throws {
        let job = try #require(job)
        let out = folder.url.appendingPathComponent("out-\(UUID().uuidString)").path
        _ = try python([job, "--rules", rules, "--local-cube", out] + files.map(\.path))
        let (python, results) = try Workspace.assembleSparkOutput(output: out)
        var native = DyadCube()
        let report = CubeBuilder.build(files: files, into: &native, threads: 2)
        let names = files.map(\.lastPathComponent).joined(separator: ", ")
        #expect(python.csvBytes() == native.csvBytes(), "cube export differs for \(names)")
        #expect(python.keyCount == native.keyCount && python.eventIDCount == native.eventIDCount, "key sets differ for \(names)")
        #expect(python.fingerprints == native.fingerprints, "file logs differ for \(names)")
        #expect(results.count == report.files.count)
        for (p, n) in zip(results, report.files) {
            #expect(p.status == n.status && p.format == n.format && p.fingerprint == n.fingerprint && p.bytes == n.bytes, "\(n.path)")
            #expect(p.counts == n.counts && p.duplicates == n.duplicates, "\(n.path): counts")
        }
    }

    @Test(.enabled(if: pythonAvailable, "python3 is needed to run the Spark job's rules"))
    func pythonCubeEqualsNativeOnEveryRealSample() throws {
        guard SharedData.isAvailable else {
            print("skipped: \(SharedData.missingMessage)")
            return
        }
        let folder = TemporaryFolder()
        let rules = try Self.rulesFile(in: folder)
        for file in Self.gdeltSamples { try Self.checkCube([file], rules: rules, folder: folder) }
        try Self.checkCube(Self.gdeltSamples, rules: rules, folder: folder)
    }

    @Test(.enabled(if: pythonAvailable, "python3 is needed to run the Spark job's rules"))
    func pythonCubeEqualsNativeOnHostileFilesZipsAndRepeats() throws {
        let folder = TemporaryFolder()
        let rules = try Self.rulesFile(in: folder)
        let hostile = try Self.hostileFiles(in: folder)
        // A zip of a hostile file (Python's zipfile, independent of both readers), and a copy.
        let zip = folder.url.appendingPathComponent("hostile.zip")
        let made = try runProcess(
            "/usr/bin/env",
            [
                "python3", "-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED).write(sys.argv[2], 'h.CSV')",
                zip.path, hostile[0].path,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let copy = folder.url.appendingPathComponent("copy.export.CSV")
        try FileManager.default.copyItem(at: hostile[0], to: copy)
        let notEvents = try folder.write("notes.txt", lines: ["hello"])
        let empty = try folder.write("empty.export.CSV", [])
        try Self.checkCube(hostile + [zip, copy, hostile[0], notEvents, empty], rules: rules, folder: folder)
        try Self.checkCube([zip, hostile[0]], rules: rules, folder: folder)
    }

    // MARK: - Submitting

    @Test func sparkSubmitIsFoundOrTheErrorSaysHow() throws {
        let folder = TemporaryFolder()
        let fake = try folder.write("bin/spark-submit", Array("#!/bin/sh\nexit 0\n".utf8))
        chmod(fake.path, 0o755)
        #expect(try SparkSubmit.locate(flag: fake.path, environment: [:]) == fake.path)
        #expect(try SparkSubmit.locate(flag: nil, environment: ["SPARK_HOME": folder.url.path]) == fake.path)
        #expect(
            try SparkSubmit.locate(flag: nil, environment: ["PATH": "/nonexistent:" + fake.deletingLastPathComponent().path]) == fake.path)
        #expect(throws: EntenteError.self) {
            try SparkSubmit.locate(flag: folder.url.appendingPathComponent("none").path, environment: [:])
        }
        do {
            _ = try SparkSubmit.locate(flag: nil, environment: ["PATH": "/nonexistent"])
            Issue.record("no spark-submit must be an error")
        } catch let error as EntenteError {
            #expect(error.message.contains("pip install pyspark") && error.message.contains("--spark-submit"))
        }
    }

    /// A job that fails leaves the existing cube byte for byte as it was, and says where Spark's
    /// log is.
    @Test func aFailedJobLeavesTheCubeUntouched() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let file = try folder.write("20240101000000.export.CSV", lines: GDELTRow.russiaKoreaFixture)
        let workspace = Workspace(home: home.path)
        _ = try workspace.buildCube(CubeBuildRequest(paths: [file.path], threads: 1))
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.cubePath))
        let failing = try folder.write("bin/spark-submit", Array("#!/bin/sh\necho 'Exception: boom' >&2\nexit 3\n".utf8))
        chmod(failing.path, 0o755)
        do {
            _ = try workspace.buildCubeOnSpark(SparkCubeRequest(paths: [file.path], master: "local[1]", sparkSubmit: failing.path))
            Issue.record("a failed job must be an error")
        } catch let error as EntenteError {
            let text = error.description
            #expect(text.contains("left as it was") || text.contains("Java"), "\(text)")
            if text.contains("left as it was") { #expect(text.contains("boom") && text.contains("spark-last.log")) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.cubePath)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("cube").path)
        #expect(!leftovers.contains { $0.hasPrefix("spark-job-") })
    }
}
