import ArgumentParser
import EntenteCore
import EntenteFetch
import EntenteServices
import Foundation
import Synchronization

final class FetchProgressPrinter: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var bytes: [String: Int64] = [:]
        var finishedBytes: Int64 = 0
        var current = ""
        var lastDraw = Date.distantPast
    }

    let isTerminal = isatty(STDERR_FILENO) == 1
    private let state = Mutex(State())

    var handle: @Sendable (FetchProgress) -> Void { { [self] in self.receive($0) } }

    func receive(_ event: FetchProgress) {
        switch event {
        case .list(let url):
            line("reading the list \(url)")
        case .plan(let selected, let had, let toDownload):
            state.withLock { $0.total = toDownload }
            line("\(selected) file(s) wanted: \(had) already verified, \(toDownload) to download")
        case .download(.started(let name, _, let from)):
            if from > 0 { line("resuming \(name) from byte \(from)") }
            draw(name: name)
        case .download(.bytes(let name, let received, _)):
            state.withLock { $0.bytes[name] = received }
            draw(name: name)
        case .download(.retrying(let name, let attempt, let delay, let reason)):
            line("retrying \(name) (attempt \(attempt) failed: \(reason)) in \(String(format: "%.1f", delay)) s")
        case .download(.finished(let result)):
            state.withLock {
                $0.done += 1
                $0.bytes[result.file.name] = nil
                $0.finishedBytes += result.bytes
            }
            switch result.outcome {
            case .verified: line("verified \(result.file.name) (\(Output.count(Int(result.bytes))) bytes, \(result.attempts) attempt(s))")
            case .failed(let failure): line("FAILED \(result.file.name): \(failure.reason): \(failure.message)")
            }
        case .ingested(let name, let kept, let duplicates):
            line("ingested \(name): \(Output.count(kept)) event(s), \(Output.count(duplicates)) re-emitted dropped")
        }
    }

    /// A plain line (on a terminal, above the bar).
    private func line(_ text: String) {
        FileHandle.standardError.write(Data(((isTerminal ? "\r\u{1B}[K" : "") + text + "\n").utf8))
    }

    private func draw(name: String) {
        guard isTerminal else { return }
        let text: String? = state.withLock { s in
            let now = Date()
            guard now.timeIntervalSince(s.lastDraw) > 0.1 else { return nil }
            s.lastDraw = now
            let width = 24
            let filled = s.total > 0 ? min(width, width * s.done / s.total) : 0
            let bytes = s.finishedBytes + s.bytes.values.reduce(0, +)
            let shown = name.count > 36 ? "…" + name.suffix(35) : name
            return "\r\u{1B}[K[\(String(repeating: "=", count: filled))\(String(repeating: " ", count: width - filled))] "
                + "\(s.done)/\(s.total) files  \(FetchText.bytes(bytes))  \(shown)"
        }
        if let text { FileHandle.standardError.write(Data(text.utf8)) }
    }

    func clear() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

// MARK: Text

enum FetchText {
    static func bytes(_ n: Int64) -> String {
        let v = Double(n)
        if v >= 1e9 { return String(format: "%.2f GB", v / 1e9) }
        if v >= 1e6 { return String(format: "%.1f MB", v / 1e6) }
        if v >= 1e3 { return String(format: "%.1f kB", v / 1e3) }
        return "\(n) B"
    }

    static func summary(_ r: FetchReport) -> String {
        var out: [String] = []
        let range = [r.from, r.to].map { $0 ?? "…" }.joined(separator: " – ")
        out.append("\(r.series): \(r.list) (\(range)) → \(r.cache)")
        var leftOut = r.otherKinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        if r.outOfRange > 0 { leftOut.append("\(r.outOfRange) outside the range") }
        if r.listProblems > 0 { leftOut.append("\(r.listProblems) unreadable line(s)") }
        out.append(
            "listed \(Output.count(r.listed)), wanted \(Output.count(r.selected))"
                + (leftOut.isEmpty ? "" : " (left out: \(leftOut.joined(separator: ", ")))"))
        let rate = r.bytesPerSecond > 0 ? ", \(bytes(Int64(r.bytesPerSecond)))/s" : ""
        out.append(
            "downloaded \(r.downloaded) (\(bytes(r.bytes)) in \(String(format: "%.1f", r.seconds)) s\(rate); \(r.retries) retr\(r.retries == 1 ? "y" : "ies"), "
                + "\(r.resumed) resumed) · already had \(r.alreadyHad) · failed \(r.failed)")
        if let store = r.store {
            out.append(
                "ingested \(r.ingest.files) file(s) into \(store): \(Output.count(r.ingest.events)) event(s) stored, "
                    + "\(Output.count(r.ingest.duplicates)) re-emitted event(s) dropped, \(Output.count(r.ingest.skipped)) row(s) skipped, "
                    + "\(Output.count(r.ingest.rejected)) rejected")
        }
        if !r.failures.isEmpty {
            out.append("failed, by reason:")
            for (reason, n) in r.failedByReason.sorted(by: { $0.key < $1.key }) { out.append("  \(reason): \(n)") }
            for f in r.failures { out.append("  \(f.message)") }
        }
        if let newest = r.newest { out.append("newest verified export: \(newest)") }
        for note in r.notes { out.append("note: \(note)") }
        return out.joined(separator: "\n")
    }

    static func summary(_ r: DatasetFetchReport) -> String {
        var out = ["\(r.source): \(r.title)", "home: \(r.home)", "licence: \(r.licence)", "cite: \(r.citation)", "folder: \(r.folder)"]
        for f in r.files {
            out.append("  \(f.status.padding(toLength: 11, withPad: " ", startingAt: 0)) \(f.path)" + (f.message.map { "  (\($0))" } ?? ""))
        }
        if let ingest = r.ingest {
            out.append(
                "ingested \(ingest.files.count) file(s): \(Output.count(ingest.rowsRead)) row(s) read, \(Output.count(ingest.kept)) kept, "
                    + "\(Output.count(ingest.rejected)) rejected")
        } else if r.failed > 0 {
            out.append("nothing ingested: \(r.failed) file(s) missing or failed")
        }
        return out.joined(separator: "\n")
    }
}
