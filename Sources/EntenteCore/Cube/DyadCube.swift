import Foundation
import Synchronization

/// The dyad cube: for each directed dyad A→B × month × CAMEO root, the event counts and sums the
/// analyses need. It is the contract between Entente's native engine and any other engine: both
/// must produce it identically, so every value is an integer (Goldstein ×10, tone ×10⁶).
///
/// Columns per cell (``Column``): raw events, one-a-day events, Goldstein sum ×10, NumArticles sum,
/// AvgTone sum ×10⁶, and counts of the sub-codes the partnership index needs (042–046, 057,
/// 061–064, 071–074, 0312, 0332, 138, 163; roots 17 and 19 are their own rows).
///
/// ```swift
/// var cube = DyadCube()
/// cube.add(event)              // or CubeBuilder for raw files, in parallel
/// cube.cells(from: "RUS", to: "PRK")
/// ```
public struct DyadCube: Sendable, Equatable {
    /// A cell's position: directed dyad, month, root.
    public struct Key: Hashable, Sendable, Comparable {
        public let packed: UInt64

        public init(source: Int, target: Int, month: Month, root: Int) {
            packed = UInt64(source) << 41 | UInt64(target) << 32 | UInt64(month.rawValue) << 5 | UInt64(root)
        }

        init(packed: UInt64) { self.packed = packed }

