import EntenteTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import EntenteCore

@Suite struct CubeBuilderTests {
    /// The reference cube: the reference reader's events, added one by one.
    static func referenceCube(_ files: [URL]) throws -> (DyadCube, [RowCounts]) {
        var cube = DyadCube()
        var counts: [RowCounts] = []
        for file in files {
            let (_, c) = try EventFileReader.read(file, onEvent: { e, _ in cube.add(e) })
            counts.append(c)
        }
        return (cube, counts)
    }

    @Test(
        .enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"),
        arguments: [(1, CubeBuilder.chunkSize), (3, 64 << 10), (2, 4093)])
    func parallelPathEqualsReferenceOnEveryRealFile(threads: Int, chunkSize: Int) throws {
        let files = SharedData.eventSampleFiles
        let (reference, referenceCounts) = try Self.referenceCube(files)
        var cube = DyadCube()
        let report = CubeBuilder.build(files: files, into: &cube, threads: threads, chunkSize: chunkSize)
        #expect(report.files.allSatisfy { $0.status == .added })
        #expect(cube == reference)
        #expect(cube.cellCount > 10_000)
        for (result, counts) in zip(report.files, referenceCounts) {
            #expect(result.counts.rowsRead == counts.rowsRead, "\(result.path)")
            #expect(result.counts.parsed == counts.parsed, "\(result.path)")
            #expect(result.counts.issues == counts.issues, "\(result.path)")
        }
        // The cube's totals equal the events', less the ids it held already.
        let events = cube.sortedKeys.reduce(Int64(0)) { $0 + cube.value($1, .events) }
        #expect(events == Int64(referenceCounts.reduce(0) { $0 + $1.parsed }) - Int64(report.duplicates))
        #expect(cube.eventIDCount == Int(events))
    }

    /// Malformed rows right at chunk boundaries are counted, reported with their real line numbers,
    /// and do not disturb the rows around them.
    @Test(arguments: [1, 2, 7, 100, 1 << 20])
    func malformedRowsAtChunkBoundaries(chunkSize: Int) throws {
        let folder = TemporaryFolder()
        var lines: [String] = []
        for i in 1...60 {
            switch i % 10 {
            case 3: lines.append(GDELTRow(id: i, goldstein: "x").line)
            case 5: lines.append(GDELTRow(id: i, columns: 40).line)
            case 7: lines.append("")
            case 8: lines.append(GDELTRow(id: i, actor1: "", actor1Country: "").line)
            default:
                lines.append(
                    GDELTRow(id: i, date: "2024\(String(format: "%02d", i % 12 + 1))15", code: ["042", "057", "0874", "190"][i % 4]).line)
            }
        }
        let file = try folder.write("boundaries.export.CSV", lines: lines)
        var reference: [RowReport] = []
        let (refCube, refCounts) = try { () throws -> (DyadCube, RowCounts) in
            var c = DyadCube()
            let (_, counts) = try EventFileReader.read(
                file, onEvent: { e, _ in c.add(e) }, onIssue: { if $0.issue.isRejection { reference.append($0) } })
            return (c, counts)
        }()
        var cube = DyadCube()
        var reports: [RowReport] = []
        let report = CubeBuilder.build(files: [file], into: &cube, threads: 3, chunkSize: chunkSize, onReport: { reports.append($0) })
        #expect(cube == refCube)
        #expect(report.files[0].counts.issues == refCounts.issues)
        #expect(report.files[0].counts.rowsRead == 54)
        #expect(reports.map(\.line).sorted() == reference.map(\.line))
        #expect(reports.map(\.line).sorted() == [3, 5, 13, 15, 23, 25, 33, 35, 43, 45, 53, 55])
    }

    @Test func extendingEqualsBuildingAtOnceAndIsIdempotent() throws {
        let folder = TemporaryFolder()
        let a = try folder.write(
            "a.export.CSV", lines: (1...30).map { GDELTRow(id: $0, date: "202309\(String(format: "%02d", $0 % 28 + 1))").line })
        // b repeats some of a's stories (same one-a-day key) under new ids.
        let b = try folder.write(
            "b.export.CSV", lines: (31...50).map { GDELTRow(id: $0, date: "202309\(String(format: "%02d", $0 % 28 + 1))").line })
        var once = DyadCube()
        _ = CubeBuilder.build(files: [a, b], into: &once, threads: 2)
        var twice = DyadCube()
        _ = CubeBuilder.build(files: [a], into: &twice, threads: 2)
        _ = CubeBuilder.build(files: [b], into: &twice, threads: 2)
        #expect(twice == once)
        let again = CubeBuilder.build(files: [a, b], into: &twice, threads: 2)
        #expect(again.files.map(\.status) == [.alreadyInCube, .alreadyInCube])
        #expect(twice == once)
        let key = try #require(once.sortedKeys.first)
        #expect(once.value(key, .events) == 50)
        #expect(once.value(key, .oneADay) == 28)  // 28 distinct days
    }

