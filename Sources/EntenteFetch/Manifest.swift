import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The record of verified files in a cache folder: `manifest.jsonl`, one JSON object a line,
/// appended as each file verifies or is ingested, so a killed run loses at most the line it was
/// writing (a torn last line is ignored when read).
///
/// ```
/// {"event":"verified","name":"20190121220000.export.CSV.zip","url":"http://…","size":301234,
///  "md5":"…","sha256":"…","at":"2025-01-01T10:00:00Z"}
/// {"event":"ingested","name":"20190121220000.export.CSV.zip","sha256":"…","store":"/home/u/.entente/entente.sqlite",
///  "kept":812,"duplicates":3,"at":"…"}
/// ```
/// A file is *had* when its latest `verified` line matches the list's size and MD5 and the file
/// is still in the cache (or was already ingested into the store in question).
public final class Manifest: Sendable {
    /// One line of the manifest.
    public struct Entry: Codable, Sendable, Equatable {
        public var event: String
        public var name: String
        public var url: String?
        public var size: Int64?
        public var md5: String?
        public var sha256: String?
        public var store: String?
        public var kept: Int?
        public var duplicates: Int?
        public var at: String
    }

    public static let fileName = "manifest.jsonl"

    /// The manifest file.
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var verified: [String: Entry] = [:]
        var ingested: [String: Set<String>] = [:]
        var handle: FileHandle?
    }

    /// Opens (or starts) the manifest of a cache folder.
    ///
    /// - Throws: ``FetchError`` `cache-failure` when the folder or file cannot be written.
    public init(folder: String) throws {
        path = (folder as NSString).appendingPathComponent(Manifest.fileName)
        var state = State()
        if let data = FileManager.default.contents(atPath: path) {
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
                switch entry.event {
                case "verified": state.verified[entry.name] = entry
                case "ingested": state.ingested[entry.name, default: []].insert(entry.store ?? "")
                case "removed": state.verified[entry.name] = nil
                default: break
                }
            }
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw FetchError(.cacheFailure, "cannot create the manifest", location: path)
            }
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            // A torn last line (a killed run) must not swallow the next record.
            let end = try handle.seekToEnd()
            if end > 0, let data = FileManager.default.contents(atPath: path), data.last != UInt8(ascii: "\n") {
                try handle.write(contentsOf: Data("\n".utf8))
            }
            state.handle = handle
        } catch {
            throw FetchError(.cacheFailure, "cannot open the manifest for writing", location: path, underlying: "\(error)")
        }
        self.state = Mutex(state)
    }

    deinit {
        state.withLock { try? $0.handle?.close() }
    }

    /// The latest `verified` record of a file, if any.
    public func verified(_ name: String) -> Entry? { state.withLock { $0.verified[name] } }

    /// Every verified file's record.
    public var allVerified: [Entry] { state.withLock { Array($0.verified.values) } }

    /// Whether the file was ingested into the store at `store` (its path).
    public func wasIngested(_ name: String, into store: String) -> Bool {
        state.withLock { $0.ingested[name]?.contains(store) ?? false }
    }

    /// Records a verified file.
    public func recordVerified(_ file: RemoteFile, size: Int64, md5: String, sha256: String) throws {
        try append(
            Entry(event: "verified", name: file.name, url: file.url, size: size, md5: md5, sha256: sha256, at: Manifest.now()))
    }

    /// Records that a verified file was ingested into a store.
    public func recordIngested(_ name: String, store: String, sha256: String?, kept: Int, duplicates: Int) throws {
        try append(
            Entry(event: "ingested", name: name, sha256: sha256, store: store, kept: kept, duplicates: duplicates, at: Manifest.now()))
    }

    /// Forgets a file (its cached copy was found missing or corrupt).
    public func recordRemoved(_ name: String) throws {
        try append(Entry(event: "removed", name: name, at: Manifest.now()))
    }

    private func append(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(entry)
        data.append(UInt8(ascii: "\n"))
        try state.withLock { state in
            do {
                try state.handle?.write(contentsOf: data)
                try state.handle?.synchronize()
            } catch {
                throw FetchError(.cacheFailure, "cannot append to the manifest", location: path, underlying: "\(error)")
            }
            switch entry.event {
            case "verified": state.verified[entry.name] = entry
            case "ingested": state.ingested[entry.name, default: []].insert(entry.store ?? "")
            case "removed": state.verified[entry.name] = nil
            default: break
            }
        }
    }

    static func now() -> String { UTCTime.iso(Int64(Date().timeIntervalSince1970)) }
}

/// An exclusive lock on a cache folder (`.lock`, `flock`), so two runs (an overlapping cron job)
/// never write the same `.part` file. Released when the process ends, even if killed.
public final class CacheLock: Sendable {
    private let fd: Int32

    /// - Throws: ``FetchError`` `cache-busy` when another process holds the lock.
    public init(folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(".lock")
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw FetchError(.cacheFailure, "cannot create the lock file", location: path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw FetchError(
                .cacheBusy, "another entente fetch or update is using this cache; wait for it to finish (or use another --cache)",
                location: folder)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
