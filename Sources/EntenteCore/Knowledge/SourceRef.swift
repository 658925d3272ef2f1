/// A public source backing a curated entry.
public struct SourceRef: Hashable, Sendable, Codable {
    public var outlet: String
    public var date: PartialDate?
    /// An http(s) URL.
    public var url: String

    public init(outlet: String, date: PartialDate? = nil, url: String) {
        self.outlet = outlet
        self.date = date
        self.url = url
    }
}
