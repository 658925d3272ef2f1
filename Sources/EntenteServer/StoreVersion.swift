import EntenteServices
import Foundation
import ServiceLifecycle
import Synchronization

/// What an answer depends on: a digest of the store's status (files, rows, events, series,
/// structural layers, cube drift), the cube file's size, modification time and inode, a
/// generation bumped by this server's own writes, and a nonce of this process.
///
/// The status is read again by ``StoreWatcher`` when the store's files change size (a write by
/// the CLI), at most every few seconds; the server's own writes bump the generation at once. File
/// times of the SQLite files are not used: every read touches them (a connection's checkpoint on
/// close), which would make each tag new.
final class StoreVersion: Sendable {
    /// The store and its write-ahead log: a change of size prompts a new status digest.
    let watchedFiles: [String]
    /// Files whose size, time and inode count directly (written only by writes).
    private let timedFiles: [String]
    private let nonce = UInt64.random(in: 0...UInt64.max)
    private let generation = Atomic<Int>(0)
    private let content = Atomic<UInt64>(0)

    init(watchedFiles: [String], timedFiles: [String]) {
        self.watchedFiles = watchedFiles
        self.timedFiles = timedFiles
    }

    /// Marks a change by this server (an ingest, a knowledge-base entry saved).
    func bump() { generation.add(1, ordering: .relaxed) }

    var currentGeneration: Int { generation.load(ordering: .relaxed) }

    /// Records the digest of the store's status.
    func setContent(_ digest: UInt64) { content.store(digest, ordering: .relaxed) }

    /// A strong entity tag for `resource` (method, path and canonical query) in the current state.
    func etag(for resource: String) -> String {
        var hash = FNV1a()
        hash.add(nonce)
        hash.add(UInt64(truncatingIfNeeded: generation.load(ordering: .relaxed)))
        hash.add(content.load(ordering: .relaxed))
        for file in timedFiles {
            var info = stat()
            guard stat(file, &info) == 0 else {
                hash.add(UInt64(0))
                continue
            }
            hash.add(UInt64(bitPattern: Int64(info.st_size)))
            hash.add(UInt64(truncatingIfNeeded: info.st_ino))
            hash.add(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
            hash.add(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
        }
        hash.add(resource)
        return "\"" + String(hash.value, radix: 16) + "\""
    }

    /// The sizes of the watched files (0 when absent).
    func sizes() -> [Int64] {
        watchedFiles.map { file in
            var info = stat()
            return stat(file, &info) == 0 ? Int64(info.st_size) : 0
        }
    }
}

/// Keeps ``StoreVersion``'s status digest current: reads the store's status at start, after each
/// of this server's writes, and when the store's files change size (at most every
/// `minimumInterval`), on the service pool.
struct StoreWatcher: Service {
    let api: EntenteAPI
    var pollInterval: Duration = .seconds(1)
    var minimumInterval: Duration = .seconds(5)

    /// Digests the status once, before the server takes requests (so that the first answers'
    /// tags do not all change a second later).
    static func prime(_ api: EntenteAPI) {
        guard let text = try? JSONText.encode(api.workspace.status()) else { return }
        var hash = FNV1a()
        hash.add(text)
        api.version.setContent(hash.value)
    }

    func run() async throws {
        var lastSizes = api.version.sizes()
        var lastGeneration = api.version.currentGeneration
        var lastRefresh = ContinuousClock.now
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let sizes = api.version.sizes(), generation = api.version.currentGeneration
                let due = ContinuousClock.now - lastRefresh >= minimumInterval
                if generation != lastGeneration || (sizes != lastSizes && due) {
                    lastSizes = sizes
                    lastGeneration = generation
                    lastRefresh = .now
                    await refresh()
                }
                try? await Task.sleep(for: pollInterval)
            }
        } onGracefulShutdown: {
        }
    }

    /// Digests the status (without the store's path); a failure leaves the digest as it was.
    func refresh() async {
        let workspace = api.workspace
        guard let text = try? await api.runner.run(timeout: .seconds(120), { try JSONText.encode(workspace.status()) }) else { return }
        var hash = FNV1a()
        hash.add(text)
        api.version.setContent(hash.value)
    }
}

/// 64-bit FNV-1a: enough to tell states apart, not a security hash.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }

    mutating func add(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
        add(UInt8(0))
    }
}
