import ArgumentParser
import EntenteCore
import EntenteStore
import Foundation

/// Options of every command that reads the knowledge base.
struct KnowledgeOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp("A knowledge-base folder that extends or overrides the shipped one (repeatable; also $ENTENTE_KB, colon-separated).", valueName: "dir"))
    var folders: [String] = []

    /// Loads the shipped knowledge base plus the user's folders; invalid entries are reported
    /// on standard error and left out.
    func load() throws -> KnowledgeBase {
        let result = try KnowledgeBase.load(folders: KnowledgeBase.defaultFolders(extra: folders))
        if !result.issues.isEmpty {
            FileHandle.standardError.write(Data("warning: \(result.issues.count) knowledge-base problem(s); those entries are left out (run `entente kb check`):\n".utf8))
            for issue in result.issues.prefix(5) { FileHandle.standardError.write(Data("  \(issue)\n".utf8)) }
        }
        return result.knowledgeBase
    }
}

struct KnowledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Work with the curated knowledge base (treaties, groups, hand-coded events).",
        subcommands: [KnowledgeCheckCommand.self]
    )
}

struct KnowledgeCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate knowledge-base folders: schema, dates, ISO3 and CAMEO codes, sources, duplicates.",
        discussion: """
            With no DIR, checks the shipped knowledge base. Each problem is printed as FILE:LINE: FIELD: MESSAGE. \
            Exit status 1 when any problem is found.

            The YAML format is described in Guides/KnowledgeBase.md.
            """
    )

    @Argument(help: ArgumentHelp("Folders (or files) to check; several are read in order, later ones overriding earlier ones by id.", valueName: "dir"))
    var folders: [String] = []

    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table

    func run() throws {
        try reportingErrors {
            let folders = self.folders.isEmpty ? [KnowledgeBase.shippedFolder?.path].compactMap { $0 } : self.folders
            guard !folders.isEmpty else { throw EntenteError(.fileNotFound, "the shipped knowledge base was not found next to the executable; give a DIR") }
            let result = try KnowledgeBase.load(folders: folders)
            let kb = result.knowledgeBase
            switch format {
            case .json:
                struct Report: Encodable {
                    var folders: [String]
                    var files: Int
                    var treaties: Int
                    var groups: Int
                    var events: Int
                    var overridden: [String]
                    var issues: [KnowledgeIssue]
                }
                print(try Output.json(Report(folders: folders, files: result.files.count, treaties: kb.treaties.count, groups: kb.groups.count, events: kb.events.count, overridden: result.overridden, issues: result.issues)))
            case .table:
                for issue in result.issues { print(issue) }
                let summary = "\(result.files.count) file(s): \(kb.treaties.count) treaties, \(kb.groups.count) groups, \(kb.events.count) events"
                print(result.issues.isEmpty ? "ok: \(summary)" : "\(result.issues.count) problem(s); valid entries: \(summary)")
                if !result.overridden.isEmpty { print("overridden by a later folder: \(result.overridden.joined(separator: ", "))") }
            }
            if !result.issues.isEmpty { throw ExitCode(1) }
        }
    }
}

struct TreatiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treaties",
        abstract: "Show the obligations in force between A and B at a date, each direction, with sources.",
        discussion: """
            Obligations are ATOP-style types, strongest assistance first: defence-immediate (assistance by all \
            means if attacked), defence-consultation, neutrality, consultation, non-aggression. Treaties signed \
            but not yet in force are shown and marked. Group treaties (NATO, CSTO) count from each member's accession.

            Examples:
              entente treaties RUS PRK
              entente treaties RUS PRK --at 2010-01-01
              entente treaties USA FIN --at 2023-05-01 --format json
            """
    )

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("The date (default: today).", valueName: "YYYY-MM-DD")) var at: String?
    @Option(help: "Output format.") var format: StatusCommand.StatusFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let day: Day
        if let at {
            guard let d = Day(at) ?? PartialDate(at)?.earliest else { throw ValidationError("--at takes a date as YYYY-MM-DD, not '\(at)'.") }
            day = d
        } else {
            day = Self.today
        }
        try reportingErrors {
            let kb = try knowledge.load()
            let answer = TreatiesAnswer(kb: kb, a: first, b: second, at: day)
            switch format {
            case .json: print(try Output.json(answer))
            case .table: print(answer.text)
            }
        }
    }

    static var today: Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }
}

/// The `treaties` answer; its JSON form is documented in the README.
struct TreatiesAnswer: Encodable {
    struct Direction: Encodable {
        var from: String
        var to: String
        /// The strongest obligation in force (or signed), `none` when there is none.
        var strongest: String
        /// The strongest obligation of a treaty signed but not yet in force, when there is one.
        var strongestSigned: String?
        var treaties: [Item]
    }