        public var sourceIndex: Int { Int(packed >> 41) }
        public var targetIndex: Int { Int((packed >> 32) & 0x1FF) }
        public var month: Month { Month(yyyymm: Int((packed >> 5) & 0x7FFFFFF))! }
        public var root: Int { Int(packed & 0x1F) }
        public var source: String { DyadCube.stateCodes[sourceIndex] }
        public var target: String { DyadCube.stateCodes[targetIndex] }
        /// The directed dyad, for range look-ups.
        var dyadPrefix: UInt64 { packed >> 32 }

        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.packed < rhs.packed }
    }

    /// The value columns of a cell, in export order.
    public enum Column: Int, CaseIterable, Sendable {
        case events, oneADay, goldsteinX10, articles, toneMicro
        case c042, c043, c044, c045, c046, c057, c061, c062, c063, c064, c071, c072, c073, c074, c0312, c0332, c138, c163

        /// The column's name in exports.
        public var name: String {
            switch self {
            case .events: "events"
            case .oneADay: "one_a_day"
            case .goldsteinX10: "goldstein_x10"
            case .articles: "articles"
            case .toneMicro: "tone_micro"
            default: String(describing: self)
            }
        }

        /// The CAMEO code prefix a sub-code column counts; `nil` for the measures.
        public var codePrefix: String? { rawValue >= Column.c042.rawValue ? String(name.dropFirst()) : nil }

        static let subCodeColumns: [Column] = allCases.filter { $0.codePrefix != nil }
    }

    public static let columnCount = Column.allCases.count

    /// ISO3 codes of the states and territories a cube can index, in index order, which is
    /// alphabetical: sorting cells by their packed key sorts them by source, target, month, root.
    public static let stateCodes: [String] = Country.all.filter(\.isStateLike).map(\.code).sorted()
    static let stateIndex: [String: Int] = Dictionary(uniqueKeysWithValues: stateCodes.enumerated().map { ($1, $0) })

    /// The index of an ISO3 code in ``stateCodes``.
    public static func index(of iso3: String) -> Int? { stateIndex[iso3] }

    /// Cell position → row in ``values``.
    var rows: [UInt64: Int] = [:]
    /// Row-major values, ``columnCount`` per cell.
    var values: [Int64] = []
    /// The one-a-day keys seen (128-bit hashes), so that extending the cube counts a key once.
    var oneADayKeys = PartitionedKeySet()
    /// Fingerprints of the files the cube was built from, so that a file is added once.
    public internal(set) var fingerprints: Set<String> = []

    public init() {}

    public var cellCount: Int { rows.count }
    public var keyCount: Int { oneADayKeys.count }

    /// The value of one column of a cell (0 for an absent cell).
    public func value(_ key: Key, _ column: Column) -> Int64 {
        guard let row = rows[key.packed] else { return 0 }
        return values[row * Self.columnCount + column.rawValue]
    }

    /// All cells, sorted by source code, target code, month, root.
    public var sortedKeys: [Key] {
        rows.keys.sorted().map(Key.init(packed:))
    }

    /// The cells of one directed dyad, by month then root.
    public func cells(from a: String, to b: String) -> [(key: Key, values: [Int64])] {
        guard let s = Self.index(of: a), let t = Self.index(of: b) else { return [] }
        let prefix = UInt64(s) << 9 | UInt64(t)
        return rows.filter { $0.key >> 32 == prefix }.sorted { $0.key < $1.key }.map { packed, row in
            (Key(packed: packed), Array(values[row * Self.columnCount..<(row + 1) * Self.columnCount]))
        }
    }

    mutating func row(for packed: UInt64) -> Int {
        if let r = rows[packed] { return r }
        let r = rows.count
        rows[packed] = r
        values.append(contentsOf: repeatElement(0, count: Self.columnCount))
        return r
    }

    /// Adds one row's contribution; `oneADayKey` counts only if the cube has not seen it.
    mutating func add(packed: UInt64, codeIndex: Int, goldsteinX10: Int64, articles: Int64, toneMicro: Int64, oneADayKey: UInt128) {
        let base = row(for: packed) * Self.columnCount
        values[base] += 1
        if oneADayKeys.insert(oneADayKey) { values[base + 1] += 1 }
        values[base + 2] += goldsteinX10
        values[base + 3] += articles
        values[base + 4] += toneMicro
        let sub = CubeCodes.subColumn[codeIndex]
        if sub >= 0 { values[base + Int(sub)] += 1 }
    }

    /// Adds a normalised event (the reference path: any reader, any dataset).
    public mutating func add(_ event: Event) {
        guard let s = Self.index(of: event.source.country), let t = Self.index(of: event.target.country),
            let codeIndex = CubeCodes.index(of: event.eventCode)
        else { return }
        let key = Key(source: s, target: t, month: event.date.period, root: Int(event.rootCode)!)
        let dedup = OneADayHash.hash(
            day: event.date.rawValue, source: Array(event.source.code.utf8), target: Array(event.target.code.utf8),
            code: Array(event.eventCode.utf8))
        add(
            packed: key.packed, codeIndex: codeIndex, goldsteinX10: Int64((event.goldstein * 10).rounded()),
            articles: Int64(event.numArticles ?? 1), toneMicro: Int64(((event.avgTone ?? 0) * 1_000_000).rounded()), oneADayKey: dedup)
    }

    /// Merges the workers' partial cubes: sums every measure, and counts each one-a-day key once
    /// across the whole cube (a key seen by two workers, or in an earlier build, counts once).
    /// Keys are deduplicated in parallel, one group of key partitions per thread.
    mutating func merge(_ partials: [PartialCube], threads: Int) {
        // Measures, and each partial row's place in the cube.
        var rowMaps: [[Int32]] = []
        for partial in partials {
            var rowMap = [Int32](repeating: 0, count: partial.rowKeys.count)
            values.reserveCapacity((rows.count + partial.rowKeys.count) * Self.columnCount)
            for (i, packed) in partial.rowKeys.enumerated() {
                let r = row(for: packed)
                rowMap[i] = Int32(r)
                let base = r * Self.columnCount, pbase = i * Self.columnCount
                for c in 0..<Self.columnCount { values[base + c] += partial.values[pbase + c] }
            }
            rowMaps.append(rowMap)
        }
        // One-a-day keys: each thread owns some partitions of the key set, counts new keys per cell.
        let groups = max(1, min(threads, PartitionedKeySet.partitions))
        let cellCount = rows.count
        let parts = Mutex<[KeySet]>(oneADayKeys.parts)
        let deltas = Mutex<[Int32]>([Int32](repeating: 0, count: cellCount))
        let partialsBox = SendableBox(partials), rowMapsBox = SendableBox(rowMaps)
        DispatchQueue.concurrentPerform(iterations: groups) { g in
            let mine = Array(stride(from: g, to: PartitionedKeySet.partitions, by: groups))
            var sets = parts.withLock { all in mine.map { all[$0] } }
            var local = [Int32](repeating: 0, count: cellCount)
            var expected = 0
            for p in partialsBox.value { expected += p.keys.count }
            for i in sets.indices { sets[i].reserveCapacity(sets[i].count + expected / PartitionedKeySet.partitions + 16) }
            var slot = [Int](repeating: -1, count: PartitionedKeySet.partitions)
            for (j, p) in mine.enumerated() { slot[p] = j }
            for (pi, partial) in partialsBox.value.enumerated() {
                let rowMap = rowMapsBox.value[pi]
                partial.keys.withUnsafeBufferPointer { keys in
                    partial.keyRows.withUnsafeBufferPointer { keyRows in
                        for i in 0..<keys.count {
                            let j = slot[PartitionedKeySet.partition(keys[i])]
                            if j >= 0, sets[j].insert(keys[i]) { local[Int(rowMap[Int(keyRows[i])])] += 1 }
                        }
                    }
                }
            }
            parts.withLock { all in for (j, p) in mine.enumerated() { all[p] = sets[j] } }
            deltas.withLock { d in for i in 0..<cellCount where local[i] != 0 { d[i] += local[i] } }
        }
        oneADayKeys.parts = parts.withLock { $0 }
        let d = deltas.withLock { $0 }
        for i in 0..<cellCount where d[i] != 0 { values[i * Self.columnCount + 1] += Int64(d[i]) }
    }

    /// Equal cells and values (the file log and key sets are not compared).
    public static func == (lhs: DyadCube, rhs: DyadCube) -> Bool {
        guard lhs.rows.count == rhs.rows.count else { return false }
        for (packed, lrow) in lhs.rows {
            guard let rrow = rhs.rows[packed] else { return false }
            for c in 0..<columnCount where lhs.values[lrow * columnCount + c] != rhs.values[rrow * columnCount + c] { return false }
        }
        return true
    }
}

