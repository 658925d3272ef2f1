/// Parses GDELT 1.0 and 2.0 event rows into normalised ``Event``s.
///
/// Columns 0–34 are the same in both versions (GLOBALEVENTID, SQLDATE, the two actors, the
/// event codes, QuadClass, Goldstein, mentions, sources, articles, tone); SOURCEURL is the last
/// column of GDELT 2.0 (61 columns) and of GDELT 1.0 daily files (58 columns); historical 1.0
/// back-files (57 columns) have none.
///
/// Checks run in this order, the first failure naming the row's issue: column count, source
/// actor, target actor (a row not between two states is skipped, whatever else it holds), event
/// id, date, event code, Goldstein, tone, counts, UTF-8, NUL bytes (a field holding a NUL byte,
/// `RUS\0SIA`, is rejected: stored as a C string it would be cut short). The cube's fast
/// scanner (``CubeScanner``) applies the same rules in the same order.
///
/// An actor's state is its `ActorNCountryCode` (a CAMEO country code, mapped to ISO3), never
/// a geography column (those are FIPS codes).
public struct GDELTRowParser: EventRowParser {
    public static let gdelt2Columns = 61
    public static let gdelt1Columns = 58

    /// AvgTone's documented range; values outside it are rejected as bad tone.
    public static let toneRange: ClosedRange<Double> = -100...100
    /// The largest NumMentions, NumSources or NumArticles accepted (larger is a malformed row, and
    /// would overflow sums).
    public static let maxCount = 999_999_999

    public let format: EventFormat
    private var fields = FieldScanner()

    public init(format: EventFormat) {
        precondition(format == .gdelt1 || format == .gdelt2)
        self.format = format
    }

    // Column indexes (0-based), shared by both versions.
    private enum Column {
        static let id = 0, sqlDate = 1
        static let actor1Code = 5, actor1Name = 6, actor1Country = 7, actor1Type = 12
        static let actor2Code = 15, actor2Name = 16, actor2Country = 17, actor2Type = 22
        static let isRoot = 25, eventCode = 26, goldstein = 30
        static let mentions = 31, sources = 32, articles = 33, tone = 34
    }

    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> RowOutcome {
        if line.isEmpty { return .blank }
        fields.scan(line)
        let n = fields.count
        switch format {
        case .gdelt2:
            guard n == Self.gdelt2Columns else {
                return .issue(.wrongColumnCount, detail: "\(Self.gdelt2Columns) columns expected, found \(n)")
            }
        default:
            guard n == Self.gdelt1Columns || n == Self.gdelt1Columns - 1 else {
                return .issue(.wrongColumnCount, detail: "57 or 58 columns expected, found \(n)")
            }
        }
        let f = fields
        // Actors first: a row that is not between two states is out of scope (skipped), whatever
        // its other fields hold.
        let source: EventActor
        switch actor(code: Column.actor1Code, name: Column.actor1Name, country: Column.actor1Country, type: Column.actor1Type, in: line) {
        case .success(let a): source = a
        case .failure(let issue):
            return .issue(issue.issue == .noTargetState ? .noSourceState : issue.issue, detail: "Actor1: " + issue.detail)
        }
        let target: EventActor
        switch actor(code: Column.actor2Code, name: Column.actor2Name, country: Column.actor2Country, type: Column.actor2Type, in: line) {
        case .success(let a): target = a
        case .failure(let issue): return .issue(issue.issue, detail: "Actor2: " + issue.detail)
        }
        guard let id = f.digits(Column.id, in: line) else {
            return .issue(.badEventID, detail: "GLOBALEVENTID '\(f.string(Column.id, in: line))' is not a number")
        }
        guard let dateValue = f.digits(Column.sqlDate, in: line), f.bytes(Column.sqlDate, in: line).count == 8,
            let date = Day(yyyymmdd: dateValue)
        else {
            return .issue(.badDate, detail: "SQLDATE '\(f.string(Column.sqlDate, in: line))' is not a valid YYYYMMDD date")
        }
        let codeText = f.string(Column.eventCode, in: line)
        guard let code = CAMEOEventCode.lookup(codeText) else {
            return .issue(.unknownEventCode, detail: "EventCode '\(codeText)' is not a CAMEO code")
        }
        guard let goldstein = f.double(Column.goldstein, in: line), (-10...10).contains(goldstein) else {
            return .issue(.badGoldstein, detail: "GoldsteinScale '\(f.string(Column.goldstein, in: line))'")
        }
        guard let tone = f.double(Column.tone, in: line), Self.toneRange.contains(tone) else {
            return .issue(.badTone, detail: "AvgTone '\(f.string(Column.tone, in: line))'")
        }
        var counts: [Int] = []
        for column in [Column.mentions, Column.sources, Column.articles] {
            guard let v = f.digits(column, in: line), v <= Self.maxCount else {
                return .issue(.badCount, detail: "column \(column + 1) '\(f.string(column, in: line))'")
            }
            counts.append(v)
        }
        // Checked last: a row that is not kept anyway is not rejected for its text encoding.
        guard line.isValidUTF8 else { return .issue(.invalidUTF8, detail: "the row is not valid UTF-8") }
        if let column = fields.firstColumn(containing: 0, in: line) {
            return .issue(.nulByte, detail: "column \(column + 1) holds a NUL byte")
        }
        let hasURL = n == Self.gdelt2Columns || n == Self.gdelt1Columns
        let url = hasURL && !f.isEmpty(n - 1) ? f.string(n - 1, in: line) : nil
        return .event(
            Event(
                dataset: format.dataset, originalID: String(id), date: date, source: source, target: target,
                eventCode: code.code, isRootEvent: f.int(Column.isRoot, in: line).map { $0 == 1 },
                quadClass: code.quadClass, goldstein: goldstein,
                numMentions: counts[0], numSources: counts[1], numArticles: counts[2], avgTone: tone,
                sourceURL: url))
    }

    private struct ActorIssue: Error {
        var issue: RowIssue
        var detail: String
    }

    private func actor(code: Int, name: Int, country: Int, type: Int, in line: UnsafeBufferPointer<UInt8>) -> Result<EventActor, ActorIssue>
    {
        let f = fields
        guard !f.isEmpty(country) else {
            let c = f.string(code, in: line)
            return .failure(ActorIssue(issue: .noTargetState, detail: c.isEmpty ? "no actor" : "actor '\(c)' has no country"))
        }
        let countryCode = f.string(country, in: line)
        guard let entry = Country.cameo(countryCode) else {
            return .failure(ActorIssue(issue: .unknownCountryCode, detail: "country code '\(countryCode)' is not a CAMEO country code"))
        }
        guard entry.isStateLike else {
            return .failure(ActorIssue(issue: .regionActor, detail: "'\(countryCode)' (\(entry.name)) is a region"))
        }
        let role = f.isEmpty(type) ? nil : f.string(type, in: line)
        let actorCode = f.isEmpty(code) ? countryCode : f.string(code, in: line)
        return .success(EventActor(country: entry.code, code: actorCode, name: f.string(name, in: line), role: role))
    }
}
