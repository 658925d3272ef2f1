public import EntenteCore
import EntenteStore
import Foundation

/// The structural layers of a pair: one year, or a range of years.
public struct StructureRequest: Sendable {
    public var a: String
    public var b: String
    public var from: Int
    public var to: Int

    public init(a: String, b: String, year: Int) {
        self.init(a: a, b: b, from: year, to: year)
    }

    public init(a: String, b: String, from: Int, to: Int) {
        self.a = a
        self.b = b
        self.from = from
        self.to = to
    }
}

extension Workspace {
    /// The pair's structural layers year by year (ATOP obligations each way, UN General Assembly
    /// agreement, κ and ideal-point distance, SIPRI transfers each way, militarised disputes),
    /// each with its source. A layer that does not cover the pair or the year is absent.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` when `from` is after `to`, or when no
    ///   structural layer has been ingested (naming the command that adds them).
    public func structure(_ request: StructureRequest) throws -> [DyadStructure] {
        guard request.from <= request.to else {
            throw EntenteError(.invalidArgument, "--from \(request.from) is after --to \(request.to)")
        }
        guard let store = try existingStore(), try store.hasStructuralLayers() else {
            throw EntenteError(
                .invalidArgument,
                "no structural layer in the store: ingest ATOP, UN votes, ideal points or SIPRI files first (entente ingest PATH; see the README)"
            )
        }
        return try store.structure(a: request.a, b: request.b, from: request.from, to: request.to)
    }
}
