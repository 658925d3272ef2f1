import Foundation
import NIOPosix
import Synchronization

/// Limits how many requests of one kind run at once: `limit` run, up to `queue` wait their turn,
/// and the rest are refused at once with 503 and `Retry-After`.
final class ConcurrencyGate: Sendable {
    let name: String
    let limit: Int
    let queue: Int

    private struct State {
        var running = 0
        var nextID = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    }
    private let state = Mutex(State())

    init(_ name: String, limit: Int, queue: Int) {
        self.name = name
        self.limit = limit
        self.queue = queue
    }

    /// Takes a slot, waiting in the queue if need be.
    ///
    /// - Throws: ``Problem`` 503 when the queue is full; `CancellationError` when the waiting
    ///   task is cancelled (its place in the queue is given up).
    func enter() async throws {
        enum Outcome { case entered, full, wait(Int) }
        let outcome: Outcome = state.withLock { s in
            if s.running < limit {
                s.running += 1
                return .entered
            }
            guard s.waiters.count < queue else { return .full }
            s.nextID += 1
            return .wait(s.nextID)
        }
        switch outcome {
        case .entered: return
        case .full: throw Problem.busy(name)
        case .wait(let id):
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let resumeNow: Bool = state.withLock { s in
                        if Task.isCancelled { return true }
                        // A slot may have been freed between the check above and now.
                        if s.running < limit {
                            s.running += 1
                            continuation.resume()
                            return false
                        }
                        s.waiters.append((id, continuation))
                        return false
                    }
                    if resumeNow { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let removed: CheckedContinuation<Void, any Error>? = state.withLock { s in
                    guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.waiters.remove(at: i).continuation
                }
                removed?.resume(throwing: CancellationError())
            }
        }
    }

    /// Gives the slot to the first waiter, or frees it.
    func leave() {
        let next: CheckedContinuation<Void, any Error>? = state.withLock { s in
            if s.waiters.isEmpty {
                s.running -= 1
                return nil
            }
            return s.waiters.removeFirst().continuation
        }
        next?.resume()
    }

    /// How many run now, and how many wait.
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiters.count) } }
}

extension Problem {
    static func busy(_ group: String) -> Problem {
        var problem = Problem(
            .serviceUnavailable, "busy",
            "too many \(group) requests are running or waiting; retry in a few seconds")
        problem.retryAfter = 5
        return problem
    }

    static func timeout(_ seconds: Int) -> Problem {
        var problem = Problem(
            .serviceUnavailable, "timeout",
            "the answer took longer than \(seconds) s; narrow the request (a shorter month range) or retry later")
        problem.retryAfter = 30
        return problem
    }
}

/// Runs the services, which are synchronous and may be slow, on a dedicated thread pool so that
/// the event loops and Swift's cooperative pool stay free (`/health` answers while a brief is
/// computed), with a per-request timeout and, for expensive endpoints, a ``ConcurrencyGate``.
final class ServiceRunner: Sendable {
    let pool: NIOThreadPool
    let timeout: Duration

    init(threads: Int, timeout: Duration) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        self.timeout = timeout
    }

    /// Runs `body` on the pool and returns its value, or throws ``Problem`` 503 when it takes longer
    /// than the timeout (the work itself finishes in the background, holding its gate slot so that
    /// it still counts against the limit).
    func run<T: Sendable>(_ gate: ConcurrencyGate? = nil, timeout: Duration? = nil, _ body: @escaping @Sendable () throws -> T)
        async throws -> T
    {
        let pool = self.pool
        let work = Task {
            if let gate { try await gate.enter() }
            defer { gate?.leave() }
            try Task.checkCancellation()
            return try await pool.runIfActive(body)
        }
        let limit = timeout ?? self.timeout
        let slot = ResumeOnce<T>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            slot.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled else { return }
                work.cancel()
                slot.resume(with: .failure(Problem.timeout(Int(limit.components.seconds))))
            }
            Task {
                let result = await work.result
                timer.cancel()
                slot.resume(with: result)
            }
        }
    }

    /// Runs `body` on the pool without a timeout (writes: an ingest runs to its end).
    func runToEnd<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}

/// A continuation resumed by whichever of the work and the timer finishes first.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let slot = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func set(_ continuation: CheckedContinuation<T, any Error>) { slot.withLock { $0 = continuation } }

    func resume(with result: Result<T, any Error>) {
        let continuation = slot.withLock { s -> CheckedContinuation<T, any Error>? in
            defer { s = nil }
            return s
        }
        continuation?.resume(with: result)
    }
}
