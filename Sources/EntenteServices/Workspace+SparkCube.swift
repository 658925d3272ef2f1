public import EntenteCore
public import Foundation

/// What `cube build --engine spark` reads: files, folders or URIs, where to submit, and an
/// optional CSV export.
public struct SparkCubeRequest: Sendable {
    /// Local files or folders (expanded here, as the native engine does), or URIs Spark's Hadoop
    /// layer reads (`file://` tested; `hdfs://`, `s3a://` passed through untested), globs allowed.
    public var paths: [String]
    /// The Spark master URL (`local[2]`, `spark://host:7077`, `yarn`).
    public var master: String
    /// `--spark-submit`, if given.
    public var sparkSubmit: String?
    /// Input and shuffle partitions.
    public var partitions: Int
    public var export: String?

    public static let defaultMaster = "local[*]"
    public static let defaultPartitions = 16

    public init(paths: [String], master: String?, sparkSubmit: String? = nil, partitions: Int? = nil, export: String? = nil) {
        self.paths = paths
        self.master = master ?? Self.defaultMaster
        self.sparkSubmit = sparkSubmit
        self.partitions = partitions ?? Self.defaultPartitions
        self.export = export
    }
}

/// The `cube build --engine spark` answer: the native summary's keys, plus what Spark did.
public struct SparkCubeBuildSummary: Encodable, Sendable {
    public var build: CubeBuildSummary
    public var spark: SparkJobInfo

    public func encode(to encoder: any Encoder) throws {
        try build.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("spark", forKey: .engine)
        try c.encode(spark, forKey: .spark)
    }

    enum Keys: String, CodingKey { case engine, spark }
}

/// The Spark side of a cube build.
public struct SparkJobInfo: Encodable, Sendable {
    public var master: String
    public var application: String
    public var ui: String?
    public var version: String
    public var submit: String
    public var partitions: Int
    /// Spark's own log (standard error of `spark-submit`), kept after the build.
    public var log: String
    /// Rejected rows by reason, over all files.
    public var rejected: [String: Int]
}

