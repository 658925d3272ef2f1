public import Foundation

/// What ingesting one file did.
public struct FileIngestResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Read and stored.
        case ingested
        /// The same bytes (by SHA-256) were ingested before: nothing added.
        case alreadyIngested = "already-ingested"
        /// Not an event file Entente reads (a README, a licence…): left alone.
        case notEventFile = "not-an-event-file"
        /// The file could not be read (corrupt archive, I/O error): nothing stored from it.
        case failed
    }

    public var path: String
    public var status: Status
    public var format: EventFormat?
    public var size: Int64
    public var sha256: String?
    public var counts: RowCounts
    /// Events added to the store.
    public var added: Int
    /// Events whose id the store already held (from another file of the same dataset).
    public var duplicates: Int
    /// Why the file failed or was not read, or which earlier file it repeats.
    public var message: String?
    public var seconds: Double

    public init(
        path: String, status: Status, format: EventFormat?, size: Int64, sha256: String?, counts: RowCounts, added: Int, duplicates: Int,
        message: String?, seconds: Double
    ) {
        self.path = path
        self.status = status
        self.format = format
        self.size = size
        self.sha256 = sha256
        self.counts = counts
        self.added = added
        self.duplicates = duplicates
        self.message = message
        self.seconds = seconds
    }
}
