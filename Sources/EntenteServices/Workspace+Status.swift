public import EntenteCore
import EntenteStore
import Foundation

extension Workspace {
    /// What the store holds: datasets, files, events, date span, top dyads.
    /// Reading the status creates nothing: without a store it reports an empty one. It also
    /// says what the dyad series covers and whether the cube is in step with the store.
    public func status() throws -> StoreStatus {
        guard let store = try existingStore() else {
            return StoreStatus(
                store: storePath, events: 0, files: 0, rowsRead: 0, rowsRejected: 0, rowsSkipped: 0, firstDate: nil, lastDate: nil,
                datasets: [],
                topDyads: [])
        }
        var status = try store.status()
        let layers = try store.structuralLayers().filter { $0.files > 0 }
        if !layers.isEmpty { status.layers = layers }
        status.series = try store.seriesStatus()
        status.cube = try cubeDrift()
        return status
    }
}
