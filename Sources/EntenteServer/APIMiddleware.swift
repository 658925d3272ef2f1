import EntenteCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: turns every error into problem JSON (a bad input is never a 500),
/// answers CORS for the named origins only, sets the headers every answer carries, and logs and
/// counts each request (method, path, parameter names — not their values —, status, time).
struct APIMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let api: EntenteAPI
    let corsOrigins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        let origin = request.headers[.origin].flatMap { corsOrigins.contains($0) ? $0 : nil }
        if let origin, request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type, If-None-Match"
            response.headers[.accessControlMaxAge] = "600"
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
            return response
        }
        do {
            if (request.uri.query?.utf8.count ?? 0) > QueryParameters.maxQueryBytes { throw QueryParameters.tooLong }
            response = try await next(request, context)
        } catch {
            response = try problem(for: error, request: request).response(from: request, context: context)
        }
        if let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = "ETag, Retry-After"
            response.headers[.vary] = "Origin"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        api.metrics.record(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        api.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(Self.loggedPath(request.uri.path)),
                "params": .string(Self.parameterNames(request.uri.query)), "status": .stringConvertible(response.status.code),
                "ms": .string(String(format: "%.1f", ms)), "route": .string(route),
            ])
        return response
    }

    /// The problem an error becomes: ours as they are, the services' by their code, the router's
    /// by status; anything else is a 500 whose detail says nothing of the internals.
    func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as EntenteError:
            return Problem.from(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                // A known path asked with another method: 405 with the methods it answers.
                if let methods = EntenteAPI.routeMethods[request.uri.path], !methods.contains(request.method.rawValue) {
                    var problem = Problem(
                        .methodNotAllowed, "method-not-allowed", "this resource answers \(methods.sorted().joined(separator: ", ")) only")
                    problem.headers[.allow] = methods.sorted().joined(separator: ", ")
                    return problem
                }
                return .notFound
            case .methodNotAllowed:
                return Problem(.methodNotAllowed, "method-not-allowed", "this resource does not answer \(request.method.rawValue)")
            default:
                return Problem(error.status, "http-\(error.status.code)", error.status.reasonPhrase)
            }
        default:
            api.logger.error("unexpected error", metadata: ["error": .string(String(describing: error))])
            return Problem(.internalServerError, "internal-error", "the server failed to answer; the error is in its log")
        }
    }

    /// The path as logged: at most 200 characters, control characters replaced.
    static func loggedPath(_ path: String) -> String {
        let cut = path.count > 200 ? String(path.prefix(200)) + "…" : path
        return String(String.UnicodeScalarView(cut.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : $0 }))
    }

    /// The names of the query's parameters (their values stay out of the log).
    static func parameterNames(_ query: String?) -> String {
        guard let query else { return "" }
        return query.split(separator: "&").prefix(20).map { part in
            let name = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return name.count > 24 ? String(name.prefix(24)) + "…" : name
        }.joined(separator: ",")
    }
}
