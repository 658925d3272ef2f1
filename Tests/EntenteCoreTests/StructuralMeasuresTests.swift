import EntenteCore
import Foundation
import Testing

/// The derived dyad-year measures on constructed inputs, against values computed by hand.
@Suite struct StructuralMeasuresTests {
    static func close(_ x: Double?, _ y: Double, tolerance: Double = 1e-12) -> Bool {
        guard let x else { return false }
        return abs(x - y) <= tolerance
    }

    // MARK: - Agreement and kappa

    @Test func agreementAndKappaMatchAHandComputation() {
        // 10 roll calls: (yes,yes)×5, (yes,no)×1, (no,no)×2, (abstain,abstain)×1, (abstain,yes)×1.
        // p_o = (5 + 2 + 1) / 10 = 0.8.
        // A's marginals: yes 6, no 2, abstain 2 → 0.6, 0.2, 0.2.
        // B's marginals: yes 5 + 1 = 6, no 1 + 2 = 3, abstain 1 → 0.6, 0.3, 0.1.
        // p_e = 0.6·0.6 + 0.2·0.3 + 0.2·0.1 = 0.36 + 0.06 + 0.02 = 0.44.
        // κ = (0.8 − 0.44) / (1 − 0.44) = 0.36 / 0.56 = 9/14.
        var votes: [(UNGAVote, UNGAVote)] = Array(repeating: (.yes, .yes), count: 5)
        votes += [(.yes, .no), (.no, .no), (.no, .no), (.abstain, .abstain), (.abstain, .yes)]
        let m = VoteAgreement(votes: votes)
        #expect(m.rollCalls == 10)
        #expect(Self.close(m.agreement, 0.8))
        #expect(Self.close(m.kappa, 9.0 / 14.0))
    }

    @Test func theDocumentedExampleHolds() {
        // p_o = 2/4; A: yes .5, abstain .25, no .25; B: yes .5, no .5;
        // p_e = .25 + 0 + .125 = .375; κ = .125 / .625 = 0.2.
        let m = VoteAgreement(votes: [(.yes, .yes), (.yes, .no), (.no, .no), (.abstain, .yes)])
        #expect(Self.close(m.agreement, 0.5))
        #expect(Self.close(m.kappa, 0.2))
    }

    @Test func kappaIsZeroForChanceAgreementAndNegativeBelowIt() {
        // Independent: p_o = .5, p_e = .5·.5 + .5·.5 = .5 → κ = 0.
        let chance = VoteAgreement(votes: [(.yes, .yes), (.yes, .no), (.no, .yes), (.no, .no)])
        #expect(Self.close(chance.agreement, 0.5))
        #expect(Self.close(chance.kappa, 0))
        // Always opposite: p_o = 0, p_e = .5 → κ = −1.
        let opposite = VoteAgreement(votes: [(.yes, .no), (.no, .yes)])
        #expect(Self.close(opposite.agreement, 0))
        #expect(Self.close(opposite.kappa, -1))
    }

    @Test func degenerateCasesAreNilNotZero() {
        let none = VoteAgreement(votes: [])
        #expect(none.rollCalls == 0 && none.agreement == nil && none.kappa == nil)
        // Both always yes: p_e = 1 = p_o, κ = 0/0: undefined.
        let constant = VoteAgreement(votes: Array(repeating: (UNGAVote.yes, UNGAVote.yes), count: 7))
        #expect(constant.agreement == 1)
        #expect(constant.kappa == nil)
        // One state constant, the other not: p_e = 1·(share of yes) < 1, κ defined (here 0).
        // A yes ×4; B yes ×2, no ×2: p_o = .5, p_e = 1·.5 = .5 → κ = 0.
        let oneConstant = VoteAgreement(votes: [(.yes, .yes), (.yes, .yes), (.yes, .no), (.yes, .no)])
        #expect(Self.close(oneConstant.kappa, 0))
    }

    /// Why agreement misleads for an outlier: a state that votes "no" where everyone else votes
    /// "yes" agrees little with anyone, but κ can still tell its friends from the rest.
    @Test func kappaSeparatesAnOutliersFriendsWhereAgreementDoesNot() {
        // 10 roll calls. The outlier votes no ×8, yes ×2. A friend follows it on 4 of the nos
        // and both yeses; a bystander votes yes ×10.
        let outlier: [UNGAVote] = Array(repeating: .no, count: 8) + [.yes, .yes]
        let friend: [UNGAVote] = Array(repeating: .no, count: 4) + Array(repeating: .yes, count: 6)
        let bystander: [UNGAVote] = Array(repeating: .yes, count: 10)
        let withFriend = VoteAgreement(votes: Array(zip(outlier, friend)))
        let withBystander = VoteAgreement(votes: Array(zip(outlier, bystander)))
        // Friend: p_o = (4 + 2)/10 = .6; marginals outlier no .8 yes .2, friend no .4 yes .6;
        // p_e = .8·.4 + .2·.6 = .44; κ = .16/.56 = 2/7.
        #expect(Self.close(withFriend.agreement, 0.6))
        #expect(Self.close(withFriend.kappa, 2.0 / 7.0))
        // Bystander: p_o = .2; p_e = .2·1 = .2; κ = 0: no alignment beyond chance.
        #expect(Self.close(withBystander.agreement, 0.2))
        #expect(Self.close(withBystander.kappa, 0))
    }

