public import Foundation

/// The cube's row rules as data, for an engine that is not this process (the Spark job).
///
/// Everything a rule compares against is rendered from the tables the native engine itself
/// uses: the ``CubeScanner`` country table (CAMEO country code → state, region or unknown), the
/// CAMEO codes with their root and sub-code column (``CubeCodes``), the column counts, ranges
/// and caps of ``GDELTRowParser`` and ``LineSplitter``, the issue names of ``RowIssue`` and the
/// export columns of ``DyadCube``. The order of the checks is the one thing the job writes out
/// itself, as a line-by-line port of `CubeScanner.line` that the rules-equality tests hold to
/// the native engine on every real sample and on hostile rows.
///
/// ```swift
/// let json = CubeRules.json(maxLineBytes: LineSplitter.maxLineBytes)
/// try Data(json).write(to: jobFolder.appendingPathComponent("rules.json"))
/// ```
public enum CubeRules {
    /// The rules version the job checks, so that a job file and a renderer of another Entente
    /// never run together.
    public static let version = 1

    /// The rules as a JSON object with sorted keys.
    ///
    /// - Parameters:
    ///   - maxLineBytes: the line cap in force (``LineSplitter/maxLineBytes``).
    ///   - maxExpansionRatio: the zip-bomb ratio in force (``CubeBuilder/maxExpansionRatio``).
    /// - Returns: UTF-8 bytes of the JSON object.
    /// - Complexity: O(32,768 + codes): the country table is walked once.
    public static func json(maxLineBytes: Int = LineSplitter.maxLineBytes, maxExpansionRatio: Int = CubeBuilder.maxExpansionRatio)
        -> [UInt8]
    {
        let rules = Rendered(
            version: version,
            gdelt2Columns: GDELTRowParser.gdelt2Columns,
            gdelt1Columns: [GDELTRowParser.gdelt1Columns, GDELTRowParser.gdelt1Columns - 1],
            fields: Fields(),
            countries: countries(),
            codes: Dictionary(
                uniqueKeysWithValues: CubeCodes.codes.enumerated().map { i, code in
                    (code.code, [Int(CubeCodes.roots[i]), Int(CubeCodes.subColumn[i])])
                }),
            goldsteinRange: [-10, 10],
            toneRange: [GDELTRowParser.toneRange.lowerBound, GDELTRowParser.toneRange.upperBound],
            maxCount: GDELTRowParser.maxCount,
            maxDigits: 18,
            maxDecimalLength: 39,
            dateYears: [1800, 2199],
            maxLineBytes: maxLineBytes,
            maxExpansionRatio: maxExpansionRatio,
            fingerprintEdgeBytes: 1 << 20,
            detectWindowBytes: 1 << 20,
            issues: Dictionary(uniqueKeysWithValues: RowIssue.allCases.map { ("\($0)", $0.rawValue) }),
            rejections: RowIssue.allCases.filter(\.isRejection).map(\.rawValue),
            exportHeader: DyadCube.exportHeader,
            datasets: Dictionary(
                uniqueKeysWithValues: [EventFormat.gdelt1, .gdelt2, .icews].map { ($0.rawValue, Int(EventIDKey.tag($0.dataset))) }),
            states: DyadCube.stateCodes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings, numbers and arrays cannot fail.
        return Array((try? encoder.encode(rules)) ?? Data())
    }

    /// Every three-letter code the scanner's table knows: the state's ISO3 code, or "" for a region.
    static func countries() -> [String: String] {
        var out: [String: String] = [:]
        let letters = Array(UInt8(65)...UInt8(90))
        for a in letters {
            for b in letters {
                for c in letters {
                    let v = CubeScanner.countryTable[CubeScanner.key(a, b, c)]
                    guard v != -1 else { continue }
                    out[String(decoding: [a, b, c], as: UTF8.self)] = v == -2 ? "" : DyadCube.stateCodes[Int(v)]
                }
            }
        }
        return out
    }

    /// Column indexes (0-based) the rules read, shared by GDELT 1.0 and 2.0.
    struct Fields: Encodable {
        var id = 0, sqlDate = 1
        var actor1Code = 5, actor1Country = 7, actor2Code = 15, actor2Country = 17
        var eventCode = 26, goldstein = 30, mentions = 31, sources = 32, articles = 33, tone = 34
    }

    struct Rendered: Encodable {
        var version: Int
        var gdelt2Columns: Int
        var gdelt1Columns: [Int]
        var fields: Fields
        var countries: [String: String]
        /// Code → [root, sub-code column index or −1].
        var codes: [String: [Int]]
        var goldsteinRange: [Double]
        var toneRange: [Double]
        var maxCount: Int
        var maxDigits: Int
        var maxDecimalLength: Int
        var dateYears: [Int]
        var maxLineBytes: Int
        var maxExpansionRatio: Int
        var fingerprintEdgeBytes: Int
        var detectWindowBytes: Int
        /// Case name → the text reports use.
        var issues: [String: String]
        var rejections: [String]
        var exportHeader: [String]
        var datasets: [String: Int]
        var states: [String]
    }
}
