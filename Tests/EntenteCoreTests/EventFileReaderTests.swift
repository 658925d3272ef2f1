import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@Suite struct EventFileReaderTests {
    /// Every real sample file is read, and its counts agree with an independent Python count
    /// (scripts/count_rows.py) of the same file.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func realSampleFilesMatchAnIndependentCount() throws {
        let files = SharedData.eventSampleFiles
        #expect(files.count == 9)
        let script = SharedData.packageRoot.appendingPathComponent("scripts/count_rows.py").path
        let run = try runProcess("/usr/bin/env", ["python3", script, "--data", SharedData.root.path] + files.map(\.path))
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try JSONDecoder().decode([String: [String: Int]].self, from: Data(run.stdout.utf8))
        for file in files {
            var ids = Set<String>()
            let (format, counts) = try EventFileReader.read(file, onEvent: { e, _ in ids.insert(e.originalID) })
            let reference = try #require(expected[file.path])
            #expect(counts.rowsRead == reference["rows"], "\(file.lastPathComponent) rows")
            #expect(counts.parsed == reference["kept"], "\(file.lastPathComponent) kept")
            #expect(counts.rejected == 0, "\(file.lastPathComponent): \(counts.issues)")
            #expect(counts.parsed + counts.skipped == counts.rowsRead)
            #expect(ids.count == counts.parsed, "ids are unique within \(file.lastPathComponent)")
            #expect(format == (file.path.contains("icews") ? .icews : file.path.contains("gdelt1") ? .gdelt1 : .gdelt2))
        }
    }

    /// The ICEWS sample holds Lavrov's 2018-06-01 visit to Pyongyang.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func icewsSampleHoldsTheLavrovVisit() throws {
        var rusPrk: [Event] = []
        _ = try EventFileReader.read(
            SharedData.url("icews/events.2018.sample.tab"),
            onEvent: { e, _ in
                if Set([e.source.country, e.target.country]) == ["RUS", "PRK"] { rusPrk.append(e) }
            })
        #expect((70...90).contains(rusPrk.count))
        #expect(rusPrk.contains { $0.source.name.contains("Lavrov") && $0.date.description == "2018-06-01" })
    }

    @Test func goodRowsAroundBadOnesAreKeptWithLineNumbers() throws {
        let folder = TemporaryFolder()
        var bad = Array(GDELTRow(id: 3).line.utf8)
        bad[bad.count - 2] = 0xC3  // a truncated two-byte sequence
        var bytes = Array((GDELTRow(id: 1).line + "\n" + GDELTRow(id: 2, goldstein: "x").line + "\n").utf8)
        bytes += bad + Array("\n\n".utf8) + Array((GDELTRow(id: 4, date: "20241340").line + "\r\n" + GDELTRow(id: 5).line).utf8)
        let file = try folder.write("mixed.export.CSV", bytes)
        var kept: [Int] = []
        var reports: [RowReport] = []
        let (_, counts) = try EventFileReader.read(file, onEvent: { _, line in kept.append(line) }, onIssue: { reports.append($0) })
        #expect(kept == [1, 6])
        #expect(counts.rowsRead == 5)
        #expect(reports.map(\.line) == [2, 3, 5])
        #expect(reports.map(\.issue) == [.badGoldstein, .invalidUTF8, .badDate])
        #expect(reports.allSatisfy { $0.file == "mixed.export.CSV" })
        #expect(counts.examples[.badDate] == [5])
    }

    /// Lines split across chunk boundaries, at every possible offset, read the same.
    @Test(arguments: [1, 2, 7, 64, 1000])
    func lineSplitterIsIndependentOfChunkSize(chunk: Int) {
        let text = Array("a\tb\nlonger line here\r\n\nlast without newline".utf8)
        var lines: [String] = []
        var splitter = LineSplitter()
        var i = 0
        while i < text.count {
            let slice = Array(text[i..<min(text.count, i + chunk)])
            slice.withUnsafeBytes { splitter.feed($0) { line, n in lines.append("\(n):" + String(decoding: line, as: UTF8.self)) } }
            i += chunk
        }
        splitter.finish { line, n in lines.append("\(n):" + String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["1:a\tb", "2:longer line here", "3:", "4:last without newline"])
    }

    @Test func zippedFilesAreReadAndTruncatedZipsFailClearly() throws {
        let folder = TemporaryFolder()
        let plain = try folder.write("20240619.export.CSV", lines: [GDELTRow(id: 1).line, GDELTRow(id: 2).line])
        let zip = folder.url.appendingPathComponent("20240619.export.CSV.zip")
        // Zipped by Python's zipfile: an implementation independent of ours.
        let made = try runProcess(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[2],'20240619.export.CSV'); z.close()",
                zip.path, plain.path,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        var ids: [String] = []
        let (format, counts) = try EventFileReader.read(zip, onEvent: { e, _ in ids.append(e.originalID) })
        #expect(format == .gdelt2)
        #expect(ids == ["1", "2"])
        #expect(counts.rowsRead == 2)

        let whole = try Data(contentsOf: zip)
        let truncated = try folder.write("truncated.export.CSV.zip", Array(whole.prefix(whole.count / 2)))
        do {
            _ = try EventFileReader.read(truncated, onEvent: { _, _ in })
            Issue.record("a truncated zip must fail")
        } catch let error as EntenteError {
            #expect(error.code == .corruptArchive)
            #expect(error.description.contains("truncated.export.CSV.zip"))
        }
    }

    @Test func emptyAndUnrelatedFilesAreNotEventFiles() throws {
        let folder = TemporaryFolder()
        let empty = try folder.write("empty.CSV", [])
        let readme = try folder.write("sub/README.md", lines: ["# Notes", "nothing here"])
        try folder.write(".hidden", lines: ["x"])
        #expect(EventFileReader.sniff(empty) == nil)
        #expect(EventFileReader.sniff(readme) == nil)
        #expect(throws: EntenteError.self) { try EventFileReader.read(empty, onEvent: { _, _ in }) }
        let found = try EventFileReader.expand([folder.url.path]).map(\.lastPathComponent)
        #expect(found == ["empty.CSV", "README.md"])
        #expect(throws: EntenteError.self) { try EventFileReader.expand([folder.url.appendingPathComponent("missing").path]) }
    }

    @Test func sha256MatchesKnownVector() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("abc.txt", Array("abc".utf8))
        #expect(try EventFileReader.sha256(of: file) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
