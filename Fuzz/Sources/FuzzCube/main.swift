// Fuzzes the cube's fast scanner (`CubeScanner.scan(_:from:to:)`, internal, hence `@testable`)
// with whole GDELT files, read as GDELT 1.0 and as GDELT 2.0.
//
// The input is scanned whole, then in units cut as `CubeBuilder` cuts a file (at the first
// newline after every 61 bytes), each unit by a fresh scanner that carries the partial cube on,
// as a build worker does. Besides crashes (ASan catches a read past the input), it checks that
// cutting changes nothing: the same line total as `LineSplitter`, the same row counts and the
// same partial cube.
import FuzzSupport

@testable import EntenteCore

/// The unit size: small, so that a few-KiB input is cut many times.
let unitBytes = 61

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCube(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // CubeBuilder never scans an empty file (it has no units), and the scanner needs an address.
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lineTotal = fuzzLines(UnsafeBufferPointer(start: data, count: size), chunkSize: 1 << 20).count
    for format in [EventFormat.gdelt1, .gdelt2] {
        var whole = CubeScanner(format: format)
        let lines = whole.scan(bytes, from: 0, to: size)
        require(lines == lineTotal, "\(format): scan counts \(lines) lines, LineSplitter \(lineTotal)")
        require(whole.counts.parsed + whole.counts.issues.values.reduce(0, +) == whole.counts.rowsRead, "\(format): rows do not add up")

        var partial = PartialCube()
        var counts = RowCounts()
        var unitLines = 0
        for (start, end) in units(bytes, size: unitBytes) {
            var scanner = CubeScanner(format: format)
            swap(&scanner.partial, &partial)
            unitLines += scanner.scan(bytes, from: start, to: end)
            swap(&scanner.partial, &partial)
            counts.add(scanner.counts)
        }
        require(unitLines == lines, "\(format): units count \(unitLines) lines, the whole scan \(lines)")
        require(counts.rowsRead == whole.counts.rowsRead && counts.parsed == whole.counts.parsed, "\(format): units read other rows")
        require(counts.issues == whole.counts.issues, "\(format): units name other issues: \(counts.issues) vs \(whole.counts.issues)")
        require(partial.rowKeys == whole.partial.rowKeys && partial.values == whole.partial.values, "\(format): units fill other cells")
        require(partial.keys == whole.partial.keys && partial.ids == whole.partial.ids, "\(format): units give other row keys")
    }
    return 0
}

/// `start..<end` of each unit: `size` bytes, then up to just after the next newline (as
/// `CubeBuilder.Source.split`).
func units(_ bytes: UnsafeRawBufferPointer, size: Int) -> [(Int, Int)] {
    var out: [(Int, Int)] = []
    var start = 0
    while start < bytes.count {
        var end = min(bytes.count, start + size)
        if end < bytes.count {
            end = bytes[end...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        }
        out.append((start, end))
        start = end
    }
    return out
}

runLibFuzzer(fuzzCube)
