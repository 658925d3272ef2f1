/// The ATOP-style obligation types, from the strongest assistance expected under attack down.
public enum ObligationType: String, Sendable, Codable, CaseIterable, Comparable {
    /// Defence pact: immediate assistance (military and other) by all means if the other is attacked.
    case defenceImmediate = "defence-immediate"
    /// Defence pact whose assistance comes after consultation or through constitutional
    /// processes ("act to meet the common danger").
    case defenceConsultation = "defence-consultation"
    /// Not to aid an attacker of the other party.
    case neutrality
    /// To consult if a threat arises.
    case consultation
    /// Not to attack the other party.
    case nonAggression = "non-aggression"
    /// Joint action in an attack on a third party.
    case offence

    /// The degree of assistance expected under attack (DESIGN.md's ordering): defence with
    /// immediate assistance 5, defence after consultation 4, neutrality 3, consultation 2,
    /// non-aggression 1. Offence promises no assistance under attack: 0.
    public var assistanceRank: Int {
        switch self {
        case .defenceImmediate: 5
        case .defenceConsultation: 4
        case .neutrality: 3
        case .consultation: 2
        case .nonAggression: 1
        case .offence: 0
        }
    }

    public var summary: String {
        switch self {
        case .defenceImmediate: "immediate military assistance by all means if attacked"
        case .defenceConsultation: "defence if attacked, through consultation or constitutional processes"
        case .neutrality: "will not aid an attacker"
        case .consultation: "consultation if threatened"
        case .nonAggression: "non-aggression"
        case .offence: "joint offensive action"
        }
    }

    public static func < (lhs: ObligationType, rhs: ObligationType) -> Bool {
        (lhs.assistanceRank, lhs.rawValue) < (rhs.assistanceRank, rhs.rawValue)
    }
}

/// Which parties an obligation binds, toward whom.
public enum ObligationScope: Hashable, Sendable, Codable {
    /// Every party toward every other party.
    case allParties
    /// Each listed party toward each other listed party.
    case among([String])
    /// One party toward another.
    case directed(from: String, to: String)
}

/// One obligation clause of a treaty, possibly limited in time (e.g. suspended after a date).
public struct ObligationRule: Hashable, Sendable, Codable {
    public var scope: ObligationScope
    public var types: [ObligationType]
    public var since: PartialDate?
    public var until: PartialDate?
}

extension ObligationType {
    /// A duty to assist if the other is attacked (immediately or through consultation).
    public var isDefence: Bool { self == .defenceImmediate || self == .defenceConsultation }
}
