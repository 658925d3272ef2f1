import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only memory-mapped file.
final class MappedFile: @unchecked Sendable {
    // @unchecked Sendable: the mapping is read-only and never changes after init; it is unmapped
    // only in deinit, when no one can hold a reference any more.
    let bytes: UnsafeRawBufferPointer
    private let length: Int

    init(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw EntenteError(.unreadableFile, "cannot open file", file: url.path, underlying: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EntenteError(.unreadableFile, "cannot stat file", file: url.path) }
        length = Int(st.st_size)
        if length == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw EntenteError(.unreadableFile, "cannot map file", file: url.path, underlying: String(cString: strerror(errno)))
        }
        _ = madvise(p, length, Int32(MADV_SEQUENTIAL))
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    /// Lets the kernel drop the pages wholly inside `range` from this process (they are re-read from
    /// the file if touched again), so that a large scan keeps resident memory flat.
    func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (range.lowerBound + page - 1) / page * page
        let hi = range.upperBound / page * page
        if hi > lo { _ = madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, Int32(MADV_DONTNEED)) }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }
}
