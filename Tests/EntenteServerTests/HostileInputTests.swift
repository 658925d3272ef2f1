import EntenteCore
import EntenteTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import EntenteServer

/// Bad and hostile requests get 4xx problem JSON, never a 500, never reflected markup.
@Suite struct HostileInputTests {
    static let long = String(repeating: "A", count: 10_000)

    @Test(arguments: [
        ("/api/v1/assess?a=RUS&b=%3Cscript%3Exss1%3C%2Fscript%3E", 400, "unknown-country"),
        ("/api/v1/assess?a=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&b=PRK", 400, "unknown-country"),
        ("/api/v1/assess?a=RUS&b=PRK&at=2024-13", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&at=%3Cb%3E", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&window=0", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&window=241", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&window=12abc", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&a=USA", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=PRK&%3Cscript%3E=1", 400, "unknown-parameter"),
        ("/api/v1/assess?a=RUS&b=%ZZ", 400, "invalid-parameter"),
        ("/api/v1/assess?a=RUS&b=%FF%FE", 400, "invalid-parameter"),
        ("/api/v1/assess?a=" + long, 414, "query-too-long"),
        ("/api/v1/index?a=RUS&b=PRK&from=2024-06&to=2024-01", 400, "invalid-range"),
        ("/api/v1/timeline?a=RUS&b=PRK&from=2024-06&to=2024-01", 400, "invalid-range"),
        // Windows reaching before 1800-01 trap in the library (Month.advanced(by:)): refused before.
        ("/api/v1/assess?a=RUS&b=PRK&at=1801-06", 400, "invalid-parameter"),
        ("/api/v1/index?a=RUS&b=PRK&from=1900-01&to=2199-12", 400, "range-too-long"),
        ("/api/v1/changes?a=RUS&b=PRK&daily=true&from=2000-01&to=2024-12", 400, "range-too-long"),
        ("/api/v1/timeline?a=RUS&b=PRK&store-events=some", 400, "invalid-parameter"),
        ("/api/v1/events?a=RUS&b=PRK&code=04x", 400, "invalid-parameter"),
        ("/api/v1/events?a=RUS&b=PRK&limit=-1", 400, "invalid-parameter"),
        ("/api/v1/treaties?a=RUS&b=PRK&at=yesterday", 400, "invalid-parameter"),
        ("/api/v1/structure?a=RUS&b=PRK&year=2018&from=2010", 400, "invalid-parameter"),
        ("/api/v1/structure?a=RUS&b=PRK&from=2018&to=2010", 400, "invalid-range"),
        ("/api/v1/structure?a=RUS&b=PRK&year=1700", 400, "invalid-parameter"),
        ("/api/v1/changes?a=RUS&b=PRK&series=index&daily=true", 400, "invalid-parameter"),
        ("/api/v1/changes?a=RUS&b=PRK&penalty=-1", 400, "invalid-parameter"),
        ("/api/v1/changes?a=RUS&b=PRK&penalty=nan", 400, "invalid-parameter"),
        ("/api/v1/drivers?a=RUS&b=PRK&driver=RUS", 400, "invalid-parameter"),
        ("/api/v1/counterbalancing?a=RUS&b=PRK&third=USA,USA", 400, "invalid-parameter"),
        ("/api/v1/counterbalancing?a=RUS&b=PRK&window=2", 400, "invalid-parameter"),
        ("/api/v1/scenario?a=RUS&b=PRK", 400, "invalid-parameter"),
        ("/api/v1/scenario?a=RUS&b=PRK&driver=RUS,UKR&if=maybe", 400, "invalid-parameter"),
        ("/api/v1/scenario?a=RUS&b=PRK&driver=RUS,UKR&horizon=121", 400, "invalid-parameter"),
        ("/../../etc/passwd", 404, "not-found"),
        ("/api/v1/../../etc/passwd", 404, "not-found"),
        ("/api/v1/%2e%2e/%2e%2e/etc/passwd", 404, "not-found"),
        ("/api/v1/nothing-here", 404, "not-found"),
        ("/dyads/%3Cscript%3E/x", 400, "unknown-country"),
    ])
    func badRequestsAreProblems(uri: String, status: Int, kind: String) async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.get(uri)
            try expectProblem(response, HTTPResponse.Status(code: status), kind: kind)
            #expect(!response.text.lowercased().contains("xss1"), "the offending value is repeated")
        }
    }

    @Test func anUnknownCountryComesWithSuggestions() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.get("/api/v1/assess?a=Rusia&b=PRK")
            try expectProblem(response, .badRequest, kind: "unknown-country")
            let object = try response.object()
            #expect(object["parameter"] as? String == "a")
            let suggestions = try #require(object["suggestions"] as? [[String: Any]])
            #expect(suggestions.contains { $0["code"] as? String == "RUS" })
        }
    }

    @Test func aWrongMethodIsAProblemNot500() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.execute(uri: "/api/v1/assess?a=RUS&b=PRK", method: .delete) { $0 }
            #expect((400..<500).contains(Int(response.status.code)))
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func problemJSONEscapesMarkupEvenInDetails() throws {
        let problem = Problem(.badRequest, "x", "a <script>alert(1)</script> & more")
        #expect(!problem.json.contains("<"))
        let decoded = try JSONSerialization.jsonObject(with: Data(problem.json.utf8)) as? [String: Any]
        #expect(decoded?["detail"] as? String == "a <script>alert(1)</script> & more")
    }
}

