public import Foundation

/// Splits a stream of byte chunks into lines, carrying partial lines across chunk boundaries.
///
/// Lines end with `\n`; a trailing `\r` is dropped. The last line need not end with `\n`.
/// Line numbers are 1-based.
///
/// A line longer than ``maxLineBytes`` (its bytes before the `\n`, a `\r` included) is never
/// held in memory: as soon as it passes the cap, `tooLong` is called once with its line number
/// and its first bytes, and the rest of it is skipped up to the next `\n`. Memory stays at one
/// chunk plus the cap, whatever the input (1 GiB of NUL bytes without a newline included).
public struct LineSplitter {
    /// The default cap on a line: 1 MiB (a GDELT row is about 1 KiB).
    public static let defaultMaxLineBytes = 1 << 20
    /// The range `ENTENTE_MAX_LINE_BYTES` may take: 1 KiB to 1 GiB.
    public static let maxLineBytesRange = 1_024...(1 << 30)

    /// The cap every reader uses: `ENTENTE_MAX_LINE_BYTES` (bytes, within ``maxLineBytesRange``)
    /// when set to a valid value, else ``defaultMaxLineBytes``.
    public static let maxLineBytes: Int = configuredMaxLineBytes(ProcessInfo.processInfo.environment)

    /// The cap `environment` asks for; ``defaultMaxLineBytes`` when it asks for none or for an
    /// invalid one (the CLI reports an invalid value as a usage error).
    public static func configuredMaxLineBytes(_ environment: [String: String]) -> Int {
        guard let text = environment["ENTENTE_MAX_LINE_BYTES"], let value = Int(text.trimmingCharacters(in: .whitespaces)),
            maxLineBytesRange.contains(value)
        else { return defaultMaxLineBytes }
        return value
    }

    /// How many leading bytes of an over-long line are passed to `tooLong` (for a report).
    public static let prefixBytes = 256

    /// This splitter's cap.
    public let maxLineBytes: Int
    private var carry: [UInt8] = []
    /// Set while skipping the rest of an over-long line.
    private var skipping = false
    public private(set) var lineNumber = 0

    /// - Parameter maxLineBytes: the longest line passed on (default: ``maxLineBytes``).
    public init(maxLineBytes: Int = LineSplitter.maxLineBytes) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Feeds one chunk; calls `body` for each complete line in it, and `tooLong` for each line
    /// longer than the cap (with its number and first ``prefixBytes`` bytes).
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer,
        tooLong: (_ prefix: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws -> Void,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) rethrows {
        let bytes = chunk.bindMemory(to: UInt8.self)
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            // memchr: the C library's vectorised search (a skipped 1 GiB line is scanned at memory speed).
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                // No newline in the rest of the chunk: keep it, up to the cap.
                let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                if skipping { return }
                if carry.count + rest.count > maxLineBytes {
                    try overflow(rest, tooLong)
                } else {
                    carry.append(contentsOf: rest)
                }
                return
            }
            let nl = base.distance(to: UnsafeRawPointer(found))
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<nl])
            start = nl + 1
            if skipping {
                skipping = false
                continue
            }
            if carry.count + piece.count > maxLineBytes {
                try overflow(piece, tooLong)
                skipping = false
                continue
            }
            if carry.isEmpty {
                try emit(piece, body)
            } else {
                carry.append(contentsOf: piece)
                let line = carry
                carry.removeAll(keepingCapacity: true)
                try line.withUnsafeBufferPointer { try emit($0, body) }
            }
        }
    }

    /// ``feed(_:tooLong:_:)`` for callers that drop over-long lines without a word (tests of
    /// splitting only; every reader reports them).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try feed(chunk, tooLong: { _, _ in }, body)
    }

    /// Emits the last line if the input did not end with a newline.
    public mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        skipping = false
        guard !carry.isEmpty else { return }
        let line = carry
        carry.removeAll()
        try line.withUnsafeBufferPointer { try emit($0, body) }
    }

    /// The line being gathered passed the cap: report it once (number and first bytes), drop
    /// what was kept, and skip the rest of it.
    private mutating func overflow(
        _ more: UnsafeBufferPointer<UInt8>, _ tooLong: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) rethrows {
        lineNumber += 1
        skipping = true
        var prefix = Array(carry.prefix(Self.prefixBytes))
        if prefix.count < Self.prefixBytes { prefix += more.prefix(Self.prefixBytes - prefix.count) }
        carry = []
        try prefix.withUnsafeBufferPointer { try tooLong($0, lineNumber) }
    }

    private mutating func emit(_ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        lineNumber += 1
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        try body(UnsafeBufferPointer(rebasing: line[0..<end]), lineNumber)
    }
}

extension LineSplitter {
    /// A one-line description of an over-long line, for a rejected row's detail or an error.
    public static func tooLongDetail(cap: Int) -> String {
        "the line is longer than \(cap) bytes (the line cap; ENTENTE_MAX_LINE_BYTES sets it)"
    }

    /// An over-long line's first bytes as text (the cube's scanner reports the same bytes).
    public static func prefixText(_ prefix: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: prefix, as: UTF8.self)
    }
}
