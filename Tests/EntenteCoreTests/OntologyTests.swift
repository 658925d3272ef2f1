import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// Cross-checks of the ontology tables against GDELT's own lookup files in ../shared/data
/// (read at test time, never copied).
@Suite struct OntologyTests {
    static func lookup(_ relative: String) throws -> [[String]] {
        let text = try String(contentsOf: SharedData.url("gdelt-lookups/" + relative), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func eventCodesMatchGDELTCodebook() throws {
        var names: [String: String] = [:]
        for row in try Self.lookup("moxious-gdelt/CAMEO.eventcodes.txt") {
            // GDELT's file merges code 106 into the line of 1056; split it back.
            if let range = row[1].range(of: "106:[-5.0] ") {
                names[row[0]] = String(row[1][..<range.lowerBound])
                names["106"] = String(row[1][range.upperBound...])
            } else {
                names[row[0]] = row[1]
            }
        }
        var weights: [String: Double] = [:]
        for row in try Self.lookup("moxious-gdelt/CAMEO.goldsteinscale.txt") { weights[row[0]] = Double(row[1]) }
        #expect(names.count == 311)
        #expect(CAMEOEventCode.all.count == names.count)
        for (code, name) in names {
            let entry = try #require(CAMEOEventCode.lookup(code), "code \(code) missing")
            #expect(entry.name.lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased(), "name of \(code)")
            if let w = weights[code] { #expect(entry.goldstein == w, "Goldstein of \(code)") }
        }
        #expect(CAMEOEventCode.lookup("106")?.goldstein == -5.0)
        #expect(CAMEOEventCode.lookup("163")?.name == "Impose embargo, boycott, or sanctions")
        #expect(CAMEOEventCode.lookup("163")?.goldstein == -8.0)
        #expect(CAMEOEventCode.lookup("999") == nil)
    }

    @Test func codesKeepLeadingZerosAndDeriveRootAndQuadClass() throws {
        let code = try #require(CAMEOEventCode.lookup("0874"))
        #expect(code.root == "08")
        #expect(code.base == "087")
        #expect(code.quadClass == .materialCooperation)
        #expect(CAMEOEventCode.lookup("042")?.quadClass == .verbalCooperation)
        #expect(CAMEOEventCode.lookup("112")?.quadClass == .verbalConflict)
        #expect(CAMEOEventCode.lookup("091")?.quadClass == .materialCooperation)  // GDELT: investigate is root 09 → class 2
        #expect(CAMEOEventCode.lookup("141")?.quadClass == .verbalConflict)  // GDELT: protest is root 14 → class 3
        #expect(CAMEOEventCode.lookup("190")?.quadClass == .materialConflict)
        for code in CAMEOEventCode.all {
            #expect((-10...10).contains(code.goldstein))
            #expect((1...20).contains(code.rootNumber))
        }
    }

    /// GDELT's own QuadClass column agrees with the class our table derives from each code.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func quadClassAgreesWithRealRows() throws {
        var checked = 0
        for file in SharedData.eventSampleFiles where !file.path.contains("icews") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                let entry = try #require(CAMEOEventCode.lookup(f[26]), "\(file.lastPathComponent): unknown code \(f[26])")
                #expect(entry.quadClass.rawValue == Int(f[29]), "\(file.lastPathComponent) code \(f[26])")
                checked += 1
            }
        }
        #expect(checked > 85_000)
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func cameoCountryCodesAreAllKnown() throws {
        let text = try String(
            contentsOf: SharedData.url("gdelt-lookups/factored-datathon-2024-sinapsis/cameo_country.std.csv"), encoding: .utf8)
        var regions = 0
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.replacingOccurrences(of: "\"", with: "").split(separator: ",", maxSplits: 1).map(String.init)
            let entry = try #require(Country.cameo(parts[0]), "CAMEO country \(parts[0])")
            if entry.kind == .region { regions += 1 }
        }
        #expect(regions == 25)
        for region in ["EUR", "AFR", "WST", "NAF", "MEA"] { #expect(Country.cameo(region)?.kind == .region) }
        #expect(Country.cameo("ROM")?.code == "ROU")
        #expect(Country.cameo("TMP")?.code == "TLS")
        #expect(Country.iso3("PRK")?.kind == .state)
        #expect(Country.iso3("HKG")?.kind == .territory)
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func roleCodesMatchCAMEOTypes() throws {
        for row in try Self.lookup("moxious-gdelt/CAMEO.type.txt") {
            #expect(ActorRole.names[row[0]] == row[1], "role \(row[0])")
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func everyICEWSCountryNameResolves() throws {
        let text = try String(contentsOf: SharedData.url("icews/events.2018.sample.tab"), encoding: .utf8)
        var names = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            names.insert(String(f[4]))
            names.insert(String(f[10]))
        }
        names.remove("NA")
        #expect(names.count == 148)
        for name in names { #expect(Country.named(name) != nil, "ICEWS country '\(name)'") }
        #expect(Country.named("Russian Federation")?.code == "RUS")
        #expect(Country.named("Occupied Palestinian Territory")?.code == "PSE")
        #expect(Country.named("Democratic Republic of Congo")?.code == "COD")
        #expect(Country.named("Congo")?.code == "COG")
    }

    @Test(arguments: [
        ("DPRK", "PRK"), ("north korea", "PRK"), ("Russia", "RUS"), ("rus", "RUS"), ("South Korea", "KOR"), ("  Japan ", "JPN"),
        ("United States", "USA"), ("Côte d'Ivoire", "CIV"), ("ROM", "ROU"),
    ])
    func userCountryArgumentsResolve(input: String, expected: String) throws {
        #expect(try Country.resolve(input).code == expected)
    }

    @Test func unknownCountrySuggestsClosestMatches() {
        #expect(throws: EntenteError.self) { try Country.resolve("Russland") }
        do {
            _ = try Country.resolve("Russland")
        } catch {
            #expect(error.code == .unknownCountry)
            #expect(error.message.contains("RUS (Russia)"), "\(error.message)")
        }
        #expect(throws: EntenteError.self) { try Country.resolve("EUR") }  // a region is not a side of a dyad
    }
}
