public import Foundation

extension DyadCube {
    /// The export header, one column per field, all integers.
    public static let exportHeader = ["source", "target", "month", "root"] + Column.allCases.map(\.name)

    /// The cube as CSV sorted by source, target, month (`YYYYMM`), root, every value an integer,
    /// so that any engine's output can be compared byte for byte.
    public func csv() -> String {
        String(decoding: csvBytes(), as: UTF8.self)
    }

    /// ``csv()`` as bytes, formatted through a raw buffer.
    public func csvBytes() -> [UInt8] {
        var out = RawWriter(capacity: 512 + cellCount * (16 + 21 * (Self.columnCount + 2)))
        out.bytes(Array((Self.exportHeader.joined(separator: ",") + "\n").utf8))
        let codes = Self.stateCodes.map { Array($0.utf8) }
        values.withUnsafeBufferPointer { v in
            for key in rows.keys.sorted() {
                let k = Key(packed: key)
                let row = rows[key]! * Self.columnCount
                let s = codes[k.sourceIndex], t = codes[k.targetIndex]
                out.byte(s[0]); out.byte(s[1]); out.byte(s[2]); out.byte(0x2C)
                out.byte(t[0]); out.byte(t[1]); out.byte(t[2]); out.byte(0x2C)
                out.decimal(Int64((key >> 5) & 0x7FF_FFFF)); out.byte(0x2C)
                out.decimal(Int64(key & 0x1F))
                for c in 0..<Self.columnCount { out.byte(0x2C); out.decimal(v[row + c]) }
                out.byte(0x0A)
            }
        }
        return Array(out.bytes)
    }

}
