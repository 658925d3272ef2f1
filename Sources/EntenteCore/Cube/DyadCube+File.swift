public import Foundation

/// The cube's file format, version 2 (little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `ENTECUBE` |
/// | 4, 4 | format version (2), value columns (23) |
/// | 8 × 5 | cells, one-a-day keys, event ids, files, block size |
/// | 8 | the store's event watermark (``StoreLink``) |
/// | 40 | the store's identity (ASCII, space-padded) |
/// | 8 | the store's generation |
/// | 8 | reserved (zero) |
/// | 8 | checksum of the 120 header bytes before it |
/// | 80 × files | file fingerprints (ASCII, space-padded) |
/// | 8 × cells | cell keys, strictly ascending |
/// | 8 × columns × cells | values, cell by cell (a dyad's cells are contiguous) |
/// | 16 × keys | one-a-day keys, in no particular order |
/// | 16 × ids | (dataset, event id) keys, in no particular order |
/// | 8 × blocks | checksum of each block (block size bytes) of everything above |
/// | 8 | checksum of the block table |
///
/// Every read is verified: the header and the block table always, and each block a query
/// touches before its bytes are used, so answering one dyad hashes a few blocks, not the file.
/// A mismatch is an error naming the file and how to rebuild it, never a wrong number.
/// Checksums detect corruption (``Checksum``), not tampering.
extension DyadCube {
    public static let formatVersion: UInt32 = 2
    static let magic = Array("ENTECUBE".utf8)
    static let headerSize = 128
    static let fingerprintWidth = 80
    /// Bytes per verified block.
    static let blockSize = 64 << 10

    /// The cube file in a store folder.
    public static func defaultPath(home: String) -> String {
        (home as NSString).appendingPathComponent("cube/cube.v\(formatVersion).bin")
    }

    /// Writes the cube atomically: a temporary file, flushed to disk, then renamed into place.
    ///
    /// - Complexity: O(cells log cells + keys + ids).
    public func write(to path: String) throws {
        let keys = rows.keys.sorted()
        let fingerprintList = fingerprints.sorted()
        let cells = keys.count
        let dataSize =
            Self.headerSize + fingerprintList.count * Self.fingerprintWidth + cells * 8 * (Self.columnCount + 1) + oneADayKeys.count * 16
            + eventIDs.count * 16
        let blocks = (dataSize + Self.blockSize - 1) / Self.blockSize
        var out = RawWriter(capacity: dataSize + blocks * 8 + 8)
        out.bytes(Self.magic)
        out.integer(Self.formatVersion)
        out.integer(UInt32(Self.columnCount))
        out.integer(UInt64(cells))
        out.integer(UInt64(oneADayKeys.count))
        out.integer(UInt64(eventIDs.count))
        out.integer(UInt64(fingerprintList.count))
        out.integer(UInt64(Self.blockSize))
        out.integer(storeLink.eventWatermark)
        let id = Array(storeLink.storeID.utf8.prefix(40))
        for j in 0..<40 { out.byte(j < id.count ? id[j] : 0x20) }
        out.integer(storeLink.generation)
        for _ in 0..<8 { out.byte(0) }
        out.integer(Checksum.of(UnsafeRawBufferPointer(rebasing: out.bytes[0..<120])))
        for f in fingerprintList {
            let bytes = Array(f.utf8.prefix(Self.fingerprintWidth))
            for j in 0..<Self.fingerprintWidth { out.byte(j < bytes.count ? bytes[j] : 0x20) }
        }
        for k in keys { out.integer(k) }
        values.withUnsafeBufferPointer { v in
            for k in keys {
                let base = rows[k, default: 0] * Self.columnCount
                for c in 0..<Self.columnCount { out.integer(v[base + c]) }
            }
        }
        for set in [oneADayKeys, eventIDs] {
            set.forEachKey { key in
                out.integer(UInt64(truncatingIfNeeded: key))
                out.integer(UInt64(truncatingIfNeeded: key >> 64))
            }
        }
        precondition(out.count == dataSize, "cube size mismatch")
        var table: [UInt64] = []
        table.reserveCapacity(blocks)
        for b in 0..<blocks {
            table.append(
                Checksum.of(UnsafeRawBufferPointer(rebasing: out.bytes[(b * Self.blockSize)..<min(dataSize, (b + 1) * Self.blockSize)])))
        }
        for c in table { out.integer(c) }
        out.integer(Checksum.of(UnsafeRawBufferPointer(rebasing: out.bytes[dataSize..<out.count])))
        try out.write(to: path)
    }

