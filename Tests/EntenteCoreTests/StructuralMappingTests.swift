import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

/// The shipped mapping tables (Resources/Structural) against independent crosswalks and the real
/// files' codes and names.
@Suite struct StructuralMappingTests {
    /// Deliberate differences from the countrycode crosswalk (cown → iso3c), each a successor
    /// choice documented in the `note` column of cow-iso3.csv. `nil`: Entente drops the code.
    static let successorChoices: [Int: String?] = [
        260: "DEU",  // West Germany: the crosswalk has no row for 260; DEU continued it in 1990.
        315: "CZE",  // Czechoslovakia: the crosswalk leaves it empty; Entente's successor choice.
        345: "SRB",  // Yugoslavia (and the FRY / Serbia and Montenegro, also coded 345): Serbia.
        678: "YEM",  // Yemen Arab Republic (North Yemen): united Yemen.
        327: nil,  // Papal States: the crosswalk says VAT; the Vatican City State (1929) is not its successor.
        730: nil,  // Korea (1887-1905): not in the crosswalk; no single successor of the two Korean states.
    ]

    static func crosswalk() throws -> [Int: String] {
        var out: [Int: String] = [:]
        var header: [String: Int] = [:]
        let url = SharedData.url("country-codes/countrycode_R/codelist_without_cldr.csv")
        try CSVRecordReader.read(url) { r, line in
            if line == 1 {
                for i in 0..<r.count { header[r.string(i)] = i }
                return
            }
            guard let c = header["cown"], let i = header["iso3c"], let code = r.int(c) else { return }
            let iso = r.string(i)
            if out[code] == nil || out[code] == "" { out[code] = iso == "NA" ? "" : iso }
        }
        return out
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func cowTableAgreesWithTheCountrycodeCrosswalk() throws {
        let maps = try StructuralMappings.shipped()
        let crosswalk = try Self.crosswalk()
        #expect(crosswalk.count > 200)
        var compared = 0
        for (code, expected) in crosswalk.sorted(by: { $0.key < $1.key }) {
            guard let entry = maps.cow[code] else {
                Issue.record("COW \(code) (crosswalk \(expected)) is missing from cow-iso3.csv")
                continue
            }
            compared += 1
            if let choice = Self.successorChoices[code] {
                #expect(entry.iso3 == (choice ?? ""), "COW \(code): successor choice")
                #expect(!entry.note.isEmpty, "COW \(code): the successor choice is documented in note")
            } else {
                #expect(entry.iso3 == expected, "COW \(code) \(entry.name): table \(entry.iso3), crosswalk \(expected)")
            }
        }
        // Codes the crosswalk lacks are all deliberate choices.
        for code in maps.cow.keys where crosswalk[code] == nil {
            #expect(Self.successorChoices[code] != nil, "COW \(code) is not in the crosswalk and not an explained choice")
        }
        #expect(compared >= 215)
        // The cases the issue names.
        #expect(maps.cow(260) == .state("DEU") && maps.cow(365) == .state("RUS") && maps.cow(345) == .state("SRB"))
        #expect(maps.cow(678) == .state("YEM") && maps.cow(315) == .state("CZE"))
        #expect(
            maps.cow(347) == .noISO3("Kosovo") && maps.cow(511) == .noISO3("Zanzibar")
                && maps.cow(265) == .noISO3("German Democratic Republic"))
        #expect(maps.cow(1234) == nil)
    }

    @Test func everyMappedCodeIsAStateEntenteKnowsAndEveryDropIsExplained() throws {
        let maps = try StructuralMappings.shipped()
        let tables: [(String, [StructuralMappings.Entry])] = [
            ("cow-iso3.csv", Array(maps.cow.values)), ("iso2-iso3.csv", Array(maps.iso2.values)),
            ("unvotes-names.csv", Array(maps.unvotesNames.values)), ("sipri-names.csv", Array(maps.sipriNames.values)),
        ]
        for (name, entries) in tables {
            #expect(!entries.isEmpty, "\(name)")
            for e in entries {
                if e.iso3.isEmpty {
                    #expect(!e.note.isEmpty || e.kind == "non-state", "\(name): \(e.key) is dropped without a note")
                } else {
                    #expect(Country.iso3(e.iso3)?.isStateLike == true, "\(name): \(e.key) → \(e.iso3) is not a state Entente knows")
                }
                #expect(["state", "non-state", "no-iso3"].contains(e.kind), "\(name): \(e.key) kind \(e.kind)")
            }
        }
        #expect(maps.sipri("Soviet Union") == .state("RUS") && maps.sipri("UAE") == .state("ARE"))
        #expect(maps.sipri("NATO**") == .nonState("NATO**") && maps.sipri("Unknown recipient(s)") == .nonState("Unknown recipient(s)"))
        #expect(
            maps.unvotes(code: "", name: "Namibia") == .state("NAM") && maps.unvotes(code: "US", name: "United States") == .state("USA"))
        // Kosovo: XKX is not in Entente's country table, so Kosovo is dropped everywhere.
        #expect(Country.iso3("XKX") == nil && maps.sipri("Kosovo") == .noISO3("Kosovo"))
    }

    /// Every ISO2 code of the UN votes is in the ISO 3166 table (pycountry) or is one of the four
    /// withdrawn codes, checked independently of iso2-iso3.csv.
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.missingMessage)"))
    func unVotesCodesAndEmptyCodeNamesAreAllMapped() throws {
        let maps = try StructuralMappings.shipped()
        var pairs = Set<[String]>()
        try CSVRecordReader.read(SharedData.url("un-votes/unvotes/un_votes.csv")) { r, line in
            if line > 1 { pairs.insert([r.string(2), r.string(1)]) }
        }
        let pycountry = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.url("country-codes/pycountry/iso3166-1.json")))
        let iso = ((pycountry as? [String: Any])?["3166-1"] as? [[String: String]] ?? []).reduce(into: [String: String]()) {
            $0[$1["alpha_2"] ?? ""] = $1["alpha_3"]
        }
        for pair in pairs {
            let (code, name) = (pair[0], pair[1])
            let mapping = maps.unvotes(code: code, name: name)
            #expect(mapping != nil, "\(code) \(name) is not mapped")
            if let expected = iso[code] { #expect(mapping == .state(expected), "\(code) \(name)") }
        }
        let emptyCodeNames = Set(pairs.filter { $0[0].isEmpty }.map { $0[1] })
        #expect(emptyCodeNames == ["Federal Republic of Germany", "Namibia", "Yemen Arab Republic", "Zanzibar"])
        #expect(Set(pairs.map { $0[0] }).subtracting(iso.keys) == ["", "CS", "DD", "YD", "YU"])
    }
}
