import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteServer

/// `entente serve`'s settings: flags over the environment over the configuration file.
@Suite struct ServerSettingsTests {
    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws {
        let folder = TemporaryFolder()
        let file = try folder.write(
            "serve.conf",
            lines: [
                "# a comment", "host = 127.0.0.2", "port = 9000", "timeout = 30", "cors-origin = http://localhost:8888",
                "cors-origin = http://localhost:8889", "cache-mib = 0",
            ]
        ).path
        let settings = try ServerSettings(
            flags: ["timeout": ["5"]], environment: ["ENTENTE_SERVE_PORT": "9100", "ENTENTE_HOME": "/tmp/h"], configFile: file)
        let c = try settings.configuration(environment: [:])
        #expect(c.host == "127.0.0.2")  // file
        #expect(c.port == 9100)  // environment over file
        #expect(c.requestTimeout == .seconds(5))  // flag over file
        #expect(c.home == "/tmp/h")
        #expect(c.corsOrigins == ["http://localhost:8888", "http://localhost:8889"])
        #expect(c.cacheBytes == 0)
        let defaults = try ServerSettings(flags: [:], environment: [:], configFile: nil).configuration(environment: [:])
        #expect(defaults.host == "127.0.0.1" && defaults.port == 8080 && defaults.tokenFile == nil)
    }

    @Test func aBadLineOrValueNamesTheFileAndLine() throws {
        let folder = TemporaryFolder()
        let unknown = try folder.write("a.conf", lines: ["port = 9000", "prot = 9001"]).path
        #expect(throws: ServerConfigurationError.self) { try ServerSettings(flags: [:], environment: [:], configFile: unknown) }
        do {
            _ = try ServerSettings(flags: [:], environment: [:], configFile: unknown)
        } catch {
            #expect("\(error)".contains("a.conf:2") && "\(error)".contains("prot"))
        }
        let range = try folder.write("b.conf", lines: ["", "port = 70000"]).path
        do {
            _ = try ServerSettings(flags: [:], environment: [:], configFile: range).configuration(environment: [:])
            Issue.record("expected an error for port 70000")
        } catch {
            #expect("\(error)".contains("b.conf:2") && "\(error)".contains("1–65535"))
        }
        let noEquals = try folder.write("c.conf", lines: ["port 9000"]).path
        #expect(throws: ServerConfigurationError.self) { try ServerSettings(flags: [:], environment: [:], configFile: noEquals) }
        #expect(throws: ServerConfigurationError.self) {
            try ServerSettings(flags: [:], environment: [:], configFile: folder.url.appendingPathComponent("missing.conf").path)
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerSettings(flags: ["cors-origin": ["localhost:8888"]], environment: [:], configFile: nil).configuration(environment: [:]
            )
        }
    }
}
