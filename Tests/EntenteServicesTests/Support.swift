import EntenteCore
import EntenteServices
import EntenteTestSupport
import Foundation
import Testing

/// A workspace in a temporary folder with the shipped knowledge base only (no `$ENTENTE_KB`).
func makeWorkspace(_ folder: TemporaryFolder, kb: [String] = [], warnings: WarningLog? = nil) -> Workspace {
    let log = warnings
    return Workspace(
        home: folder.url.appendingPathComponent("home").path, knowledgeFolders: kb, environment: ["ENTENTE_KB": ""],
        warn: { text in log?.append(text) })
}

/// Collects a workspace's warnings.
final class WarningLog: @unchecked Sendable {
    // @unchecked Sendable: every access goes through the lock.
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: String { lock.withLock { texts.joined() } }
}

/// Encodes an answer the way every front end does, and reads it back as JSON objects.
func jsonObject<T: Encodable>(_ value: T) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(try JSONText.encode(value).utf8))
}

/// A small dyad series: USA–GBR friendly, USA–IRN and GBR–IRN hostile, with four bad rows.
func seriesFixture(_ folder: TemporaryFolder) throws -> URL {
    var lines = ["date,a,b,edge"]
    for m in 1...12 {
        for d in [3, 17] {
            let date = String(format: "2023%02d%02d", m, d)
            lines.append("\(date),USA,GBR,\(20 + m)")
            lines.append("\(date),USA,IRN,\(m % 2 == 0 ? -80 : -5)")
            lines.append("\(date),GBR,IRN,\(m % 4 == 0 ? -60 : -3)")
        }
    }
    lines += ["20230230,USA,GBR,1", "20230301,USA,XXX,1", "20230301,USA,GBR,abc", "20230301,USA,GBR"]
    return try folder.write("series.csv", lines: lines)
}

/// Three GDELT 2.0 rows between Russia and North Korea and one with a bad date.
func eventFixture(_ folder: TemporaryFolder) throws -> URL {
    try folder.write("fixture.export.CSV", lines: GDELTRow.russiaKoreaFixture)
}
