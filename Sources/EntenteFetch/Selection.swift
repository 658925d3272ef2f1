public import Foundation

/// Which files of a list a run wants: the kinds asked for, in the time window, each name once.
public struct Selection: Sendable {
    /// The files to have, oldest first.
    public var files: [RemoteFile] = []
    /// Lines of the list read.
    public var listed = 0
    /// Files left out because of their kind (mentions, GKG, …), by kind.
    public var otherKinds: [String: Int] = [:]
    /// Files of a wanted kind outside the window.
    public var outOfRange = 0
    /// Names without a timestamp GDELT uses.
    public var unnamed = 0
    /// Lines that could not be read.
    public var problems: [FileList.Problem] = []

    public init() {}

    /// Considers one file of the list.
    public mutating func consider(_ file: RemoteFile, kinds: Set<GDELTFileKind>, window: FetchWindow) {
        listed += 1
        let kind = file.kind
        guard kinds.contains(kind) else {
            otherKinds[kind.rawValue, default: 0] += 1
            return
        }
        guard let span = FileTimeSpan(fileName: file.name) else {
            unnamed += 1
            return
        }
        guard window.contains(span) else {
            outOfRange += 1
            return
        }
        files.append(file)
    }

    /// Sorts by time and keeps the first entry of a name listed twice.
    public mutating func finish() {
        var seen = Set<String>()
        files = files.filter { seen.insert($0.name).inserted }
        files.sort { (FileTimeSpan(fileName: $0.name)?.start ?? 0, $0.name) < (FileTimeSpan(fileName: $1.name)?.start ?? 0, $1.name) }
    }
}

extension FileList {
    /// Calls `body` with each line of a file (without its newline) and its 1-based number,
    /// reading 1 MiB at a time: a list of hundreds of megabytes is never held whole.
    ///
    /// - Throws: ``FetchError`` `cache-failure` when the file cannot be read.
    public static func forEachLine(ofFile path: String, _ body: (Substring, Int) -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FetchError(.cacheFailure, "cannot read the list", location: path)
        }
        defer { try? handle.close() }
        var carry = Data()
        var number = 0
        func emit(_ bytes: Data) {
            number += 1
            body(Substring(String(decoding: bytes, as: UTF8.self)), number)
        }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw FetchError(.cacheFailure, "cannot read the list", location: path, underlying: "\(error)")
            }
            if chunk.isEmpty { break }
            carry.append(chunk)
            var start = carry.startIndex
            while let nl = carry[start...].firstIndex(of: UInt8(ascii: "\n")) {
                emit(carry[start..<nl])
                start = carry.index(after: nl)
            }
            carry = Data(carry[start...])
        }
        if !carry.isEmpty { emit(carry) }
    }

    /// Reads a GDELT 2.0 list file (`SIZE MD5 URL` lines) into a selection.
    public static func select(
        masterList path: String, base: URL?, kinds: Set<GDELTFileKind>, window: FetchWindow
    ) throws -> Selection {
        var selection = Selection()
        try forEachLine(ofFile: path) { line, number in
            do {
                if let file = try parseMasterLine(line, base: base) { selection.consider(file, kinds: kinds, window: window) }
            } catch {
                selection.problems.append(
                    Problem(line: number, text: String(line.prefix(200)), reason: (error as? ListLineError)?.reason ?? "\(error)"))
            }
        }
        selection.finish()
        return selection
    }

    /// Reads a GDELT 1.0 index page (or a `SIZE MD5 URL` list) into a selection.
    public static func select(index path: String, base: URL?, kinds: Set<GDELTFileKind>, window: FetchWindow) throws -> Selection {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FetchError(.cacheFailure, "cannot read the index", location: path)
        }
        let parsed = parseIndex(String(decoding: data, as: UTF8.self), base: base)
        var selection = Selection()
        selection.problems = parsed.problems
        for file in parsed.files { selection.consider(file, kinds: kinds, window: window) }
        selection.finish()
        return selection
    }
}
