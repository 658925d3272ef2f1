import EntenteServices
import Foundation

/// Plain-text rendering helpers shared by the commands.
enum Output {
    static func json<T: Encodable>(_ value: T) throws -> String {
        try JSONText.encode(value)
    }

    /// A left-aligned text table; columns listed in `rightAligned` are right-aligned. Control
    /// characters in cells (terminal escape sequences in a hostile actor name or URL) are shown
    /// as U+FFFD, never sent to the terminal.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let rows = rows.map { $0.map(printable) }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// The text made safe for a terminal, on one line: a tab, carriage return or line feed
    /// becomes a space; every other control character (C0 such as ESC, BEL or NUL; DEL; C1) is
    /// replaced by U+FFFD, so no escape sequence from data reaches the terminal raw. Tables, CSV
    /// and the text renderings use it on every value that comes from data; JSON escapes instead.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { isControl($0) ? ("\t\r\n".unicodeScalars.contains($0) ? " " : "\u{FFFD}") : $0 }))
    }

    /// ``printable(_:)`` for a message of several lines: line feeds are kept.
    static func printableLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { printable(String($0)) }.joined(separator: "\n")
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// RFC 4180 CSV with a header row, one record per line: each value goes through
    /// ``printable(_:)`` first (line breaks and tabs become spaces, other control characters
    /// U+FFFD), so a CSV printed to a terminal carries no escape sequence.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ raw: String) -> String {
            let s = printable(raw)
            return s.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// One RFC 4180 record with its values as they are (a field with a comma, quote or line break
    /// quoted): for files that must keep a row byte for byte, such as `--rejects`.
    static func csvRecord(verbatim fields: [String]) -> String {
        fields.map { s in
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }.joined(separator: ",")
    }

    static func number(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        let s = String(value.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let enabled: Bool
    let total: Int
    private var lastDraw = Date.distantPast

    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.enabled = enabled
    }

    mutating func update(done: Int, rows: Int, file: String, force: Bool = false) {
        guard enabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 24
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let name = file.count > 40 ? "…" + file.suffix(39) : file
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) files  \(Output.count(rows)) rows  \(name)".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