    // MARK: - Obligations

    @Test func atopFlagsBecomeObligationsStrongestFirst() {
        let flags = ATOPFlags(defense: true, offense: true, neutral: false, nonaggression: true, consultation: true)
        #expect(flags.obligations == [.defenceConsultation, .consultation, .nonAggression, .offence])
        #expect(ATOPFlags().obligations.isEmpty)
        let source = StructuralSource(dataset: "ATOP", version: "5.1", file: "atop.csv")
        let layer = DyadStructure.Alliance(aToB: flags.obligations, bToA: [.offence], carriedForward: false, source: source)
        #expect(layer.strongestAToB == .defenceConsultation)
        #expect(layer.strongestBToA == .offence)
        #expect(DyadStructure.Alliance(aToB: [], bToA: [], carriedForward: false, source: source).strongestAToB == nil)
    }

    // MARK: - Arms

    @Test func rollingSumsRunOverTheFiveYearsToY() {
        // 2014: 10, 2015: 0 (SIPRI's "0"), 2017: 5, 2018: 7, 2013: 100 (outside 2014…2018).
        let series: [Int: StructuralEvidence.TIV] = [
            2013: .init(100), 2014: .init(10), 2015: .init(0, belowHalf: true), 2017: .init(5), 2018: .init(7),
        ]
        // 10 + 0 + 0 + 5 + 7 = 22.
        #expect(StructuralEvidence.rollingSum(series, to: 2018) == 22)
        // 2013…2017: 100 + 10 + 0 + 0 + 5 = 115.
        #expect(StructuralEvidence.rollingSum(series, to: 2017) == 115)
        #expect(StructuralEvidence.rollingSum(series, to: 1990) == 0)
        #expect(StructuralEvidence.rollingSum(series, to: 2018, window: 1) == 7)
    }

    // MARK: - Assembling the layers

    static func evidence() -> StructuralEvidence {
        let atop = StructuralSource(dataset: "ATOP", version: "5.1", file: "atop_alliance.csv")
        var e = StructuralEvidence(a: "USA", b: "JPN")
        e.atop = .init(firstYear: 1815, lastYear: 2018, source: atop)
        e.atopAToB[2018] = ATOPFlags(defense: true, nonaggression: true, consultation: true)
        e.atopBToA[2018] = ATOPFlags(nonaggression: true, consultation: true)
        e.votesSource = StructuralSource(dataset: "UNGA roll-call votes", version: "v", file: "un_votes.csv")
        e.rollCallYears = [2018, 2019]
        e.jointVotes = [
            .init(year: 2018, rcid: 1, a: .no, b: .yes), .init(year: 2018, rcid: 2, a: .yes, b: .yes),
            .init(year: 2018, rcid: 3, a: .no, b: .no), .init(year: 2018, rcid: 4, a: .no, b: .abstain),
        ]
        e.issues = [1: ["me"], 2: ["me", "hr"], 3: ["nu"]]
        e.idealPointSource = StructuralSource(dataset: "UNGA ideal points", version: "July 2025", file: "ip.csv")
        e.idealPointsA = [2018: 2.5, 2023: 2.2]
        e.idealPointsB = [2018: 0.75, 2023: 0.7]
        e.arms = .init(
            firstYear: 1950, lastYear: 2021, source: StructuralSource(dataset: "SIPRI", version: "g", file: "TIV-Export-USA.csv"))
        e.tivAToB = [2016: .init(100), 2018: .init(600)]
        e.tivBToA = [2018: .init(0, belowHalf: true)]
        e.mids = .init(firstYear: 1816, lastYear: 2014, source: StructuralSource(dataset: "COW MID", version: "5.0", file: "mid.csv"))
        return e
    }

