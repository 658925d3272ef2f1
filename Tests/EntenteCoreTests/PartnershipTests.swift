import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// Partnership declarations, the `pledged` confidence, and the shipped base's sourcing rules.
@Suite struct PartnershipTests {
    static let valid = """
        partnerships:
          - id: ind-rus
            parties: [IND, RUS]
            kind: joint
            levels:
              - date: 2000-10-03
                words: strategic partnership
                tier: strategic
                sources: [{outlet: MEA, url: 'https://mea.gov.in/a'}]
              - date: 2010-12
                words: special and privileged strategic partnership
                tier: special
                sources: [{outlet: MEA, url: 'https://mea.gov.in/b'}]
          - id: usa-pak-mnna
            parties: [USA, PAK]
            kind: designation
            by: USA
            levels:
              - {date: 2004, words: major non-NATO ally, tier: strategic, sources: [{outlet: State, url: 'https://state.gov/x'}]}
            ended: 2030-01-01
        """

    @Test func levelsAreInForceFromTheirDateUntilTheNext() throws {
        let folder = TemporaryFolder()
        let file = try folder.write("p.yaml", Array(Self.valid.utf8))
        let load = try KnowledgeBase.load(folders: [file.path])
        #expect(load.issues.isEmpty, "\(load.issues)")
        let kb = load.knowledgeBase
        #expect(kb.partnerships.count == 2)
        #expect(kb.partnerships(between: "RUS", and: "IND", at: Day("1999-12-31")!).isEmpty)
        #expect(kb.partnerships(between: "RUS", and: "IND", at: Day("2005-01-01")!).map(\.level.tier) == [.strategic])
        // A level known to the month counts from its first day.
        #expect(kb.partnerships(between: "IND", and: "RUS", at: Day("2010-12-01")!).map(\.level.tier) == [.special])
        #expect(kb.partnerships(between: "USA", and: "PAK", at: Day("2024-01-01")!).first?.partnership.by == "USA")
        #expect(kb.partnerships(between: "USA", and: "PAK", at: Day("2030-01-01")!).isEmpty)
        #expect(Partnership.Tier.allCases.map(\.rank) == [1, 2, 3, 4])
        #expect(Partnership.Tier.special > .comprehensiveStrategic)
    }

    @Test(arguments: [
        ("    kind: designation\n", "partnerships[0].by", "is required for a designation"),
        ("    kind: joint\n    by: USA\n", "partnerships[0].by", "'USA' is not one of the parties"),
        ("    kind: friendship\n", "partnerships[0].kind", "'friendship' is not one of"),
    ])
    func badEntriesAreReportedWithTheirLine(extra: String, field: String, message: String) throws {
        let yaml = """
            partnerships:
              - id: x
                parties: [IND, RUS]
            \(extra)    levels:
                  - {date: 2000, words: w, tier: strategic, sources: [{outlet: o, url: 'https://example.org'}]}
            """
        let folder = TemporaryFolder()
        let file = try folder.write("p.yaml", Array(yaml.utf8))
        let issues = try KnowledgeBase.load(folders: [file.path]).issues
        #expect(issues.contains { $0.field == field && $0.message.contains(message) }, "\(issues)")
    }

    @Test func levelsOutOfOrderAndUnknownTiersAreReported() throws {
        let yaml = """
            partnerships:
              - id: x
                parties: [IND, RUS]
                levels:
                  - {date: 2010, words: a, tier: special, sources: [{outlet: o, url: 'https://example.org'}]}
                  - {date: 2000, words: b, tier: stratgic, sources: [{outlet: o, url: 'https://example.org'}]}
            """
        let folder = TemporaryFolder()
        let issues = try KnowledgeBase.load(folders: [try folder.write("p.yaml", Array(yaml.utf8)).path]).issues
        #expect(issues.contains { $0.line == 6 && $0.field == "partnerships[0].levels[1].tier" })
    }

    @Test func pledgedIsAConfidence() throws {
        let yaml = """
            events:
              - id: pledge
                date: 2023-09-13
                source: RUS
                target: PRK
                code: "057"
                title: Russia pledges help with satellites
                tags: [space, sensitive-tech:space]
                confidence: pledged
                sources: [{outlet: o, url: 'https://example.org'}]
            """
        let folder = TemporaryFolder()
        let load = try KnowledgeBase.load(folders: [try folder.write("e.yaml", Array(yaml.utf8)).path])
        #expect(load.issues.isEmpty, "\(load.issues)")
        #expect(load.knowledgeBase.events.first?.confidence == .pledged)
    }

    /// Every shipped entry has public http(s) sources, and no confirmed entry claims a substance
    /// that its own words say was only pledged or promised.
    @Test func shippedEntriesAreSourcedAndPledgesAreNotConfirmed() throws {
        let folder = try #require(KnowledgeBase.shippedFolder)
        let load = try KnowledgeBase.load(folders: [folder.path])
        #expect(load.issues.isEmpty, "\(load.issues.map(\.description).joined(separator: "\n"))")
        let kb = load.knowledgeBase
        #expect(kb.partnerships.count >= 80)
        func sourced(_ s: [SourceRef]) -> Bool {
            !s.isEmpty && s.allSatisfy { $0.url.hasPrefix("https://") || $0.url.hasPrefix("http://") }
        }
        for p in kb.partnerships { #expect(p.levels.allSatisfy { sourced($0.sources) }, "\(p.id)") }
        for t in kb.treaties { #expect(sourced(t.sources), "\(t.id)") }
        for g in kb.groups { #expect(sourced(g.sources), "\(g.id)") }
        for e in kb.events { #expect(sourced(e.sources), "\(e.id)") }
        let substance: Set<String> = [
            "space", "arms-transfer", "troops", "fuel", "food", "finance", "technology", "labour", "economic",
        ]
        let pledgeWords = ["pledge", "promise", "vow", "offers to", "agrees to provide", "will provide"]
        for e in kb.events where e.confidence == .confirmed {
            let claims = e.tags.contains { substance.contains($0) || $0.hasPrefix("sensitive-tech:") }
            let pledged = pledgeWords.contains { e.title.lowercased().contains($0) }
            #expect(!(claims && pledged), "\(e.id): confirmed, but its title says the substance was pledged")
        }
        // The founding case both ways: flows to North Korea and to Russia.
        let flows = kb.events(between: "RUS", and: "PRK").flatMap(\.flows)
        #expect(Set(flows.filter { $0.to == "PRK" }.map(\.item)).isSuperset(of: ["fuel", "food"]))
        #expect(Set(flows.filter { $0.to == "RUS" }.map(\.item)).isSuperset(of: ["munitions", "missiles", "troops"]))
    }
}
