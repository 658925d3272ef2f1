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
            ENTENTE_TOKEN_FILE (default for --token-file), ENTENTE_SERVE_PORT, ENTENTE_SERVE_HOST, … (ENTENTE_SERVE_ and \
            the flag's name in capitals), ENTENTE_SERVE_CONFIG (default for --config). Flags win over the environment, \
            which wins over the configuration file. Store migrations run at start-up, keeping a copy of the previous file \
            (entente.sqlite.before-<migration>).

            Examples:
              entente serve
              entente serve --port 9000 --home /data/entente --token-file ~/.entente-token
              entente serve --cors-origin http://localhost:8888
              entente serve --config /etc/entente/serve.conf      # lines such as: port = 9000
              curl 'http://127.0.0.1:8080/api/v1/assess?a=RUS&b=PRK&at=2024-07'
            """
    )

    @Option(help: ArgumentHelp("The address to listen on (default: 127.0.0.1, loopback only).", valueName: "address"))
    var host: String?
    @Option(help: "The TCP port (1–65535; default 8080).") var port: Int?
    @Option(help: ArgumentHelp("Where POST /api/v1/kb saves entries (default: kb in the store folder).", valueName: "dir"))
    var kbWrite: String?
    @Option(help: ArgumentHelp("A file holding the bearer token that enables writes.", valueName: "file")) var tokenFile: String?
    @Option(help: ArgumentHelp("An origin allowed to call the API from a browser (repeatable; CORS is off by default).", valueName: "url"))
    var corsOrigin: [String] = []
    @Option(help: "Seconds a query may take before the client gets 503 (1–3600; default 60).") var timeout: Int?
    @Option(help: "Threads that run the services (1–64; default: twice the cores).") var threads: Int?
    @Option(help: "The largest upload POST /api/v1/ingest accepts, in MiB (1–65536; default 1024).") var maxUploadMib: Int?
    @Option(help: "Memory for answers kept by ETag until the store changes, in MiB (0–4096, 0 disables; default 64).") var cacheMib: Int?
    @Option(help: ArgumentHelp("A configuration file of 'key = value' lines (keys: the flags' names).", valueName: "file"))
    var config: String?
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var flags: [String: [String]] = ["kb": knowledge.folders, "cors-origin": corsOrigin]
        let single: [(String, String?)] = [
            ("host", host), ("port", port.map(String.init)), ("home", store.home), ("kb-write", kbWrite), ("token-file", tokenFile),
            ("timeout", timeout.map(String.init)), ("threads", threads.map(String.init)),
            ("max-upload-mib", maxUploadMib.map(String.init)), ("cache-mib", cacheMib.map(String.init)),
        ]
        for (key, value) in single { if let value { flags[key] = [value] } }
        do {
            let environment = ProcessInfo.processInfo.environment
            let settings = try ServerSettings(flags: flags, environment: environment, configFile: config)
            let configuration = try settings.configuration(environment: environment)
            if !configuration.isLoopback {
                FileHandle.standardError.write(
                    Data(
                        "warning: listening on \(configuration.host), not only on loopback: anyone who can reach it can read the API\n".utf8
                    ))
            }
            try await EntenteServer.serve(configuration)
        } catch let error as ServerConfigurationError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
    }
}