    struct Item: Encodable {
        var id: String
        var name: String
        var status: String
        var signed: String
        var inForce: String?
        var ended: String?
        var obligations: [String]
        var clause: String
        var sources: [SourceRef]
    }

    var a: String
    var b: String
    var at: String
    var directions: [Direction]
    /// Treaties that bound both at some other date.
    var otherTreaties: [Item]

    init(kb: KnowledgeBase, a: Country, b: Country, at day: Day) {
        self.a = a.code
        self.b = b.code
        at = day.description
        func item(_ t: Treaty, _ status: Treaty.Status, _ types: [ObligationType]) -> Item {
            Item(id: t.id, name: t.name, status: status.rawValue, signed: t.signed.description, inForce: t.inForce?.description, ended: t.ended?.description,
                 obligations: types.map(\.rawValue), clause: t.clause, sources: t.sources)
        }
        directions = [(a.code, b.code), (b.code, a.code)].map { from, to in
            let obligations = kb.obligations(from: from, to: to, at: day)
            let strongest = obligations.filter { $0.status == .inForce }.compactMap(\.strongest).max()
            let signed = obligations.filter { $0.status == .signedNotInForce }.compactMap(\.strongest).max()
            return Direction(
                from: from, to: to, strongest: strongest?.rawValue ?? "none", strongestSigned: signed?.rawValue,
                treaties: obligations.map { item($0.treaty, $0.status, $0.types) })
        }
        let current = Set(directions.flatMap { $0.treaties.map(\.id) })
        otherTreaties = kb.treaties(between: a.code, and: b.code).filter { !current.contains($0.id) }.map { item($0, $0.status(at: day), []) }
    }

    var text: String {
        var out = ["Obligations between \(a) and \(b) on \(at)"]
        for d in directions {
            out.append("")
            out.append("\(d.from) → \(d.to): strongest in force: \(d.strongest)" + (d.strongestSigned.map { "; signed, not yet in force: \($0)" } ?? ""))
            if d.treaties.isEmpty { out.append("  (no treaty in force or signed)") }
            for t in d.treaties {
                let status = t.status == Treaty.Status.signedNotInForce.rawValue ? " [signed \(t.signed), not in force until \(t.inForce ?? "?")]" : ""
                out.append("  \(t.name) (signed \(t.signed)\(t.ended.map { ", ended \($0)" } ?? ""))\(status)")
                out.append("    obligations: \(t.obligations.isEmpty ? "none" : t.obligations.joined(separator: ", "))")
                out.append("    clause: \(Output.printable(t.clause))")
                out.append("    sources: " + t.sources.map { "\(Output.printable($0.outlet)) <\(Output.printable($0.url))>" }.joined(separator: "; "))
            }
        }
        if !otherTreaties.isEmpty {
            out.append("")
            out.append("Other treaties between them (not in force on \(at)):")
            for t in otherTreaties {
                out.append("  \(t.name): \(t.status == "not-signed" ? "not yet signed" : t.status), signed \(t.signed)\(t.ended.map { ", ended \($0)" } ?? "")")
            }
        }
        return out.joined(separator: "\n")
    }
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "The A–B timeline: curated events merged with the event store's, each marked by origin.",
        discussion: """
            Curated events come from the knowledge base (origin `kb`), with their flows (what moved which way), \
            confidence and sources. Events from the store (origin = dataset) are added when data has been ingested: \
            by default the salient ones (visits and meetings 042-046, agreements 057, material cooperation and \
            aid 06x-07x, sanctions and coercion 16x-17x, force 18x-20x), one per day, direction and code. \
            --store-events all adds every stored event; none leaves them out.

            Examples:
              entente timeline RUS PRK --from 2023-01 --to 2024-12
              entente timeline RUS PRK --store-events none --format json
            """
    )

    enum StoreEvents: String, ExpressibleByArgument, CaseIterable { case salient, all, none }

    @Argument(help: "State A (ISO3 code or name).") var a: String
    @Argument(help: "State B (ISO3 code or name).") var b: String
    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("Last month.", valueName: "YYYY-MM")) var to: String?
    @Option(help: "Which stored events to merge in.") var storeEvents: StoreEvents = .salient
    @Option(help: "Output format.") var format: OutputFormat = .table
    @OptionGroup var knowledge: KnowledgeOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let first = try resolveCountry(a), second = try resolveCountry(b)
        let fromMonth = try parseMonth(from, option: "--from"), toMonth = try parseMonth(to, option: "--to")
        try reportingErrors {
            let kb = try knowledge.load()
            var entries = kb.events(between: first.code, and: second.code, from: fromMonth?.firstDay, to: toMonth?.lastDay).map(TimelineEntry.init(curated:))
            var storeNote: String?
            let home = store.home ?? EventStore.defaultHome()
            let storeFile = (home as NSString).appendingPathComponent(EventStore.fileName)
            if storeEvents != .none {
                if FileManager.default.fileExists(atPath: storeFile) {
                    let events = try EventStore(path: storeFile).events(EventFilter(a: first.code, b: second.code, from: fromMonth, to: toMonth))
                    var seen = Set<String>()
                    for s in events.reversed() where storeEvents == .all || TimelineEntry.isSalient(s.event.eventCode) {
                        let key = "\(s.event.date)|\(s.event.source.country)|\(s.event.eventCode)"
                        if storeEvents == .salient && !seen.insert(key).inserted { continue }
                        entries.append(TimelineEntry(stored: s))
                    }
                } else {
                    storeNote = "No event store at \(storeFile): showing the knowledge base only. `entente ingest PATH` adds event data."
                }
            }
            entries.sort { ($0.date, $0.origin == "kb" ? 0 : 1, $0.id) < ($1.date, $1.origin == "kb" ? 0 : 1, $1.id) }
            let timeline = Timeline(a: first.code, b: second.code, from: fromMonth?.description, to: toMonth?.description, entries: entries)
            switch format {
            case .json: print(try Output.json(timeline))
            case .csv: print(Output.csv(Timeline.header, timeline.rows))
            case .table:
                print("\(first.name) (\(first.code)) and \(second.name) (\(second.code)): \(entries.count) event(s)")
                if let storeNote { print(storeNote) }
                print(timeline.text)
            }
        }
    }
}

