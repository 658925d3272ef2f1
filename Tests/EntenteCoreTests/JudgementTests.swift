import EntenteCore
import Foundation
import Testing

/// Judgement v2: the hostility measure and each rule, on constructed features.
@Suite struct JudgementTests {
    @Test func hostilityRelativeToExpectationMatchesAHandComputation() throws {
        var c = PairDayCounts()
        (c.pairPositive, c.pairNegative) = (30, 10)
        (c.aPositive, c.aNegative) = (300, 100)
        (c.bPositive, c.bNegative) = (200, 200)
        (c.allPositive, c.allNegative) = (10_000, 2_500)
        c.observedDays = 365
        // Python: qa = 101/402, qb = 201/402, q_all = 0.2; e = expit(logit qa + logit qb − logit q_all)
        // = 0.573049645390071; H = logit((10 + 20e)/60) − logit(e) = −0.8797385088502663.
        #expect(abs(try #require(c.hostility) - -0.8797385088502663) < 1e-12)
        // No observed days: missing, not zero.
        c.observedDays = 0
        #expect(c.hostility == nil)
    }

    @Test func aPairWithoutDaysIsAsExpected() throws {
        var c = PairDayCounts()
        (c.aPositive, c.aNegative) = (300, 100)
        (c.bPositive, c.bNegative) = (200, 200)
        (c.allPositive, c.allNegative) = (10_000, 2_500)
        c.observedDays = 365
        // Shrinkage toward the expectation: with no pair-days H is exactly 0.
        #expect(abs(try #require(c.hostility)) < 1e-12)
    }

    @Test func hostilityIsFreeOfVolume() throws {
        // The same conflict share at 10× the volume, with states 10× as busy, gives (nearly) the
        // same H once shrinkage is negligible: volume is not a predictor in disguise.
        func h(_ scale: Int) -> Double? {
            var c = PairDayCounts()
            (c.pairPositive, c.pairNegative) = (300 * scale, 100 * scale)
            (c.aPositive, c.aNegative) = (3_000 * scale, 1_000 * scale)
            (c.bPositive, c.bNegative) = (3_000 * scale, 1_000 * scale)
            (c.allPositive, c.allNegative) = (100_000, 25_000)
            c.observedDays = 365
            return c.hostility
        }
        let one = try #require(h(1)), ten = try #require(h(10))
        #expect(abs(one - ten) < 0.02)
    }

    static func features(
        covered: Bool = true, h: Double? = 0, h3: Double? = 0, dH: Double? = nil, coverage: Double = 0.5, days: Int = 200,
        ipd: Double? = 1, arms: Double? = 0, defence: Bool = false, source: String? = nil, tier: Int = 0
    ) -> JudgementFeatures {
        JudgementFeatures(
            behaviourCovered: covered, days: covered ? days : nil, coverage: covered ? coverage : nil, hostility: covered ? h : nil,
            hostilitySustained: covered ? h3 : nil, hostilityChange: dH, idealPointDistance: ipd, armsTIV5y: arms, armsYear: 2021,
            defence: defence, defenceSource: source, defenceYear: source == "atop" ? 2018 : nil, partnershipTier: tier)
    }

