public import Foundation

/// GDELT's file lists, parsed: `masterfilelist.txt` and `lastupdate.txt` (GDELT 2.0, lines
/// `SIZE MD5 URL`) and the GDELT 1.0 events index page (`index.html`, one link per file with its
/// size and MD5).
public enum FileList {
    /// The lines a list could not use, with their reason (for the report).
    public struct Problem: Sendable, Equatable, Codable {
        public var line: Int
        public var text: String
        public var reason: String
    }

    /// Parses one line of a GDELT 2.0 list (`SIZE MD5 URL`, separated by spaces or tabs).
    ///
    /// - Returns: the file, or `nil` for a blank line.
    /// - Throws: a reason string for a malformed line.
    public static func parseMasterLine(_ line: Substring, base: URL?) throws(ListLineError) -> RemoteFile? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        if fields.isEmpty { return nil }
        guard fields.count == 3 else { throw ListLineError("expected 'SIZE MD5 URL', found \(fields.count) field(s)") }
        guard let size = Int64(fields[0]), size >= 0 else { throw ListLineError("size '\(fields[0])' is not a number of bytes") }
        let md5 = fields[1].lowercased()
        guard md5.count == 32, md5.allSatisfy(\.isHexDigit) else { throw ListLineError("MD5 '\(fields[1])' is not 32 hex digits") }
        guard let url = resolve(String(fields[2]), base: base) else { throw ListLineError("'\(fields[2])' is not a URL") }
        return RemoteFile(url: url, size: size, md5: md5)
    }

    /// Parses a whole GDELT 2.0 list. Malformed lines are returned as problems, not thrown.
    public static func parseMaster(_ text: String, base: URL?) -> (files: [RemoteFile], problems: [Problem]) {
        var files: [RemoteFile] = []
        var problems: [Problem] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                if let file = try parseMasterLine(line, base: base) { files.append(file) }
            } catch {
                problems.append(Problem(line: i + 1, text: String(line.prefix(200)), reason: error.reason))
            }
        }
        return (files, problems)
    }

    /// Parses the GDELT 1.0 events index page: every link to a `.zip` file, with the MD5 and the
    /// size that follow it on its line when given (`<A HREF="20150218.export.CSV.zip">…</A> 9.9MB (MD5: 4c1f…)`).
    ///
    /// The sizes on that page are rounded (`9.9MB`): they are kept as ``RemoteFile/size`` only
    /// when given in bytes; otherwise the MD5 alone verifies the file. A plain list of `SIZE MD5
    /// URL` lines is accepted too (a mirror's list).
    public static func parseIndex(_ text: String, base: URL?) -> (files: [RemoteFile], problems: [Problem]) {
        var files: [RemoteFile] = []
        var problems: [Problem] = []
        var seen = Set<String>()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !line.contains("<"), let file = try? parseMasterLine(line, base: base) {
                if seen.insert(file.name).inserted { files.append(file) }
                continue
            }
            for href in hrefs(in: line) where href.lowercased().hasSuffix(".zip") {
                guard let url = resolve(href, base: base) else {
                    problems.append(Problem(line: i + 1, text: String(line.prefix(200)), reason: "'\(href)' is not a URL"))
                    continue
                }
                let after = line.range(of: href).map { line[$0.upperBound...] } ?? line[...]
                let md5 = firstMatch(#"MD5:\s*([0-9a-fA-F]{32})"#, in: after)
                let bytes = firstMatch(#"\(\s*([0-9]+)\s*(?:bytes|B)\s*\)"#, in: after).flatMap { Int64($0) }
                let file = RemoteFile(url: url, size: bytes, md5: md5)
                if seen.insert(file.name).inserted { files.append(file) }
            }
        }
        return (files, problems)
    }

    /// Resolves a link against the list's URL (a mirror's relative links work).
    static func resolve(_ link: String, base: URL?) -> String? {
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return URL(string: link) != nil ? link : nil }
        guard let base, let url = URL(string: link, relativeTo: base) else { return nil }
        return url.absoluteString
    }

    static func hrefs(in line: Substring) -> [String] {
        var out: [String] = []
        var rest = line[...]
        while let r = rest.range(of: "href=", options: .caseInsensitive) {
            rest = rest[r.upperBound...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { break }
            out.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return out
    }

    static func firstMatch(_ pattern: String, in text: Substring) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let s = String(text)
        guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), m.numberOfRanges > 1,
            let r = Range(m.range(at: 1), in: s)
        else { return nil }
        return String(s[r])
    }
}

/// Why one line of a list could not be read.
public struct ListLineError: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
