public import Foundation

/// Reads a dyad series: `date,a,b,value` with a header, dates as `YYYYMMDD` or `YYYY-MM-DD`, a and
/// b ISO3 codes of states, value a finite number. A `.gz` file is decompressed through `gzip -dc`.
public enum DyadSeriesReader {
    public enum Outcome {
        case header
        case row(a: String, b: String, day: Day, value: Double)
        case issue(RowIssue, detail: String, raw: String)
    }

    /// Calls `body` with each line's outcome and its 1-based line number.
    ///
    /// A line longer than the line cap (``LineSplitter/maxLineBytes``) is a ``RowIssue/lineTooLong``
    /// issue whose raw text is its first bytes; a row holding a NUL byte is a ``RowIssue/nulByte``.
    ///
    /// - Throws: ``EntenteError`` when the file cannot be read or decompressed (a path that is not
    ///   a regular file among them); what `body` throws.
    public static func read(_ url: URL, maxLineBytes: Int = LineSplitter.maxLineBytes, _ body: (Outcome, Int) throws -> Void) throws {
        try ByteChunks.requireRegularFile(url)
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        let cap = splitter.maxLineBytes
        func tooLong(_ prefix: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
            try body(.issue(.lineTooLong, detail: LineSplitter.tooLongDetail(cap: cap), raw: LineSplitter.prefixText(prefix)), number)
        }
        func handle(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
            if line.isEmpty { return }
            let text = String(decoding: line, as: UTF8.self)
            guard line.isValidUTF8 else { return try body(.issue(.invalidUTF8, detail: "the row is not valid UTF-8", raw: text), number) }
            guard !line.contains(0) else { return try body(.issue(.nulByte, detail: "the row holds a NUL byte", raw: text), number) }
            let f = text.split(separator: ",", omittingEmptySubsequences: false)
            if number == 1 && f.first?.lowercased() == "date" { return try body(.header, number) }
            guard f.count == 4 else {
                return try body(
                    .issue(.wrongColumnCount, detail: "4 columns expected (date,a,b,value), found \(f.count)", raw: text), number)
            }
            guard let day = Day(f[0]) else { return try body(.issue(.badDate, detail: "date '\(f[0])'", raw: text), number) }
            guard let a = Country.iso3(f[1]), a.isStateLike else {
                return try body(.issue(.unknownCountryCode, detail: "a '\(f[1])' is not an ISO3 code", raw: text), number)
            }
            guard let b = Country.iso3(f[2]), b.isStateLike else {
                return try body(.issue(.unknownCountryCode, detail: "b '\(f[2])' is not an ISO3 code", raw: text), number)
            }
            guard let value = Double(f[3]), value.isFinite, abs(value) < 1e9 else {
                return try body(.issue(.badGoldstein, detail: "value '\(f[3])' is not a finite number", raw: text), number)
            }
            try body(.row(a: a.code, b: b.code, day: day, value: value), number)
        }
        if url.pathExtension.lowercased() == "gz" {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", url.path]
            let pipe = Pipe(), errors = Pipe()
            process.standardOutput = pipe
            process.standardError = errors
            do { try process.run() } catch {
                throw EntenteError(.unreadableFile, "cannot run gzip to decompress", file: url.path, underlying: "\(error)")
            }
            // A reader that stops early (a callback throws) must not leave gzip running.
            defer { if process.isRunning { process.terminate() } }
            let reader = pipe.fileHandleForReading
            while true {
                let data = reader.readData(ofLength: 1 << 20)
                if data.isEmpty { break }
                try data.withUnsafeBytes { try splitter.feed($0, tooLong: tooLong, handle) }
            }
            try splitter.finish(handle)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                throw EntenteError(.corruptArchive, "not a readable gzip file (truncated or corrupt)", file: url.path, underlying: message)
            }
        } else {
            try ByteChunks.forEachChunk(ofPlainFile: url) { chunk in try splitter.feed(chunk, tooLong: tooLong, handle) }
            try splitter.finish(handle)
        }
    }
}
