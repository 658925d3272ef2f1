import EntenteCore
import EntenteServices
import Foundation

/// Ingest and cube-build summaries as terminal text.
enum IngestText {
    static func summary(_ s: IngestSummary) -> String {
        var out: [String] = []
        let rows = s.files.map { f in
            [
                URL(fileURLWithPath: f.path).lastPathComponent, f.format ?? "-", Output.count(f.rowsRead), Output.count(f.kept),
                Output.count(f.duplicates), Output.count(f.skipped), Output.count(f.rejected), f.status,
            ]
        }
        out.append(
            Output.table(["file", "format", "rows", "kept", "dup", "skipped", "rejected", "status"], rows, rightAligned: [2, 3, 4, 5, 6]))
        for f in s.files {
            if let message = f.message {
                out.append("  \(Output.printable(URL(fileURLWithPath: f.path).lastPathComponent)): \(Output.printable(message))")
            }
        }
        out.append("")
        out.append(
            "Read \(Output.count(s.rowsRead)) rows from \(s.files.count) file(s) in \(Output.number(s.seconds)) s: kept \(Output.count(s.kept)) events, "
                + "\(Output.count(s.duplicates)) already stored, skipped \(Output.count(s.skipped)), rejected \(Output.count(s.rejected)).")
        if let cube = s.cube, cube.status != "up-to-date" {
            out.append(
                "Cube \(cube.status): \(Output.count(cube.eventsAdded)) events added from \(cube.files) stored file(s)"
                    + (cube.message.map { " (\(Output.printable($0)))" } ?? "") + ".")
        }
        if !s.layers.isEmpty {
            let kept = s.layers.reduce(0) { $0 + $1.kept }
            out.append("Structural layers: \(Output.count(kept)) values stored from \(s.layers.count) file(s).")
            var left: [String: (count: Int, values: [String])] = [:]
            for issue in s.layers.flatMap(\.issues) {
                var entry = left[issue.reason.rawValue] ?? (0, [])
                entry.count += issue.count
                if let value = issue.value, entry.values.count < 4 { entry.values.append("\(Output.printable(value)) ×\(issue.count)") }
                left[issue.reason.rawValue] = entry
            }
            for (reason, entry) in left.sorted(by: { $0.key < $1.key }) {
                let values = entry.values.isEmpty ? "" : " (" + entry.values.joined(separator: ", ") + ")"
                out.append("  left out \(Output.count(entry.count)): \(reason)\(values)")
            }
        }
        let repeated = s.files.filter { $0.status == "already-ingested" }.count
        if repeated > 0 { out.append("\(repeated) file(s) were ingested before (same SHA-256): nothing added from them.") }
        let failed = s.files.filter { $0.status == "failed" }.count
        if failed > 0 { out.append("\(failed) file(s) could not be read: nothing stored from them (see above).") }
        if !s.reasons.isEmpty {
            out.append("Not kept, by reason:")
            for r in s.reasons {
                out.append("  \(r.kind) \(Output.count(r.rows)): \(r.reason) (e.g. \(r.examples.joined(separator: ", ")))")
            }
        }
        if !s.eventsByDataset.isEmpty {
            let datasets = s.eventsByDataset.sorted { $0.key < $1.key }.map { "\($0.key) \(Output.count($0.value))" }
            out.append("Events added per dataset: " + datasets.joined(separator: ", "))
        }
        out.append("Store: \(s.store)")
        return out.joined(separator: "\n")
    }

    static func cube(_ s: CubeBuildSummary) -> String {
        let rows = s.files.map { f in
            [
                URL(fileURLWithPath: f.path).lastPathComponent, f.format?.rawValue ?? "-", Output.count(f.counts.rowsRead),
                Output.count(f.counts.parsed - f.duplicates), Output.count(f.duplicates), Output.count(f.counts.skipped),
                Output.count(f.counts.rejected), f.status.rawValue,
            ]
        }
        var out = [
            Output.table(
                ["file", "format", "rows", "kept", "dup", "skipped", "rejected", "status"], rows, rightAligned: [2, 3, 4, 5, 6])
        ]
        for f in s.files where f.status != .added {
            if let message = f.message {
                out.append("  \(Output.printable(URL(fileURLWithPath: f.path).lastPathComponent)): \(Output.printable(message))")
            }
        }
        out.append("")
        out.append(
            "Scanned \(Output.count(s.rowsRead)) rows (\(Output.number(Double(s.bytes) / 1_048_576, digits: 1)) MiB) in "
                + "\(Output.number(s.seconds, digits: 3)) s on \(s.threads) thread(s), \(Output.number(s.megabytesPerSecond, digits: 1)) MiB/s; "
                + "kept \(Output.count(s.kept)); \(Output.count(s.duplicates)) were events the cube already held (same dataset and event id)."
        )
        out.append("Cube: \(Output.count(s.cells)) cells in \(s.cube)")
        return out.joined(separator: "\n")
    }
}
