import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@Suite struct PartnershipIndexTests {
    static func series(_ values: [(month: String, days: Int, positive: Double, negative: Double, strong: Int)]) -> [DyadSeriesMonth] {
        values.map {
            DyadSeriesMonth(
                month: Month($0.month)!, days: $0.days, positive: $0.positive, negative: $0.negative, strongConflictDays: $0.strong)
        }
    }

    /// Twelve months: eight with net cooperation, three with a day of strong conflict, one silent.
    static let handMade = series([
        ("2023-01", 10, 50, 10, 0), ("2023-02", 8, 40, 5, 0), ("2023-03", 5, 5, 30, 1), ("2023-04", 9, 60, 0, 0),
        ("2023-05", 7, 20, 25, 1), ("2023-06", 6, 30, 1, 0), ("2023-07", 12, 80, 2, 0), ("2023-08", 4, 10, 40, 1),
        ("2023-09", 10, 90, 3, 0), ("2023-10", 11, 70, 4, 0), ("2023-11", 9, 65, 6, 0),
    ])

    @Test func componentArithmeticOnAHandMadeSeries() throws {
        let balances: [String: [String: Double]] = [
            "AAA": ["CCC": -0.8, "DDD": 0.5, "EEE": 0.2, "BBB": 0.9],
            "BBB": ["CCC": -0.6, "DDD": 0.4, "EEE": 0.3, "AAA": 0.9],
        ]
        let e = DyadEvidence(a: "AAA", b: "BBB", seriesMonths: Self.handMade, balances: balances, activity: ["AAA": 1000, "BBB": 500])
        let x = PartnershipIndex.assess(e, at: Month("2023-12")!, window: 12)
        // Durability: 8 of the 11 months with data have net cooperation.
        #expect(abs(try #require(x.component(.durability).value) - 8.0 / 11) < 1e-12)
        // Hostility: 3 of 12 window months had a day of strong conflict.
        #expect(abs(try #require(x.component(.hostility).value) - 3.0 / 12) < 1e-12)
        // Alignment: cosine of (-0.8, 0.5, 0.2) and (-0.6, 0.4, 0.3), mapped to 0…1.
        let dot = 0.48 + 0.2 + 0.06, na = (0.64 + 0.25 + 0.04).squareRoot(), nb = (0.36 + 0.16 + 0.09).squareRoot()
        #expect(abs(try #require(x.component(.alignment).value) - (dot / (na * nb) + 1) / 2) < 1e-12)
        // Diplomatic from the series: the pair's positive mass (520) as a share of each side's.
        let g = ((520.0 / 1000) * (520.0 / 500)).squareRoot()
        #expect(abs(try #require(x.component(.diplomatic).value) - min(1, g / PartnershipIndex.diplomaticShareFull)) < 1e-12)
        // No knowledge base and no cube: those components say so.
        #expect(x.component(.commitment).value == nil && x.component(.commitment).coverage == ["no data"])
        #expect(x.component(.militaryTechnical).value == nil)
        // Behavioural: calibrated weights over durability, alignment and 1 − hostility.
        let w = PartnershipIndex.behaviouralWeights
        let expected =
            (w[.durability]! * 8 / 11 + w[.alignment]! * x.component(.alignment).value! + w[.hostility]! * (1 - 0.25))
            / (w[.durability]! + w[.alignment]! + w[.hostility]!)
        #expect(abs(try #require(x.behavioural) - expected) < 1e-12)
        #expect(abs(try #require(x.intensity) - x.component(.diplomatic).value! * 0.75) < 1e-12)
        // Index: behavioural and intensity shares, renormalised without commitment.
        let index =
            (PartnershipIndex.behaviouralShare * expected + PartnershipIndex.intensityShare * x.intensity!)
            / (PartnershipIndex.behaviouralShare + PartnershipIndex.intensityShare)
        #expect(abs(try #require(x.index) - index) < 1e-12)
        // Trend: the previous window (2022) has no data.
        #expect(x.component(.durability).previous == nil)
    }

    @Test func behaviouralWeightsSumToOne() {
        #expect(abs(PartnershipIndex.behaviouralWeights.values.reduce(0, +) - 1) < 1e-9)
        #expect(abs(PartnershipIndex.commitmentShare + PartnershipIndex.intensityShare + PartnershipIndex.behaviouralShare - 1) < 1e-9)
    }

    static func assessment(_ values: [IndexComponent.Name: Double?]) -> Assessment {
        // Build components directly and run the classification through a synthetic evidence-free path.
        var components = IndexComponent.Name.allCases.map {
            IndexComponent(name: $0, value: nil, coverage: ["no data"], evidence: [], previous: nil)
        }
        for (name, v) in values { components[IndexComponent.Name.allCases.firstIndex(of: name)!].value = v }
        return PartnershipIndex.classified(components: components, a: "AAA", b: "BBB", at: Month("2024-07")!, window: 12)
    }

    @Test func classificationRulesOnConstructedCases() {
        let rival = Self.assessment([.hostility: 0.8, .durability: 0.3, .alignment: 0.5])
        #expect(rival.classification == .rivalry)
        #expect(rival.decidedBy.contains { $0.contains("hostility") } || rival.decidedBy.contains { $0.contains("behavioural") })
        let ally = Self.assessment([.commitment: 1, .hostility: 0, .durability: 0.9, .alignment: 0.8])
        #expect(ally.classification == .alliance)
        let partner = Self.assessment([
            .commitment: 0.5, .hostility: 0.1, .durability: 0.9, .alignment: 0.7, .militaryTechnical: 0.75, .diplomatic: 1, .breadth: 0.5,
        ])
        #expect(partner.classification == .strategicPartnership)
        let rapprochement = Self.assessment([.commitment: 0.2, .hostility: 0.2, .durability: 0.4, .alignment: 0.6, .diplomatic: 0.8])
        #expect(rapprochement.classification == .temporaryRapprochement)
        #expect(rapprochement.decidedBy.contains { $0.contains("durability") })
        let distant = Self.assessment([.commitment: 0, .hostility: 0.3, .durability: 0.3, .alignment: 0.4])
        #expect(distant.classification == .distant)  // friendly but not engaged
        #expect(distant.decidedBy.contains { $0.contains("intensity") })
        // Busy but cooperative: frequent conflict days alone do not make a rivalry.
        let busy = Self.assessment([.hostility: 0.5, .durability: 0.9, .alignment: 0.7])
        #expect(busy.classification != .rivalry)
        // Confidence falls with missing components; indicators name what is missing.
        // Confidence falls with coverage alone: the same values with one more component covered
        // (military-technical does not enter the behavioural score, so the margin is unchanged).
        let fuller = Self.assessment([.hostility: 0.8, .durability: 0.3, .alignment: 0.5, .militaryTechnical: 0])
        let w = PartnershipIndex.behaviouralWeights
        let b = (w[.durability]! * 0.3 + w[.alignment]! * 0.5 + w[.hostility]! * 0.2) / (w[.durability]! + w[.alignment]! + w[.hostility]!)
        func expected(_ covered: Double) -> Double { ((0.6 * covered / 7 + 0.4 * min(1, (0.4 - b) / 0.2)) * 100).rounded() / 100 }
        #expect(rival.confidence == expected(3))
        #expect(fuller.confidence == expected(4))
        #expect(fuller.confidence > rival.confidence)
        #expect(ally.indicators.contains { $0.contains("missing data") })
    }

    @Test func aucOnAKnownExample() throws {
        // Positives 0.9, 0.8, 0.4; negatives 0.7, 0.3: 5 of 6 pairs ordered right.
        #expect(try #require(ROC.auc(scores: [0.9, 0.8, 0.4, 0.7, 0.3], labels: [true, true, true, false, false])) == 5.0 / 6)
        // Ties count half.
        #expect(try #require(ROC.auc(scores: [0.5, 0.5], labels: [true, false])) == 0.5)
        #expect(ROC.auc(scores: [1], labels: [true]) == nil)
    }

    @Test func logisticRegressionRecoversASeparatingDirection() {
        var rng = SplitMix(seed: 7)
        var x: [[Double]] = [], y: [Bool] = []
        for _ in 0..<400 {
            let a = Double(rng.next() % 1000) / 1000, b = Double(rng.next() % 1000) / 1000
            x.append([a, b])
            y.append(2 * a - b + Double(rng.next() % 100) / 500 > 0.5)
        }
        let w = Logistic.fit(x, y)
        #expect(w[1] > 0 && w[2] < 0)
        #expect(abs(w[1] / w[2] + 2) < 0.6)  // the true direction is (2, −1)
        let scores = x.map { w[0] + w[1] * $0[0] + w[2] * $0[1] }
        #expect((ROC.auc(scores: scores, labels: y) ?? 0) > 0.95)
    }

    @Test func knowledgeBaseFeedsCommitmentAndIntensity() throws {
        let kb = try KnowledgeBase.load(folders: [try #require(KnowledgeBase.shippedFolder).path]).knowledgeBase
        let x = PartnershipIndex.assess(DyadEvidence(a: "RUS", b: "PRK", knowledgeBase: kb), at: Month("2024-07")!, window: 12)
        // The 2024 treaty is signed, not in force: defence-immediate counts half.
        #expect(x.component(.commitment).value == 0.5)
        #expect(
            x.component(.commitment).evidence.contains {
                $0.text.contains("Comprehensive Strategic Partnership") && $0.text.contains("signed, not in force")
            })
        #expect((x.component(.militaryTechnical).value ?? 0) >= 0.5)
        #expect(x.component(.diplomatic).value == 1)  // Vostochny 2023-09 and Pyongyang 2024-06 summits
        #expect(x.component(.durability).value == nil && x.component(.durability).coverage == ["no data"])
        let later = PartnershipIndex.assess(DyadEvidence(a: "RUS", b: "PRK", knowledgeBase: kb), at: Month("2025-01")!, window: 12)
        #expect(later.component(.commitment).value == 1)  // in force from 2024-12-04
    }
}
