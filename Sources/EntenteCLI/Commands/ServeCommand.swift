import ArgumentParser
import EntenteServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (described at /openapi.json) over HTTP, on the loopback address by default.",
        discussion: """
            Every answer is the JSON the matching command prints with --format json, from the same services: \
            /api/v1/assess, index, treaties, timeline, events, dyad, structure, adversaries, changes, drivers, \
            counterbalancing, scenario and brief take the command's arguments and options as query parameters \
            (a, b, at, from, to, window, …). Errors are RFC 9457 problem details. /health answers while a brief \
            is computed; /metrics has Prometheus metrics. Guides/Server.md describes the API.

            Writes (POST /api/v1/ingest, POST /api/v1/kb) need --token-file: without one they are refused (403); \
            with one, a request needs the header "Authorization: Bearer <the file's content>" (401 otherwise). \
            Knowledge-base entries are saved into --kb-write (default: kb in the store folder).

            The server listens on 127.0.0.1 unless --host names another address (a warning is printed: the \
            API has no authentication for reads). SIGINT or SIGTERM stops it gracefully. Requests are logged \
            to standard error. Environment: ENTENTE_HOME (store folder), ENTENTE_KB (knowledge-base folders), \
            ENTENTE_TOKEN_FILE (default for --token-file).

            Examples:
              entente serve
              entente serve --port 9000 --home /data/entente --token-file ~/.entente-token
              entente serve --cors-origin http://localhost:8888
              curl 'http://127.0.0.1:8080/api/v1/assess?a=RUS&b=PRK&at=2024-07'
            """
    )

    @Option(help: ArgumentHelp("The address to listen on (default: loopback only).", valueName: "address")) var host = "127.0.0.1"
    @Option(help: "The TCP port (1–65535).") var port = 8080
    @Option(help: ArgumentHelp("Where POST /api/v1/kb saves entries (default: kb in the store folder).", valueName: "dir"))
    var kbWrite: String?
    @Option(help: ArgumentHelp("A file holding the bearer token that enables writes.", valueName: "file")) var tokenFile: String?
    @Option(help: ArgumentHelp("An origin allowed to call the API from a browser (repeatable; CORS is off by default).", valueName: "url"))
    var corsOrigin: [String] = []
    @Option(help: "Seconds a query may take before the client gets 503 (1–3600).") var timeout = 60
    @Option(help: "Threads that run the services (1–64; default: twice the cores).") var threads: Int?
    @Option(help: "The largest upload POST /api/v1/ingest accepts, in MiB (1–65536).") var maxUploadMib = 1024
    @Option(help: "Memory for answers kept by ETag until the store changes, in MiB (0 disables; 0–4096).") var cacheMib = 64
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try validateNumber(port, in: 1...65_535, "--port")
        try validateNumber(timeout, in: 1...3_600, "--timeout", unit: " seconds")
        if let threads { try validateNumber(threads, in: 1...64, "--threads") }
        try validateNumber(maxUploadMib, in: 1...65_536, "--max-upload-mib")
        try validateNumber(cacheMib, in: 0...4_096, "--cache-mib")
        for origin in corsOrigin where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            throw ValidationError(
                "--cors-origin takes an origin such as http://localhost:8888 (scheme, host, port; no path), not '\(origin)'.")
        }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.home = store.home
        configuration.knowledgeFolders = knowledge.folders
        configuration.writableKnowledgeFolder = kbWrite
        configuration.tokenFile = tokenFile ?? ProcessInfo.processInfo.environment["ENTENTE_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.corsOrigins = corsOrigin
        configuration.requestTimeout = .seconds(timeout)
        if let threads { configuration.serviceThreads = threads }
        configuration.maxUploadBytes = maxUploadMib << 20
        configuration.cacheBytes = cacheMib << 20
        if !configuration.isLoopback {
            FileHandle.standardError.write(
                Data("warning: listening on \(host), not only on loopback: anyone who can reach it can read the API\n".utf8))
        }
        do {
            try await EntenteServer.serve(configuration)
        } catch let error as ServerConfigurationError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