    /// Reads a whole cube file, verifying every block.
    ///
    /// - Throws: ``EntenteError`` `store-failure` naming the file when it is truncated, corrupt,
    ///   or of another format version.
    /// - Parameter keys: also load the one-a-day keys and event ids (needed to extend the cube,
    ///   not to read it).
    public static func read(from path: String, keys loadKeys: Bool = true) throws -> DyadCube {
        let file = try CubeFile(path: path)
        try file.verifyAll()
        var cube = DyadCube()
        cube.storeLink = file.storeLink
        for i in 0..<file.files { cube.fingerprints.insert(try file.fingerprint(i)) }
        cube.values = [Int64](repeating: 0, count: file.cells * columnCount)
        cube.rows.reserveCapacity(file.cells)
        var previous: UInt64? = nil
        for i in 0..<file.cells {
            let key = try file.key(i)
            if let previous, key <= previous { throw file.corrupt("cell keys out of order at cell \(i)") }
            previous = key
            cube.rows[key] = i
            for c in 0..<columnCount { cube.values[i * columnCount + c] = file.verifiedValue(i, c) }
        }
        guard loadKeys else { return cube }
        cube.oneADayKeys.reserveCapacity(file.oneADayKeys)
        for i in 0..<file.oneADayKeys { _ = cube.oneADayKeys.insert(try file.wideKey(file.dedupOffset, i)) }
        cube.eventIDs.reserveCapacity(file.eventIDs)
        for i in 0..<file.eventIDs { _ = cube.eventIDs.insert(try file.wideKey(file.idsOffset, i)) }
        return cube
    }

    /// Replaces the store link (the cube is being derived from a store).
    public mutating func link(to store: StoreLink) { storeLink = store }

    /// Adds a file's fingerprint to the cube's file list.
    public mutating func record(file fingerprint: String) { fingerprints.insert(fingerprint) }

    /// What a cube file says about itself, after verifying its header and block table (not its
    /// blocks).
    public static func link(of path: String) throws -> (storeLink: StoreLink, files: Set<String>) {
        let file = try CubeFile(path: path)
        var files: Set<String> = []
        for i in 0..<file.files { files.insert(try file.fingerprint(i)) }
        return (file.storeLink, files)
    }

    /// Every cell whose source is `a`, from a cube file (a contiguous range of its sorted keys).
    ///
    /// - Complexity: O(log cells + k) for k cells of the source, hashing the blocks read.
    public static func cells(from a: String, in path: String) throws -> [(key: Key, values: [Int64])] {
        guard let s = index(of: a) else { return [] }
        return try CubeFile(path: path).cells(prefix: UInt64(s), shift: 41)
    }

    /// The cells of the dyad A→B from a cube file, read by binary search from a memory map
    /// without loading the cube; every block read is verified first.
    ///
    /// - Complexity: O(log cells + k) for k cells of the dyad, hashing the blocks read.
    public static func cells(from a: String, to b: String, in path: String) throws -> [(key: Key, values: [Int64])] {
        guard let s = index(of: a), let t = index(of: b) else { return [] }
        return try CubeFile(path: path).cells(prefix: UInt64(s) << 9 | UInt64(t), shift: 32)
    }
}

/// A mapped cube file whose bytes are verified, block by block, before they are used.
final class CubeFile {
    let path: String
    private let file: MappedFile
    private let bytes: UnsafeRawBufferPointer
    let cells: Int, oneADayKeys: Int, eventIDs: Int, files: Int
    let storeLink: StoreLink
    let fingerprintsOffset: Int, keysOffset: Int, valuesOffset: Int, dedupOffset: Int, idsOffset: Int, dataSize: Int
    private let blockSize: Int
    private var verified: [Bool]

