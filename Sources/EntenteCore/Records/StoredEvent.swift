/// An event as stored, with where it came from (file and line) for tracing.
public struct StoredEvent: Sendable, Codable, Equatable {
    public var event: Event
    /// The ingested file's name and the line the event was read from.
    public var file: String
    public var line: Int

    public init(event: Event, file: String, line: Int) {
        self.event = event
        self.file = file
        self.line = line
    }
}
