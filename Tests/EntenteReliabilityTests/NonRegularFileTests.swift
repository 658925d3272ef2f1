import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// Nothing reads from a FIFO or a device: opening a FIFO blocks until a writer comes, and
/// `/dev/zero` never ends. Each test has a time limit, so a regression fails instead of hanging.
@Suite(.timeLimit(.minutes(1))) struct NonRegularFileTests {
    static func expectUnreadable(_ path: String, kind: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(path) must be refused")
        } catch let error as EntenteError {
            #expect(error.code == .unreadableFile)
            #expect(error.file == path)
            #expect(error.message.contains(kind), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func pathsNamedDirectlyMustBeRegularFiles() throws {
        let folder = TemporaryFolder()
        let fifo = folder.url.appendingPathComponent("events.CSV")
        try makeFIFO(fifo)
        Self.expectUnreadable(fifo.path, kind: "FIFO") { _ = try EventFileReader.expand([fifo.path]) }
        Self.expectUnreadable("/dev/zero", kind: "character device") { _ = try EventFileReader.expand(["/dev/zero"]) }
        // A regular file named directly is still read.
        let file = try folder.write("one.export.CSV", lines: [GDELTRow(id: 1).line])
        #expect(try EventFileReader.expand([file.path]) == [file])
    }

    /// In a folder, the FIFO, the link to /dev/zero and the broken link are skipped and reported;
    /// the regular files (a link to one included) are read.
    @Test func foldersSkipWhatIsNotARegularFileAndSaySo() throws {
        let folder = TemporaryFolder()
        let regular = try folder.write("data/a.export.CSV", lines: [GDELTRow(id: 1).line])
        let dir = regular.deletingLastPathComponent()
        try makeFIFO(dir.appendingPathComponent("b.pipe"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("c.zero").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("d.broken").path, withDestinationPath: "/nonexistent")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("e.link").path, withDestinationPath: regular.path)
        var skipped: [String] = []
        let found = try EventFileReader.expand([dir.path]) { path, reason in
            skipped.append(URL(fileURLWithPath: path).lastPathComponent + ": " + reason)
        }
        #expect(found.map(\.lastPathComponent) == ["a.export.CSV", "e.link"])
        #expect(
            skipped.sorted() == [
                "b.pipe: not a regular file (a FIFO)", "c.zero: not a regular file (a character device)",
                "d.broken: a broken symbolic link",
            ])
    }

    @Test func everyReaderRefusesAFIFO() throws {
        let folder = TemporaryFolder()
        let fifo = folder.url.appendingPathComponent("x.csv")
        try makeFIFO(fifo)
        Self.expectUnreadable(fifo.path, kind: "FIFO") { try ByteChunks.forEachChunk(ofPlainFile: fifo) { _ in } }
        Self.expectUnreadable(fifo.path, kind: "FIFO") { _ = try EventFileReader.read(fifo, onEvent: { _, _ in }) }
        Self.expectUnreadable(fifo.path, kind: "FIFO") { _ = try StructuralFormat.firstLine(of: fifo) }
        Self.expectUnreadable(fifo.path, kind: "FIFO") { try DyadSeriesReader.read(fifo) { _, _ in } }
        Self.expectUnreadable(fifo.path, kind: "FIFO") { try CSVRecordReader.read(fifo) { _, _ in } }
        #expect(EventFileReader.sniff(fifo) == nil)
        #expect(!ByteChunks.isZip(fifo))
        Self.expectUnreadable("/dev/zero", kind: "character device") { _ = try LabelsFile.read("/dev/zero") }
    }

    /// A FIFO among the knowledge-base files is a problem naming it; the other files load.
    @Test func knowledgeBaseFoldersSkipAFIFO() throws {
        let folder = TemporaryFolder()
        try folder.write("kb/events.yaml", lines: KnowledgeSafetyTests.event(id: "e1", title: "A visit"))
        try makeFIFO(folder.url.appendingPathComponent("kb/pipe.yaml"))
        let load = try KnowledgeBase.load(folders: [folder.url.appendingPathComponent("kb").path])
        #expect(load.knowledgeBase.events.map(\.id) == ["e1"])
        #expect(load.issues.count == 1)
        #expect(load.issues.first?.file.hasSuffix("kb/pipe.yaml") == true)
        #expect(load.issues.first?.message.contains("FIFO") == true)
        #expect(throws: EntenteError.self) { try KnowledgeBase.load(folders: ["/dev/zero"]) }
    }
}