    init(path: String) throws {
        self.path = path
        file = try MappedFile(URL(fileURLWithPath: path))
        let b = file.bytes
        bytes = b
        func fail(_ message: String) -> EntenteError {
            EntenteError(.storeFailure, "\(message); rebuild the cube with `entente cube rebuild`", file: path)
        }
        guard b.count >= DyadCube.headerSize + 8, b[0..<8].elementsEqual(DyadCube.magic) else {
            throw fail("not an Entente cube file (or its header is damaged)")
        }
        let version = b.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        let columns = b.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian
        guard version == DyadCube.formatVersion, columns == UInt32(DyadCube.columnCount) else {
            throw fail("cube file format version \(version) with \(columns) columns; this Entente reads version \(DyadCube.formatVersion)")
        }
        let stored = b.loadUnaligned(fromByteOffset: 120, as: UInt64.self).littleEndian
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: b[0..<120])) == stored else {
            throw fail("cube file is corrupt: header checksum mismatch")
        }
        func field(_ offset: Int) -> UInt64 { b.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian }
        let cells = field(16), keys = field(24), ids = field(32), files = field(40), block = field(48)
        guard cells < 1 << 36, keys < 1 << 36, ids < 1 << 36, files < 1 << 24, block >= 4096, block <= 1 << 26 else {
            throw fail("cube file header is corrupt")
        }
        self.cells = Int(cells)
        oneADayKeys = Int(keys)
        eventIDs = Int(ids)
        self.files = Int(files)
        blockSize = Int(block)
        storeLink = StoreLink(
            storeID: String(decoding: b[64..<104], as: UTF8.self).trimmingCharacters(in: .whitespaces),
            generation: Int64(bitPattern: field(104)), eventWatermark: Int64(bitPattern: field(56)))
        fingerprintsOffset = DyadCube.headerSize
        keysOffset = fingerprintsOffset + self.files * DyadCube.fingerprintWidth
        valuesOffset = keysOffset + self.cells * 8
        dedupOffset = valuesOffset + self.cells * 8 * DyadCube.columnCount
        idsOffset = dedupOffset + oneADayKeys * 16
        dataSize = idsOffset + eventIDs * 16
        let blocks = (dataSize + blockSize - 1) / blockSize
        guard b.count == dataSize + blocks * 8 + 8 else {
            throw fail("cube file is truncated or has trailing bytes (\(b.count) bytes, \(dataSize + blocks * 8 + 8) expected)")
        }
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: b[dataSize..<(b.count - 8)])) == field(b.count - 8) else {
            throw fail("cube file is corrupt: block table checksum mismatch")
        }
        verified = [Bool](repeating: false, count: blocks)
    }

    func corrupt(_ what: String) -> EntenteError {
        EntenteError(.storeFailure, "cube file is corrupt (\(what)); rebuild the cube with `entente cube rebuild`", file: path)
    }

    /// Verifies the blocks that hold `range` (once per block for this mapping).
    private func verify(_ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        for block in (range.lowerBound / blockSize)...((range.upperBound - 1) / blockSize) where !verified[block] {
            let lo = block * blockSize, hi = min(dataSize, lo + blockSize)
            let stored = bytes.loadUnaligned(fromByteOffset: dataSize + block * 8, as: UInt64.self).littleEndian
            guard Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])) == stored else {
                throw corrupt("checksum mismatch in block \(block) of \(verified.count)")
            }
            verified[block] = true
        }
    }

    func verifyAll() throws { try verify(0..<dataSize) }

    func fingerprint(_ i: Int) throws -> String {
        let s = fingerprintsOffset + i * DyadCube.fingerprintWidth
        try verify(s..<(s + DyadCube.fingerprintWidth))
        return String(decoding: bytes[s..<(s + DyadCube.fingerprintWidth)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    func key(_ i: Int) throws -> UInt64 {
        let s = keysOffset + i * 8
        try verify(s..<(s + 8))
        return bytes.loadUnaligned(fromByteOffset: s, as: UInt64.self).littleEndian
    }

    /// The values of cell `i`, verified.
    func values<T>(_ i: Int, _ body: ([Int64]) throws -> T) throws -> T {
        let s = valuesOffset + i * 8 * DyadCube.columnCount
        try verify(s..<(s + 8 * DyadCube.columnCount))
        let v = (0..<DyadCube.columnCount).map { c in bytes.loadUnaligned(fromByteOffset: s + c * 8, as: Int64.self).littleEndian }
        return try body(v)
    }

    /// One value of cell `i`, after ``verifyAll()``.
    func verifiedValue(_ i: Int, _ c: Int) -> Int64 {
        bytes.loadUnaligned(fromByteOffset: valuesOffset + (i * DyadCube.columnCount + c) * 8, as: Int64.self).littleEndian
    }

    func wideKey(_ offset: Int, _ i: Int) throws -> UInt128 {
        let s = offset + i * 16
        try verify(s..<(s + 16))
        let lo = bytes.loadUnaligned(fromByteOffset: s, as: UInt64.self).littleEndian
        let hi = bytes.loadUnaligned(fromByteOffset: s + 8, as: UInt64.self).littleEndian
        return UInt128(hi) << 64 | UInt128(lo)
    }

    /// The cells whose packed key, shifted right by `shift`, equals `prefix`: the one binary search
    /// over the sorted keys (keys pack source · target · month · root, high bits first).
    func cells(prefix: UInt64, shift: UInt64) throws -> [(key: DyadCube.Key, values: [Int64])] {
        var lo = 0, hi = cells
        while lo < hi {
            let mid = (lo + hi) / 2
            if try key(mid) >> shift < prefix { lo = mid + 1 } else { hi = mid }
        }
        var out: [(DyadCube.Key, [Int64])] = []
        var i = lo
        while i < cells {
            let k = try key(i)
            guard k >> shift == prefix else { break }
            let key = DyadCube.Key(packed: k)
            guard key.isValid else { throw corrupt("cell \(i) has an impossible key") }
            out.append((key, try values(i) { $0 }))
            i += 1
        }
        return out
    }
}
