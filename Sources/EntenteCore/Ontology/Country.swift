import Foundation

/// A country or region code as it appears in event data, with what it stands for.
///
/// Entente's dyads are pairs of ``Kind/state`` or ``Kind/territory`` entries, identified by
/// their ISO 3166 alpha-3 code. CAMEO's regional and group codes (`EUR`, `AFR`, `WST`, …)
/// are known but are never a side of a dyad.
public struct Country: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable {
        /// A sovereign state (a UN member, or Palestine, the Holy See or Taiwan).
        case state
        /// A dependent territory with its own ISO 3166 code (Hong Kong, Puerto Rico, …).
        case territory
        /// A region or group of states (CAMEO codes such as `EUR`, `WST`, `MEA`).
        case region
    }

    /// The ISO 3166 alpha-3 code (for a region: its CAMEO code).
    public let code: String
    public let kind: Kind
    public let name: String
    public let aliases: [String]

    /// Whether the code can be a side of a dyad.
    public var isStateLike: Bool { kind != .region }

    // MARK: - Lookup

    private struct Tables: Sendable {
        var countries: [Country] = []
        var byISO3: [String: Country] = [:]
        /// CAMEO country code → entry (ISO codes, CAMEO's own codes such as ROM, and regions).
        var byCAMEO: [String: Country] = [:]
        /// Normalised name or alias → ISO3.
        var byName: [String: String] = [:]
    }

    private static let tables: Tables = {
        var t = Tables()
        var aliasesToResolve: [(cameo: String, iso: String)] = []
        for line in table.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let code = f[0], kindText = f[1], iso = f[2], name = f[3]
            let aliases = f[4].isEmpty ? [] : f[4].split(separator: ";").map(String.init)
            if kindText == "alias" {
                aliasesToResolve.append((code, iso))
                continue
            }
            let country = Country(code: code, kind: Kind(rawValue: kindText)!, name: name, aliases: aliases)
            t.countries.append(country)
            t.byCAMEO[code] = country
            if country.isStateLike {
                t.byISO3[code] = country
                for n in [name] + aliases { t.byName[normalise(n)] = t.byName[normalise(n)] ?? code }
            }
        }
        for (cameo, iso) in aliasesToResolve { t.byCAMEO[cameo] = t.byISO3[iso] }
        return t
    }()

    /// Every state, territory and region Entente knows, states first by code.
    public static var all: [Country] { tables.countries }

    /// The state or territory with this ISO 3166 alpha-3 code.
    public static func iso3(_ code: some StringProtocol) -> Country? { tables.byISO3[String(code).uppercased()] }

    /// The entry for a CAMEO country code as found in GDELT's `Actor1CountryCode` (ISO codes,
    /// CAMEO's own codes such as `ROM` for Romania, and regions).
    public static func cameo(_ code: some StringProtocol) -> Country? { tables.byCAMEO[String(code)] }

    /// The state or territory with this name or alias ("Russian Federation", "DPRK"), ignoring
    /// case, accents and punctuation.
    public static func named(_ name: some StringProtocol) -> Country? {
        tables.byName[normalise(name)].flatMap { tables.byISO3[$0] }
    }

    /// Resolves what a user typed: an ISO3 code, a CAMEO code or a name.
    ///
    /// - Throws: ``EntenteError`` with code `unknown-country`, suggesting the closest matches.
    public static func resolve(_ text: String) throws(EntenteError) -> Country {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 3, let c = iso3(trimmed) ?? cameo(trimmed.uppercased()), c.isStateLike { return c }
        if let c = named(trimmed) { return c }
        let suggestions = suggest(trimmed)
        var message = "unknown country '\(text)'"
        if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.map { "\($0.code) (\($0.name))" }.joined(separator: ", ") + "?"
        }
        throw EntenteError(.unknownCountry, message)
    }

    /// The closest known countries to a misspelt name or code, best first.
    public static func suggest(_ text: String, limit: Int = 3) -> [Country] {
        let query = normalise(text)
        guard !query.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        for (name, iso) in tables.byName {
            var d = editDistance(query, name)
            if name.hasPrefix(query) || name.contains(query) { d = min(d, 1) }
            scored.append((d, iso))
        }
        for c in tables.byISO3.values { scored.append((editDistance(query, c.code.lowercased()), c.code)) }
        let threshold = max(2, query.count * 2 / 5)
        var seen = Set<String>()
        return scored.filter { $0.0 <= threshold }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.compactMap { pair in
            seen.insert(pair.1).inserted ? tables.byISO3[pair.1] : nil
        }.prefix(limit).map { $0 }
    }

    /// Lower-case ASCII letters and digits only, words separated by single spaces; a leading
    /// "the" dropped.
    static func normalise(_ text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        var pendingSpace = false
        for ch in folded.unicodeScalars {
            if ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(ch)
                pendingSpace = false
            } else if ch != "'" && ch != "." {
                pendingSpace = true
            }
        }
        if out.hasPrefix("the ") { out.removeFirst(4) }
        return out
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
