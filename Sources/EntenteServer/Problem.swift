public import EntenteCore
import EntenteServices
import Foundation
public import HTTPTypes
public import Hummingbird

/// An RFC 9457 problem: the server's one error type. Every failure reaches the client as
/// `application/problem+json` with `type`, `title`, `status` and `detail`.
///
/// Details never echo what the client sent verbatim when it could hold markup: messages name the
/// parameter, not its value, and the JSON escapes `<`, `>` and `&` as `\u003c`… as well.
public struct Problem: HTTPResponseError, Sendable {
    /// A known country close to an unknown one (``suggestions``).
    public struct Suggestion: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
    }

    public var status: HTTPResponse.Status
    /// A short, stable identifier of the kind of problem (the last part of `type`).
    public var kind: String
    public var detail: String
    /// The parameter at fault, when one is.
    public var parameter: String?
    /// Close matches for an unknown country.
    public var suggestions: [Suggestion]?
    /// Knowledge-base problems of a rejected entry (`POST /api/v1/kb`).
    public var issues: [KnowledgeIssue]?
    /// Seconds after which a retry may succeed (503, 409).
    public var retryAfter: Int?
    /// Extra headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ kind: String, _ detail: String, parameter: String? = nil) {
        self.status = status
        self.kind = kind
        self.detail = detail
        self.parameter = parameter
    }

    /// The `type` URI: a stable, dereferenceable-looking name under `/problems/` on this server.
    public var type: String { "/problems/\(kind)" }

    /// The status's reason phrase.
    public var title: String { status.reasonPhrase }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var parameter: String?
        var suggestions: [Suggestion]?
        var issues: [KnowledgeIssue]?
    }

    /// The JSON body, with `<`, `>` and `&` escaped so that no markup is ever reflected.
    public var json: String {
        let body = Body(
            type: type, title: title, status: status.code, detail: detail, parameter: parameter, suggestions: suggestions, issues: issues)
        let text = (try? JSONText.encode(body)) ?? "{\"status\": \(status.code), \"title\": \"\(title)\"}"
        return Self.escapeMarkup(text) + "\n"
    }

    /// Replaces `<`, `>` and `&` by their JSON `\u` escapes (the decoded value is unchanged).
    static func escapeMarkup(_ json: String) -> String {
        guard json.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" }) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for ch in json {
            switch ch {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default: out.append(ch)
            }
        }
        return out
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}

extension Problem {
    /// A parameter that is malformed or out of range.
    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, "invalid-parameter", detail, parameter: name)
    }

    /// An unknown country, with the closest known ones (the value itself is not repeated).
    static func unknownCountry(_ name: String, _ text: String) -> Problem {
        var problem = Problem(
            .badRequest, "unknown-country",
            "parameter '\(name)' is not a known country: give an ISO 3166 alpha-3 code (RUS, PRK) or a name (North Korea)",
            parameter: name)
        let close = text.utf8.count <= 100 ? Country.suggest(text) : []
        if !close.isEmpty {
            problem.suggestions = close.map { Suggestion(code: $0.code, name: $0.name) }
            problem.detail += "; did you mean " + close.map { "\($0.code) (\($0.name))" }.joined(separator: ", ") + "?"
        }
        return problem
    }

    static let notFound = Problem(.notFound, "not-found", "no such resource: see /openapi.json for the API")

    /// The status of an ``EntenteError`` from a service: bad input is 4xx, a store failure 503.
    static func from(_ error: EntenteError) -> Problem {
        switch error.code {
        case .invalidArgument:
            return Problem(.unprocessableContent, "invalid-argument", error.message)
        case .unknownCountry:
            return Problem(.badRequest, "unknown-country", "unknown country")
        case .fileNotFound:
            return Problem(.notFound, "file-not-found", error.message)
        case .unreadableFile, .corruptArchive, .unknownFormat, .malformedRow:
            return Problem(.unprocessableContent, error.code.rawValue, error.message)
        case .storeFailure:
            var problem = Problem(
                .serviceUnavailable, "store-failure",
                "the event store cannot be read right now (\(error.message)); the server keeps running: retry later, "
                    + "or check the store with `entente status`")
            problem.retryAfter = 30
            return problem
        }
    }
}