    @Test func cubeFileRoundTripsAndRejectsCorruption() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "a.export.CSV", lines: (1...20).map { GDELTRow(id: $0, code: ["042", "0312", "163"][$0 % 3], tone: "-\($0).25").line })
        var cube = DyadCube()
        _ = CubeBuilder.build(files: [file], into: &cube, threads: 1)
        cube.link(to: StoreLink(storeID: "abc", generation: 2, eventWatermark: 77))
        let path = folder.url.appendingPathComponent("cube/cube.v2.bin").path
        try cube.write(to: path)
        let back = try DyadCube.read(from: path)
        #expect(back == cube)
        #expect(back.fingerprints == cube.fingerprints && back.keyCount == cube.keyCount && back.eventIDCount == 20)
        #expect(back.storeLink == StoreLink(storeID: "abc", generation: 2, eventWatermark: 77))
        #expect(try DyadCube.cells(from: "RUS", to: "PRK", in: path).count == cube.cellCount)
        #expect(try DyadCube.cells(from: "PRK", to: "RUS", in: path).isEmpty)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func corrupt(_ offset: Int, _ body: () throws -> Void, says: String) throws {
            var bytes = good
            bytes[offset] ^= 0x5A
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect {
                try body()
            } throws: { error in
                let e = error as? EntenteError
                return e?.message.contains(says) == true && e?.message.contains("entente cube rebuild") == true && e?.file == path
            }
        }
        // Header, a value of the dyad's cell, the block table: each detected by the query that reads it.
        try corrupt(20, { _ = try DyadCube.cells(from: "RUS", to: "PRK", in: path) }, says: "header checksum")
        let valuesStart = DyadCube.headerSize + cube.fingerprints.count * DyadCube.fingerprintWidth + cube.cellCount * 8
        try corrupt(valuesStart + 3, { _ = try DyadCube.cells(from: "RUS", to: "PRK", in: path) }, says: "checksum mismatch in block 0")
        try corrupt(valuesStart + 3, { _ = try DyadCube.read(from: path) }, says: "checksum mismatch")
        try corrupt(good.count - 12, { _ = try DyadCube.cells(from: "RUS", to: "PRK", in: path) }, says: "block table checksum")
        try Data(good.prefix(100)).write(to: URL(fileURLWithPath: path))
        #expect { try DyadCube.read(from: path) } throws: { ($0 as? EntenteError)?.message.contains("not an Entente cube") == true }
        try Data(good.prefix(good.count - 1)).write(to: URL(fileURLWithPath: path))
        #expect { try DyadCube.read(from: path) } throws: { ($0 as? EntenteError)?.message.contains("truncated") == true }
        var bytes = good
        bytes[8] = 9  // version 9
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try DyadCube.read(from: path) } throws: { ($0 as? EntenteError)?.message.contains("format version 9") == true }
    }

    /// A key that is impossible (month 0) but correctly checksummed, as a buggy or hostile writer
    /// could produce, is an error, never a trap.
    @Test func impossibleKeysAreErrors() throws {
        let folder = TemporaryFolder()
        var cube = DyadCube()
        let rus = try #require(DyadCube.index(of: "RUS")), prk = try #require(DyadCube.index(of: "PRK"))
        let bad = UInt64(rus) << 41 | UInt64(prk) << 32 | 0 << 5 | 4
        _ = cube.row(for: bad)
        let path = folder.url.appendingPathComponent("cube.bin").path
        try cube.write(to: path)
        #expect { try DyadCube.cells(from: "RUS", to: "PRK", in: path) } throws: {
            ($0 as? EntenteError)?.message.contains("impossible key") == true
        }
        #expect(DyadCube.Key(packed: bad).isValid == false)
        #expect(DyadCube.Key(packed: bad).month == Month("1800-01"))
    }

    /// The cube keeps one copy of each (dataset, event id), the first in file order, exactly as
    /// the store does: the same export zipped and plain, re-emitted ids with other fields, and an
    /// id already in the cube from an earlier build.
    @Test(arguments: [(1, CubeBuilder.chunkSize), (2, 300), (3, 1)])
    func deduplicatesByEventIDFirstSeenWins(threads: Int, chunkSize: Int) throws {
        let folder = TemporaryFolder()
        // a: ids 1…12, Goldstein 1.0 each. b: ids 7…18, Goldstein −5.0 (ids 7…12 re-emitted with
        // other fields: a's copies win). The zip holds a's bytes under another name.
        let aLines = (1...12).map { GDELTRow(id: $0, goldstein: "1.0").line }
        let a = try folder.write("20240101000000.export.CSV", lines: aLines)
        let b = try folder.write("20240101001500.export.CSV", lines: (7...18).map { GDELTRow(id: $0, goldstein: "-5.0").line })
        let zip = folder.url.appendingPathComponent("20240101000000.export.CSV.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let data = Data((aLines.joined(separator: "\n") + "\n").utf8)
        try archive.addEntry(with: "20240101000000.export.CSV", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        var cube = DyadCube()
        let report = CubeBuilder.build(files: [a, zip, b], into: &cube, threads: threads, chunkSize: chunkSize)
        #expect(report.files.map(\.duplicates) == [0, 12, 6])
        let key = try #require(cube.sortedKeys.first)
        #expect(cube.cellCount == 1)
        #expect(cube.value(key, .events) == 18)  // ids 1…18 once each
        #expect(cube.value(key, .goldsteinX10) == 12 * 10 + 6 * -50)  // a's 12 copies, b's 6 new ids
        #expect(cube.value(key, .articles) == 18 * 10)
        #expect(cube.value(key, .oneADay) == 1)  // one day, one actor pair, one code
        #expect(cube.eventIDCount == 18)
        // A later build of a file repeating ids 15…20: only 19 and 20 are new.
        let c = try folder.write("20240101003000.export.CSV", lines: (15...20).map { GDELTRow(id: $0, goldstein: "2.0").line })
        let later = CubeBuilder.build(files: [c], into: &cube, threads: threads, chunkSize: chunkSize)
        #expect(later.files[0].duplicates == 4 && later.kept == 2)
        #expect(cube.value(key, .events) == 20 && cube.value(key, .goldsteinX10) == 120 - 300 + 40)
        // The reference path (events one by one) agrees.
        var reference = DyadCube()
        for file in [a, zip, b, c] { _ = try EventFileReader.read(file, onEvent: { e, _ in reference.add(e) }) }
        #expect(reference == cube)
        // ICEWS ids are another space: the same number is another event.
        #expect(EventIDKey.make(.icews, id: "7") != EventIDKey.make(.gdelt2, id: "7"))
        #expect(EventIDKey.make(.icews, id: "07") != EventIDKey.make(.icews, id: "7"))
        #expect(EventIDKey.make(.gdelt2, id: "07") == EventIDKey.make(.gdelt2, id: "7"))  // the reader stores 4 for 04
    }

    /// A small zip that inflates far beyond GDELT's own ratio is refused as a bomb, after
    /// inflating at most the cap (to disk, not memory); the other files of the build are kept.
    @Test func zipBombsAreRefusedAndOtherFilesKept() throws {
        let folder = TemporaryFolder()
        let good = try folder.write("20240101000000.export.CSV", lines: (1...5).map { GDELTRow(id: $0).line })
        let bomb = folder.url.appendingPathComponent("bomb.export.CSV.zip")
        let archive = try Archive(url: bomb, accessMode: .create)
        let zeros = Data(count: 1 << 20)
        try archive.addEntry(
            with: "bomb.export.CSV", type: .file, uncompressedSize: Int64(200 << 20), compressionMethod: .deflate
        ) { _, size in zeros.prefix(size) }
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: bomb.path)[.size] as? NSNumber).intValue
        #expect(compressed < 1 << 20)  // so the cap is 100 MiB, half of what it would inflate to
        var cube = DyadCube()
        let report = CubeBuilder.build(files: [bomb, good], into: &cube, threads: 2)
        #expect(report.files[0].status == .failed)
        #expect(report.files[0].message?.contains("decompression bomb") == true)
        #expect(report.files[1].status == .added && report.kept == 5)
    }

    /// The fast decimal reader gives the same double as `Double(String)` on random decimals.
    @Test func decimalReaderAgreesWithTheStandardLibrary() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let digits = Int(rng.next() % 17) + 1
            var text = rng.next() % 2 == 0 ? "-" : ""
            let point = Int(rng.next() % UInt64(digits + 1))
            for i in 0..<digits {
                if i == point && i > 0 { text += "." }
                text += String(rng.next() % 10)
            }
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBytes { CubeScanner.decimal($0.baseAddress!, 0, bytes.count) }
            #expect(fast == Double(text), "\(text)")
        }
        for bad in ["", "-", ".", "1.2.3", "abc", "1e999"] {
            let bytes = Array(bad.utf8)
            #expect(
                bytes.withUnsafeBytes { CubeScanner.decimal($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, 0, bytes.count) } == nil,
                "\(bad)")
        }
    }
}

/// A seeded generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
