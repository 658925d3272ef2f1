import CEntenteSIMD
import Foundation

/// The cube's hot path: reads GDELT 1.0/2.0 rows straight from bytes into a ``PartialCube``.
///
/// Tabs and newlines are found 8 bytes at a time (SWAR); only the fields the cube needs are read,
/// with no `String` per field; country codes and CAMEO codes go through flat lookup tables.
/// It applies ``GDELTRowParser``'s rules in the same order, so both paths keep the same rows
/// and name the same issue for each rejected or skipped row (tests check it on every real file).
struct CubeScanner {
    let format: EventFormat
    var partial = PartialCube()
    var counts = RowCounts()
    /// Rejected (and, if asked, skipped) rows, with line numbers relative to the chunk (1-based).
    var reports: [RowReport] = []
    var reportSkipped = false
    var reportName = ""

    private let dataset: Dataset

    init(format: EventFormat) {
        self.format = format
        dataset = format.dataset
    }

    // MARK: - Tables

    /// CAMEO country code (3 capital letters, 5 bits each) → state index, −1 unknown, −2 region.
    static let countryTable: [Int16] = {
        var t = [Int16](repeating: -1, count: 1 << 15)
        for c in Country.all {
            let bytes = Array(c.code.utf8)
            guard bytes.count == 3, bytes.allSatisfy({ (65...90).contains($0) }) else { continue }
            t[key(bytes[0], bytes[1], bytes[2])] = c.isStateLike ? Int16(DyadCube.index(of: c.code)!) : -2
        }
        // CAMEO's own codes for states (ROM → ROU, …).
        for cameo in ["ROM", "TMP", "MTN", "IMY", "GZS", "WSB", "BAG"] {
            if let c = Country.cameo(cameo), let i = DyadCube.index(of: c.code) {
                let b = Array(cameo.utf8)
                t[key(b[0], b[1], b[2])] = Int16(i)
            }
        }
        return t
    }()

