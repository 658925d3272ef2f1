public import Foundation

/// How a dataset's country code or name maps onto Entente's states.
public enum CountryMapping: Hashable, Sendable {
    /// A state (or territory) with this ISO3 code.
    case state(String)
    /// A state with no ISO3 code of its own and no successor Entente assigns (East Germany, South
    /// Yemen, Zanzibar, the pre-unification German and Italian states…): dropped, counted.
    case noISO3(String)
    /// Not a state: an armed group, an organisation, "unknown recipient": dropped, counted.
    case nonState(String)

    /// The ISO3 code, for a state.
    public var iso3: String? {
        if case .state(let code) = self { return code }
        return nil
    }
}

/// The lookup tables shipped in `Resources/Structural/` that map the structural datasets' codes
/// and names onto ISO3 codes, each row with a note on successor choices:
///
/// - `cow-iso3.csv` (`ccode,cow_abbrev,iso3,name,note`): Correlates of War state codes (ATOP,
///   MIDs, ideal points);
/// - `iso2-iso3.csv` (`iso2,iso3,name,note`): ISO 3166 alpha-2 codes and the withdrawn codes the UN
///   votes use (CS, DD, YD, YU);
/// - `unvotes-names.csv` (`name,iso3,note`): UN votes rows whose country code is empty;
/// - `sipri-names.csv` (`name,iso3,kind,note`): SIPRI's supplier and recipient names.
///
/// An empty `iso3` means the entity is dropped (and counted), never merged silently.
public struct StructuralMappings: Sendable {
    /// One row of a mapping table.
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var iso3: String
        public var name: String
        public var kind: String
        public var note: String
    }

    public let cow: [Int: Entry]
    public let iso2: [String: Entry]
    public let unvotesNames: [String: Entry]
    public let sipriNames: [String: Entry]

    /// The shipped tables, loaded once.
    ///
    /// - Throws: ``EntenteError`` `unreadable-file` when a table is missing from the bundle or malformed.
    public static func shipped() throws -> StructuralMappings { try cached.get() }

    private static let cached: Result<StructuralMappings, EntenteError> = {
        guard let folder = Bundle.module.url(forResource: "Structural", withExtension: nil) else {
            return .failure(EntenteError(.unreadableFile, "the Structural resource folder is missing from the EntenteCore bundle"))
        }
        do throws(EntenteError) {
            return .success(try StructuralMappings(folder: folder))
        } catch {
            return .failure(error)
        }
    }()

    /// Loads the four tables from a folder.
    public init(folder: URL) throws(EntenteError) {
        func table(_ name: String, _ columns: [String]) throws(EntenteError) -> [Entry] {
            let url = folder.appendingPathComponent(name)
            var entries: [Entry] = []
            var failure: EntenteError?
            do {
                try CSVRecordReader.read(url) { record, line in
                    if line == 1 {
                        let header = (0..<record.count).map(record.string)
                        if header != columns {
                            failure = EntenteError(
                                .unknownFormat, "header must be \(columns.joined(separator: ","))", file: url.path, line: 1)
                        }
                        return
                    }
                    guard record.count == columns.count else {
                        failure = failure ?? EntenteError(.malformedRow, "\(columns.count) columns expected", file: url.path, line: line)
                        return
                    }
                    let f = (0..<record.count).map(record.string)
                    let kind = columns.contains("kind") ? f[2] : (f[columns.firstIndex(of: "iso3") ?? 1].isEmpty ? "no-iso3" : "state")
                    let nameIndex = columns.firstIndex(of: "name") ?? 0
                    entries.append(
                        Entry(key: f[0], iso3: f[columns.firstIndex(of: "iso3") ?? 1], name: f[nameIndex], kind: kind, note: f.last ?? ""))
                }
            } catch let error as EntenteError {
                throw error
            } catch {
                throw EntenteError(.unreadableFile, "cannot read mapping table", file: url.path, underlying: "\(error)")
            }
            if let failure { throw failure }
            return entries
        }
        var cow: [Int: Entry] = [:]
        for e in try table("cow-iso3.csv", ["ccode", "cow_abbrev", "iso3", "name", "note"]) {
            guard let code = Int(e.key) else { throw EntenteError(.malformedRow, "ccode '\(e.key)' is not a number", file: "cow-iso3.csv") }
            cow[code] = e
        }
        self.cow = cow
        iso2 = Dictionary(
            try table("iso2-iso3.csv", ["iso2", "iso3", "name", "note"]).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        unvotesNames = Dictionary(
            try table("unvotes-names.csv", ["name", "iso3", "note"]).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        sipriNames = Dictionary(
            try table("sipri-names.csv", ["name", "iso3", "kind", "note"]).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func mapping(_ entry: Entry) -> CountryMapping {
        if entry.kind == "non-state" { return .nonState(entry.name) }
        return entry.iso3.isEmpty ? .noISO3(entry.name) : .state(entry.iso3)
    }

    /// A COW state code; `nil` when the table does not know it.
    public func cow(_ code: Int) -> CountryMapping? { cow[code].map(Self.mapping) }

    /// A UN votes country: its ISO2 code, or when that is empty, its name; `nil` when unknown.
    public func unvotes(code: String, name: String) -> CountryMapping? {
        if code.isEmpty { return unvotesNames[name].map(Self.mapping) }
        return iso2[code].map(Self.mapping)
    }

    /// A SIPRI supplier or recipient name; `nil` when unknown.
    public func sipri(_ name: String) -> CountryMapping? { sipriNames[name].map(Self.mapping) }
}
