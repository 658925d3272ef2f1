import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// The version of Entente that the User-Agent names.
public enum EntenteVersion {
    public static let string = "0.1.0"
}

/// How the downloader talks to servers.
public struct DownloadConfiguration: Sendable {
    /// Sent with every request; names Entente and its version, as GDELT asks of bulk clients.
    public var userAgent: String
    public var retry: RetryPolicy
    /// Seconds to open a connection.
    public var connectTimeout: Int64
    /// Seconds without a byte before the transfer counts as stalled (and is retried, resumed).
    public var readTimeout: Int64
    /// Seconds one request may take in all (a slow but live transfer of a large file).
    public var requestDeadline: Int64

    public init(
        userAgent: String = DownloadConfiguration.defaultUserAgent, retry: RetryPolicy = .default, connectTimeout: Int64 = 15,
        readTimeout: Int64 = 60, requestDeadline: Int64 = 3600
    ) {
        self.userAgent = userAgent
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.requestDeadline = requestDeadline
    }

    public static let defaultUserAgent = "Entente/\(EntenteVersion.string) (political event data; AsyncHTTPClient)"
}

/// The cache folder of one source: verified files under their own names, `NAME.part` while a
/// download is under way, `quarantine/NAME` for files that failed verification.
public struct CacheFolder: Sendable {
    public let root: String

    /// - Throws: ``FetchError`` `cache-failure` when the folder cannot be created.
    public init(_ root: String) throws {
        self.root = root
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw FetchError(.cacheFailure, "cannot create the cache folder", location: root, underlying: "\(error)")
        }
    }

    public func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
    public func partPath(_ name: String) -> String { path(name) + ".part" }
    public func quarantinePath(_ name: String) -> String {
        ((root as NSString).appendingPathComponent("quarantine") as NSString).appendingPathComponent(name)
    }

    public static func size(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }
}

/// Why a file could not be had: a short code for the report's "failed by reason", and a message
/// naming the file.
public struct DownloadFailure: Sendable, Codable, Equatable, Error {
    /// `md5-mismatch`, `sha256-mismatch`, `size-mismatch`, `http-404` (any `http-STATUS`),
    /// `retries-exhausted`, `no-checksum`, `io-error`.
    public var reason: String
    public var message: String
    /// Where the bad copy was moved, for a file that failed verification.
    public var quarantined: String?
}

/// What downloading one file came to.
public struct DownloadResult: Sendable {
    public enum Outcome: Sendable {
        /// Verified and in the cache at `path`.
        case verified(path: String, md5: String, sha256: String)
        case failed(DownloadFailure)
    }

    public var file: RemoteFile
    public var outcome: Outcome
    /// Bytes received in this run (a resumed file counts only the rest).
    public var bytes: Int64
    public var attempts: Int
    /// The offset a partial download was resumed from (0 when it started afresh).
    public var resumedFrom: Int64
    public var seconds: Double
}

/// What a download is doing, for a progress display.
public enum DownloadEvent: Sendable {
    case started(name: String, size: Int64?, resumeFrom: Int64)
    /// Sent at most a few times a second per file.
    case bytes(name: String, received: Int64, size: Int64?)
    case retrying(name: String, attempt: Int, delay: Double, reason: String)
    case finished(DownloadResult)
}

/// Downloads files to a cache folder with resume, retries and verification, over AsyncHTTPClient.
///
/// Each file streams to `NAME.part` (memory stays at one network buffer), continues with a
/// `Range` request after a drop, and is renamed to `NAME` only once its size and digests match
/// the list. Call ``shutdown()`` when done.
public final class Downloader: Sendable {
    public let configuration: DownloadConfiguration
    private let client: HTTPClient