    @Test func aYearInsideEveryLayerHasEveryLayer() throws {
        let s = try #require(Self.evidence().structure(year: 2018))
        #expect(s.alliance?.aToB == [.defenceConsultation, .consultation, .nonAggression])
        #expect(s.alliance?.bToA == [.consultation, .nonAggression])
        #expect(s.alliance?.strongestBToA == .consultation)
        #expect(s.alliance?.carriedForward == false)
        // Votes (A, B): (no, yes), (yes, yes), (no, no), (no, abstain): p_o = 2/4 = .5;
        // A: no .75, yes .25; B: yes .5, no .25, abstain .25; p_e = .25·.5 + .75·.25 = .3125;
        // κ = (.5 − .3125) / .6875 = 0.272727… (3/11).
        #expect(s.unga?.rollCalls == 4)
        #expect(Self.close(s.unga?.agreement, 0.5))
        #expect(Self.close(s.unga?.kappa, 3.0 / 11.0))
        // "me": rcids 1, 2 → (no, yes), (yes, yes): p_o = .5; A no .5 yes .5; B yes 1; p_e = .5; κ = 0.
        #expect(s.unga?.byIssue?["me"]?.rollCalls == 2)
        #expect(Self.close(s.unga?.byIssue?["me"]?.kappa, 0))
        // "co" has no roll call that year: present, with 0 and no measure.
        #expect(s.unga?.byIssue?["co"] == VoteAgreement(rollCalls: 0, agreement: nil, kappa: nil))
        #expect(Self.close(s.unga?.idealPointDistance, 1.75))
        #expect(s.arms?.aToB == 600 && s.arms?.bToA == 0 && s.arms?.bToABelowHalf == true)
        #expect(s.arms?.aToB5y == 700)
        #expect(s.arms?.unit == "SIPRI TIV (millions)")
        // 2018 is after the MID data's last year (2014): no dispute layer.
        #expect(s.disputes == nil)
    }

    @Test func atopIsCarriedForwardAfterItsLastYearAndSaysSo() throws {
        let s = try #require(Self.evidence().structure(year: 2021))
        #expect(s.alliance?.carriedForward == true)
        #expect(s.alliance?.aToB == [.defenceConsultation, .consultation, .nonAggression])
        #expect(s.alliance?.source.note == "ATOP 5.1, carried forward from 2018")
        // 2021: no roll call, one side lacks an ideal point → no UNGA layer; SIPRI covers 2021.
        #expect(s.unga == nil)
        #expect(s.arms?.aToB == 0 && s.arms?.aToB5y == 600)
    }

    @Test func aLayerOutsideItsCoverageIsAbsentNotZero() throws {
        let e = Self.evidence()
        // 2019: roll calls exist that year but the pair voted together in none.
        let y2019 = try #require(e.structure(year: 2019))
        #expect(y2019.unga?.rollCalls == 0 && y2019.unga?.agreement == nil)
        // 2023: only ideal points (the votes end in 2020): the UNGA layer is the distance alone.
        let y2023 = try #require(e.structure(year: 2023))
        #expect(y2023.unga?.rollCalls == nil && y2023.unga?.byIssue == nil)
        #expect(Self.close(y2023.unga?.idealPointDistance, 1.5))
        #expect(y2023.unga?.source.dataset == "UNGA ideal points")
        #expect(y2023.arms == nil)
        // 2010: inside MIDs' years: no dispute is an empty list.
        #expect(e.structure(year: 2010)?.disputes == [])
        // Before every layer: nothing.
        #expect(e.structure(year: 1700) == nil)
        let json = String(decoding: try JSONEncoder().encode(y2023), as: UTF8.self)
        #expect(!json.contains("\"arms\"") && !json.contains("\"rollCalls\"") && json.contains("\"idealPointDistance\""))
    }

    @Test func structuresListOnlyCoveredYears() {
        let years = Self.evidence().structures(from: 1810, to: 1816).map(\.year)
        #expect(years == [1815, 1816])
        #expect(Self.evidence().structures(from: 2020, to: 2019).isEmpty)
    }

    @Test func jsonKeysAreTheStableContract() throws {
        let s = try #require(Self.evidence().structure(year: 2018))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(s)) as? [String: Any])
        #expect(Set(object.keys) == ["a", "b", "year", "alliance", "unga", "arms"])
        let alliance = try #require(object["alliance"] as? [String: Any])
        #expect(Set(alliance.keys) == ["aToB", "bToA", "strongestAToB", "strongestBToA", "carriedForward", "source"])
        #expect(alliance["aToB"] as? [String] == ["defence-consultation", "consultation", "non-aggression"])
        let unga = try #require(object["unga"] as? [String: Any])
        for key in ["rollCalls", "agreement", "kappa", "idealPointDistance", "idealPointA", "idealPointB", "byIssue", "source"] {
            #expect(unga[key] != nil, "unga.\(key)")
        }
        let arms = try #require(object["arms"] as? [String: Any])
        for key in ["aToB", "bToA", "aToB5y", "bToA5y", "unit", "source"] { #expect(arms[key] != nil, "arms.\(key)") }
        let source = try #require(alliance["source"] as? [String: Any])
        #expect(
            source["dataset"] as? String == "ATOP" && source["version"] as? String == "5.1"
                && source["file"] as? String == "atop_alliance.csv")
    }
}
