public import EntenteCore
public import EntenteStore
import Foundation

/// Where the analyses read cube cells from: the cube file when it holds exactly the store's
/// events, else the store itself (slower, never stale).
public enum CubeCellSource: Sendable {
    case cube(String)
    case store(EventStore)

    /// The cells of A→B.
    public func cells(from a: String, to b: String) throws -> [(key: DyadCube.Key, values: [Int64])] {
        switch self {
        case .cube(let path): try DyadCube.cells(from: a, to: b, in: path)
        case .store(let store): try store.cubeCells(from: a, to: b).cells(from: a, to: b)
        }
    }

    /// Every cell whose source is `a`.
    public func cells(from a: String) throws -> [(key: DyadCube.Key, values: [Int64])] {
        switch self {
        case .cube(let path): return try DyadCube.cells(from: a, in: path)
        case .store(let store):
            let cube = try store.cubeCells(from: a)
            return cube.sortedKeys.map { k in (k, DyadCube.Column.allCases.map { cube.value(k, $0) }) }
        }
    }

    /// `cube` or `store`: where the figures came from.
    public var origin: String {
        switch self {
        case .cube: "cube"
        case .store: "store"
        }
    }
}

/// What bringing the cube in step with the store did.
public struct CubeSyncReport: Sendable, Encodable {
    /// `up-to-date`, `extended` (the store's new events added) or `rebuilt` (from every stored event).
    public var status: String
    /// Stored events read, and added to the cube (the rest: not between two states, or an event id
    /// the cube already held).
    public var eventsRead: Int
    public var eventsAdded: Int
    /// Store files whose events were added.
    public var files: Int
    /// Why the cube was rebuilt rather than extended, when it was.
    public var message: String?
}

extension Workspace {
    /// The source of cube cells for the analyses: the cube when it is in step with the store,
    /// the store's events when the cube is missing, behind, or from another store (with a
    /// warning through ``warn`` naming the fix); `nil` when there are neither.
    ///
    /// - Throws: ``EntenteError`` when the store or the cube's header cannot be read.
    public func cellSource() throws -> CubeCellSource? {
        let store = try existingStore()
        let storeLink = try store?.link()
        let storeHasEvents = (storeLink?.eventWatermark ?? 0) > 0
        guard hasCube else {
            guard let store, storeHasEvents else { return nil }
            warnOnce("note: no cube yet; reading events from the store (slower). `entente cube rebuild` makes one.\n")
            return .store(store)
        }
        let cubeLink = try DyadCube.link(of: cubePath).storeLink
        guard let store, let storeLink else { return .cube(cubePath) }
        if cubeLink.serves(storeLink) { return .cube(cubePath) }
        warnOnce(
            "warning: the cube at \(cubePath) is not in step with the store (\(Self.driftReason(cube: cubeLink, store: storeLink))); "
                + "answering from the store instead. Run `entente cube rebuild` to bring it in step.\n")
        return .store(store)
    }

    static func driftReason(cube: StoreLink, store: StoreLink) -> String {
        if cube.storeID.isEmpty { return "it was built from raw files, not from this store" }
        if cube.storeID != store.storeID { return "it was built from another store" }
        if cube.generation != store.generation { return "events were removed from the store since" }
        if cube.eventWatermark < store.eventWatermark { return "it lacks the store's events after #\(cube.eventWatermark)" }
        return "it holds events the store no longer has"
    }

    /// How the cube stands against the store; `nil` when there is no cube and no stored event.
    public func cubeDrift() throws -> CubeDrift? {
        let store = try existingStore()
        let storeLink = try store?.link() ?? StoreLink()
        guard hasCube else {
            guard storeLink.eventWatermark > 0, let store else { return nil }
            let events = try store.status().events
            return CubeDrift(
                inStep: false, eventsMissing: events, filesOnlyInCube: 0,
                message: "no cube: the store's \(events) events are read from SQLite; `entente cube rebuild` makes one")
        }
        let (cubeLink, files) = try DyadCube.link(of: cubePath)
        let storeFiles = try store?.eventFileHashes() ?? []
        let onlyInCube = files.filter { !$0.hasPrefix("sha256:") || !storeFiles.contains(String($0.dropFirst(7))) }.count
        if cubeLink.serves(storeLink) {
            let extra = onlyInCube > 0 ? "; \(onlyInCube) file(s) added by `cube build` are in the cube only" : ""
            return CubeDrift(inStep: true, eventsMissing: 0, filesOnlyInCube: onlyInCube, message: "in step with the store" + extra)
        }
        let missing =
            try cubeLink.canExtend(to: storeLink) ? store?.eventCount(after: cubeLink.eventWatermark) ?? 0 : store?.status().events ?? 0
        return CubeDrift(
            inStep: false, eventsMissing: missing, filesOnlyInCube: onlyInCube,
            message: "not in step: \(Self.driftReason(cube: cubeLink, store: storeLink)); analyses read the store until "
                + "`entente cube rebuild` (or the next ingest) brings it in step")
    }

    /// Brings the cube in step with the store under the store's write lock: extends it with the
    /// events stored since it was written, or rebuilds it from every stored event when it belongs
    /// to another store or generation, or cannot be read. The new cube replaces the old one
    /// atomically, so a failure leaves the old one (behind, and reported as such).
    ///
    /// - Parameter rebuild: start from an empty cube (`cube rebuild`), dropping files that were
    ///   added only by `cube build`.
    /// - Throws: ``EntenteError`` when the store cannot be read or the cube cannot be written.
    @discardableResult
    public func syncCube(_ store: EventStore, rebuild: Bool = false) throws -> CubeSyncReport {
        try store.withCubeLock { storeLink, addEvents in
            var cube = DyadCube()
            var from: Int64 = 0
            var message: String?
            if !rebuild, hasCube {
                do {
                    let existing = try DyadCube.read(from: cubePath)
                    if existing.storeLink.isInStep(with: storeLink) {
                        return CubeSyncReport(status: "up-to-date", eventsRead: 0, eventsAdded: 0, files: 0)
                    }
                    if existing.storeLink.canExtend(to: storeLink) || existing.storeLink.storeID.isEmpty {
                        cube = existing
                        from = existing.storeLink.storeID.isEmpty ? 0 : existing.storeLink.eventWatermark
                    } else {
                        message = "the cube was rebuilt: " + Self.driftReason(cube: existing.storeLink, store: storeLink)
                    }
                } catch let error as EntenteError {
                    message = "the cube was rebuilt from the store: \(error.message)"
                    warn("warning: \(error.description); rebuilding it from the store.\n")
                }
            }
            let rebuilt = rebuild || (from == 0 && cube.cellCount == 0 && hasCube)
            let added = try addEvents(&cube, from)
            try cube.write(to: cubePath)
            return CubeSyncReport(
                status: rebuilt ? "rebuilt" : "extended", eventsRead: added.read, eventsAdded: added.added, files: added.files,
                message: message)
        }
    }

    /// `cube rebuild`: the cube recreated from every stored event.
    ///
    /// - Throws: ``EntenteError`` `invalid-argument` when there is no store.
    public func rebuildCube() throws -> CubeSyncReport {
        guard let store = try existingStore() else {
            throw EntenteError(.invalidArgument, "no store at \(storePath): nothing to rebuild the cube from (ingest files first)")
        }
        return try syncCube(store, rebuild: true)
    }
}
