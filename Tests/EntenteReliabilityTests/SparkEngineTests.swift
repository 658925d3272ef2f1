import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// `cube build --engine spark` through the real executable equals the native `cube build`, byte
/// for byte, on every real GDELT sample: with `local[2]`, and with the standalone cluster named by
/// `ENTENTE_SPARK_MASTER` (`scripts/ci-spark start` sets it). Skipped, saying why, without
/// pyspark or Java.
@Suite(.serialized, .timeLimit(.minutes(10))) struct SparkEngineTests {
    /// Why the Spark tests cannot run here; `nil` when they can.
    static let missing: String? = {
        let env = ProcessInfo.processInfo.environment
        if (try? SparkSubmit.java(environment: env)) == nil { return "no Java (JAVA_HOME or java on PATH): Spark needs Java 17" }
        if (try? SparkSubmit.locate(flag: nil, environment: env)) == nil {
            return "no spark-submit (pip install pyspark, or SPARK_HOME): run scripts/ci-spark start"
        }
        if !SharedData.isAvailable { return SharedData.missingMessage }
        return nil
    }()

    static var canRun: Bool {
        if let missing { print("SparkEngineTests skipped: \(missing)") }
        return missing == nil
    }

    static var clusterMaster: String? {
        guard let m = ProcessInfo.processInfo.environment["ENTENTE_SPARK_MASTER"], !m.isEmpty else {
            print("SparkEngineTests: ENTENTE_SPARK_MASTER is not set; the standalone-cluster run is skipped (scripts/ci-spark start)")
            return nil
        }
        return m
    }

    /// Runs `entente` with its output in files (Spark's progress can fill a pipe).
    /// … on its own thread (`offThePool`): a Spark build blocks for a minute or more.
    static func entente(_ args: [String], home: URL, folder: TemporaryFolder, name: String) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        try await offThePool { try ententeBlocking(args, home: home, folder: folder, name: name) }
    }

    static func ententeBlocking(_ args: [String], home: URL, folder: TemporaryFolder, name: String) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let out = folder.url.appendingPathComponent("\(name).out"), err = folder.url.appendingPathComponent("\(name).err")
        let quoted = ([Binary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let run = try runProcess(
            "/bin/sh", ["-c", "\(quoted) >'\(out.path)' 2>'\(err.path)'"], environment: ["ENTENTE_HOME": home.path, "ENTENTE_KB": ""])
        return (
            run.status, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    /// Builds natively and on Spark from the same inputs and compares the exports and statuses.
    static func checkEqual(master: String, spark sparkInputs: [String], native nativeInputs: [String]) async throws {
        let folder = TemporaryFolder()
        let nativeCSV = folder.url.appendingPathComponent("native.csv").path
        let sparkCSV = folder.url.appendingPathComponent("spark.csv").path
        let native = try await entente(
            ["cube", "build"] + nativeInputs + ["--export", nativeCSV], home: folder.url.appendingPathComponent("native"), folder: folder,
            name: "native")
        #expect(native.status == 0, "native: \(native.stderr)")
        let sparkHome = folder.url.appendingPathComponent("spark")
        let spark = try await entente(
            ["cube", "build", "--engine", "spark", "--spark-master", master, "--partitions", "4"] + sparkInputs + ["--export", sparkCSV],
            home: sparkHome, folder: folder, name: "spark")
        #expect(spark.status == 0, "spark on \(master): \(spark.stderr.suffix(3000))")
        let a = try Data(contentsOf: URL(fileURLWithPath: nativeCSV))
        let b = try Data(contentsOf: URL(fileURLWithPath: sparkCSV))
        #expect(a.count > 1000)
        #expect(a == b, "the Spark cube on \(master) differs from the native cube")
        #expect(spark.stderr.contains("Spark UI:") && spark.stderr.contains("rejected by reason") && spark.stderr.contains("tasks done"))
        #expect(spark.stdout.contains("Engine: Spark"))
        // The same key sets and file log: `cube status` agrees.
        let ns = try await entente(["cube", "status"], home: folder.url.appendingPathComponent("native"), folder: folder, name: "ns")
        let ss = try await entente(["cube", "status"], home: sparkHome, folder: folder, name: "ss")
        #expect(ns.stdout.split(separator: "\n").dropFirst().joined() == ss.stdout.split(separator: "\n").dropFirst().joined())
        print("SparkEngineTests: \(master): cube export equals native (\(a.count) bytes, \(a.split(separator: 0x0A).count) lines)")
    }

    static var samples: [String] {
        SharedData.eventSampleFiles.filter { !$0.path.contains("/icews/") }.map(\.path)
    }

    /// Every real sample with `local[2]`: GDELT 1.0 as local paths, the GDELT 2.0 folder as a
    /// `file://` URI that Spark's Hadoop layer expands.
    @Test(.enabled(if: canRun)) func localEqualsNativeOnEveryRealSample() async throws {
        let gdelt1 = Self.samples.filter { $0.contains("gdelt1-samples") }
        let folder = SharedData.url("gdelt2-samples").path
        try await Self.checkEqual(master: "local[2]", spark: gdelt1 + ["file://" + folder], native: gdelt1 + [folder])
    }

    @Test(.enabled(if: canRun)) func clusterEqualsNativeOnEveryRealSample() async throws {
        guard let master = Self.clusterMaster else { return }
        try await Self.checkEqual(master: master, spark: Self.samples, native: Self.samples)
    }
}
