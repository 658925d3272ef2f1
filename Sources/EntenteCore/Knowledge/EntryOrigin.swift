/// Where a curated entry was read from, for error messages and citations.
public struct EntryOrigin: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
}
