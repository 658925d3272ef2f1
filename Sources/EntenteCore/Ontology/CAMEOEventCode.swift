/// One code of the CAMEO event ontology (version 1.1b3, as used by GDELT and ICEWS).
///
/// Codes are strings with their leading zeros ("042", "0874"): the first two digits are the
/// root, the first three the base code.
///
/// ```swift
/// let visit = CAMEOEventCode.lookup("042")!
/// visit.name        // "Make a visit"
/// visit.goldstein   // 1.9
/// visit.quadClass   // .verbalCooperation
/// ```
public struct CAMEOEventCode: Hashable, Sendable {
    public let code: String
    public let name: String
    /// The Goldstein conflict–cooperation weight, −10 (most conflictual) to +10.
    public let goldstein: Double

    /// The two-digit root ("04").
    public var root: String { String(code.prefix(2)) }
    /// The root as a number, 1...20.
    public var rootNumber: Int { Int(root) ?? 0 }
    /// The three-digit base code ("042"); the root itself for a two-digit code.
    public var base: String { String(code.prefix(3)) }
    public var quadClass: QuadClass { QuadClass(root: rootNumber)! }

    /// Every code, in codebook order.
    public static let all: [CAMEOEventCode] = table.split(separator: "\n").map { line in
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        return CAMEOEventCode(code: String(f[0]), name: String(f[2]), goldstein: Double(f[1])!)
    }

    private static let byCode: [String: CAMEOEventCode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The code's entry, or `nil` for a code CAMEO does not define.
    public static func lookup(_ code: some StringProtocol) -> CAMEOEventCode? { byCode[String(code)] }
}
