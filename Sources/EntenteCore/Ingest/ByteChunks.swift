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
        try requireRegularFile(url)
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
    ///
    /// - Throws: ``EntenteError`` `unreadable-file` for a path that is not a regular file (a FIFO,
    ///   a device such as `/dev/zero`, a socket or a folder): those could block or never end.
    public static func forEachChunk(ofPlainFile url: URL, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        try requireRegularFile(url)
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
        guard (try? requireRegularFile(url)) != nil, let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic.count == 4 && magic[magic.startIndex] == 0x50 && magic[magic.startIndex + 1] == 0x4B
            && magic[magic.startIndex + 2] == 0x03 && magic[magic.startIndex + 3] == 0x04
    }

    /// Checks that a path names a regular file (symbolic links followed) before anything opens
    /// it: opening a FIFO blocks until a writer comes, and a device such as `/dev/zero` never ends.
    ///
    /// - Throws: ``EntenteError`` `file-not-found` when nothing is there, `unreadable-file` naming
    ///   the path and what it is otherwise.
    public static func requireRegularFile(_ url: URL) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let code = errno
            if code == ENOENT { throw EntenteError(.fileNotFound, "no such file or folder", file: url.path) }
            throw EntenteError(.unreadableFile, "cannot read file", file: url.path, underlying: String(cString: strerror(code)))
        }
        if let kind = nonRegularKind(mode: info.st_mode) {
            throw EntenteError(.unreadableFile, "not a regular file (\(kind)); Entente reads only regular files", file: url.path)
        }
    }

    /// What a file mode names when it is not a regular file; `nil` for a regular file.
    static func nonRegularKind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }
}
