public import Foundation
import Synchronization
import ZIPFoundation

/// A cheap, stable file identity for the cube's file log: SHA-256 over the size, the first and
/// the last MiB. Full SHA-256 of every byte (as the store's ingest log uses) would cost as much
/// as the scan itself.
enum Fingerprint {
    static func of(_ url: URL) throws -> String {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw EntenteError(.unreadableFile, "cannot open file", file: url.path, underlying: error.localizedDescription)
        }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        var data = Data("size:\(size);".utf8)
        data.append(try handle.read(upToCount: 1 << 20) ?? Data())
        if size > 2 << 20 {
            try handle.seek(toOffset: size - (1 << 20))
            data.append(try handle.read(upToCount: 1 << 20) ?? Data())
        }
        return EventFileReader.sha256(of: data)
    }
}
