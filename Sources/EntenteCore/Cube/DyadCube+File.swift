public import Foundation

/// The cube's file format, version 1 (little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `ENTECUBE` |
/// | 4, 4 | format version (1), value columns (23) |
/// | 8, 8, 8 | cells, one-a-day keys, files |
/// | 64 × files | file fingerprints (hex) |
/// | 8 × cells | cell keys, ascending |
/// | 8 × cells × columns | values, column by column |
/// | 16 × keys | one-a-day keys (low, high), in no particular order |
/// | 8 | checksum of everything before (``Checksum``: 64-bit, for corruption, not tampering) |
///
/// Queries read the keys and the needed values straight from a memory map, by binary search;
/// extending the cube loads it whole and verifies the checksum.
extension DyadCube {
    public static let formatVersion: UInt32 = 1
    static let magic = Array("ENTECUBE".utf8)
    static let headerSize = 40

    /// The cube file in a store folder.
    public static func defaultPath(home: String) -> String {
        (home as NSString).appendingPathComponent("cube/cube.v\(formatVersion).bin")
    }

    /// Writes the cube atomically (a temporary file renamed into place).
    ///
    /// - Complexity: O(cells log cells + keys log keys).
    public func write(to path: String) throws {
        let keys = rows.keys.sorted()
        let fingerprintList = fingerprints.sorted()
        let cells = keys.count
        let size = Self.headerSize + fingerprintList.count * 64 + cells * 8 * (Self.columnCount + 1) + oneADayKeys.count * 16 + 8
        var out = RawWriter(capacity: size)
        out.bytes(Self.magic)
        out.integer(Self.formatVersion)
        out.integer(UInt32(Self.columnCount))
        out.integer(UInt64(cells))
        out.integer(UInt64(oneADayKeys.count))
        out.integer(UInt64(fingerprintList.count))
        for f in fingerprintList {
            let bytes = Array(f.utf8.prefix(64))
            for j in 0..<64 { out.byte(j < bytes.count ? bytes[j] : 0x20) }
        }
        for k in keys { out.integer(k) }
        let rowOf = keys.map { rows[$0]! * Self.columnCount }
        values.withUnsafeBufferPointer { v in
            for c in 0..<Self.columnCount {
                for r in rowOf { out.integer(v[r + c]) }
            }
        }
        oneADayKeys.forEachKey { key in
            out.integer(UInt64(truncatingIfNeeded: key))
            out.integer(UInt64(truncatingIfNeeded: key >> 64))
        }
        out.integer(Checksum.of(out.bytes))
        try out.write(to: path)
    }

