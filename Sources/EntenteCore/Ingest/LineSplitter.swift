/// Splits a stream of byte chunks into lines, carrying partial lines across chunk boundaries.
///
/// Lines end with `\n`; a trailing `\r` is dropped. The last line need not end with `\n`.
/// Line numbers are 1-based.
public struct LineSplitter {
    private var carry: [UInt8] = []
    public private(set) var lineNumber = 0

    public init() {}

    /// Feeds one chunk; calls `body` for each complete line in it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            if carry.isEmpty {
                try emit(UnsafeBufferPointer(rebasing: bytes[start..<nl]), body)
            } else {
                carry.append(contentsOf: bytes[start..<nl])
                let line = carry
                carry.removeAll(keepingCapacity: true)
                try line.withUnsafeBufferPointer { try emit($0, body) }
            }
            start = nl + 1
        }
        if start < bytes.count { carry.append(contentsOf: bytes[start...]) }
    }

    /// Emits the last line if the input did not end with a newline.
    public mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        guard !carry.isEmpty else { return }
        let line = carry
        carry.removeAll()
        try line.withUnsafeBufferPointer { try emit($0, body) }
    }

    private mutating func emit(_ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        lineNumber += 1
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        try body(UnsafeBufferPointer(rebasing: line[0..<end]), lineNumber)
    }
}
