public import Foundation

/// When and how long to wait before trying a request again.
///
/// Retried: HTTP 408, 429 and every 5xx, timeouts, refused or dropped connections, and a body
/// that ended before the listed size. Not retried: other 4xx (a missing file stays missing).
/// The wait is the server's `Retry-After` (seconds or an HTTP date, capped at
/// ``maxRetryAfter``) when it sends one, else exponential backoff with "equal jitter":
/// `d = min(maxDelay, baseDelay · 2^(attempt−1))`, wait uniformly in `[d/2, d]`.
public struct RetryPolicy: Sendable, Equatable {
    /// Requests per file at most (the first included).
    public var maxAttempts: Int
    /// The first backoff, in seconds.
    public var baseDelay: Double
    /// The longest backoff, in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, in seconds (a longer one is waited for this long).
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 8, baseDelay: Double = 1, maxDelay: Double = 60, maxRetryAfter: Double = 600) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    public static let `default` = RetryPolicy()

    /// Whether an HTTP status is worth another try.
    public static func isRetryable(status: Int) -> Bool { status == 408 || status == 429 || (500...599).contains(status) }

    /// The wait before attempt `attempt + 1`, in seconds.
    ///
    /// - Parameters:
    ///   - attempt: the attempt that just failed (1 for the first).
    ///   - retryAfter: the server's `Retry-After` header, if any.
    ///   - now: the current time (for an HTTP-date `Retry-After`).
    public func delay<G: RandomNumberGenerator>(
        afterAttempt attempt: Int, retryAfter: String?, now: Date = Date(), using generator: inout G
    ) -> Double {
        if let retryAfter, let seconds = RetryPolicy.parseRetryAfter(retryAfter, now: now) {
            return min(maxRetryAfter, seconds)
        }
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let d = min(maxDelay, baseDelay * pow(2, exponent))
        return d <= 0 ? 0 : Double.random(in: (d / 2)...d, using: &generator)
    }

    /// The wait a `Retry-After` header asks for: delta-seconds (`120`) or an HTTP date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`, also the RFC 850 and asctime forms); `nil` when unreadable.
    /// A date in the past is 0.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? Double(seconds) : nil }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
