import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@Suite struct KnowledgeBaseTests {
    static func shipped() throws -> KnowledgeLoad {
        let folder = try #require(KnowledgeBase.shippedFolder, "the shipped knowledge base is a resource of EntenteCore")
        return try KnowledgeBase.load(folders: [folder.path])
    }

    @Test func shippedKnowledgeBasePassesCheck() throws {
        let load = try Self.shipped()
        #expect(load.issues.isEmpty, "\(load.issues.map(\.description).joined(separator: "\n"))")
        let kb = load.knowledgeBase
        #expect(kb.treaties.count >= 15)
        #expect(kb.events.count >= 25)
        #expect(Set(kb.groups.map(\.id)) == ["NATO", "CSTO"])
        // Every entry carries at least one http(s) source.
        for t in kb.treaties { #expect(!t.sources.isEmpty && t.sources.allSatisfy { $0.url.hasPrefix("http") }, "\(t.id)") }
        for e in kb.events { #expect(!e.sources.isEmpty && e.sources.allSatisfy { $0.url.hasPrefix("http") }, "\(e.id)") }
    }

    @Test func russiaNorthKoreaObligationsFollowTheTreaties() throws {
        let kb = try Self.shipped().knowledgeBase
        // 2024-07-01: the 2024 treaty is signed (not yet in force) with mutual assistance both ways.
        for (a, b) in [("RUS", "PRK"), ("PRK", "RUS")] {
            let july = kb.obligations(from: a, to: b, at: Day("2024-07-01")!)
            let treaty2024 = try #require(july.first { $0.treaty.id == "rus-prk-2024-comprehensive-strategic-partnership" })
            #expect(treaty2024.status == .signedNotInForce)
            #expect(treaty2024.types.contains(.defenceImmediate))
            // After entry into force it is the only treaty, and in force.
            let later = kb.obligations(from: a, to: b, at: Day("2025-01-01")!)
            #expect(later.map(\.treaty.id) == ["rus-prk-2024-comprehensive-strategic-partnership"])
            #expect(later[0].status == .inForce && later[0].strongest == .defenceImmediate)
        }
        // 2010: the 2000 treaty of friendship - consultation, no automatic assistance.
        let in2010 = kb.obligations(from: "RUS", to: "PRK", at: Day("2010-01-01")!)
        #expect(in2010.map(\.treaty.id) == ["rus-prk-2000-friendship-good-neighbourliness"])
        #expect(in2010[0].types == [.consultation])
        // 1970: the 1961 alliance.
        #expect(kb.obligations(from: "PRK", to: "RUS", at: Day("1970-01-01")!).first?.strongest == .defenceImmediate)
        #expect(kb.obligations(from: "RUS", to: "PRK", at: Day("1998-01-01")!).isEmpty)
    }

    @Test func groupMembershipDatesAreHonoured() throws {
        let kb = try Self.shipped().knowledgeBase
        #expect(kb.obligations(from: "USA", to: "FIN", at: Day("2023-04-03")!).isEmpty)
        // NATO's Article 5 ("such action as it deems necessary", Article 11) is coded as ATOP does.
        #expect(kb.obligations(from: "USA", to: "FIN", at: Day("2023-04-04")!).first?.strongest == .defenceConsultation)
        #expect(kb.obligations(from: "SWE", to: "FIN", at: Day("2024-03-06")!).isEmpty)
        #expect(kb.obligations(from: "SWE", to: "FIN", at: Day("2024-03-07")!).first?.strongest == .defenceConsultation)
        #expect(kb.obligations(from: "RUS", to: "BLR", at: Day("2000-01-01")!).first?.strongest == .defenceImmediate)
        // Directed obligations: Japan owes the United States less than the reverse.
        let day = Day("2020-01-01")!
        #expect(kb.obligations(from: "USA", to: "JPN", at: day).first?.strongest == .defenceConsultation)
        #expect(kb.obligations(from: "JPN", to: "USA", at: day).first?.strongest == .consultation)
        // A rule limited in time: ANZUS obligations between the US and New Zealand end in 1986.
        #expect(kb.obligations(from: "USA", to: "NZL", at: Day("1980-01-01")!).first?.strongest == .defenceConsultation)
        #expect(kb.obligations(from: "USA", to: "NZL", at: Day("1990-01-01")!).first?.types == [])
    }

    @Test func eventsBetweenADyadIncludeThoseAboutTheOther() throws {
        let kb = try Self.shipped().knowledgeBase
        let events = kb.events(between: "RUS", and: "PRK", from: Day("2023-01-01"), to: Day("2024-12-31"))
        // The summit is confirmed; the satellite help promised there is a separate, pledged entry.
        #expect(events.contains { $0.id == "2023-09-13-vostochny-summit" && $0.confidence == .confirmed && $0.tags == ["summit"] })
        #expect(
            events.contains {
                $0.id == "2023-09-13-satellite-help-pledged" && $0.confidence == .pledged && $0.tags.contains("sensitive-tech:space")
            })
        #expect(events.contains { $0.id == "2024-03-28-veto-panel-of-experts" })  // RUS→USA about PRK
        #expect(events.map(\.date) == events.map(\.date).sorted())
        #expect(events.allSatisfy { $0.date.latest >= Day("2023-01-01")! && $0.date.earliest <= Day("2024-12-31")! })
    }

    @Test(arguments: ["2024", "2024-06", "2024-06-19"])
    func partialDatesParse(text: String) throws {
        let d = try #require(PartialDate(text))
        #expect(d.description == text)
        #expect(d.earliest <= d.latest)
    }

    @Test func partialDateBounds() throws {
        let month = try #require(PartialDate("2024-02"))
        #expect(month.earliest.description == "2024-02-01" && month.latest.description == "2024-02-29")
        #expect(PartialDate("2024-13") == nil && PartialDate("2023-02-29") == nil && PartialDate("24") == nil)
    }

    // MARK: - Validation: each error names file, line and field

    static func check(_ yaml: String, name: String = "kb.yaml") throws -> [KnowledgeIssue] {
        let folder = TemporaryFolder()
        try folder.write(name, Array(yaml.utf8))
        return try KnowledgeBase.load(folders: [folder.url.path]).issues
    }

    static let goodEvent = """
        events:
          - id: e1
            date: 2023-09-13
            source: RUS
            target: PRK
            code: "043"
            title: A summit
            confidence: confirmed
            sources:
              - {outlet: TASS, url: https://tass.com/world/1673965}
        """

    @Test func aValidEntryHasNoIssues() throws {
        #expect(try Self.check(Self.goodEvent).isEmpty)
    }

    @Test(arguments: [
        ("date: 2023-09-13", "date: 2023-02-30", "events[0].date", 3),
        ("source: RUS", "source: XXX", "events[0].source", 4),
        ("code: \"043\"", "code: \"999\"", "events[0].code", 6),
        ("confidence: confirmed", "confidence: likely", "events[0].confidence", 8),
        ("url: https://tass.com/world/1673965", "url: javascript:alert(1)", "events[0].sources[0].url", 10),
        ("title: A summit", "title: A summit\n    tags: [rumour]", "events[0].tags", 8),
        ("title: A summit", "title: A summit\n    colour: red", "events[0].colour", 8),
        ("title: A summit", "title: A summit\n    level: emperor", "events[0].level", 8),
        ("title: A summit", "title: A summit\n    flows: [{item: shells, from: PRK, to: ZZZ}]", "events[0].flows[0].to", 8),
        ("    sources:", "    date2: x\n    sources:", "events[0].date2", 9),
    ])
    func eachInvalidFieldIsReported(original: String, replacement: String, field: String, line: Int) throws {
        let issues = try Self.check(Self.goodEvent.replacingOccurrences(of: original, with: replacement))
        let issue = try #require(issues.first, "expected an issue for \(field)")
        #expect(issues.count == 1, "\(issues)")
        #expect(issue.field == field)
        #expect(issue.line == line, "\(issue)")
        #expect(issue.file.hasSuffix("kb.yaml"))
    }

    @Test func missingSourcesAndDuplicateIdsAreReported() throws {
        let noSources = Self.goodEvent.components(separatedBy: "\n    sources:")[0]
        #expect(try Self.check(noSources).map(\.field) == ["events[0].sources"])
        let twice = Self.goodEvent + "\n" + Self.goodEvent.replacingOccurrences(of: "events:\n", with: "")
        let dup = try Self.check(twice)
        #expect(dup.map(\.field) == ["events[1].id"])
        #expect(dup[0].message.contains("duplicate id 'e1'"))
    }

    static let goodTreaty = """
        treaties:
          - id: t1
            name: A treaty
            parties: [RUS, PRK]
            signed: 2024-06-19
            in_force: 2024-12-04
            obligations:
              - {between: all, types: [defence-immediate]}
            clause: Mutual assistance.
            sources:
              - {outlet: TASS, url: https://tass.com/politics/1868051}
        """

    @Test func treatyDatesPartiesAndObligationsAreChecked() throws {
        #expect(try Self.check(Self.goodTreaty).isEmpty)
        let early = try Self.check(Self.goodTreaty.replacingOccurrences(of: "in_force: 2024-12-04", with: "in_force: 2023-12-04"))
        #expect(early.map(\.field) == ["treaties[0].in_force"])
        let ended = try Self.check(
            Self.goodTreaty.replacingOccurrences(of: "in_force: 2024-12-04", with: "in_force: 2024-12-04\n    ended: 2024-01"))
        #expect(ended.map(\.field) == ["treaties[0].ended"])
        let party = try Self.check(Self.goodTreaty.replacingOccurrences(of: "[RUS, PRK]", with: "[RUS, WARSAW]"))
        #expect(party.map(\.field) == ["treaties[0].parties[1]"])
        #expect(party[0].line == 4)
        let type = try Self.check(Self.goodTreaty.replacingOccurrences(of: "defence-immediate", with: "friendship"))
        #expect(type.map(\.field) == ["treaties[0].obligations[0].types"])
    }

    @Test func groupsAreCheckedAndUsableAsParties() throws {
        let yaml = """
            groups:
              - id: PACT
                name: A pact
                members:
                  - {state: RUS, from: 2000-01-01}
                  - {state: BLR, from: 2010-01-01, to: 2005-01-01}
                sources:
                  - {outlet: Example, url: https://example.org/pact}
            """
        let issues = try Self.check(yaml)
        #expect(issues.map(\.field) == ["groups[0].members[1].to"])
        #expect(issues.first?.line == 6)
    }

    @Test func brokenFilesAreReportedNotFatal() throws {
        let syntax = try Self.check("events:\n  - id: x\n    title: [unclosed\n")
        #expect(syntax.count == 1 && syntax[0].field == "file" && syntax[0].message.contains("not valid YAML"))
        let folder = TemporaryFolder()
        try folder.write("bad.yaml", [0x65, 0x76, 0xFF, 0xFE])
        let bytes = try KnowledgeBase.load(folders: [folder.url.path]).issues
        #expect(bytes.map(\.message) == ["is not valid UTF-8"])
        #expect(throws: EntenteError.self) { try KnowledgeBase.load(folders: [folder.url.appendingPathComponent("missing").path]) }
    }

    @Test func aLaterFolderOverridesEntriesById() throws {
        let shipped = try #require(KnowledgeBase.shippedFolder)
        let user = TemporaryFolder()
        try user.write(
            "mine.yaml",
            Array(
                Self.goodEvent.replacingOccurrences(of: "id: e1", with: "id: 2023-09-13-vostochny-summit").replacingOccurrences(
                    of: "A summit", with: "My own wording"
                ).utf8))
        let load = try KnowledgeBase.load(folders: [shipped.path, user.url.path])
        #expect(load.issues.isEmpty)
        #expect(load.overridden == ["2023-09-13-vostochny-summit"])
        #expect(load.knowledgeBase.events.first { $0.id == "2023-09-13-vostochny-summit" }?.title == "My own wording")
        #expect(load.knowledgeBase.events.count == (try Self.shipped().knowledgeBase.events.count))
    }
}
