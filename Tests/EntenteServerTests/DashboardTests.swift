import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EntenteServer

/// The dashboard's pages on the shipped knowledge base alone (and with a small series).
@Suite struct DashboardTests {
    @Test func theOverviewPageHasThePickerAndAStrictPolicy() async throws {
        let server = try TestServer()
        try await server.test { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'") && csp.contains("style-src 'self'") && !csp.contains("unsafe"))
            #expect(page.text.contains("<form class=\"picker\" method=\"get\" action=\"/dyads\">"))
            #expect(page.text.contains("<option value=\"PRK\">"))
            #expect(page.text.contains("What the store holds") && page.text.contains("Most-changed pairs"))
            #expect(!page.text.contains("style=\""), "inline styles would be blocked by the policy")
            let css = try await client.get(DashboardHTML.stylesheetPath)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.get("/?x=1").status == .badRequest)
        }
    }

    @Test func thePickerRedirectsNamesToThePairsPage() async throws {
        let server = try TestServer()
        try await server.test { client in
            let found = try await client.get("/dyads?a=Russia&b=DPRK")
            #expect(found.status == .seeOther)
            #expect(found.headers[.location] == "/dyads/RUS/PRK")
            try expectProblem(try await client.get("/dyads?a=Russland&b=PRK"), .badRequest, kind: "unknown-country")
            try expectProblem(try await client.get("/dyads/RUS/%3Cscript%3E"), .badRequest, kind: "unknown-country")
            try expectProblem(try await client.get("/dyads/RUS/PRK?to=2024-13"), .badRequest)
        }
    }

    @Test func aPairsPageShowsTheJudgementChartsTreatiesAndLinks() async throws {
        let server = try TestServer()
        try await server.test { client in
            let page = try await client.get("/dyads/RUS/PRK?from=2023-01&to=2024-12")
            #expect(page.status == .ok, "\(page.text.prefix(300))")
            let html = page.text
            let assessment = try server.workspace.assess(
                AssessRequest(a: "RUS", b: "PRK", at: Month("2024-12"), window: 12))
            // The class and confidence are the service's.
            #expect(html.contains("data-class=\"\(assessment.classification.rawValue)\""))
            #expect(html.contains(String(format: "<strong>%.2f</strong>", assessment.confidence)))
            for reason in assessment.decidedBy { #expect(html.contains(Escape.xml(reason))) }
            // Charts: the index over time (24 months, one strip cell each) and the brief's.
            #expect(html.components(separatedBy: "<svg ").count - 1 >= 2)
            #expect(html.components(separatedBy: "<rect x=").count > 24)
            // The 2024 treaty's defence obligation in force both ways on 2024-12-31.
            #expect(html.contains("RUS→PRK") && html.contains("PRK→RUS") && html.contains("defence-immediate"))
            #expect(html.contains("Flows ledger, both ways"))
            #expect(html.contains("/api/v1/brief?a=RUS&amp;b=PRK&amp;from=2023-01&amp;to=2024-12&amp;format=html"))
            // Nothing is fetched from elsewhere: no script, and no remote src or stylesheet.
            #expect(!html.contains("<script"))
            #expect(html.range(of: #"<(img|link|iframe|source)[^>]+(src|href)="https?://"#, options: .regularExpression) == nil)
            #expect(page.headers[.eTag] != nil)
        }
    }
}
