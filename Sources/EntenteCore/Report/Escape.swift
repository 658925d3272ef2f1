/// Escaping for every text that comes from data (actor names, titles, URLs): nothing from a file
/// can open a tag, close an attribute or start a script.
public enum Escape {
    /// Text for XML/HTML/SVG content and attribute values; control characters dropped.
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": continue
            case _ where (0x7F...0x9F).contains(scalar.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for Markdown, always on one line: line breaks, tabs and other separators (a
    /// knowledge-base title written as a YAML block) become single spaces, so data can never end
    /// a list item, open a heading or a code block; HTML-special characters become entities;
    /// Markdown syntax characters (brackets, emphasis, strike-through, code, headings, tables) are
    /// backslash-escaped, and so is what would start a list, a quote or a setext underline at the
    /// start, so data can neither inject markup nor form links (no `[` can open one) or emphasis.
    ///
    /// ```swift
    /// Escape.markdown("Treaty\n# Injected *heading*")  // "Treaty \\# Injected \\*heading\\*"
    /// ```
    public static func markdown(_ text: String) -> String {
        var out = ""
        for ch in xml(oneLine(text)) {
            if "\\`*_{}[]#|~".contains(ch) || (out.isEmpty && "-+=".contains(ch)) { out.append("\\") }
            out.append(ch)
        }
        // "1986. A year" or "2) …" at the start would open an ordered list.
        if let first = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), first != out.startIndex, ".)".contains(out[first]) {
            out.insert("\\", at: first)
        }
        return out
    }

    /// The text on one line: every run of whitespace that holds a line or paragraph break, a tab
    /// or another control character becomes one space; leading and trailing ones are dropped.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreak) else { return text }
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isBreak(scalar) || scalar == " " {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Line and paragraph breaks, tabs and the other C0/C1 controls.
    private static func isBreak(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// The URL if it is http(s) and safe to place in an attribute or a Markdown link, else `nil`.
    public static func httpURL(_ text: String?) -> String? {
        guard let text, let scheme = text.split(separator: ":", maxSplits: 1).first?.lowercased(), scheme == "http" || scheme == "https",
            !text.contains(where: { $0.isWhitespace || "\"'<>`\\".contains($0) || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return nil }
        return text
    }
}