/// Writes: 403 without a token file, 401 without the right token, one writer at a time.
@Suite struct WriteTests {
    static let token = "0123456789abcdef-test-token"
    static let goodEvent = """
        events:
          - id: server-test-summit
            date: 2023-09-13
            source: RUS
            target: PRK
            code: "043"
            title: A summit saved through the API
            confidence: confirmed
            sources:
              - {outlet: TASS, url: https://tass.com/world/1673965}

        """

    @Test func writesAreForbiddenWithoutATokenFile() async throws {
        let server = try TestServer()
        try await server.test { client in
            try expectProblem(try await client.post("/api/v1/ingest", body: "x"), .forbidden, kind: "writes-disabled")
            try expectProblem(
                try await client.post("/api/v1/kb", body: Self.goodEvent, headers: [.authorization: "Bearer \(Self.token)"]), .forbidden)
        }
    }

    @Test(arguments: [nil, "Bearer wrong-token-of-some-length", "Basic \(Self.token)", "Bearer ", "Bearer \(Self.token)x"])
    func aMissingOrWrongTokenIs401(header: String?) async throws {
        let server = try TestServer(token: Self.token)
        try await server.test { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            let response = try await client.post("/api/v1/ingest", body: "date,a,b,edge\n20240101,RUS,PRK,5\n", headers: headers)
            try expectProblem(response, .unauthorized, kind: "unauthorized")
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            try expectProblem(try await client.post("/api/v1/kb", body: Self.goodEvent, headers: headers), .unauthorized)
        }
    }