    /// Reads a whole cube file, verifying its checksum.
    ///
    /// - Throws: ``EntenteError`` `store-failure` naming the file when it is truncated, corrupt,
    ///   or of another format version.
    /// - Parameter keys: also load the one-a-day keys (needed to extend the cube, not to read it).
    public static func read(from path: String, keys loadKeys: Bool = true) throws -> DyadCube {
        let file = try MappedFile(URL(fileURLWithPath: path))
        let b = file.bytes
        let header = try CubeFileHeader(b, path: path)
        guard b.count == header.totalSize else {
            throw EntenteError(
                .storeFailure, "cube file is truncated or has trailing bytes (\(b.count) bytes, \(header.totalSize) expected)", file: path)
        }
        let stored = b.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self).littleEndian
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: b[0..<(b.count - 8)])) == stored else {
            throw EntenteError(
                .storeFailure, "cube file checksum mismatch: the file is corrupt; rebuild it with `entente cube build`", file: path)
        }
        var cube = DyadCube()
        for i in 0..<header.files {
            let s = header.fingerprintsOffset + i * 64
            cube.fingerprints.insert(String(decoding: b[s..<(s + 64)], as: UTF8.self).trimmingCharacters(in: .whitespaces))
        }
        cube.values = [Int64](repeating: 0, count: header.cells * columnCount)
        for i in 0..<header.cells {
            let key = b.loadUnaligned(fromByteOffset: header.keysOffset + i * 8, as: UInt64.self).littleEndian
            cube.rows[key] = i
            for c in 0..<columnCount {
                cube.values[i * columnCount + c] =
                    b.loadUnaligned(fromByteOffset: header.valuesOffset + (c * header.cells + i) * 8, as: Int64.self).littleEndian
            }
        }
        guard loadKeys else { return cube }
        cube.oneADayKeys.reserveCapacity(header.keys)
        for i in 0..<header.keys {
            let lo = b.loadUnaligned(fromByteOffset: header.dedupOffset + i * 16, as: UInt64.self).littleEndian
            let hi = b.loadUnaligned(fromByteOffset: header.dedupOffset + i * 16 + 8, as: UInt64.self).littleEndian
            _ = cube.oneADayKeys.insert(UInt128(hi) << 64 | UInt128(lo))
        }
        return cube
    }

    /// Every cell whose source is `a`, from a cube file (a contiguous range of its sorted keys).
    ///
    /// - Complexity: O(log cells + k) for k cells of the source.
    public static func cells(from a: String, in path: String) throws -> [(key: Key, values: [Int64])] {
        guard let s = index(of: a) else { return [] }
        return try cells(in: path, prefix: UInt64(s), shift: 41)
    }

    /// The cells of the dyad A→B from a cube file, read by binary search from a memory map
    /// without loading the cube.
    ///
    /// - Complexity: O(log cells + k) for k cells of the dyad.
    public static func cells(from a: String, to b: String, in path: String) throws -> [(key: Key, values: [Int64])] {
        guard let s = index(of: a), let t = index(of: b) else { return [] }
        return try cells(in: path, prefix: UInt64(s) << 9 | UInt64(t), shift: 32)
    }

    /// The cells whose packed key, shifted right by `shift`, equals `prefix`: the one binary search
    /// over a cube file's sorted keys (keys pack source · target · month · root, high bits first).
    private static func cells(in path: String, prefix: UInt64, shift: UInt64) throws -> [(key: Key, values: [Int64])] {
        let file = try MappedFile(URL(fileURLWithPath: path))
        let bytes = file.bytes
        let header = try CubeFileHeader(bytes, path: path)
        guard bytes.count == header.totalSize else { throw EntenteError(.storeFailure, "cube file is truncated", file: path) }
        func key(_ i: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: header.keysOffset + i * 8, as: UInt64.self).littleEndian }
        var lo = 0, hi = header.cells
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(mid) >> shift < prefix { lo = mid + 1 } else { hi = mid }
        }
        var out: [(Key, [Int64])] = []
        var i = lo
        while i < header.cells, key(i) >> shift == prefix {
            let values = (0..<columnCount).map { c in
                bytes.loadUnaligned(fromByteOffset: header.valuesOffset + (c * header.cells + i) * 8, as: Int64.self).littleEndian
            }
            out.append((Key(packed: key(i)), values))
            i += 1
        }
        return out
    }
}

/// The fixed header of a cube file and where its sections start.
struct CubeFileHeader {
    let cells: Int, keys: Int, files: Int
    let fingerprintsOffset: Int, keysOffset: Int, valuesOffset: Int, dedupOffset: Int, totalSize: Int

    init(_ b: UnsafeRawBufferPointer, path: String) throws {
        guard b.count >= DyadCube.headerSize + 8, b[0..<8].elementsEqual(DyadCube.magic) else {
            throw EntenteError(.storeFailure, "not an Entente cube file", file: path)
        }
        let version = b.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        let columns = b.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian
        guard version == DyadCube.formatVersion, columns == UInt32(DyadCube.columnCount) else {
            throw EntenteError(
                .storeFailure,
                "cube file format version \(version) with \(columns) columns; this Entente reads version \(DyadCube.formatVersion): rebuild with `entente cube build`",
                file: path)
        }
        let cells = b.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        let keys = b.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
        let files = b.loadUnaligned(fromByteOffset: 32, as: UInt64.self).littleEndian
        guard cells < 1 << 40, keys < 1 << 40, files < 1 << 32 else {
            throw EntenteError(.storeFailure, "cube file header is corrupt", file: path)
        }
        self.cells = Int(cells)
        self.keys = Int(keys)
        self.files = Int(files)
        fingerprintsOffset = DyadCube.headerSize
        keysOffset = fingerprintsOffset + self.files * 64
        valuesOffset = keysOffset + self.cells * 8
        dedupOffset = valuesOffset + self.cells * 8 * DyadCube.columnCount
        totalSize = dedupOffset + self.keys * 16 + 8
    }
}
