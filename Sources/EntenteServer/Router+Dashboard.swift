import EntenteCore
import EntenteServices
import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard: `/` (what the store holds, a pair picker, the most-changed pairs), `/dyads/{A}/{B}`
/// (the judgement, charts, evidence and links), `/dyads?a=&b=` (the picker's target, redirecting
/// to the pair's page) and the style sheet. Pages are cached by `ETag` like the API's answers.
extension EntenteAPI {
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            guard (request.uri.query ?? "").isEmpty else { throw Problem.badParameter("query", "the overview page takes no parameters") }
            return try await self.cached(request, contentType: Self.html, extraHeaders: Self.pageHeaders) { workspace in
                DashboardHTML.home(try workspace.overview())
            }
        }
        router.get("/dyads") { request, _ in
            let query = try QueryParameters(request.uri.query, allowed: ["a", "b"])
            let (a, b) = (try query.country("a"), try query.country("b"))
            var headers: HTTPFields = [:]
            headers[.location] = "/dyads/\(a.code)/\(b.code)"
            return Response(status: .seeOther, headers: headers)
        }
        router.get("/dyads/:a/:b") { request, context in
            let query = try QueryParameters(request.uri.query, allowed: ["from", "to", "window"])
            let a = try QueryParameters.resolveCountry(context.parameters.get("a") ?? "", "a")
            let b = try QueryParameters.resolveCountry(context.parameters.get("b") ?? "", "b")
            let (from, to) = try query.monthRange()
            let briefRequest = BriefRequest(
                a: a, b: b, from: from, to: to, window: try query.integer("window", default: 12, in: RequestLimits.window))
            return try await self.cached(request, gate: self.briefGate, contentType: Self.html, extraHeaders: Self.pageHeaders) {
                workspace in
                DashboardHTML.dyad(try workspace.dyadPage(briefRequest))
            }
        }
        router.get(RouterPath(stringLiteral: DashboardHTML.stylesheetPath)) { _, _ in
            var headers: HTTPFields = [:]
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: DashboardHTML.stylesheet)))
        }
    }

    static let html = "text/html; charset=utf-8"

    /// The pages' headers: a strict Content-Security-Policy (nothing but this server's style sheet).
    static var pageHeaders: HTTPFields {
        var headers: HTTPFields = [:]
        headers[.contentSecurityPolicy] = DashboardHTML.contentSecurityPolicy
        return headers
    }

    /// The endpoints listed on the home page: path, parameters, what it answers.
    static let endpoints: [(String, String, String)] = [
        ("GET /health", "", "liveness"),
        ("GET /openapi.json", "", "the OpenAPI 3.1 description of this API"),
        ("GET /metrics", "", "Prometheus metrics"),
        ("GET /api/v1/status", "", "what the store holds"),
        ("GET /api/v1/assess", "a, b, at, window", "classification, confidence, components"),
        ("GET /api/v1/index", "a, b, from, to, window", "the index month by month"),
        ("GET /api/v1/treaties", "a, b, at", "obligations in force each way"),
        ("GET /api/v1/timeline", "a, b, from, to, store-events", "curated and stored events"),
        ("GET /api/v1/events", "a, b, from, to, code, limit, both-directions, dataset", "stored events"),
        ("GET /api/v1/dyad", "a, b, from, to, dataset", "monthly series both ways"),
        ("GET /api/v1/structure", "a, b, year | from, to", "ATOP, UN votes, SIPRI, disputes"),
        ("GET /api/v1/adversaries", "a, b, from, to, top", "common adversaries"),
        ("GET /api/v1/changes", "a, b, series, daily, from, to, penalty, transform, min-size", "change points"),
        ("GET /api/v1/drivers", "a, b, driver, max-lag, from, to", "Granger tests against a driver"),
        ("GET /api/v1/counterbalancing", "a, b, around, third, window", "third parties before and after"),
        ("GET /api/v1/scenario", "a, b, driver, if, horizon, max-lag", "projection under a driver scenario"),
        ("GET /api/v1/brief", "a, b, from, to, window, format", "the analyst brief (HTML or Markdown)"),
        ("POST /api/v1/ingest", "format, directed, replace, force, filename", "ingest the body (bearer token)"),
        ("POST /api/v1/kb", "name, replace", "save a knowledge-base entry (bearer token)"),
    ]

    /// The methods each path answers (HEAD with GET), for 405 answers.
    static let routeMethods: [String: Set<String>] = {
        var out: [String: Set<String>] = [
            "/": ["GET", "HEAD"], "/dyads": ["GET", "HEAD"], DashboardHTML.stylesheetPath: ["GET", "HEAD"],
        ]
        for (endpoint, _, _) in endpoints {
            let parts = endpoint.split(separator: " ").map(String.init)
            out[parts[1], default: []].insert(parts[0])
            if parts[0] == "GET" { out[parts[1], default: []].insert("HEAD") }
        }
        return out
    }()
}
