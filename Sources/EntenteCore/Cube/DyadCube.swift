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
        /// The cell's month (keys read from disk are checked with ``isValid`` first; an invalid
        /// one reads as 1800-01 rather than trapping).
        public var month: Month { Month(yyyymm: Int((packed >> 5) & 0x7FFFFFF)) ?? Month(year: 1800, month: 1)! }
        /// Whether every part of the key is in range: a known source and target, a real month, a
        /// CAMEO root 1–20.
        public var isValid: Bool {
            sourceIndex < DyadCube.stateCodes.count && targetIndex < DyadCube.stateCodes.count
                && Month(yyyymm: Int((packed >> 5) & 0x7FFFFFF)) != nil && (1...20).contains(root)
        }
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
    /// The (dataset, event id) keys held (``EventIDKey``): an event is counted once, whichever
    /// files repeat it.
    var eventIDs = PartitionedKeySet()
    /// Fingerprints of the files the cube was built from, so that a file is added once: raw files
    /// by ``Fingerprint``, store files as `sha256:` and their SHA-256.
    public internal(set) var fingerprints: Set<String> = []
    /// Where the cube stands against the event store it was derived from (empty for a cube built
    /// from raw files only).
    public internal(set) var storeLink = StoreLink()

    public init() {}

    public var cellCount: Int { rows.count }
    public var keyCount: Int { oneADayKeys.count }
    /// The distinct (dataset, event id) pairs held.
    public var eventIDCount: Int { eventIDs.count }

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

    /// Adds a normalised event (the reference path: any reader, any dataset), unless the cube
    /// already holds its (dataset, id).
    ///
    /// - Returns: whether the event was added (`false`: a duplicate id, or not between two states).
    @discardableResult
    public mutating func add(_ event: Event) -> Bool {
        guard let s = Self.index(of: event.source.country), let t = Self.index(of: event.target.country),
            let codeIndex = CubeCodes.index(of: event.eventCode), let root = Int(event.rootCode)
        else { return false }
        guard eventIDs.insert(EventIDKey.make(event.dataset, id: event.originalID)) else { return false }
        let key = Key(source: s, target: t, month: event.date.period, root: root)
        let dedup = OneADayHash.hash(
            day: event.date.rawValue, source: Array(event.source.code.utf8), target: Array(event.target.code.utf8),
            code: Array(event.eventCode.utf8))
        add(
            packed: key.packed, codeIndex: codeIndex, goldsteinX10: Int64((event.goldstein * 10).rounded()),
            articles: Int64(event.numArticles ?? 1), toneMicro: Int64(((event.avgTone ?? 0) * 1_000_000).rounded()), oneADayKey: dedup)
        return true
    }

    /// Merges the workers' partial cubes, in the order of the units they scanned:
    ///
    /// 1. each (dataset, event id) is kept once, the first copy in unit order winning, and not at
    ///    all if the cube already holds it (later copies are dropped and counted per unit);
    /// 2. the measures of the kept rows are summed into the cube;
    /// 3. each one-a-day key of a kept row counts once across the whole cube.
    ///
    /// Steps 1 and 3 run in parallel, one group of key partitions per thread.
    ///
    /// - Returns: the rows dropped as duplicates, per unit index.
    @discardableResult
    mutating func merge(_ partials: [PartialCube], units: Int, threads: Int) -> [Int] {
        var partials = partials
        let groups = max(1, min(threads, PartitionedKeySet.partitions))
        // Rows in unit order: (partial, first row, end row, unit).
        var order: [(partial: Int, start: Int, end: Int, unit: Int)] = []
        for (pi, p) in partials.enumerated() { for s in p.segments { order.append((pi, s.start, s.end, s.unit)) } }
        order.sort { $0.unit < $1.unit }
        let dropped = partials.map { DropFlags(count: $0.ids.count) }
        defer { for d in dropped { d.deallocate() } }
        let idParts = Mutex<[KeySet]>(eventIDs.parts)
        let duplicates = Mutex<[Int]>([Int](repeating: 0, count: max(units, 1)))
        let partialsBox = SendableBox(partials), orderBox = SendableBox(order), droppedBox = SendableBox(dropped)
        DispatchQueue.concurrentPerform(iterations: groups) { g in
            let mine = Array(stride(from: g, to: PartitionedKeySet.partitions, by: groups))
            var sets = idParts.withLock { all in mine.map { all[$0] } }
            var slot = [Int](repeating: -1, count: PartitionedKeySet.partitions)
            for (j, p) in mine.enumerated() { slot[p] = j }
            var local = [Int](repeating: 0, count: max(units, 1))
            for segment in orderBox.value {
                let ids = partialsBox.value[segment.partial].ids
                let flags = droppedBox.value[segment.partial]
                ids.withUnsafeBufferPointer { ids in
                    for i in segment.start..<segment.end {
                        let j = slot[PartitionedKeySet.partition(ids[i])]
                        if j >= 0, !sets[j].insert(ids[i]) {
                            flags.set(i)
                            local[segment.unit] += 1
                        }
                    }
                }
            }
            idParts.withLock { all in for (j, p) in mine.enumerated() { all[p] = sets[j] } }
            duplicates.withLock { d in for u in local.indices where local[u] != 0 { d[u] += local[u] } }
        }
        eventIDs.parts = idParts.withLock { $0 }
        // Take the dropped rows' contributions back out of their partials.
        for pi in partials.indices where dropped[pi].any {
            partials[pi].subtract { dropped[pi].isSet($0) }
        }
        // Measures, and each partial row's place in the cube (−1: every row of it was dropped).
        var rowMaps: [[Int32]] = []
        for partial in partials {
            var rowMap = [Int32](repeating: -1, count: partial.rowKeys.count)
            values.reserveCapacity((rows.count + partial.rowKeys.count) * Self.columnCount)
            for (i, packed) in partial.rowKeys.enumerated() {
                let pbase = i * Self.columnCount
                guard partial.values[pbase] > 0 else { continue }
                let r = row(for: packed)
                rowMap[i] = Int32(r)
                let base = r * Self.columnCount
                for c in 0..<Self.columnCount { values[base + c] += partial.values[pbase + c] }
            }
            rowMaps.append(rowMap)
        }
        // One-a-day keys of the kept rows: each thread owns some partitions of the key set.
        let cellCount = rows.count
        let parts = Mutex<[KeySet]>(oneADayKeys.parts)
        let deltas = Mutex<[Int32]>([Int32](repeating: 0, count: cellCount))
        let rowMapsBox = SendableBox(rowMaps), keptBox = SendableBox(partials)
        DispatchQueue.concurrentPerform(iterations: groups) { g in
            let mine = Array(stride(from: g, to: PartitionedKeySet.partitions, by: groups))
            var sets = parts.withLock { all in mine.map { all[$0] } }
            var local = [Int32](repeating: 0, count: cellCount)
            var expected = 0
            for p in keptBox.value { expected += p.keys.count }
            for i in sets.indices { sets[i].reserveCapacity(sets[i].count + expected / PartitionedKeySet.partitions + 16) }
            var slot = [Int](repeating: -1, count: PartitionedKeySet.partitions)
            for (j, p) in mine.enumerated() { slot[p] = j }
            for (pi, partial) in keptBox.value.enumerated() {
                let rowMap = rowMapsBox.value[pi]
                let flags = droppedBox.value[pi]
                partial.keys.withUnsafeBufferPointer { keys in
                    partial.keyRows.withUnsafeBufferPointer { keyRows in
                        for i in 0..<keys.count {
                            let j = slot[PartitionedKeySet.partition(keys[i])]
                            if j >= 0, !flags.isSet(i), sets[j].insert(keys[i]) { local[Int(rowMap[Int(keyRows[i])])] += 1 }
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
        return duplicates.withLock { $0 }
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

/// Where a cube stands against the event store it is derived from: which store (its identity,
/// so a replaced or emptied store is noticed) and up to which event row it holds. Events are
/// added to the store in row-id order, one file per transaction, so the events the cube lacks
/// are exactly those with a higher row id.
public struct StoreLink: Sendable, Equatable, Encodable {
    /// The store's identity (made when the store was created); empty for none.
    public var storeID: String
    /// Bumped whenever the store deletes events (`ingest --force`): a cube of an older
    /// generation is rebuilt, not extended.
    public var generation: Int64
    /// The highest event row id of the store the cube holds.
    public var eventWatermark: Int64

    public init(storeID: String = "", generation: Int64 = 0, eventWatermark: Int64 = 0) {
        self.storeID = storeID
        self.generation = generation
        self.eventWatermark = eventWatermark
    }

    /// Whether a cube with this link holds exactly the events of a store whose own link is `store`.
    public func isInStep(with store: StoreLink) -> Bool {
        storeID == store.storeID && generation == store.generation && eventWatermark == store.eventWatermark
    }

    /// Whether a cube with this link may answer for a store whose own link is `store`: it holds
    /// exactly the store's events, or it was built from raw files and the store holds no events.
    public func serves(_ store: StoreLink) -> Bool {
        isInStep(with: store) || (storeID.isEmpty && store.eventWatermark == 0)
    }

    /// Whether the cube can be brought in step by adding the store's events after the watermark.
    public func canExtend(to store: StoreLink) -> Bool {
        storeID == store.storeID && generation == store.generation && eventWatermark <= store.eventWatermark
    }
}

/// One worker's share of a cube build: measures per cell, and for every row its event id,
/// one-a-day key, cell and contribution, so that the merge can keep the first copy of each event
/// id and count each one-a-day key once. About 48 bytes per row until the merge.
struct PartialCube {
    var rowIndex: [UInt64: Int32] = [:]
    var rowKeys: [UInt64] = []
    var values: [Int64] = []
    // Per row, in scan order.
    var keys: [UInt128] = []
    var keyRows: [Int32] = []
    var ids: [UInt128] = []
    var codes: [UInt16] = []
    var goldstein: [Int16] = []
    var articles: [Int32] = []
    var tone: [Int32] = []
    /// The rows each unit added: `start..<end`, in the order this worker scanned them.
    var segments: [(unit: Int, start: Int, end: Int)] = []

    /// Marks where a unit's rows start; ``endUnit(_:)`` closes the segment.
    mutating func beginUnit() -> Int { ids.count }

    mutating func endUnit(_ unit: Int, start: Int) {
        if ids.count > start { segments.append((unit, start, ids.count)) }
    }

    @inline(__always)
    mutating func add(
        packed: UInt64, codeIndex: Int, goldsteinX10: Int64, articles: Int64, toneMicro: Int64, oneADayKey: UInt128, id: UInt128
    ) {
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
        ids.append(id)
        codes.append(UInt16(codeIndex))
        goldstein.append(Int16(goldsteinX10))
        self.articles.append(Int32(clamping: articles))
        tone.append(Int32(clamping: toneMicro))
    }

    /// Takes the rows `isDropped` names back out of the measures.
    mutating func subtract(_ isDropped: (Int) -> Bool) {
        for i in 0..<ids.count where isDropped(i) {
            let base = Int(keyRows[i]) * DyadCube.columnCount
            values[base] -= 1
            values[base + 2] -= Int64(goldstein[i])
            values[base + 3] -= Int64(articles[i])
            values[base + 4] -= Int64(tone[i])
            let sub = CubeCodes.subColumn[Int(codes[i])]
            if sub >= 0 { values[base + Int(sub)] -= 1 }
        }
    }
}

/// One bit per row of a partial: dropped as a duplicate event id. Threads set bits of disjoint
/// rows, one byte per row so that no two threads write the same byte.
struct DropFlags: @unchecked Sendable {
    // @unchecked Sendable: each row's byte is written by the one thread owning its id's partition.
    private let bytes: UnsafeMutableBufferPointer<UInt8>

    init(count: Int) {
        bytes = .allocate(capacity: max(count, 1))
        bytes.initialize(repeating: 0)
    }

    func set(_ i: Int) { bytes[i] = 1 }
    func isSet(_ i: Int) -> Bool { bytes[i] != 0 }
    var any: Bool { bytes.contains(1) }
    func deallocate() { bytes.deallocate() }
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
