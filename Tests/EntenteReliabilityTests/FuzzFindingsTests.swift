import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteCore

/// What the fuzzers found (Fuzz/Crashes/), each now a test: the cube and the store must read
/// every row the same way.
@Suite struct FuzzFindingsTests {
    /// The store and cube paths on one file: rows kept, and the cube's events.
    static func bothPaths(_ lines: [String], name: String = "20240101000000.export.CSV") throws -> (store: Int, cube: Int64) {
        let folder = TemporaryFolder()
        let file = try folder.write(name, lines: lines)
        var reference = DyadCube()
        let (_, counts) = try EventFileReader.read(file, onEvent: { e, _ in reference.add(e) })
        var cube = DyadCube()
        _ = CubeBuilder.build(files: [file], into: &cube, threads: 1)
        #expect(cube == reference)
        let events = cube.sortedKeys.reduce(Int64(0)) { $0 + cube.value($1, .events) }
        return (counts.parsed, events)
    }

    /// F1 (cube-parity/event-id-leading-zero): GLOBALEVENTID `04` is the event `4` in the store,
    /// so it must be in the cube too — one event, not two.
    @Test func aLeadingZeroIsTheSameGDELTEvent() throws {
        var zero = GDELTRow(id: 4)
        zero.fields[0] = "04"
        let (store, cube) = try Self.bothPaths([GDELTRow(id: 4).line, zero.line])
        #expect(store == 2 && cube == 1)
    }

    /// F2 (cube-parity/event-id-minus-zero, count-minus-zero): `-0` is neither an id nor a count,
    /// for the parser as for the scanner.
    @Test func minusZeroIsRejectedByBothPaths() throws {
        var id = GDELTRow(id: 1)
        id.fields[0] = "-0"
        var count = GDELTRow(id: 2)
        count.fields[31] = "-0"
        let (store, cube) = try Self.bothPaths([GDELTRow(id: 3).line, id.line, count.line])
        #expect(store == 1 && cube == 1)
    }

    /// F3 (icews/header-after-blank-line): a blank line before an ICEWS header must not turn the
    /// header into a row (and every row after it into a rejection).
    @Test func anICEWSHeaderAfterABlankLineIsTheHeader() throws {
        let header = [
            "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code", "Intensity",
            "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
            "Province", "Country", "Latitude", "Longitude",
        ]
        let row = [
            "1", "2018-01-02", "Vladimir Putin", "Government", "Russian Federation", "Make statement", "010", "0.0", "Kim Jong-Un",
            "Government", "North Korea", "9", "1", "TASS", "", "", "", "Russian Federation", "0", "0",
        ]
        let folder = TemporaryFolder()
        let file = try folder.write("events.tab", lines: ["", header.joined(separator: "\t"), row.joined(separator: "\t")])
        let (format, counts) = try EventFileReader.read(file, onEvent: { _, _ in })
        #expect(format == .icews)
        #expect(counts.parsed == 1 && counts.rejected == 0)
    }

    /// The saved inputs themselves: replayed through the parser and the scanner without a trap,
    /// with the same rows kept.
    @Test func theSavedCrashInputsReplayCleanly() throws {
        let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Crashes")
        let files = (FileManager.default.enumerator(at: crashes, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { !$0.hasDirectoryPath && $0.lastPathComponent != "README.md" }
        #expect(files.count >= 4)
        for file in files where file.path.contains("cube-parity") {
            let folder = TemporaryFolder()
            let copy = try folder.write("20240101000000.export.CSV", Array(try Data(contentsOf: file)))
            for format in [EventFormat.gdelt1, .gdelt2] {
                var reference = DyadCube()
                _ = try? EventFileReader.read(copy, format: format, onEvent: { e, _ in reference.add(e) })
                var scanner = CubeScanner(format: format)
                let bytes = try [UInt8](Data(contentsOf: copy))
                _ = bytes.withUnsafeBytes { scanner.scan($0, from: 0, to: $0.count) }
                scanner.partial.endUnit(0, start: 0)
                var cube = DyadCube()
                cube.merge([scanner.partial], units: 1, threads: 1)
                #expect(cube == reference, "\(file.lastPathComponent) as \(format)")
            }
        }
    }
}

/// A window reaching before 1800 (assess --at 1801-06 with 24 months) used to invert a range
/// and trap: months are clamped to the years Entente handles.
@Suite struct MonthBoundsTests {
    @Test func advancingPastTheEdgesClamps() throws {
        let first = try #require(Month("1800-03"))
        #expect(first.advanced(by: -11) == Month("1800-01"))
        #expect(try #require(Month("2199-10")).advanced(by: 5) == Month("2199-12"))
        #expect(first.advanced(by: -11) <= first)
        #expect(try #require(Month("2024-07")).advanced(by: -11) == Month("2023-08"))
    }
}
