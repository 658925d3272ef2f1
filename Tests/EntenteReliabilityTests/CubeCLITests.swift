import EntenteTestSupport
import Foundation
import Testing

/// The store–cube truth through the real executable: a corrupt cube is a clear error with the
/// fix, `cube rebuild` repairs it, `--force` re-reads a file, status says where the cube stands.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CubeCLITests {
    @Test func corruptCubeRebuildForceAndStatus() throws {
        let folder = TemporaryFolder()
        let home = folder.url.appendingPathComponent("home")
        let file = try folder.write("20240101000000.export.CSV", lines: (1...12).map { GDELTRow(id: $0).line })
        #expect(try Binary.run(["ingest", file.path], home: home).status == 0)
        let cube = home.appendingPathComponent("cube/cube.v2.bin")
        var bytes = try [UInt8](Data(contentsOf: cube))
        bytes[bytes.count / 2] ^= 0x5A
        try Data(bytes).write(to: cube)

        let dyad = try Binary.run(["dyad", "RUS", "PRK"], home: home)
        #expect(dyad.status == 1)
        #expect(dyad.stderr.contains("corrupt") && dyad.stderr.contains("entente cube rebuild"))
        let export = try Binary.run(["cube", "export"], home: home)
        #expect(export.status == 1 && export.stdout.isEmpty)

        let rebuilt = try Binary.run(["cube", "rebuild"], home: home)
        #expect(rebuilt.status == 0 && rebuilt.stdout.contains("12 events"))
        let json = try Binary.run(["dyad", "RUS", "PRK", "--format", "json"], home: home)
        let months = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["months"] as? [[String: Any]])
        #expect(months.reduce(0) { $0 + ($1["events"] as? Int ?? 0) } == 12)

        let again = try Binary.run(["ingest", file.path], home: home)
        #expect(again.stdout.contains("already-ingested") && again.stdout.contains("--force"))
        let forced = try Binary.run(["ingest", "--force", file.path], home: home)
        #expect(forced.status == 0 && forced.stdout.contains("read again (--force)") && forced.stdout.contains("Cube rebuilt"))

        let status = try Binary.run(["status"], home: home)
        #expect(status.stdout.contains("Cube: in step with the store"))
        let cubeStatus = try Binary.run(["cube", "status"], home: home)
        #expect(cubeStatus.stdout.contains("12 distinct event ids") && cubeStatus.stdout.contains("in step"))
    }
}
