import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import EntenteServer

/// A server over a temporary store with the shipped knowledge base only (no `$ENTENTE_KB`).
struct TestServer {
    let folder = TemporaryFolder()
    let api: EntenteAPI
    let app: Application<RouterResponder<BasicRequestContext>>

    /// - Parameters:
    ///   - token: the bearer token (written to a token file); `nil` disables writes.
    ///   - cors: origins allowed by CORS.
    /// The default timeout is long: a full parallel test run can starve the executor for a minute, which would turn
    /// slow answers into 503s; the timeout itself is tested in `ServiceRunnerTests`.
    init(token: String? = nil, cors: [String] = [], timeout: Duration = .seconds(900)) throws {
        var configuration = ServerConfiguration()
        configuration.home = folder.url.appendingPathComponent("home").path
        configuration.environment = ["ENTENTE_KB": ""]
        configuration.corsOrigins = cors
        configuration.serviceThreads = 2
        configuration.requestTimeout = timeout
        if let token { configuration.tokenFile = try folder.write("token", Array((token + "\n").utf8)).path }
        var logger = Logger(label: "entente.server.test")
        logger.logLevel = .warning
        api = try EntenteAPI(configuration: configuration, logger: logger)
        app = Application(
            router: try buildRouter(api), services: [StoreWatcher(api: api), ThreadPoolService(runner: api.runner)], logger: logger)
    }

    /// A workspace over the same store and knowledge base, for answers derived without the server.
    var workspace: Workspace { api.workspace }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON value.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] { try #require(try json() as? [String: Any], "not a JSON object: \(text.prefix(200))") }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers) { $0 }
    }

    func post(_ uri: String, body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }
}

/// Checks that a response is a problem (RFC 9457) with `status`, that reflects no markup.
func expectProblem(
    _ response: TestResponse, _ status: HTTPResponse.Status, kind: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
)
    throws
{
    #expect(response.status == status, "\(response.text.prefix(300))", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    let object = try response.object()
    #expect(object["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
    #expect((object["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect((object["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect((object["type"] as? String)?.hasPrefix("/problems/") == true, sourceLocation: sourceLocation)
    if let kind { #expect(object["type"] as? String == "/problems/\(kind)", sourceLocation: sourceLocation) }
    #expect(!response.text.contains("<"), "markup reflected: \(response.text.prefix(300))", sourceLocation: sourceLocation)
}

/// Reads the served OpenAPI document and checks answers against the top-level `required` keys
/// (and enums) of each operation's 200 schema: the contract the document promises.
struct OpenAPIContract {
    let document: [String: Any]

    init(_ client: any TestClientProtocol) async throws {
        let response = try await client.get("/openapi.json")
        #expect(response.status == .ok)
        document = try response.object()
    }

    /// `$ref` resolved within the document.
    func resolve(_ schema: [String: Any]) throws -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = try #require((node as? [String: Any])?[String(part)], "unresolved \(ref)")
        }
        return try resolve(try #require(node as? [String: Any]))
    }

    /// The schema of `method path`'s answer with `status` for `contentType`.
    func schema(_ method: String, _ path: String, status: String = "200", contentType: String = "application/json") throws -> [String: Any]
    {
        let paths = try #require(document["paths"] as? [String: Any])
        let operation = try #require((paths[path] as? [String: Any])?[method] as? [String: Any], "\(method) \(path) not documented")
        let response = try resolve(
            try #require((operation["responses"] as? [String: Any])?[status] as? [String: Any], "\(status) not documented"))
        let content = try #require(response["content"] as? [String: Any])
        return try resolve(try #require((content[contentType] as? [String: Any])?["schema"] as? [String: Any]))
    }

    /// Every problem with `value` against `schema`: missing required keys, values outside an
    /// enum, wrong top-level JSON type; for arrays, each item (as far as `depth`).
    func violations(_ value: Any, _ schema: [String: Any], at path: String = "$", depth: Int = 4) throws -> [String] {
        let schema = try resolve(schema)
        if let options = schema["oneOf"] as? [[String: Any]] {
            let results = try options.map { try violations(value, $0, at: path, depth: depth) }
            return results.contains { $0.isEmpty } ? [] : ["\(path): matches no oneOf branch: \(results)"]
        }
        var out: [String] = []
        if let allowed = schema["enum"] as? [Any] {
            if !allowed.contains(where: { "\($0)" == "\(value)" }) { out.append("\(path): \(value) not in \(allowed)") }
        }
        let type = schema["type"] as? String
        if type == "object" || schema["required"] != nil {
            guard let object = value as? [String: Any] else { return out + ["\(path): not an object"] }
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { out.append("\(path).\(key) missing") }
            if depth > 0, let properties = schema["properties"] as? [String: Any] {
                for (key, sub) in properties {
                    guard let v = object[key], !(v is NSNull), let sub = sub as? [String: Any] else { continue }
                    out += try violations(v, sub, at: "\(path).\(key)", depth: depth - 1)
                }
            }
        } else if type == "array" {
            guard let array = value as? [Any] else { return out + ["\(path): not an array"] }
            if depth > 0, let items = schema["items"] as? [String: Any] {
                for (i, item) in array.prefix(20).enumerated() { out += try violations(item, items, at: "\(path)[\(i)]", depth: depth - 1) }
            }
        } else if type == "integer" {
            if !(value is Int) { out.append("\(path): not an integer") }
        } else if type == "string" {
            if !(value is String) { out.append("\(path): not a string") }
        }
        return out
    }

    /// Checks a 200 answer of `GET path` against the document.
    func check(
        _ response: TestResponse, _ path: String, method: String = "get", status: String = "200",
        sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let schema = try schema(method, path, status: status)
        let problems = try violations(try response.json(), schema)
        #expect(problems.isEmpty, "\(path): \(problems)", sourceLocation: sourceLocation)
    }
}

/// A small dyad series: USA–GBR friendly, USA–IRN and GBR–IRN hostile, over 2022–2023.
func seriesFixture(_ folder: TemporaryFolder) throws -> String {
    var lines = ["date,a,b,edge"]
    for y in [2022, 2023] {
        for m in 1...12 {
            for d in [3, 17] {
                let date = String(format: "%d%02d%02d", y, m, d)
                lines.append("\(date),USA,GBR,\(20 + m + (y == 2023 && m > 6 ? 40 : 0))")
                lines.append("\(date),USA,IRN,\(m % 2 == 0 ? -80 : -5)")
                lines.append("\(date),GBR,IRN,\(m % 4 == 0 ? -60 : -3)")
                lines.append("\(date),USA,JPN,\(10 + m)")
                lines.append("\(date),JPN,GBR,\(5 + m % 3)")
            }
        }
    }
    return lines.joined(separator: "\n") + "\n"
}
