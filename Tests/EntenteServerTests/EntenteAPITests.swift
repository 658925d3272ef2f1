import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EntenteServer

/// The read endpoints on an empty store (the shipped knowledge base alone) and on a small series.
@Suite struct EntenteAPITests {
    @Test func healthAndTheDocumentAnswer() async throws {
        let server = try TestServer()
        try await server.test { client in
            let health = try await client.get("/health")
            #expect(health.status == .ok)
            #expect(try health.object()["status"] as? String == "ok")
            let contract = try await OpenAPIContract(client)
            #expect(contract.document["openapi"] as? String == "3.1.0")
            // Every endpoint the server lists is documented, and every documented path answers something other than 404.
            let paths = try #require(contract.document["paths"] as? [String: Any])
            for (endpoint, _, _) in EntenteAPI.endpoints {
                let path = String(endpoint.split(separator: " ")[1])
                #expect(paths[path] != nil, "\(path) is not in the OpenAPI document")
            }
            #expect(paths.count == EntenteAPI.endpoints.count)
            let schemes = (contract.document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            #expect((schemes?["bearer"] as? [String: Any])?["scheme"] as? String == "bearer")
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.hasPrefix("<!DOCTYPE html>") && page.text.contains("href=\"/openapi.json\""))
        }
    }

