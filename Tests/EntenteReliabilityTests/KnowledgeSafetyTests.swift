import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// Knowledge-base duplicates do what the warning says; titles cannot break Markdown.
@Suite struct KnowledgeSafetyTests {
    /// One valid curated event (RUS→PRK, 2024-06-19) as YAML lines; `title` is written as a YAML
    /// double-quoted string, so `\n` in it is a line break.
    static func event(id: String, title: String, date: String = "2024-06-19", tags: String = "[summit]", header: Bool = true) -> [String] {
        (header ? ["events:"] : []) + [
            "  - id: \(id)", "    date: \(date)", "    source: RUS", "    target: PRK", "    code: \"042\"", "    title: \"\(title)\"",
            "    tags: \(tags)", "    confidence: confirmed", "    sources: [{outlet: o, url: 'https://example.org/\(id)'}]",
        ]
    }

    /// Two entries with one id in a folder: the first is kept, the second left out, and the
    /// problem says exactly that (and nothing is "overridden by a later folder").
    @Test func aDuplicateIdKeepsTheFirstEntryAndSaysSo() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "kb/events.yaml", lines: Self.event(id: "dup", title: "First") + Self.event(id: "dup", title: "Second", header: false))
        let load = try KnowledgeBase.load(folders: [file.deletingLastPathComponent().path])
        #expect(load.knowledgeBase.events.map(\.title) == ["First"])
        #expect(load.overridden.isEmpty)
        #expect(load.issues.count == 1)
        let issue = try #require(load.issues.first)
        #expect(issue.line == 11)  // the second entry's "- id:" line
        #expect(issue.message.contains("first defined at events.yaml:2 is kept, this one is left out"))
    }

    /// A later folder's entry still replaces an earlier folder's (and is reported as overridden).
    @Test func aLaterFolderStillOverrides() throws {
        let folder = TemporaryFolder()
        let one = try folder.write("one/events.yaml", lines: Self.event(id: "e", title: "Old"))
        let two = try folder.write("two/events.yaml", lines: Self.event(id: "e", title: "New"))
        let load = try KnowledgeBase.load(folders: [one, two].map { $0.deletingLastPathComponent().path })
        #expect(load.knowledgeBase.events.map(\.title) == ["New"])
        #expect(load.overridden == ["e"])
        #expect(load.issues.isEmpty)
    }

    @Test(arguments: [
        ("Visit\n# Injected heading", "Visit \\# Injected heading"),
        ("Line\r\n\r\n- item", "Line - item"),
        ("- starts a list", "\\- starts a list"),
        ("1986. a year", "1986\\. a year"),
        ("tab\there\u{2028}sep", "tab here sep"),
        ("~~strike~~ <b>", "\\~\\~strike\\~\\~ &lt;b&gt;"),
        ("  padded\n", "padded"),
    ])
    func markdownTextIsOneSafeLine(input: String, expected: String) {
        let out = Escape.markdown(input)
        #expect(out == expected)
        #expect(!out.contains("\n") && !out.contains("\r"))
    }
}
