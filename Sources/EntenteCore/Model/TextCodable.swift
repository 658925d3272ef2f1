/// A value written as its `description` and read back through `init?(_:)`:
/// dates and months in JSON, YAML and the knowledge base.
public protocol TextCodable: Codable, CustomStringConvertible {
    init?(_ text: some StringProtocol)
    /// What a value is called in the error for text that is not one ("a date", "a month").
    static var textKind: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(Self.textKind): \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
