public import Foundation
import ZIPFoundation

/// Streams the bytes of an event file in chunks: a plain file read 1 MiB at a time, or each
/// entry of a `.zip` archive decompressed as it is read. Memory stays flat whatever the size.
public enum ByteChunks {
    /// The chunk size used for plain files.
    public static let chunkSize = 1 << 20

    /// Calls `body` with each part of the file: one part for a plain file, one per entry of a zip
    /// archive (named `archive.zip!entry.csv`).
    ///
    /// - Throws: ``EntenteError`` `unreadable-file` or `corrupt-archive` (a truncated zip among
    ///   them), naming the file; errors thrown by `body` pass through.
    public static func forEachPart(
        of url: URL,
        body: (_ partName: String, _ chunks: (_ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        if isZip(url) {
            let archive: Archive
            do {
                archive = try Archive(url: url, accessMode: .read)
            } catch {
                throw EntenteError(
                    .corruptArchive, "not a readable zip archive (truncated or corrupt)", file: url.path, underlying: "\(error)")
            }
            let entries = archive.filter { $0.type == .file }
            if entries.isEmpty {
                throw EntenteError(.corruptArchive, "zip archive holds no file", file: url.path)
            }
            for entry in entries {
                try body("\(url.lastPathComponent)!\(entry.path)") { consume in
                    do {
                        _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                            try data.withUnsafeBytes { try consume($0) }
                        }
                    } catch let error as EntenteError {
                        throw error
                    } catch {
                        throw EntenteError(
                            .corruptArchive, "zip entry \(entry.path) could not be decompressed (truncated or corrupt)", file: url.path,
                            underlying: "\(error)")
                    }
                }
            }
        } else {
            try body(url.lastPathComponent) { consume in
                try forEachChunk(ofPlainFile: url, consume)
            }
        }
    }

    /// Reads a plain file in chunks of ``chunkSize`` bytes.
    public static func forEachChunk(ofPlainFile url: URL, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw EntenteError(.unreadableFile, "cannot open file", file: url.path, underlying: error.localizedDescription)
        }
        defer { try? handle.close() }
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw EntenteError(.unreadableFile, "read failed", file: url.path, underlying: error.localizedDescription)
            }
            guard let data, !data.isEmpty else { break }
            try data.withUnsafeBytes { try consume($0) }
        }
    }

    /// Whether the file is a zip archive, by its magic number (not its name).
    public static func isZip(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic.count == 4 && magic[magic.startIndex] == 0x50 && magic[magic.startIndex + 1] == 0x4B
            && magic[magic.startIndex + 2] == 0x03 && magic[magic.startIndex + 3] == 0x04
    }
}