    public init(configuration: DownloadConfiguration = DownloadConfiguration()) {
        self.configuration = configuration
        var config = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(configuration.connectTimeout), read: .seconds(configuration.readTimeout)))
        config.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    // MARK: Many files

    /// Downloads files with at most `parallel` transfers at once, yielding each result as it is
    /// known (completion order). Cancelling the consumer cancels the downloads.
    public func downloadAll(
        _ files: [RemoteFile], cache: CacheFolder, parallel: Int, progress: @escaping @Sendable (DownloadEvent) -> Void
    ) -> AsyncStream<DownloadResult> {
        let (stream, continuation) = AsyncStream.makeStream(of: DownloadResult.self)
        let width = max(1, parallel)
        let task = Task {
            await withTaskGroup(of: DownloadResult.self) { group in
                var pending = files.makeIterator()
                for _ in 0..<width {
                    guard let file = pending.next() else { break }
                    group.addTask { await self.download(file, cache: cache, progress: progress) }
                }
                while let result = await group.next() {
                    continuation.yield(result)
                    if !Task.isCancelled, let file = pending.next() {
                        group.addTask { await self.download(file, cache: cache, progress: progress) }
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: One file

    /// Downloads one file to the cache and verifies it against the list's size and digests.
    public func download(_ file: RemoteFile, cache: CacheFolder, progress: @escaping @Sendable (DownloadEvent) -> Void) async
        -> DownloadResult
    {
        let started = Date()
        var result = DownloadResult(
            file: file, outcome: .failed(DownloadFailure(reason: "io-error", message: "")), bytes: 0, attempts: 0, resumedFrom: 0,
            seconds: 0)
        let outcome = await downloadVerified(file, cache: cache, result: &result, progress: progress)
        result.outcome = outcome
        result.seconds = Date().timeIntervalSince(started)
        progress(.finished(result))
        return result
    }

    private func downloadVerified(
        _ file: RemoteFile, cache: CacheFolder, result: inout DownloadResult, progress: @escaping @Sendable (DownloadEvent) -> Void
    ) async -> DownloadResult.Outcome {
        guard file.hasChecksum || file.size != nil else {
            return .failed(
                DownloadFailure(
                    reason: "no-checksum",
                    message: "\(file.name): the list gives neither a size nor a digest, so it cannot be verified (\(file.url))"))
        }
        let part = cache.partPath(file.name)
        var generator = SystemRandomNumberGenerator()
        var lastReason = ""
        var restartedAfterMismatch = false
        while result.attempts < configuration.retry.maxAttempts {
            result.attempts += 1
            let existing = CacheFolder.size(part) ?? 0
            if result.attempts == 1 || result.resumedFrom == 0 { result.resumedFrom = existing }
            let step = await transfer(file, to: part, progress: progress)
            result.bytes += step.bytes
            switch step.outcome {
            case .fatal(let failure):
                return .failed(failure)
            case .retry(let reason, let retryAfter, let immediate):
                lastReason = reason
                guard result.attempts < configuration.retry.maxAttempts else { break }
                let delay =
                    immediate ? 0 : configuration.retry.delay(afterAttempt: result.attempts, retryAfter: retryAfter, using: &generator)
                progress(.retrying(name: file.name, attempt: result.attempts, delay: delay, reason: reason))
                if delay > 0 {
                    do { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) } catch {
                        return .failed(DownloadFailure(reason: "cancelled", message: "\(file.name): cancelled while waiting to retry"))
                    }
                }
                continue
            case .complete:
                switch verify(file, part: part, cache: cache) {
                case .success(let digests):
                    return .verified(path: cache.path(file.name), md5: digests.md5, sha256: digests.sha256)
                case .failure(let failure):
                    // A resumed copy whose first part came from another version of the file: start once afresh.
                    if failure.reason.hasSuffix("-mismatch"), result.resumedFrom > 0, !restartedAfterMismatch {
                        restartedAfterMismatch = true
                        result.resumedFrom = 0
                        try? FileManager.default.removeItem(atPath: part)
                        progress(.retrying(name: file.name, attempt: result.attempts, delay: 0, reason: "\(failure.reason) after resume"))
                        continue
                    }
                    return .failed(quarantine(failure, part: part, cache: cache, name: file.name))
                }
            }
        }
        return .failed(
            DownloadFailure(
                reason: "retries-exhausted",
                message: "\(file.name): gave up after \(result.attempts) attempt(s), the last \(lastReason) (\(file.url)); "
                    + "the partial copy is kept and the next run resumes it"))
    }

    // MARK: Transfer

    enum Step {
        case complete
        case retry(reason: String, retryAfter: String?, immediate: Bool)
        case fatal(DownloadFailure)
    }

    /// One request: continues `part` from its size with a Range request, appends what comes.
    func transfer(_ file: RemoteFile, to part: String, progress: @escaping @Sendable (DownloadEvent) -> Void) async -> (
        outcome: Step, bytes: Int64
    ) {
        var existing = CacheFolder.size(part) ?? 0
        if let size = file.size, existing > size {
            try? FileManager.default.removeItem(atPath: part)
            existing = 0
        }
        if let size = file.size, existing == size, size > 0 { return (.complete, 0) }
        var request = HTTPClientRequest(url: file.url)
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if existing > 0 { request.headers.add(name: "Range", value: "bytes=\(existing)-") }
        var received: Int64 = 0
        do {
            let response = try await client.execute(request, deadline: .now() + .seconds(configuration.requestDeadline))
            let status = Int(response.status.code)
            var append = false
            switch status {
            case 206:
                guard existing > 0, let range = response.headers.first(name: "Content-Range"), Downloader.rangeStart(range) == existing
                else {
                    try? FileManager.default.removeItem(atPath: part)
                    return (.retry(reason: "unexpected Content-Range", retryAfter: nil, immediate: true), 0)
                }
                append = true
            case 200...299:
                append = false
            case 416:
                try? FileManager.default.removeItem(atPath: part)
                return (.retry(reason: "http-416 (range not satisfiable)", retryAfter: nil, immediate: true), 0)
            case _ where RetryPolicy.isRetryable(status: status):
                return (.retry(reason: "http-\(status)", retryAfter: response.headers.first(name: "Retry-After"), immediate: false), 0)
            default:
                return (
                    .fatal(
                        DownloadFailure(
                            reason: "http-\(status)",
                            message: "\(file.name): the server answered \(status) \(response.status.reasonPhrase) for \(file.url)")),
                    0
                )
            }
            if !append || !FileManager.default.fileExists(atPath: part) {
                guard FileManager.default.createFile(atPath: part, contents: nil) else {
                    return (.fatal(DownloadFailure(reason: "io-error", message: "\(part): cannot create the file")), 0)
                }
                existing = 0
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: part))
            defer { try? handle.close() }
            try handle.seekToEnd()
            progress(.started(name: file.name, size: file.size, resumeFrom: existing))
            var lastReport = Date.distantPast
            for try await buffer in response.body {
                try handle.write(contentsOf: Data(buffer.readableBytesView))
                received += Int64(buffer.readableBytes)
                if let size = file.size, existing + received > size {
                    // More than the list says: stop reading; verification reports the size.
                    break
                }
                let now = Date()
                if now.timeIntervalSince(lastReport) > 0.25 {
                    lastReport = now
                    progress(.bytes(name: file.name, received: existing + received, size: file.size))
                }
            }
            if let size = file.size, existing + received < size {
                return (
                    .retry(reason: "body ended at \(existing + received) of \(size) bytes", retryAfter: nil, immediate: false), received
                )
            }
            return (.complete, received)
        } catch let error as HTTPClientError {
            return (.retry(reason: Downloader.describe(error), retryAfter: nil, immediate: false), received)
        } catch let error as CocoaError {
            return (.fatal(DownloadFailure(reason: "io-error", message: "\(part): \(error.localizedDescription)")), received)
        } catch {
            return (.retry(reason: "connection: \(error)", retryAfter: nil, immediate: false), received)
        }
    }

    static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .readTimeout, .connectTimeout, .deadlineExceeded: "timeout (\(error))"
        case .remoteConnectionClosed: "connection dropped"
        default: "connection: \(error)"
        }
    }

    /// The first byte of a `Content-Range: bytes START-END/TOTAL` header.
    static func rangeStart(_ header: String) -> Int64? {
        guard let r = header.range(of: "bytes ") else { return nil }
        return header[r.upperBound...].split(separator: "-").first.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    // MARK: Verification

    struct Digests {
        var md5: String
        var sha256: String
    }

    /// Checks size and digests; on success renames `part` to its final name.
    func verify(_ file: RemoteFile, part: String, cache: CacheFolder) -> Result<Digests, DownloadFailure> {
        let size = CacheFolder.size(part) ?? 0
        if let expected = file.size, size != expected {
            return .failure(
                DownloadFailure(
                    reason: "size-mismatch", message: "\(file.name): size mismatch: the list says \(expected) bytes, received \(size)"))
        }
        let digests: Digests
        do { digests = try Downloader.digests(of: part) } catch {
            return .failure(DownloadFailure(reason: "io-error", message: "\(part): cannot read back the download (\(error))"))
        }
        if let md5 = file.md5, digests.md5 != md5 {
            return .failure(
                DownloadFailure(
                    reason: "md5-mismatch", message: "\(file.name): MD5 mismatch: the list says \(md5), the download is \(digests.md5)"))
        }
        if let sha = file.sha256, digests.sha256 != sha {
            return .failure(
                DownloadFailure(
                    reason: "sha256-mismatch", message: "\(file.name): SHA-256 mismatch: expected \(sha), the download is \(digests.sha256)"
                ))
        }
        let final = cache.path(file.name)
        do {
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: part, toPath: final)
        } catch {
            return .failure(DownloadFailure(reason: "io-error", message: "\(final): cannot move the verified file into place (\(error))"))
        }
        return .success(digests)
    }

    func quarantine(_ failure: DownloadFailure, part: String, cache: CacheFolder, name: String) -> DownloadFailure {
        var failure = failure
        let target = cache.quarantinePath(name)
        do {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: part, toPath: target)
            failure.quarantined = target
            failure.message += "; moved to \(target)"
        } catch {
            try? FileManager.default.removeItem(atPath: part)
            failure.message += "; removed (could not quarantine: \(error))"
        }
        return failure
    }

    /// MD5 and SHA-256 of a file, read in 1 MiB chunks.
    public static func digests(of path: String) throws -> (md5: String, sha256: String) {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var md5 = Insecure.MD5()
        var sha = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            md5.update(data: chunk)
            sha.update(data: chunk)
        }
        func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 { d.map { String(format: "%02x", $0) }.joined() }
        return (hex(md5.finalize()), hex(sha.finalize()))
    }

    static func digests(of path: String) throws -> Digests {
        let d: (md5: String, sha256: String) = try digests(of: path)
        return Digests(md5: d.md5, sha256: d.sha256)
    }

    // MARK: Lists

    /// Downloads a list (or any unverified file) to `destination`, with the same retries.
    ///
    /// - Throws: ``FetchError`` `list-unavailable` naming the URL and the last reason.
    public func fetchList(_ url: String, to destination: String) async throws {
        try? FileManager.default.removeItem(atPath: destination)
        let file = RemoteFile(url: url, name: (destination as NSString).lastPathComponent)
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        var last = ""
        while attempt < configuration.retry.maxAttempts {
            attempt += 1
            // A list has no size to resume against: each attempt starts afresh.
            try? FileManager.default.removeItem(atPath: destination)
            let step = await transfer(file, to: destination, progress: { _ in })
            switch step.outcome {
            case .complete: return
            case .fatal(let failure):
                throw FetchError(
                    .listUnavailable, "cannot download the file list: \(failure.reason)", location: url, underlying: failure.message)
            case .retry(let reason, let retryAfter, _):
                last = reason
                if attempt < configuration.retry.maxAttempts {
                    let delay = configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &generator)
                    try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                }
            }
        }
        throw FetchError(.listUnavailable, "cannot download the file list after \(attempt) attempt(s): \(last)", location: url)
    }
}
