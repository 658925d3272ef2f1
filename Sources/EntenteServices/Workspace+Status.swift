public import EntenteCore
import EntenteStore
import Foundation

extension Workspace {
    /// What the store holds: datasets, files, events, date span, top dyads.
    public func status() throws -> StoreStatus {
        let store = try openStore()
        var status = try store.status()
        let layers = try store.structuralLayers().filter { $0.files > 0 }
        if !layers.isEmpty { status.layers = layers }
        return status
    }
}