extension Workspace {
    /// Builds the cube on Apache Spark from raw GDELT files and replaces the workspace's cube with
    /// it, atomically, only once the job has succeeded and its output has been checked; a
    /// failed job leaves the existing cube as it was.
    ///
    /// The job (`Resources/Spark/entente_cube_job.py`) applies the rules ``CubeRules`` renders,
    /// so its cube equals the native engine's byte for byte. It builds a whole cube from its
    /// inputs: the result has no store link (like `cube build` into an empty home), and a cube
    /// kept in step with a store is refused rather than replaced.
    ///
    /// - Parameter onProgress: lines to show the user (the Spark UI's address, stage progress,
    ///   rejected rows by reason).
    /// - Throws: ``EntenteError``: no `spark-submit` or Java, a missing path, a failed job
    ///   (naming Spark's log), or output that breaks the contract.
    /// - Complexity: the job's; locally O(cells + keys) to assemble and write the cube.
    public func buildCubeOnSpark(_ request: SparkCubeRequest, onProgress: (String) -> Void = { _ in }) throws -> SparkCubeBuildSummary {
        let started = Date()
        let environment = ProcessInfo.processInfo.environment
        if hasCube {
            let link = try DyadCube.link(of: cubePath).storeLink
            guard link.storeID.isEmpty else {
                throw EntenteError(
                    .invalidArgument,
                    "the cube is kept in step with the store (`entente ingest`); the Spark engine builds a whole cube from raw "
                        + "files and would replace it: build into another home (--home or ENTENTE_HOME)", file: cubePath)
            }
            onProgress("note: the cube at \(cubePath) will be replaced by the Spark-built cube if the job succeeds")
        }
        var inputs: [[String: String]] = []
        for path in request.paths {
            if Self.isURI(path) {
                inputs.append(["uri": path])
            } else {
                let files = try EventFileReader.expand([path]) { path, reason in warn("warning: skipped \(path): \(reason)\n") }
                inputs += files.map { ["file": $0.standardizedFileURL.path] }
            }
        }
        let submit = try SparkSubmit.locate(flag: request.sparkSubmit, environment: environment)
        _ = try SparkSubmit.java(environment: environment)
        guard let job = SparkSubmit.jobScript else {
            throw EntenteError(.fileNotFound, "the Spark job is missing from Entente's resources (Spark/entente_cube_job.py)")
        }

        let cubeFolder = (cubePath as NSString).deletingLastPathComponent
        let folder = (cubeFolder as NSString).appendingPathComponent("spark-job-\(getpid())-\(UUID().uuidString.prefix(8))")
        let output = (folder as NSString).appendingPathComponent("output")
        let log = (cubeFolder as NSString).appendingPathComponent("spark-last.log")
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw EntenteError(.unreadableFile, "cannot create the job folder", file: folder, underlying: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rules = (folder as NSString).appendingPathComponent("rules.json")
        let manifest = (folder as NSString).appendingPathComponent("manifest.json")
        try Self.write(CubeRules.json(), to: rules)
        let manifestValue = SparkManifest(
            rules: rules, output: output, partitions: request.partitions, appName: "entente cube build", inputs: inputs,
            sharedOutput: Self.isLoopback(request.master))
        try Self.write(Array(try JSONEncoder().encode(manifestValue)), to: manifest)

        var childEnvironment = environment
        var arguments = [
            "--master", request.master, "--name", "entente cube build",
            "--driver-memory", environment["ENTENTE_SPARK_DRIVER_MEMORY"] ?? "2g",
            "--conf", "spark.ui.showConsoleProgress=false",
            "--conf", "spark.sql.shuffle.partitions=\(request.partitions)",
            "--conf", "spark.sql.catalogImplementation=in-memory",
        ]
        if childEnvironment["PYSPARK_PYTHON"] == nil, let python = SparkSubmit.python(environment: environment) {
            childEnvironment["PYSPARK_PYTHON"] = python
        }
        if Self.isLoopback(request.master) {
            childEnvironment["SPARK_LOCAL_IP"] = childEnvironment["SPARK_LOCAL_IP"] ?? "127.0.0.1"
            arguments += ["--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1"]
        }
        arguments += [job.path, "--manifest", manifest]

        var info = SparkJobInfo(
            master: request.master, application: "", ui: nil, version: "", submit: submit, partitions: request.partitions, log: log,
            rejected: [:])
        var lastError: String?
        let status = try SparkSubmit.run(submit, arguments, environment: childEnvironment, log: log) { line in
            guard let event = SparkEvent(line: line) else { return }
            if let ui = event.ui { info.ui = ui }
            if let app = event.application { info.application = app }
            if let version = event.version { info.version = version }
            if let rejected = event.rejected { info.rejected = rejected }
            if let message = event.errorMessage { lastError = message }
            if let text = event.text { onProgress(text) }
        }
        let done = (output as NSString).appendingPathComponent("done")
        guard status == 0, FileManager.default.fileExists(atPath: done) else {
            let tail = Self.tail(of: log, lines: 12)
            throw EntenteError(
                .storeFailure,
                "the Spark job failed (spark-submit exited with status \(status)); the cube was left as it was. "
                    + (lastError.map { "Spark said: \($0). " } ?? "") + "Spark's log: \(log)" + (tail.isEmpty ? "" : "\n" + tail))
        }

        let (cube, results) = try Self.assembleSparkOutput(output: output)
        let report = CubeBuildReport(
            files: results, threads: request.partitions, seconds: Date().timeIntervalSince(started),
            bytes: results.filter { $0.status == .added }.reduce(0) { $0 + $1.bytes })
        try cube.write(to: cubePath)
        if let export = request.export { try Self.write(cube.csvBytes(), to: export) }
        return SparkCubeBuildSummary(build: CubeBuildSummary(report: report, cube: cube, path: cubePath), spark: info)
    }

    /// The job's outputs (cells, keys, per-file results) as a cube and per-file results.
    ///
    /// - Throws: ``EntenteError`` naming the output that is missing or breaks the contract.
    public static func assembleSparkOutput(output: String) throws -> (DyadCube, [CubeFileResult]) {
        func read(_ name: String) throws -> [UInt8] {
            let path = (output as NSString).appendingPathComponent(name)
            do { return Array(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)) } catch {
                throw EntenteError(.unreadableFile, "the Spark job's output is missing", file: path, underlying: error.localizedDescription)
            }
        }
        let filesPath = (output as NSString).appendingPathComponent("files.json")
        let files: [SparkFileResult]
        do { files = try JSONDecoder().decode(SparkFiles.self, from: Data(read("files.json"))).files } catch let error as EntenteError {
            throw error
        } catch {
            throw EntenteError(
                .malformedRow, "the Spark job's file results are not what Entente expects", file: filesPath, underlying: "\(error)")
        }
        let results = try files.map { try $0.result(file: filesPath) }
        let cube = try DyadCube.assembled(
            cells: read("cells.tsv"), oneADayKeys: read("one-a-day.tsv"), eventIDs: read("event-ids.tsv"),
            fingerprints: results.filter { $0.status == .added }.compactMap(\.fingerprint), source: output)
        return (cube, results)
    }

