/// GDELT's four-way grouping of CAMEO event roots.
///
/// Roots 01–05 are verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict and
/// 14–20 material conflict.
public enum QuadClass: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case verbalCooperation = 1
    case materialCooperation = 2
    case verbalConflict = 3
    case materialConflict = 4

    /// The class of a CAMEO root code (1...20); `nil` outside that range.
    public init?(root: Int) {
        switch root {
        case 1...5: self = .verbalCooperation
        case 6...8: self = .materialCooperation
        case 9...13: self = .verbalConflict
        case 14...20: self = .materialConflict
        default: return nil
        }
    }

    public var isCooperation: Bool { self == .verbalCooperation || self == .materialCooperation }

    public var description: String {
        switch self {
        case .verbalCooperation: "Verbal Cooperation"
        case .materialCooperation: "Material Cooperation"
        case .verbalConflict: "Verbal Conflict"
        case .materialConflict: "Material Conflict"
        }
    }
}
