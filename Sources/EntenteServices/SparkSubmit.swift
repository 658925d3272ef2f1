public import EntenteCore
public import Foundation

/// Finding and running `spark-submit` through Foundation's `Process`.
public enum SparkSubmit {
    /// The PySpark job shipped with Entente (`Resources/Spark/entente_cube_job.py`).
    public static var jobScript: URL? {
        Bundle.module.url(forResource: "entente_cube_job", withExtension: "py", subdirectory: "Spark")
    }

    /// Where `spark-submit` is, in this order: the `--spark-submit` flag, `$SPARK_HOME/bin`,
    /// `PATH`, the `bin` folder of the `pyspark` package (`pip install pyspark`).
    ///
    /// - Parameters:
    ///   - flag: the path the user gave, if any.
    ///   - environment: the environment to read `SPARK_HOME`, `PATH` and `PYSPARK_PYTHON` from.
    /// - Returns: an executable path.
    /// - Throws: ``EntenteError`` `file-not-found` when none is found (saying each place looked
    ///   at and how to install one), or when the flag names no executable.
    public static func locate(flag: String?, environment: [String: String]) throws -> String {
        if let flag {
            guard isExecutable(flag) else {
                throw EntenteError(.fileNotFound, "--spark-submit does not name an executable file", file: flag)
            }
            return flag
        }
        if let home = environment["SPARK_HOME"], !home.isEmpty {
            let path = (home as NSString).appendingPathComponent("bin/spark-submit")
            if isExecutable(path) { return path }
        }
        if let path = onPath("spark-submit", environment: environment) { return path }
        if let python = python(environment: environment), let folder = pysparkFolder(python: python, environment: environment) {
            let path = (folder as NSString).appendingPathComponent("bin/spark-submit")
            if isExecutable(path) { return path }
        }
        throw EntenteError(
            .fileNotFound,
            "no spark-submit found (looked at --spark-submit, $SPARK_HOME/bin, PATH and the pyspark package): "
                + "install one with `pip install pyspark`, set SPARK_HOME, or pass --spark-submit PATH")
    }

    /// The Java launcher Spark will use (`$JAVA_HOME/bin/java` or `java` on `PATH`).
    ///
    /// - Throws: ``EntenteError`` `file-not-found` when there is none: Spark needs Java 17 or later.
    public static func java(environment: [String: String]) throws -> String {
        if let home = environment["JAVA_HOME"], !home.isEmpty {
            let path = (home as NSString).appendingPathComponent("bin/java")
            if isExecutable(path) { return path }
        }
        if let path = onPath("java", environment: environment) { return path }
        throw EntenteError(.fileNotFound, "no Java found (JAVA_HOME or java on PATH): Spark needs Java 17 or later")
    }

    /// The Python that runs the job's workers: `$PYSPARK_PYTHON`, else `python3` on `PATH`.
    public static func python(environment: [String: String]) -> String? {
        if let p = environment["PYSPARK_PYTHON"], !p.isEmpty { return p.contains("/") ? p : onPath(p, environment: environment) }
        return onPath("python3", environment: environment)
    }

    static func pysparkFolder(python: String, environment: [String: String]) -> String? {
        let probe = "import os, pyspark; print(os.path.dirname(pyspark.__file__))"
        guard let out = try? capture(python, ["-c", probe], environment: environment), out.status == 0 else { return nil }
        let folder = out.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return folder.isEmpty ? nil : folder
    }

    static func isExecutable(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    static func onPath(_ name: String, environment: [String: String]) -> String? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let path = (String(folder) as NSString).appendingPathComponent(name)
            if isExecutable(path) { return path }
        }
        return nil
    }

    /// Runs a short command and returns its standard output.
    static func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, text: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `spark-submit`: each line of its standard output goes to `onLine` as it comes, its
    /// standard error to `log`.
    ///
    /// - Returns: the exit status.
    /// - Throws: ``EntenteError`` `unreadable-file` when it cannot be started.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], log: String, onLine: (String) -> Void
    ) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: log, contents: nil), let logHandle = FileHandle(forWritingAtPath: log) else {
            throw EntenteError(.unreadableFile, "cannot write Spark's log", file: log)
        }
        defer { try? logHandle.close() }
        process.standardError = logHandle
        do { try process.run() } catch {
            throw EntenteError(.unreadableFile, "cannot start spark-submit", file: executable, underlying: error.localizedDescription)
        }
        let reader = pipe.fileHandleForReading
        var pending: [UInt8] = []
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            while let nl = pending.firstIndex(of: 0x0A) {
                onLine(String(decoding: pending[..<nl], as: UTF8.self))
                pending.removeSubrange(...nl)
            }
        }
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
