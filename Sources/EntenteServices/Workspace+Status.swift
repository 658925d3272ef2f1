public import EntenteCore
import EntenteStore
import Foundation

extension Workspace {
    /// What the store holds: datasets, files, events, date span, top dyads.
    public func status() throws -> StoreStatus {
        try openStore().status()
    }
}