/// One line of a timeline, curated or stored.
struct TimelineEntry: Encodable {
    var date: String
    var origin: String
    var id: String
    var source: String
    var target: String
    var code: String
    var codeName: String
    var title: String
    var level: String?
    var confidence: String?
    var flows: [Flow]
    var tags: [String]
    var sources: [SourceRef]

    init(curated e: CuratedEvent) {
        date = e.date.description
        origin = "kb"
        id = e.id
        source = e.source
        target = e.target
        code = e.code
        codeName = CAMEOEventCode.lookup(e.code)?.name ?? ""
        title = e.title
        level = e.level?.rawValue
        confidence = e.confidence.rawValue
        flows = e.flows
        tags = e.tags
        sources = e.sources
    }

    init(stored s: StoredEvent) {
        let e = s.event
        date = e.date.description
        origin = e.dataset.rawValue
        id = e.originalID
        source = e.source.country
        target = e.target.country
        code = e.eventCode
        codeName = CAMEOEventCode.lookup(e.eventCode)?.name ?? ""
        title = "\(e.source.name) → \(e.target.name): \(codeName)"
        flows = []
        tags = []
        sources = [SourceRef(outlet: e.publisher ?? "\(e.dataset.rawValue) \(s.file):\(s.line)", date: nil, url: e.sourceURL ?? "")]
    }

    static func isSalient(_ code: String) -> Bool {
        let base = String(code.prefix(3)), root = String(code.prefix(2))
        return ["042", "043", "044", "045", "046", "057"].contains(base) || ["06", "07", "16", "17", "18", "19", "20"].contains(root)
    }
}

/// The `timeline` answer; its JSON form is documented in the README.
struct Timeline: Encodable {
    var a: String
    var b: String
    var from: String?
    var to: String?
    var entries: [TimelineEntry]

    static let header = ["date", "origin", "id", "source", "target", "code", "title", "confidence", "flows", "sources"]

    var rows: [[String]] {
        entries.map { e in
            [e.date, e.origin, e.id, e.source, e.target, e.code, e.title, e.confidence ?? "",
             e.flows.map { "\($0.item): \($0.from)→\($0.to)" }.joined(separator: "; "), e.sources.map(\.url).filter { !$0.isEmpty }.joined(separator: " ")]
        }
    }

    var text: String {
        var out: [String] = []
        for e in entries {
            let marks = [e.level, e.confidence == "confirmed" ? nil : e.confidence].compactMap { $0 }
            out.append("\(e.date)  [\(e.origin)] \(e.source)→\(e.target) \(e.code)  \(Output.printable(e.title))" + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))"))
            for f in e.flows {
                out.append("            flow: \(Output.printable(f.item)) \(f.from) → \(f.to)" + (f.reportedBy.map { " (reported by \(Output.printable($0)))" } ?? ""))
            }
            if let s = e.sources.first(where: { !$0.url.isEmpty }) ?? e.sources.first {
                out.append("            source: \(Output.printable(s.outlet))\(s.url.isEmpty ? "" : " <\(Output.printable(s.url))>")" + (e.sources.count > 1 ? " (+\(e.sources.count - 1) more)" : ""))
            }
        }
        return out.joined(separator: "\n")
    }
}
