import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// The line cap: an over-long line is a rejected row with a reason, never held in memory.
@Suite struct LineCapTests {
    /// Feeds `text` in chunks of `chunk` bytes; returns the lines and the over-long ones as
    /// "number:text" and "number:prefix length".
    static func split(_ text: [UInt8], cap: Int, chunk: Int) -> (lines: [String], long: [String]) {
        var splitter = LineSplitter(maxLineBytes: cap)
        var lines: [String] = [], long: [String] = []
        var i = 0
        while i < text.count {
            let slice = Array(text[i..<min(text.count, i + chunk)])
            slice.withUnsafeBytes { bytes in
                splitter.feed(bytes, tooLong: { prefix, n in long.append("\(n):\(prefix.count)") }) { line, n in
                    lines.append("\(n):" + String(decoding: line, as: UTF8.self))
                }
            }
            i += chunk
        }
        splitter.finish { line, n in lines.append("\(n):" + String(decoding: line, as: UTF8.self)) }
        return (lines, long)
    }

    /// A line of exactly the cap passes; one byte more is reported once, with its number, and
    /// the lines after it keep their numbers, whatever the chunk size.
    @Test(arguments: [1, 3, 10, 64, 4096])
    func overLongLinesAreReportedOnceWithTheirNumber(chunk: Int) {
        let cap = 10
        let text = Array(
            "short\n\(String(repeating: "x", count: 10))\n\(String(repeating: "y", count: 11))\nafter\n\(String(repeating: "z", count: 50))"
                .utf8)
        let (lines, long) = Self.split(text, cap: cap, chunk: chunk)
        #expect(lines == ["1:short", "2:xxxxxxxxxx", "4:after"])
        // Prefixes hold the first bytes only: at most the cap seen so far, never the whole line.
        #expect(long.map { $0.split(separator: ":")[0] } == ["3", "5"])
    }

    /// A line of 4 MiB with a 1 KiB cap: reported with a prefix of at most 256 bytes.
    @Test func theReportedPrefixIsBounded() {
        var text = [UInt8](repeating: 0x41, count: 4 << 20)
        text.append(0x0A)
        text += Array("next\n".utf8)
        let (lines, long) = Self.split(text, cap: 1_024, chunk: 1 << 16)
        #expect(lines == ["2:next"])
        #expect(long == ["1:\(LineSplitter.prefixBytes)"])
    }

    @Test func theEnvironmentSetsTheCapWithinItsRange() {
        #expect(LineSplitter.configuredMaxLineBytes([:]) == 1 << 20)
        #expect(LineSplitter.configuredMaxLineBytes(["ENTENTE_MAX_LINE_BYTES": "4096"]) == 4_096)
        #expect(LineSplitter.configuredMaxLineBytes(["ENTENTE_MAX_LINE_BYTES": "12"]) == 1 << 20)
        #expect(LineSplitter.configuredMaxLineBytes(["ENTENTE_MAX_LINE_BYTES": "abc"]) == 1 << 20)
    }

    /// A GDELT file with a 5 MiB line between two good rows: the good rows are kept, the long
    /// one is rejected as `line too long` at its line, its report holding 256 bytes.
    @Test func aFiveMebibyteLineIsRejectedAndTheOthersKept() throws {
        let folder = TemporaryFolder()
        let long = String(repeating: "A", count: 5 << 20)
        let file = try folder.write("long.export.CSV", lines: [GDELTRow(id: 1).line, long, GDELTRow(id: 3).line])
        var ids: [String] = []
        var reports: [RowReport] = []
        let (format, counts) = try EventFileReader.read(
            file, onEvent: { e, _ in ids.append(e.originalID) }, onIssue: { reports.append($0) })
        #expect(format == .gdelt2)
        #expect(ids == ["1", "3"])
        #expect(counts.rowsRead == 3)
        #expect(counts.issues == [.lineTooLong: 1])
        #expect(reports.map(\.line) == [2])
        #expect(reports.first?.raw == String(repeating: "A", count: LineSplitter.prefixBytes))
        #expect(reports.first?.detail.contains("\(LineSplitter.maxLineBytes) bytes") == true)
    }

    /// 64 MiB of NUL bytes with no newline, zipped: not an event file, found out from the first
    /// MiB (the error names the file and line 1); sniffing reads no more; a forced format rejects
    /// the one line.
    @Test(.timeLimit(.minutes(5))) func aZipOfZerosIsACleanRejection() throws {
        let folder = TemporaryFolder()
        let zip = folder.url.appendingPathComponent("zeros.export.CSV.zip")
        try makeZerosZip(zip, entry: "zeros.export.CSV", megabytes: 64)
        let started = Date()
        do {
            _ = try EventFileReader.read(zip, onEvent: { _, _ in Issue.record("no event can come out of NUL bytes") })
            Issue.record("a first line of 64 MiB must not be read as an event file")
        } catch let error as EntenteError {
            #expect(error.code == .unknownFormat)
            #expect(error.file == zip.path)
            #expect(error.line == 1)
            #expect(error.message.contains("longer than"))
        }
        #expect(Date().timeIntervalSince(started) < 30, "detection stops at the cap instead of inflating the whole entry")
        #expect(EventFileReader.sniff(zip) == nil)

        let plain = try folder.write("zeros.CSV", [UInt8](repeating: 0, count: 16 << 20))
        #expect(EventFileReader.sniff(plain) == nil)
        var reports: [RowReport] = []
        let (_, counts) = try EventFileReader.read(plain, format: .gdelt2, onEvent: { _, _ in }, onIssue: { reports.append($0) })
        #expect(counts.rowsRead == 1)
        #expect(counts.issues == [.lineTooLong: 1])
        #expect(reports.map(\.line) == [1])
    }

    /// Dyad series: the long line is an issue with its number; the rows around it are read.
    @Test func dyadSeriesRejectLongLines() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "series.csv", lines: ["date,a,b,value", "20240101,RUS,PRK,1.5", String(repeating: "9", count: 2_000), "20240102,RUS,PRK,-2"])
        var outcomes: [String] = []
        try DyadSeriesReader.read(file, maxLineBytes: 1_024) { outcome, line in
            switch outcome {
            case .header: outcomes.append("\(line):header")
            case .row(_, _, let day, _): outcomes.append("\(line):\(day)")
            case .issue(let issue, _, let raw): outcomes.append("\(line):\(issue.rawValue):\(raw.count)")
            }
        }
        #expect(outcomes == ["1:header", "2:2024-01-01", "3:line too long:256", "4:2024-01-02"])
    }

    /// Structural CSV: a record over the cap is an error naming the file and the line it starts on.
    @Test func csvRecordsOverTheCapFailNamingFileAndLine() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "atop.csv", lines: ["ccode1,ccode2,year", "2,20,1990", "\"" + String(repeating: "q", count: 5_000) + "\",1,2"])
        var lines: [Int] = []
        do {
            try CSVRecordReader.read(file, maxRecordBytes: 1_024) { _, line in lines.append(line) }
            Issue.record("a 5,000-byte record must not pass a 1 KiB cap")
        } catch let error as EntenteError {
            #expect(error.code == .malformedRow)
            #expect(error.file == file.path)
            #expect(error.line == 3)
        }
        #expect(lines == [1, 2])
    }
}
