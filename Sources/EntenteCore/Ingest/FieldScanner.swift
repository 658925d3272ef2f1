/// Locates the tab-separated fields of one line by scanning bytes, without making a `String`
/// per field. Fields are read on demand.
struct FieldScanner {
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    init() {
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    var count: Int { starts.count }

    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var start = 0
        for i in 0..<line.count where line[i] == 0x09 {
            starts.append(start)
            ends.append(i)
            start = i + 1
        }
        starts.append(start)
        ends.append(line.count)
    }

    func bytes(_ i: Int, in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[starts[i]..<ends[i]])
    }

    func isEmpty(_ i: Int) -> Bool { starts[i] == ends[i] }

    /// The 0-based index of the first field holding `byte`; `nil` when none does.
    func firstColumn(containing byte: UInt8, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let at = line.firstIndex(of: byte) else { return nil }
        return ends.firstIndex { $0 > at } ?? count - 1
    }

    /// The field as text (the line has been checked to be valid UTF-8).
    func string(_ i: Int, in line: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes(i, in: line), as: UTF8.self)
    }

    /// The field as an integer, `nil` if empty or not all digits (an optional leading '-').
    func int(_ i: Int, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        let b = bytes(i, in: line)
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var value = 0
        var negative = false
        for (k, c) in b.enumerated() {
            if k == 0 && c == 0x2D { negative = true; continue }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        if negative && b.count == 1 { return nil }
        return negative ? -value : value
    }

    /// The field as a non-negative integer, `nil` if empty, longer than 18 or not all digits (no
    /// sign: `-0` is not a count or an id). The cube's scanner reads these fields the same way.
    func digits(_ i: Int, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        let b = bytes(i, in: line)
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var value = 0
        for c in b {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// The field as a finite floating-point number, `nil` if empty or not a number.
    func double(_ i: Int, in line: UnsafeBufferPointer<UInt8>) -> Double? {
        let b = bytes(i, in: line)
        guard !b.isEmpty, b.count < 40,
            b.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 })
        else { return nil }
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes are valid UTF-8.
    var isValidUTF8: Bool {
        // Fast path: pure ASCII.
        if allSatisfy({ $0 < 0x80 }) { return true }
        var iterator = makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
