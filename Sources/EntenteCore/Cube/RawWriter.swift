import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only byte buffer written through a pointer (no per-byte bounds or uniqueness checks),
/// sized up front by the caller, then written to a file with one system call.
struct RawWriter: ~Copyable {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always) mutating func byte(_ b: UInt8) {
        precondition(count < capacity, "RawWriter overflow")
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always) mutating func integer<T: FixedWidthInteger>(_ v: T) {
        precondition(count + MemoryLayout<T>.size <= capacity, "RawWriter overflow")
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    mutating func bytes(_ b: some Collection<UInt8>) { for x in b { byte(x) } }

    /// Writes `v` in decimal.
    @inline(__always) mutating func decimal(_ v: Int64) {
        precondition(count + 20 <= capacity, "RawWriter overflow")
        if v == 0 { byte(0x30); return }
        var x = v.magnitude
        if v < 0 { byte(0x2D) }
        var n = 0
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
        withUnsafeMutableBytes(of: &tmp) { d in
            while x > 0 { d[n] = UInt8(truncatingIfNeeded: x % 10) &+ 0x30; x /= 10; n += 1 }
            var i = n - 1
            while i >= 0 { base.storeBytes(of: d[i], toByteOffset: count, as: UInt8.self); count += 1; i -= 1 }
        }
    }

    /// Writes the bytes to `path` atomically: a temporary file in the same folder, renamed over it.
    func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do { try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw EntenteError(
                .storeFailure, "cannot create folder", file: url.deletingLastPathComponent().path, underlying: error.localizedDescription)
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw EntenteError(.storeFailure, "cannot write", file: temporary, underlying: String(cString: strerror(errno)))
        }
        var written = 0
        while written < count {
            let n = Glibc.write(fd, base + written, count - written)
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw EntenteError(.storeFailure, "cannot write", file: path, underlying: message)
            }
            written += n
        }
        // On disk before the rename, so that a crash leaves the old file or the new one, whole.
        guard fsync(fd) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw EntenteError(.storeFailure, "cannot write", file: path, underlying: message)
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw EntenteError(.storeFailure, "cannot replace", file: path, underlying: message)
        }
    }
}
