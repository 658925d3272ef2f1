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

    /// Text for Markdown: HTML-special characters as entities, Markdown syntax characters
    /// (brackets, emphasis, code, headings, tables) backslash-escaped, so data can neither inject
    /// markup nor form links (no `[` can open one) or emphasis.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for ch in xml(text) {
            if "\\`*_{}[]#|".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// The URL if it is http(s) and safe to place in an attribute or a Markdown link, else `nil`.
    public static func httpURL(_ text: String?) -> String? {
        guard let text, let scheme = text.split(separator: ":", maxSplits: 1).first?.lowercased(), scheme == "http" || scheme == "https",
            !text.contains(where: { $0.isWhitespace || "\"'<>`\\".contains($0) || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return nil }
        return text
    }
}