    @inline(__always) static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        Int(a &- 64) << 10 | Int(b &- 64) << 5 | Int(c &- 64)
    }

    // MARK: - Scanning

    /// The highest field index whose start the cube needs (AvgTone is field 34; its end is the
    /// start of field 35).
    static let lastField = 35

    /// Scans `bytes[start..<end]`, which begins at a line start and ends at a line end (or the end
    /// of the file). Returns the number of lines in it, blank ones included.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        let base = bytes.baseAddress!
        var lines = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { starts in
            var field = 0
            var lineStart = start
            starts[0] = start
            var pos = start
            let tabs: UInt64 = 0x0909_0909_0909_0909, nls: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            // 64 bytes at a time: bit i of each mask marks a tab or newline at pos + i.
            while pos + 64 <= end {
                var tb: UInt64 = 0, nl: UInt64 = 0
                entente_masks64(bytes + pos, &tb, &nl)
                // Past the last field the cube reads, tabs are only counted (for the column check).
                if field > Self.lastField && nl == 0 {
                    field += tb.nonzeroBitCount
                    pos += 64
                    continue
                }
                var m = tb | nl
                while m != 0 {
                    let bit = m.trailingZeroBitCount
                    let p = pos + bit
                    if nl & (1 << UInt64(bit)) != 0 {
                        lines += 1
                        line(base, lineStart, p, fields: field + 1, starts: starts, number: lines)
                        lineStart = p + 1
                        field = 0
                        starts[0] = lineStart
                    } else {
                        field += 1
                        if field <= Self.lastField {
                            starts[field] = p + 1
                        } else if nl & ~((2 << UInt64(bit)) &- 1) == 0 {
                            // No newline after this tab in the block: count the rest and move on.
                            field += (m & ~((2 << UInt64(bit)) &- 1)).nonzeroBitCount
                            break
                        }
                    }
                    m &= m &- 1
                }
                pos += 64
            }
            // The tail, 8 bytes at a time (SWAR), then byte by byte.
            while pos + 8 <= end {
                let w = base.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                let nl = Self.matches(w, nls)
                let tb = Self.matches(w, tabs)
                var m = tb | nl
                while m != 0 {
                    let bit = m.trailingZeroBitCount
                    let p = pos + bit >> 3
                    if nl & (1 << UInt64(bit)) != 0 {
                        lines += 1
                        line(base, lineStart, p, fields: field + 1, starts: starts, number: lines)
                        lineStart = p + 1
                        field = 0
                        starts[0] = lineStart
                    } else {
                        field += 1
                        if field <= Self.lastField { starts[field] = p + 1 }
                    }
                    m &= m &- 1
                }
                pos += 8
            }
            while pos < end {
                let b = base.load(fromByteOffset: pos, as: UInt8.self)
                if b == 0x0A {
                    lines += 1
                    line(base, lineStart, pos, fields: field + 1, starts: starts, number: lines)
                    lineStart = pos + 1
                    field = 0
                    starts[0] = lineStart
                } else if b == 0x09 {
                    field += 1
                    if field <= Self.lastField { starts[field] = pos + 1 }
                }
                pos += 1
            }
            if lineStart < end {
                lines += 1
                line(base, lineStart, end, fields: field + 1, starts: starts, number: lines)
            }
        }
        return lines
    }

    /// High bit set in each byte of `w` equal to the byte repeated in `pattern` (exact, no false positives).
    @inline(__always) static func matches(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = w ^ pattern
        let y = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(y | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    // MARK: - One line

    @inline(__always)
    private mutating func line(
        _ base: UnsafeRawPointer, _ s: Int, _ rawEnd: Int, fields n: Int, starts: UnsafeMutableBufferPointer<Int>, number: Int
    ) {
        var e = rawEnd
        if e > s && base.load(fromByteOffset: e - 1, as: UInt8.self) == 0x0D { e -= 1 }
        if e == s { return }  // blank line
        counts.rowsRead += 1
        // Over the line cap (as LineSplitter): rejected unread; the report keeps its first bytes.
        if rawEnd - s > LineSplitter.maxLineBytes {
            return issue(.lineTooLong, base, s, s + LineSplitter.prefixBytes, number)
        }
        switch format {
        case .gdelt2 where n != GDELTRowParser.gdelt2Columns:
            return issue(.wrongColumnCount, base, s, e, number)
        case .gdelt1 where n != GDELTRowParser.gdelt1Columns && n != GDELTRowParser.gdelt1Columns - 1:
            return issue(.wrongColumnCount, base, s, e, number)
        default: break
        }
        // Field i spans starts[i] ..< starts[i+1]-1 (the last one ends at e).
        @inline(__always) func end(_ i: Int) -> Int { i + 1 < n ? starts[i + 1] - 1 : e }
        @inline(__always) func byte(_ p: Int) -> UInt8 { base.load(fromByteOffset: p, as: UInt8.self) }

        // Actors first (as in GDELTRowParser): most rows are not between two states.
        let source = Self.country(base, starts[7], end(7))
        if source < 0 {
            return issue(source == -3 ? .noSourceState : source == -2 ? .regionActor : .unknownCountryCode, base, s, e, number)
        }
        let target = Self.country(base, starts[17], end(17))
        if target < 0 {
            return issue(target == -3 ? .noTargetState : target == -2 ? .regionActor : .unknownCountryCode, base, s, e, number)
        }
        // Event id: digits.
        let idS = starts[0], idE = end(0)
        guard idE > idS, idE - idS <= 18, Self.allDigits(base, idS, idE) else { return issue(.badEventID, base, s, e, number) }
        // SQLDATE: 8 digits, a real date.
        let dS = starts[1], dE = end(1)
        guard dE - dS == 8, let dateValue = Self.digits(base, dS, dE), let day = Day(yyyymmdd: dateValue) else {
            return issue(.badDate, base, s, e, number)
        }
        // EventCode: 2-4 digits, known.
        let cS = starts[26], cE = end(26)
        guard (2...4).contains(cE - cS), let codeValue = Self.digits(base, cS, cE) else {
            return issue(.unknownEventCode, base, s, e, number)
        }
        let codeSlot = Int(CubeCodes.table[(cE - cS) * 10_000 + codeValue])
        guard codeSlot > 0 else { return issue(.unknownEventCode, base, s, e, number) }
        let codeIndex = codeSlot - 1
        // Goldstein within -10...10.
        guard let goldstein = Self.decimal(base, starts[30], end(30)), (-10...10).contains(goldstein) else {
            return issue(.badGoldstein, base, s, e, number)
        }
        guard let tone = Self.decimal(base, starts[34], end(34)), GDELTRowParser.toneRange.contains(tone) else {
            return issue(.badTone, base, s, e, number)
        }
        var articles = 0
        for column in 31...33 {
            let fs = starts[column], fe = end(column)
            guard fe > fs, fe - fs <= 18, let v = Self.digits(base, fs, fe), v <= GDELTRowParser.maxCount else {
                return issue(.badCount, base, s, e, number)
            }
            if column == 33 { articles = v }
        }
        // UTF-8, last (as in GDELTRowParser).
        if !Self.isASCII(base, s, e) {
            guard UnsafeBufferPointer(start: base.advanced(by: s).assumingMemoryBound(to: UInt8.self), count: e - s).isValidUTF8 else {
                return issue(.invalidUTF8, base, s, e, number)
            }
        }
        // NUL bytes, after UTF-8 (as in GDELTRowParser).
        if memchr(base + s, 0, e - s) != nil { return issue(.nulByte, base, s, e, number) }
        // Kept.
        counts.parsed += 1
        let key = DyadCube.Key(source: source, target: target, month: day.period, root: Int(CubeCodes.roots[codeIndex]))
        let a1S = starts[5], a1E = end(5), a2S = starts[15], a2E = end(15)
        let a1 =
            a1E > a1S
            ? UnsafeRawBufferPointer(start: base + a1S, count: a1E - a1S)
            : UnsafeRawBufferPointer(start: base + starts[7], count: end(7) - starts[7])
        let a2 =
            a2E > a2S
            ? UnsafeRawBufferPointer(start: base + a2S, count: a2E - a2S)
            : UnsafeRawBufferPointer(start: base + starts[17], count: end(17) - starts[17])
        let dedup = OneADayHash.hash(
            day: day.rawValue, source: a1, target: a2, code: UnsafeRawBufferPointer(start: base + cS, count: cE - cS))
        let id = EventIDKey.make(dataset, id: UnsafeRawBufferPointer(start: base + idS, count: idE - idS))
        partial.add(
            packed: key.packed, codeIndex: codeIndex, goldsteinX10: Int64((goldstein * 10).rounded()), articles: Int64(articles),
            toneMicro: Int64((tone * 1_000_000).rounded()), oneADayKey: dedup, id: id)
        _ = byte
    }

    private mutating func issue(_ issue: RowIssue, _ base: UnsafeRawPointer, _ s: Int, _ e: Int, _ number: Int) {
        counts.record(issue, line: number)
        if issue.isRejection || reportSkipped {
            let raw = String(decoding: UnsafeRawBufferPointer(start: base + s, count: e - s), as: UTF8.self)
            reports.append(RowReport(file: reportName, line: number, issue: issue, detail: issue.rawValue, raw: raw))
        }
    }

    // MARK: - Field readers

    @inline(__always) static func allDigits(_ base: UnsafeRawPointer, _ s: Int, _ e: Int) -> Bool {
        for p in s..<e where !(0x30...0x39).contains(base.load(fromByteOffset: p, as: UInt8.self)) { return false }
        return true
    }

    /// The field as a non-negative integer if it is all digits (≤ 18), else `nil`.
    @inline(__always) static func digits(_ base: UnsafeRawPointer, _ s: Int, _ e: Int) -> Int? {
        guard e > s, e - s <= 18 else { return nil }
        var v = 0
        for p in s..<e {
            let d = base.load(fromByteOffset: p, as: UInt8.self) &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// -1: not a known code, -2: a region, -3: empty; else the state index.
    @inline(__always) static func country(_ base: UnsafeRawPointer, _ s: Int, _ e: Int) -> Int {
        if e == s { return -3 }
        guard e - s == 3 else { return -1 }
        let a = base.load(fromByteOffset: s, as: UInt8.self), b = base.load(fromByteOffset: s + 1, as: UInt8.self),
            c = base.load(fromByteOffset: s + 2, as: UInt8.self)
        guard (65...90).contains(a), (65...90).contains(b), (65...90).contains(c) else { return -1 }
        return Int(countryTable[key(a, b, c)])
    }

    @inline(__always) static func isASCII(_ base: UnsafeRawPointer, _ s: Int, _ e: Int) -> Bool {
        var p = s
        var acc: UInt64 = 0
        while p + 8 <= e {
            acc |= base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            p += 8
        }
        while p < e {
            acc |= UInt64(base.load(fromByteOffset: p, as: UInt8.self))
            p += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// A decimal field as the same `Double` the reference path gets from `Double(text)`; `nil`
    /// when the field is not a finite number.
    ///
    /// Fast path (Clinger): with at most 15 significant digits the double is `mantissa / 10^k`,
    /// correctly rounded; anything else goes through the standard library's parser.
    @inline(__always) static func decimal(_ base: UnsafeRawPointer, _ s: Int, _ e: Int) -> Double? {
        guard e > s, e - s < 40 else { return nil }
        var p = s
        var negative = false
        let first = base.load(fromByteOffset: p, as: UInt8.self)
        if first == 0x2D { negative = true; p += 1 } else if first == 0x2B { p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var seenPoint = false, simple = p < e
        while p < e {
            let b = base.load(fromByteOffset: p, as: UInt8.self)
            if b &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                simple = false
                break
            }
            p += 1
        }
        if simple && digits > 0 && digits <= 15 {
            let v = Double(mantissa) / powersOfTen[fraction]
            return negative ? -v : v
        }
        // General case: the same characters the reference accepts, then strtod.
        var buffer = [CChar](repeating: 0, count: 41)
        for i in 0..<(e - s) {
            let b = base.load(fromByteOffset: s + i, as: UInt8.self)
            guard (0x30...0x39).contains(b) || b == 0x2E || b == 0x2D || b == 0x2B || b == 0x65 || b == 0x45 else { return nil }
            buffer[i] = CChar(bitPattern: b)
        }
        guard let v = Double(String(cString: buffer)), v.isFinite else { return nil }
        return v
    }

    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }
}
