/// GDELT's four-way grouping of CAMEO event roots.
///
/// As GDELT codes it (checked against every real GDELT row in ../shared/data): roots 01–05 are
/// verbal cooperation, 06–09 material cooperation, 10–14 verbal conflict and 15–20 material
/// conflict. This differs from the 01–05/06–08/09–13/14–20 split some texts give (investigate
/// and protest move by one class); Entente follows GDELT's data so that its figures match
/// GDELT's own QuadClass column.
public enum QuadClass: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case verbalCooperation = 1
    case materialCooperation = 2
    case verbalConflict = 3
    case materialConflict = 4

    /// The class of a CAMEO root code (1...20); `nil` outside that range.
    public init?(root: Int) {
        switch root {
        case 1...5: self = .verbalCooperation
        case 6...9: self = .materialCooperation
        case 10...14: self = .verbalConflict
        case 15...20: self = .materialConflict
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