/// One worker's share of a cube build: measures per cell, and the one-a-day key of every row
/// with its cell, to be counted once when merged.
struct PartialCube {
    var rowIndex: [UInt64: Int32] = [:]
    var rowKeys: [UInt64] = []
    var values: [Int64] = []
    var keys: [UInt128] = []
    var keyRows: [Int32] = []

    @inline(__always)
    mutating func add(packed: UInt64, codeIndex: Int, goldsteinX10: Int64, articles: Int64, toneMicro: Int64, oneADayKey: UInt128) {
        let row: Int32
        if let r = rowIndex[packed] {
            row = r
        } else {
            row = Int32(rowKeys.count)
            rowIndex[packed] = row
            rowKeys.append(packed)
            values.append(contentsOf: repeatElement(0, count: DyadCube.columnCount))
        }
        let base = Int(row) * DyadCube.columnCount
        values.withUnsafeMutableBufferPointer { v in
            v[base] += 1
            v[base + 2] += goldsteinX10
            v[base + 3] += articles
            v[base + 4] += toneMicro
            let sub = CubeCodes.subColumn[codeIndex]
            if sub >= 0 { v[base + Int(sub)] += 1 }
        }
        keys.append(oneADayKey)
        keyRows.append(row)
    }
}

/// CAMEO codes as dense indexes for the hot path, with each code's root and sub-code column.
enum CubeCodes {
    static let codes: [CAMEOEventCode] = CAMEOEventCode.all
    /// Code index → cube column of its sub-code count, or −1.
    static let subColumn: [Int8] = codes.map { code in
        Int8(DyadCube.Column.subCodeColumns.first { code.code.hasPrefix($0.codePrefix!) }?.rawValue ?? -1)
    }
    static let roots: [UInt8] = codes.map { UInt8($0.rootNumber) }
    private static let byCode: [String: Int] = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.code, $0) })
    static func index(of code: String) -> Int? { byCode[code] }

    /// Code bytes (2–4 digits) → index+1, by `length × 10000 + value`; 0 for unknown.
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 50_000)
        for (i, c) in codes.enumerated() { t[c.code.count * 10_000 + Int(c.code)!] = UInt16(i + 1) }
        return t
    }()
}

/// The 128-bit hash of a one-a-day key (date × source actor code × target actor code × event code),
/// the same whichever path computes it. FNV-1a over the fields, run twice with different offsets.
enum OneADayHash {
    @inline(__always)
    static func hash(day: Int32, source: some Collection<UInt8>, target: some Collection<UInt8>, code: some Collection<UInt8>) -> UInt128 {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325, h2: UInt64 = 0x6c62_272e_07bb_0142
        @inline(__always) func mix(_ b: UInt8) {
            h1 = (h1 ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            h2 = (h2 ^ UInt64(b)) &* 0x0000_0100_0000_01B3 ^ (h2 >> 29)
        }
        var d = UInt32(bitPattern: day)
        for _ in 0..<4 { mix(UInt8(truncatingIfNeeded: d)); d >>= 8 }
        for b in source { mix(b) }
        mix(0x7C)
        for b in target { mix(b) }
        mix(0x7C)
        for b in code { mix(b) }
        return UInt128(h1) << 64 | UInt128(h2)
    }
}
