public import Foundation
import Synchronization
import ZIPFoundation

/// What a cube build did with each file.
public struct CubeFileResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case added
        /// The cube already holds this file (same fingerprint): nothing added.
        case alreadyInCube = "already-in-cube"
        case notEventFile = "not-an-event-file"
        case failed
    }

    public var path: String
    public var status: Status
    public var format: EventFormat?
    public var fingerprint: String?
    public var bytes: Int64
    public var counts: RowCounts
    /// Kept rows left out because the cube already held their (dataset, event id): an earlier
    /// row of the build, or an event already in the cube. The first copy wins.
    public var duplicates = 0
    public var message: String?
}

/// The result of a cube build.
public struct CubeBuildReport: Sendable, Codable {
    public var files: [CubeFileResult]
    public var threads: Int
    public var seconds: Double
    public var bytes: Int64
    /// Milliseconds spent opening the files, scanning them and merging the partial cubes.
    public var phases = Phases()

    public struct Phases: Sendable, Codable {
        public var open = 0, scan = 0, merge = 0
    }
    public var rowsRead: Int { files.reduce(0) { $0 + $1.counts.rowsRead } }
    /// Rows added to the cube: parsed, less duplicates of an event id already held.
    public var kept: Int { files.reduce(0) { $0 + $1.counts.parsed - $1.duplicates } }
    public var duplicates: Int { files.reduce(0) { $0 + $1.duplicates } }
}
