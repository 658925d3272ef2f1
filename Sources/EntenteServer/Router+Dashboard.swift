import EntenteCore
import Foundation
import HTTPTypes
import Hummingbird

/// The human-facing pages. For now `/` is a minimal page listing the API; the dashboard (`/` with
/// the store's coverage and a pair picker, and `/dyads/{A}/{B}`) is added here, beside it.
extension EntenteAPI {
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            var headers: HTTPFields = [:]
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.homePage)))
        }
        // The dashboard's pages go here: router.get("/dyads/:a/:b") { … }
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
        var out: [String: Set<String>] = ["/": ["GET", "HEAD"]]
        for (endpoint, _, _) in endpoints {
            let parts = endpoint.split(separator: " ").map(String.init)
            out[parts[1], default: []].insert(parts[0])
            if parts[0] == "GET" { out[parts[1], default: []].insert("HEAD") }
        }
        return out
    }()

    static let homePage: String = {
        let rows = endpoints.map { path, params, what in
            "<tr><td><code>\(path)</code></td><td><code>\(params)</code></td><td>\(what)</td></tr>"
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Entente API</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
            code{font-size:.9em}</style></head>
            <body><h1>Entente API</h1>
            <p>How close two states are, from political event data, with the evidence. The dashboard pages are not here yet;
            the JSON API is, described by <a href="/openapi.json">/openapi.json</a>. Countries are ISO 3166 alpha-3 codes or names,
            months YYYY-MM. Example: <a href="/api/v1/assess?a=RUS&amp;b=PRK&amp;at=2024-07">/api/v1/assess?a=RUS&amp;b=PRK&amp;at=2024-07</a>.</p>
            <table><thead><tr><th>endpoint</th><th>parameters</th><th>answers</th></tr></thead><tbody>
            \(rows)
            </tbody></table></body></html>

            """
    }()
}
