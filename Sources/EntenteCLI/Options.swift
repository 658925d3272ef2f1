public import ArgumentParser
public import EntenteCore
public import EntenteServices
import Foundation

/// Options every command that reads or writes the store takes.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store folder.", discussion: "Defaults to $ENTENTE_HOME, or .entente in the working directory.", valueName: "dir"))
    var home: String?
}

/// Options of every command that reads the knowledge base.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: .customLong("kb"),
        help: ArgumentHelp(
            "A knowledge-base folder that extends or overrides the shipped one (repeatable; also $ENTENTE_KB, colon-separated).",
            valueName: "dir"))
    var folders: [String] = []
}

/// The workspace a command works in; warnings go to standard error.
func workspace(_ store: StoreOptions?, _ knowledge: KnowledgeOptions? = nil) -> Workspace {
    // Options a command does not declare are never decoded: read only those it has.
    Workspace(
        home: store?.home, knowledgeFolders: knowledge?.folders ?? [],
        warn: { FileHandle.standardError.write(Data(Output.printableLines($0).utf8)) })
}

/// How a command prints its answer.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Table or JSON.
enum TextFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Runs a command body, turning Entente's errors into a clear message and exit code 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as EntenteError {
        FileHandle.standardError.write(Data("error: \(Output.printableLines(error.description))\n".utf8))
        throw ExitCode(1)
    }
}

func parseMonth(_ text: String?, option: String) throws -> Month? {
    guard let text else { return nil }
    guard let month = Month(text) else {
        throw ValidationError("\(option) takes a month as YYYY-MM (for example 2023-09), not '\(text)'.")
    }
    return month
}

/// Checks the environment variables that tune reading and writing: `ENTENTE_MAX_LINE_BYTES`
/// (bytes, within ``LineSplitter/maxLineBytesRange``) and `ENTENTE_BUSY_TIMEOUT` (seconds, 0 to
/// 86,400). The library falls back to the defaults for invalid values; the CLI says so instead.
func validateEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    if let text = environment["ENTENTE_MAX_LINE_BYTES"] {
        let range = LineSplitter.maxLineBytesRange
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ValidationError(
                "ENTENTE_MAX_LINE_BYTES takes a number of bytes between \(range.lowerBound) and \(range.upperBound), not '\(text)'.")
        }
    }
    if let text = environment["ENTENTE_BUSY_TIMEOUT"] {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...86_400).contains(value) else {
            throw ValidationError("ENTENTE_BUSY_TIMEOUT takes a number of seconds between 0 and 86400, not '\(text)'.")
        }
    }
}

/// Checks a numeric option against the range the services accept (``RequestLimits``).
func validateNumber(_ value: Int, in range: ClosedRange<Int>, _ option: String, unit: String = "") throws {
    guard range.contains(value) else {
        throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound)\(unit), not \(value).")
    }
}

/// Checks a `--from`/`--to` pair of months: each well formed, and `from` not after `to`.
func validateRange(_ from: String?, _ to: String?) throws {
    let first = try parseMonth(from, option: "--from"), last = try parseMonth(to, option: "--to")
    if let first, let last, first > last { throw ValidationError("--from \(first) is after --to \(last).") }
}

func resolveCountry(_ text: String) throws -> Country {
    do {
        return try Country.resolve(text)
    } catch {
        throw ValidationError(error.message)
    }
}

/// Prints text to standard output, or writes it to a file.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        print(text, terminator: "")
        return
    }
    try Workspace.write(Array(text.utf8), to: path)
}

extension Dataset: ExpressibleByArgument {}
extension Scenario.Path: ExpressibleByArgument {}
extension IngestFormat: ExpressibleByArgument {}
extension SeriesKind: ExpressibleByArgument {}
extension ChangesRequest.Transform: ExpressibleByArgument {}
extension TimelineRequest.StoreEvents: ExpressibleByArgument {}