    @Test func assessOnTheKnowledgeBaseAloneIsTheServicesJSON() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.get("/api/v1/assess?a=RUS&b=PRK&at=2024-07")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-cache")
            try await OpenAPIContract(client).check(response, "/api/v1/assess")
            let object = try response.object()
            #expect(object["at"] as? String == "2024-07")
            #expect(object["window"] as? Int == 12)
            #expect((object["components"] as? [Any])?.count == IndexComponent.Name.allCases.count)
            // Byte for byte what `entente assess RUS PRK --at 2024-07 --format json` prints.
            let direct = try server.workspace.assess(AssessRequest(a: "RUS", b: "PRK", at: Month("2024-07")))
            #expect(response.text == (try JSONText.encode(direct)) + "\n")
            // Names resolve as in the CLI, in any case.
            let named = try await client.get("/api/v1/assess?a=russia&b=North+Korea&at=2024-07")
            #expect(named.text == response.text)
        }
    }

    @Test func treatiesShowTheDefenceDutyInForceFromDecember2024() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.get("/api/v1/treaties?a=RUS&b=PRK&at=2024-12-31")
            #expect(response.status == .ok)
            try await OpenAPIContract(client).check(response, "/api/v1/treaties")
            let directions = try #require(try response.object()["directions"] as? [[String: Any]])
            #expect(directions.count == 2)
            // The 2024 Comprehensive Strategic Partnership Treaty (in force 4 December 2024) binds both ways.
            for direction in directions { #expect((direction["strongest"] as? String)?.hasPrefix("defence") == true, "\(direction)") }
            // Before it was signed (June 2024) nothing of the kind was in force.
            let before = try await client.get("/api/v1/treaties?a=RUS&b=PRK&at=2023-12-31")
            let earlier = try #require(try before.object()["directions"] as? [[String: Any]])
            #expect(earlier.allSatisfy { ($0["strongest"] as? String)?.hasPrefix("defence") == false }, "\(earlier)")
        }
    }

    @Test func everyQueryEndpointAnswersItsDocumentedShape() async throws {
        let server = try TestServer(token: "0123456789abcdef-test-token")
        try await server.test { client in
            let contract = try await OpenAPIContract(client)
            // On the empty store: the knowledge-base answers, and 422 for what needs a series.
            let status = try await client.get("/api/v1/status")
            #expect(status.status == .ok)
            try contract.check(status, "/api/v1/status")
            #expect(try status.object()["events"] as? Int == 0)
            let timeline = try await client.get("/api/v1/timeline?a=RUS&b=PRK&from=2024-01&to=2024-12")
            try contract.check(timeline, "/api/v1/timeline")
            let entries = try #require(try timeline.object()["entries"] as? [[String: Any]])
            #expect(entries.contains { $0["origin"] as? String == "kb" && ($0["date"] as? String)?.hasPrefix("2024-06") == true })
            for path in ["/api/v1/adversaries?a=USA&b=GBR", "/api/v1/changes?a=USA&b=GBR", "/api/v1/drivers?a=USA&b=GBR"] {
                try expectProblem(try await client.get(path), .unprocessableContent, kind: "invalid-argument")
            }
            try expectProblem(try await client.get("/api/v1/structure?a=USA&b=JPN&year=2018"), .unprocessableContent)

            // With a small series ingested through the API.
            let auth: HTTPFields = [.authorization: "Bearer 0123456789abcdef-test-token"]
            let ingest = try await client.post(
                "/api/v1/ingest?format=dyad-series&filename=series.csv", body: try seriesFixture(server.folder), headers: auth)
            #expect(ingest.status == .ok, "\(ingest.text.prefix(400))")
            try contract.check(ingest, "/api/v1/ingest", method: "post")

            let adversaries = try await client.get("/api/v1/adversaries?a=USA&b=GBR&top=3")
            #expect(adversaries.status == .ok, "\(adversaries.text.prefix(300))")
            try contract.check(adversaries, "/api/v1/adversaries")
            // By construction both are hostile to Iran only.
            let ranked = try #require((try adversaries.object()["result"] as? [String: Any])?["adversaries"] as? [[String: Any]])
            #expect(ranked.first?["state"] as? String == "IRN")

            let cases: [(String, String)] = [
                ("/api/v1/index?a=USA&b=GBR&from=2023-01&to=2023-06", "/api/v1/index"),
                ("/api/v1/changes?a=USA&b=GBR", "/api/v1/changes"),
                ("/api/v1/changes?a=USA&b=GBR&series=net&daily=true&penalty=2.5&min-size=3", "/api/v1/changes"),
                ("/api/v1/drivers?a=USA&b=GBR&driver=USA,IRN&max-lag=2", "/api/v1/drivers"),
                ("/api/v1/scenario?a=USA&b=GBR&driver=USA,IRN&if=continues&horizon=12&max-lag=2", "/api/v1/scenario"),
                ("/api/v1/dyad?a=RUS&b=PRK", "/api/v1/dyad"),
                ("/api/v1/events?a=RUS&b=PRK&limit=5&both-directions=true", "/api/v1/events"),
                ("/api/v1/assess?a=USA&b=GBR", "/api/v1/assess"),
                ("/api/v1/counterbalancing?a=USA&b=GBR&around=2023-07&third=USA,JPN,IRN&window=6", "/api/v1/counterbalancing"),
            ]
            for (uri, path) in cases {
                let response = try await client.get(uri)
                #expect(response.status == .ok, "\(uri): \(response.status) \(response.text.prefix(300))")
                if response.status == .ok { try contract.check(response, path) }
            }
            // The index's rows are the service's, month by month.
            let index = try await client.get("/api/v1/index?a=USA&b=GBR&from=2023-01&to=2023-06")
            let rows = try #require(try index.json() as? [[String: Any]])
            #expect(rows.map { $0["month"] as? String } == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"])
            let direct = try server.workspace.index(IndexRequest(a: "USA", b: "GBR", from: Month("2023-01"), to: Month("2023-06")))
            #expect(index.text == (try JSONText.encode(direct.map(IndexRow.init))) + "\n")
        }
    }

    @Test func theBriefIsHTMLOrMarkdownWithItsCharts() async throws {
        let server = try TestServer()
        try await server.test { client in
            let html = try await client.get("/api/v1/brief?a=RUS&b=PRK&from=2023-01&to=2024-12")
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(html.text.contains("<svg"))
            #expect(html.headers[.eTag] != nil)
            let markdown = try await client.get("/api/v1/brief?a=RUS&b=PRK&from=2023-01&to=2024-12&format=markdown")
            #expect(markdown.status == .ok)
            #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(markdown.text.hasPrefix("#"))
            try expectProblem(try await client.get("/api/v1/brief?a=RUS&b=PRK&format=pdf"), .badRequest, kind: "invalid-parameter")
        }
    }

    @Test func etagsChangeAfterAnIngestAndMatchGives304() async throws {
        let server = try TestServer(token: "0123456789abcdef-test-token")
        try await server.test { client in
            let first = try await client.get("/api/v1/status")
            let tag = try #require(first.headers[.eTag])
            let again = try await client.get("/api/v1/status", headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            // Another resource has another tag.
            let other = try await client.get("/api/v1/assess?a=RUS&b=PRK&at=2024-07")
            #expect(other.headers[.eTag] != tag)
            let ingest = try await client.post(
                "/api/v1/ingest?filename=fixture.export.CSV", body: GDELTRow.russiaKoreaFixture.joined(separator: "\n") + "\n",
                headers: [.authorization: "Bearer 0123456789abcdef-test-token"])
            #expect(ingest.status == .ok, "\(ingest.text.prefix(300))")
            #expect(try ingest.object()["kept"] as? Int == 3)
            let after = try await client.get("/api/v1/status", headers: [.ifNoneMatch: tag])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != tag)
            #expect(try after.object()["events"] as? Int == 3)
            let events = try await client.get("/api/v1/events?a=RUS&b=PRK&both-directions=true")
            #expect(try events.object()["total"] as? Int == 3)
        }
    }

    @Test func corsIsOffByDefaultAndOnForNamedOrigins() async throws {
        let closed = try TestServer()
        try await closed.test { client in
            let response = try await client.get("/health", headers: [.origin: "http://localhost:8888"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
        let open = try TestServer(cors: ["http://localhost:8888"])
        try await open.test { client in
            let allowed = try await client.get("/api/v1/status", headers: [.origin: "http://localhost:8888"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "http://localhost:8888")
            let other = try await client.get("/api/v1/status", headers: [.origin: "http://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.execute(
                uri: "/api/v1/status", method: .options,
                headers: [.origin: "http://localhost:8888", .accessControlRequestMethod: "GET"]
            ) { $0 }
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.get("/api/v1/assess?a=RUS&b=PRK&at=2024-07")
            _ = try await client.get("/api/v1/assess?a=RUS&b=XXXX")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(
                metrics.text.contains(#"entente_http_requests_total{route="/api/v1/assess",method="GET",status="200"} 1"#),
                "\(metrics.text)")
            #expect(metrics.text.contains(#"entente_http_requests_total{route="/api/v1/assess",method="GET",status="400"} 1"#))
            #expect(metrics.text.contains("entente_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("entente_ingest_active 0"))
        }
    }
}