    /// Whether a path is a URI for Spark (`scheme://…`) rather than a local path.
    static func isURI(_ path: String) -> Bool {
        guard let range = path.range(of: "://") else { return false }
        let scheme = path[..<range.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) } && scheme.first!.isLetter
    }

    /// Whether the master runs on this machine's loopback (the driver then binds to 127.0.0.1).
    static func isLoopback(_ master: String) -> Bool {
        master.hasPrefix("local") || master.hasPrefix("spark://127.") || master.hasPrefix("spark://localhost")
    }

    static func tail(of path: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).map { "  " + $0 }.joined(separator: "\n")
    }
}

/// What Entente hands the job.
struct SparkManifest: Encodable {
    var rules: String
    var output: String
    var partitions: Int
    var appName: String
    var inputs: [[String: String]]
    /// Whether the executors write to the driver's file system (a local or loopback master);
    /// otherwise the outputs stream to the driver.
    var sharedOutput: Bool
}

struct SparkFiles: Decodable {
    var files: [SparkFileResult]
}

/// One file's result as the job writes it.
struct SparkFileResult: Decodable {
    var path: String
    var status: String
    var format: String?
    var fingerprint: String?
    var bytes: Int64
    var rowsRead: Int
    var parsed: Int
    var issues: [String: Int]
    var examples: [String: [Int]]
    var duplicates: Int
    var message: String?

    func result(file: String) throws -> CubeFileResult {
        guard let status = CubeFileResult.Status(rawValue: status) else {
            throw EntenteError(.malformedRow, "unknown file status '\(status)' in the Spark job's results", file: file)
        }
        var counts = RowCounts()
        counts.rowsRead = rowsRead
        counts.parsed = parsed
        for (text, n) in issues {
            guard let issue = RowIssue(rawValue: text) else {
                throw EntenteError(.malformedRow, "unknown row issue '\(text)' in the Spark job's results", file: file)
            }
            counts.issues[issue] = n
            counts.examples[issue] = examples[text] ?? []
        }
        // Local files are shown by path, as the native engine does.
        let shown = path.hasPrefix("file:") ? URL(string: path)?.path ?? path : path
        return CubeFileResult.reported(
            path: shown, status: status, format: format.flatMap(EventFormat.init(rawValue:)), fingerprint: fingerprint, bytes: bytes,
            counts: counts, duplicates: duplicates, message: message)
    }
}

/// One `ENTENTE-SPARK {json}` line of the job's standard output.
struct SparkEvent {
    var event: String
    var fields: [String: Any]

    init?(line: String) {
        let prefix = "ENTENTE-SPARK "
        guard line.hasPrefix(prefix), let data = line.dropFirst(prefix.count).data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let event = object["event"] as? String
        else { return nil }
        self.event = event
        fields = object
    }

    var ui: String? { event == "started" ? fields["ui"] as? String : nil }
    var application: String? { event == "started" ? fields["app"] as? String : nil }
    var version: String? { event == "started" ? fields["version"] as? String : nil }
    var rejected: [String: Int]? { event == "rows" ? fields["rejected"] as? [String: Int] : nil }
    var errorMessage: String? { event == "error" ? fields["message"] as? String : nil }

    /// The line to show the user.
    var text: String? {
        func int(_ key: String) -> Int { fields[key] as? Int ?? 0 }
        func reasons(_ key: String) -> String {
            let counts = (fields[key] as? [String: Int] ?? [:]).sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            return counts.isEmpty ? "none" : counts.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        switch event {
        case "started":
            return "spark: \(fields["version"] as? String ?? "?") on \(fields["master"] as? String ?? "?"), application "
                + "\(fields["app"] as? String ?? "?"); Spark UI: \(fields["ui"] as? String ?? "none")"
        case "files": return "spark: reading \(int("count")) file(s)"
        case "stage":
            let failed = int("failed") > 0 ? ", \(int("failed")) failed" : ""
            return "spark: stage \(int("id")) (\(fields["name"] as? String ?? "")): \(int("done"))/\(int("total")) tasks done, "
                + "\(int("active")) running\(failed)"
        case "rows":
            return "spark: \(int("read")) rows read, \(int("parsed")) parsed; rejected by reason: \(reasons("rejected")); "
                + "skipped: \(reasons("skipped"))"
        case "phase": return "spark: \(fields["name"] as? String ?? "")"
        case "done": return "spark: job done in \(fields["seconds"] as? Double ?? 0) s"
        case "error": return "spark: error: \(fields["message"] as? String ?? "")"
        default: return nil
        }
    }
}
