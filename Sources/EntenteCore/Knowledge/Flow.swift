/// Something that flowed from one state to another (shells, troops, technology, workers).
public struct Flow: Hashable, Sendable, Codable {
    public var item: String
    public var from: String
    public var to: String
    /// Who reported it (a government, an agency, an outlet).
    public var reportedBy: String?
}