    @Test func constantTimeComparisonAgreesWithEquality() {
        let cases: [(String, String)] = [("", ""), ("a", "a"), ("a", "b"), ("abc", "abcd"), ("abcd", "abc"), ("token", "tokem"), ("x", "")]
        for (a, b) in cases { #expect(WriteAuthorizer.constantTimeEqual(Array(a.utf8), Array(b.utf8)) == (a == b), "\(a) vs \(b)") }
    }

    @Test func aKnowledgeEntryIsCheckedThenSavedAndRead() async throws {
        let server = try TestServer(token: Self.token)
        try await server.test { client in
            let auth: HTTPFields = [.authorization: "Bearer \(Self.token)"]
            let bad = try await client.post(
                "/api/v1/kb?name=summit", body: Self.goodEvent.replacingOccurrences(of: "2023-09-13", with: "2023-02-30"), headers: auth)
            try expectProblem(bad, .unprocessableContent, kind: "invalid-entry")
            let issues = try #require(try bad.object()["issues"] as? [[String: Any]])
            #expect(issues.map { $0["field"] as? String } == ["events[0].date"])
            #expect(!FileManager.default.fileExists(atPath: server.api.writableKnowledgeFolder + "/summit.yaml"))

            let saved = try await client.post("/api/v1/kb?name=summit", body: Self.goodEvent, headers: auth)
            #expect(saved.status == .created, "\(saved.text.prefix(400))")
            try await OpenAPIContract(client).check(saved, "/api/v1/kb", method: "post", status: "201")
            #expect(FileManager.default.fileExists(atPath: server.api.writableKnowledgeFolder + "/summit.yaml"))
            let timeline = try await client.get("/api/v1/timeline?a=RUS&b=PRK&from=2023-09&to=2023-09")
            #expect(timeline.text.contains("server-test-summit"))
            // The same name again needs replace=true.
            try expectProblem(try await client.post("/api/v1/kb?name=summit", body: Self.goodEvent, headers: auth), .conflict)
            let replaced = try await client.post("/api/v1/kb?name=summit&replace=true", body: Self.goodEvent, headers: auth)
            #expect(replaced.status == .created)
            try expectProblem(try await client.post("/api/v1/kb?name=..%2Fescape", body: Self.goodEvent, headers: auth), .badRequest)
        }
    }

    @Test func anUnreadableUploadIs422AndAnEmptyOne400() async throws {
        let server = try TestServer(token: Self.token)
        try await server.test { client in
            let auth: HTTPFields = [.authorization: "Bearer \(Self.token)"]
            try expectProblem(try await client.post("/api/v1/ingest", body: "", headers: auth), .badRequest, kind: "empty-upload")
            let junk = try await client.post("/api/v1/ingest?filename=notes.txt", body: "hello, this is not event data\n", headers: auth)
            #expect((400..<500).contains(Int(junk.status.code)), "\(junk.status) \(junk.text.prefix(300))")
            try expectProblem(try await client.post("/api/v1/ingest?filename=..", body: "x", headers: auth), .badRequest)
        }
    }
}

/// The runner keeps slow services off the event loops, bounded in time and in number.
@Suite struct ServiceRunnerTests {
    @Test func aGateRunsItsLimitQueuesTheNextAndRefusesTheRest() async throws {
        let gate = ConcurrencyGate("test", limit: 1, queue: 1)
        try await gate.enter()
        let waiter = Task { try await gate.enter() }
        while gate.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: Problem.self) { try await gate.enter() }
        gate.leave()
        try await waiter.value
        #expect(gate.load.running == 1 && gate.load.waiting == 0)
        gate.leave()
        #expect(gate.load.running == 0)
    }

    @Test func aCancelledWaiterGivesUpItsPlace() async throws {
        let gate = ConcurrencyGate("test", limit: 1, queue: 1)
        try await gate.enter()
        let waiter = Task { try await gate.enter() }
        while gate.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(gate.load.waiting == 0)
        gate.leave()
        #expect(gate.load.running == 0)
    }

    @Test func aSlowServiceTimesOutWith503WhileTheRestAnswers() async throws {
        let runner = ServiceRunner(threads: 2, timeout: .milliseconds(100))
        // The work runs until it is released (at most 5 minutes), so the 503 must come while it is still running, however
        // busy the machine is (a wall-clock bound would fail when other tests starve the executor).
        let release = DispatchSemaphore(value: 0)
        let finished = Atomic<Bool>(false)
        do {
            _ = try await runner.run {
                _ = release.wait(timeout: .now() + 300)
                finished.store(true, ordering: .sequentiallyConsistent)
            }
            Issue.record("expected a timeout")
        } catch let problem as Problem {
            #expect(problem.status == .serviceUnavailable)
            #expect(problem.retryAfter != nil)
        }
        let ended = finished.load(ordering: .sequentiallyConsistent)
        #expect(!ended, "the 503 came only when the work ended")
        // The other thread still answers.
        let value = try await runner.run { 42 }
        #expect(value == 42)
        release.signal()
        await runner.shutdown()
    }

    @Test func healthAnswersWhileEveryServiceThreadIsBusy() async throws {
        let server = try TestServer()
        try await server.test { client in
            let release = DispatchSemaphore(value: 0)
            let busy = (0..<2).map { _ in Task { try await server.api.runner.run(timeout: .seconds(600)) { release.wait() } } }
            try await Task.sleep(for: .milliseconds(50))
            let health = try await client.get("/health")
            #expect(health.status == .ok)
            for _ in busy { release.signal() }
            for task in busy { try await task.value }
        }
    }
}