    @Test(arguments: [
        // Institutions alone, no behavioural data: R0, with the confidence capped.
        (features(covered: false, defence: true, source: "kb"), Assessment.Classification.alliance, "R0a"),
        (features(covered: false, tier: 3), .strategicPartnership, "R0b"),
        (features(covered: false), .distant, "R0c"),
        // A curated defence treaty with cooperative behaviour; an asymmetric guarantee counts.
        (features(h: -0.6, h3: -0.5, defence: true, source: "kb"), .alliance, "R1a"),
        // An ATOP-only pledge needs corroboration (UN alignment here) and sustained cooperation.
        (features(h: -0.2, h3: -0.1, ipd: 1.0, defence: true, source: "atop"), .alliance, "R1a"),
        (features(h: 0.3, h3: 0.2, ipd: 1.0, defence: true, source: "atop"), .temporaryRapprochement, "R1c"),
        (features(h: 0.9, h3: 0.8, defence: true, source: "atop"), .rivalry, "R1b"),
        // A curated treaty tolerates hostility up to 0.4; sustained hostility ≥ 0.6 contradicts it.
        (features(h: 0.5, h3: 0.3, defence: true, source: "kb"), .temporaryRapprochement, "R1c"),
        (features(h: 0.7, h3: 0.65, defence: true, source: "kb"), .rivalry, "R1b"),
        // Declared tier ≥ strategic, or arms over about 250 m TIV in five years.
        (features(h: 0.0, tier: 2), .strategicPartnership, "R2a"),
        (features(h: -0.3, arms: 300), .strategicPartnership, "R2a"),
        (features(h: 0.3, h3: 0.2, tier: 3), .temporaryRapprochement, "R2c"),
        (features(h: 0.8, h3: 0.7, tier: 2), .rivalry, "R2b"),
        // No anchors: rare interaction is distance; hostility relative to expectation is rivalry.
        (features(h: 0.9, coverage: 0.04), .distant, "R3"),
        (features(h: 0.6, h3: 0.1), .rivalry, "R4"),
        (features(h: 0.1, h3: 0.6), .rivalry, "R4"),
        (features(h: -0.2, h3: 0.1, dH: 0.0, ipd: 3.0), .rivalry, "R5"),
        (features(h: -0.2, h3: 0.1, dH: -0.8, ipd: 3.0), .temporaryRapprochement, "R6"),
        (features(h: -0.2, h3: 0.1, ipd: 1.0), .temporaryRapprochement, "R6"),
    ])
    func eachRuleOnAConstructedCase(features: JudgementFeatures, expected: Assessment.Classification, rule: String) {
        let d = Judgement.decide(features)
        #expect(d.classification == expected)
        #expect(d.rule == rule)
        #expect(!d.decidedBy.isEmpty)
    }

    @Test func confidenceFollowsTheMarginAndCoverage() {
        // Far from every threshold: the top band. H −1.5 is 1.9 from 0.4 (scale 0.5): margin 1.
        let clear = Judgement.decide(Self.features(h: -1.5, h3: -1.5, defence: true, source: "kb"))
        #expect(clear.margin == 1)
        #expect(clear.confidence == 0.90)
        // Just under the alliance threshold: margin (0.4 − 0.35)/0.5 = 0.1, the lowest band.
        let near = Judgement.decide(Self.features(h: 0.35, h3: 0.0, defence: true, source: "kb"))
        #expect(abs(near.margin - 0.1) < 1e-9)
        #expect(near.confidence == 0.60)
        #expect(near.wouldChange.first?.contains("curated defence treaty no longer reads as an alliance") == true)
        // Few pair-days: the same distances count for less (× days/60).
        let thin = Judgement.decide(Self.features(h: -1.5, h3: -1.5, days: 15, defence: true, source: "kb"))
        #expect(thin.margin == 0.25)
        #expect(thin.confidence == 0.69)
        // Treaty only, no behavioural data: said in words, never the top band.
        let treatyOnly = Judgement.decide(Self.features(covered: false, defence: true, source: "kb"))
        #expect(treatyOnly.confidence == 0.60)
        #expect(treatyOnly.decidedBy.contains { $0.contains("no behavioural data") })
    }
}

@Suite struct DwellTests {
    @Test func oneMonthDoesNotFlipTheTrajectory() {
        let d = Assessment.Classification.distant, r = Assessment.Classification.rivalry,
            p = Assessment.Classification.temporaryRapprochement
        #expect(Judgement.withDwell([d, r, d, r, r]) == [d, d, d, r, r])
        #expect(Judgement.withDwell([d, p, p, d, p]) == [d, p, p, p, p])
        #expect(Judgement.withDwell([r]) == [r])
        #expect(Judgement.withDwell([]) == [])
        #expect(Judgement.withDwell([d, r, p, r, p], minimum: 1) == [d, r, p, r, p])
    }
}
