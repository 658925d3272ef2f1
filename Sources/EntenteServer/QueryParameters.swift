import EntenteCore
import Foundation

/// The query parameters of one request, decoded and checked the way the CLI checks its options:
/// each name known to the endpoint, given once, of bounded length, well-formed UTF-8.
///
/// Every failure is a ``Problem`` naming the parameter, never echoing its value.
struct QueryParameters: Sendable {
    /// The longest query string accepted (bytes, still percent-encoded): longer ones are 414.
    static let maxQueryBytes = 2_000
    /// The longest single value accepted (bytes, decoded).
    static let maxValueBytes = 1_000

    private var values: [String: String] = [:]

    /// Decodes `query` (without the `?`) and checks the names against `allowed`.
    ///
    /// - Throws: ``Problem`` 414 for an oversized query, 400 for a malformed, repeated, unknown or
    ///   oversized parameter.
    init(_ query: String?, allowed: Set<String>) throws(Problem) {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.maxQueryBytes else { throw Self.tooLong }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(pieces[0]) else {
                throw Problem(.badRequest, "invalid-parameter", "a parameter name is not valid percent-encoded UTF-8")
            }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                let shown =
                    name.utf8.count <= 40 && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? "'\(name)' " : ""
                throw Problem(
                    .badRequest, "unknown-parameter",
                    "unknown parameter \(shown)for this endpoint; it takes: \(known.isEmpty ? "no parameters" : known)")
            }
            guard let value = Self.decode(pieces.count > 1 ? pieces[1] : "") else {
                throw Problem.badParameter(name, "parameter '\(name)' is not valid percent-encoded UTF-8")
            }
            guard value.utf8.count <= Self.maxValueBytes else {
                throw Problem.badParameter(name, "parameter '\(name)' is longer than \(Self.maxValueBytes) bytes")
            }
            guard values[name] == nil else { throw Problem.badParameter(name, "parameter '\(name)' is given more than once") }
            values[name] = value
        }
    }

    static let tooLong = Problem(.uriTooLong, "query-too-long", "the query string is longer than \(maxQueryBytes) bytes")

    /// Form-style decoding: `+` is a space, `%XX` a byte; `nil` for a bad escape or bad UTF-8.
    static func decode(_ text: Substring) -> String? {
        guard text.contains(where: { $0 == "%" || $0 == "+" }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = text.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let h = it.next(), let l = it.next(), let hi = hex(h), let lo = hex(l) else { return nil }
                bytes.append(hi << 4 | lo)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The raw (decoded) value of a parameter, if given.
    subscript(name: String) -> String? { values[name] }

    /// A required country (ISO3 code or name), resolved as the CLI resolves it.
    func country(_ name: String) throws(Problem) -> Country {
        guard let text = values[name] else { throw Problem.badParameter(name, "parameter '\(name)' is required (a country)") }
        return try Self.resolveCountry(text, name)
    }

    static func resolveCountry(_ text: String, _ name: String) throws(Problem) -> Country {
        do {
            return try Country.resolve(text)
        } catch {
            throw Problem.unknownCountry(name, text)
        }
    }

    /// The earliest month the API accepts. The library's months start in 1800, but a window
    /// reaching back before 1800-01 trips a trap in `PartnershipIndex.assess` (`Month.advanced(by:)`
    /// returns the month itself when out of range); 1850-01 leaves room for the longest window
    /// (240 months, twice for the previous window).
    static let earliestMonth = Month(year: 1850, month: 1)!
    /// The longest `from`…`to` span one request may ask for, in months (monthly answers cost one
    /// assessment per month); daily change points get less.
    static let maxSpanMonths = 600
    static let maxDailySpanMonths = 240

    /// A month as `YYYY-MM` (or `YYYYMM`), as the CLI's `parseMonth`, from 1850-01.
    func month(_ name: String) throws(Problem) -> Month? {
        guard let text = values[name] else { return nil }
        guard let month = Month(text), month >= Self.earliestMonth else {
            throw Problem.badParameter(
                name, "parameter '\(name)' takes a month as YYYY-MM between 1850-01 and 2199-12 (for example 2023-09)")
        }
        return month
    }

    /// `from` and `to` months, `from` not after `to` (the CLI's `validateRange`), at most
    /// `maxSpan` months apart.
    func monthRange(maxSpan: Int = maxSpanMonths) throws(Problem) -> (Month?, Month?) {
        let from = try month("from"), to = try month("to")
        if let from, let to, from > to {
            throw Problem(.badRequest, "invalid-range", "from \(from) is after to \(to)", parameter: "from")
        }
        if let from, let to, from.distance(to: to) >= maxSpan {
            throw Problem(
                .badRequest, "range-too-long", "from…to spans more than \(maxSpan) months: ask for a shorter range", parameter: "to")
        }
        return (from, to)
    }

    /// An integer within `range` (the CLI's `validateNumber`), or `defaultValue`.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(Problem) -> Int {
        guard let value = try optionalInteger(name, in: range) else { return defaultValue }
        return value
    }

    func optionalInteger(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badParameter(
                name, "parameter '\(name)' takes an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// A finite number ≥ 0.
    func nonNegativeNumber(_ name: String) throws(Problem) -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text), value.isFinite, value >= 0,
            text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" })
        else {
            throw Problem.badParameter(name, "parameter '\(name)' takes a finite number ≥ 0")
        }
        return value
    }

    /// `true` or `false` (default `false`).
    func flag(_ name: String) throws(Problem) -> Bool {
        switch values[name] {
        case nil, "false": return false
        case "true": return true
        default: throw Problem.badParameter(name, "parameter '\(name)' takes true or false")
        }
    }

    /// One of the raw values of `T`.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _: T.Type) throws(Problem) -> T? where T.RawValue == String {
        guard let text = values[name] else { return nil }
        guard let value = T(rawValue: text) else {
            throw Problem.badParameter(name, "parameter '\(name)' takes one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// A comma-separated list of countries.
    func countries(_ name: String) throws(Problem) -> [Country]? {
        guard let text = values[name] else { return nil }
        var out: [Country] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            out.append(try Self.resolveCountry(part.trimmingCharacters(in: .whitespaces), name))
        }
        return out
    }
}
