import EntenteCore
import EntenteServices
import Foundation

/// Structural layers as a table, and the datasets they cite.
enum StructureText {
    static func table(_ years: [DyadStructure], _ a: String, _ b: String) -> String {
        func f(_ x: Double?, _ digits: Int = 2) -> String { x.map { Output.number($0, digits: digits) } ?? "-" }
        func obligations(_ o: [ObligationType]?) -> String {
            guard let o else { return "-" }
            return o.isEmpty ? "none" : o.map(\.rawValue).joined(separator: ", ")
        }
        let header = [
            "year", "\(a)→\(b) obligations", "\(b)→\(a) obligations", "UN agree", "κ", "ideal-pt dist", "arms \(a)→\(b)", "arms \(b)→\(a)",
            "5y \(a)→\(b)", "5y \(b)→\(a)", "disputes",
        ]
        let rows = years.map { s -> [String] in
            let carried = s.alliance?.carriedForward == true ? " *" : ""
            return [
                String(s.year), obligations(s.alliance?.aToB) + carried, obligations(s.alliance?.bToA), f(s.unga?.agreement),
                f(s.unga?.kappa),
                f(s.unga?.idealPointDistance), f(s.arms?.aToB, 0), f(s.arms?.bToA, 0), f(s.arms?.aToB5y, 0), f(s.arms?.bToA5y, 0),
                s.disputes.map { $0.isEmpty ? "0" : $0.map { String($0.dispnum) }.joined(separator: ",") } ?? "-",
            ]
        }
        var out = Output.table(header, rows, rightAligned: Set(3...10))
        if years.contains(where: { $0.alliance?.carriedForward == true }) { out += "\n* ATOP 5.1, carried forward from 2018" }
        out += "\n- : the layer does not cover the pair or the year; arms are SIPRI TIV, millions."
        return out
    }

    static func sources(_ years: [DyadStructure]) -> String {
        var seen: [String] = []
        for s in years {
            let sources = [s.alliance?.source, s.unga?.source, s.unga?.idealPointSource, s.arms?.source] + (s.disputes ?? []).map(\.source)
            for source in sources.compactMap({ $0 }) {
                let line = "\(source.dataset) \(source.version) (\(source.file))"
                if !seen.contains(line) { seen.append(line) }
            }
        }
        return seen.isEmpty ? "" : "Sources: " + seen.joined(separator: "; ")
    }
}
