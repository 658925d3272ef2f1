import EntenteCore

/// One line of a fuzz input as the event readers see it: 1-based number, bytes without `\n`
/// (and without a trailing `\r`).
public struct FuzzLine: Equatable {
    public var number: Int
    public var bytes: [UInt8]
}

/// The lines of `input`, split by ``LineSplitter`` as ``EventFileReader`` splits a file, the input
/// fed in chunks of `chunkSize` bytes (so that lines cross chunk boundaries).
///
/// - Complexity: O(n) in the input's size.
public func fuzzLines(_ input: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> [FuzzLine] {
    var splitter = LineSplitter()
    var lines: [FuzzLine] = []
    let body = { (line: UnsafeBufferPointer<UInt8>, number: Int) in lines.append(FuzzLine(number: number, bytes: Array(line))) }
    var start = 0
    while start < input.count {
        let end = min(input.count, start + max(1, chunkSize))
        splitter.feed(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[start..<end])), body)
        start = end
    }
    splitter.finish(body)
    return lines
}
