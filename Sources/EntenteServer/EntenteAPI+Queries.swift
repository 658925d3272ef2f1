import EntenteCore
import EntenteServices
import Foundation
import Hummingbird

/// The read endpoints: each checks its parameters as the matching CLI command's `validate()`
/// and `run()` do, calls one service, and answers the JSON the CLI prints with `--format json`.
extension EntenteAPI {
    func addQueryRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.get("status") { request, _ in
            try await self.json(request, allowed: []) { _ throws(Problem) in { try $0.status() } }
        }
        api.get("assess") { request, _ in
            try await self.json(request, allowed: ["a", "b", "at", "window"]) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let request = AssessRequest(
                    a: a.code, b: b.code, at: try q.month("at"), window: try q.integer("window", default: 12, in: RequestLimits.window))
                return { try $0.assess(request) }
            }
        }
        api.get("index") { request, _ in
            try await self.json(request, allowed: ["a", "b", "from", "to", "window"], gate: self.analysisGate) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                let request = IndexRequest(
                    a: a.code, b: b.code, from: from, to: to, window: try q.integer("window", default: 12, in: RequestLimits.window))
                return { try $0.index(request).map(IndexRow.init) }
            }
        }
        api.get("treaties") { request, _ in
            try await self.json(request, allowed: ["a", "b", "at"]) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                var day: Day?
                if let at = q["at"] {
                    guard let d = Day(at) ?? PartialDate(at)?.earliest else {
                        throw Problem.badParameter("at", "parameter 'at' takes a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
                    }
                    day = d
                }
                let date = day
                return { try $0.treaties(a: a.code, b: b.code, at: date) }
            }
        }
        api.get("timeline") { request, _ in
            try await self.json(request, allowed: ["a", "b", "from", "to", "store-events"]) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                let request = TimelineRequest(
                    a: a.code, b: b.code, from: from, to: to,
                    storeEvents: try q.choice("store-events", TimelineRequest.StoreEvents.self) ?? .salient)
                return { try $0.timeline(request) }
            }
        }
        api.get("events") { request, _ in
            let allowed: Set = ["a", "b", "from", "to", "code", "limit", "both-directions", "dataset"]
            return try await self.json(request, allowed: allowed) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                if let code = q["code"], code.isEmpty || !code.allSatisfy({ $0.isASCII && $0.isNumber }) || code.count > 4 {
                    throw Problem.badParameter("code", "parameter 'code' takes a CAMEO code or prefix of up to 4 digits (e.g. 057 or 04)")
                }
                let limit = try q.integer("limit", default: 50, in: 0...Int.max)
                let filter = EventFilter(
                    a: a.code, b: b.code, from: from, to: to, codePrefix: q["code"], bothDirections: try q.flag("both-directions"),
                    dataset: try q.choice("dataset", Dataset.self))
                let request = EventsRequest(filter: filter, limit: limit == 0 ? nil : limit)
                return { try $0.events(request) }
            }
        }
        api.get("dyad") { request, _ in
            try await self.json(request, allowed: ["a", "b", "from", "to", "dataset"]) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                let request = DyadRequest(a: a.code, b: b.code, from: from, to: to, dataset: try q.choice("dataset", Dataset.self))
                return { try $0.dyad(request) }
            }
        }
        api.get("structure") { request, _ in
            try await self.json(request, allowed: ["a", "b", "year", "from", "to"]) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let years = RequestLimits.years
                let year = try q.optionalInteger("year", in: years)
                let from = try q.optionalInteger("from", in: years), to = try q.optionalInteger("to", in: years)
                if year != nil && (from != nil || to != nil) {
                    throw Problem.badParameter("year", "give year, or from and to, not both")
                }
                if let from, let to, from > to {
                    throw Problem(.badRequest, "invalid-range", "from \(from) is after to \(to)", parameter: "from")
                }
                let single = year ?? (from == nil && to == nil ? Day.today().year - 1 : nil)
                if let single {
                    let request = StructureRequest(a: a.code, b: b.code, year: single)
                    return { StructureAnswer.year(try $0.structure(request).first ?? DyadStructure(a: a.code, b: b.code, year: single)) }
                }
                // A missing end is ten years from the other, within the years Entente handles (as the CLI).
                let lo = from ?? max(years.lowerBound, (to ?? 2018) - 9), hi = to ?? min(years.upperBound, (from ?? 2018) + 9)
                let request = StructureRequest(a: a.code, b: b.code, from: lo, to: hi)
                return { StructureAnswer.years(try $0.structure(request)) }
            }
        }
        api.get("adversaries") { request, _ in
            try await self.json(request, allowed: ["a", "b", "from", "to", "top"], gate: self.analysisGate) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                let request = AdversariesRequest(
                    a: a.code, b: b.code, from: from, to: to, top: try q.integer("top", default: 10, in: RequestLimits.top))
                return { try $0.adversaries(request) }
            }
        }
        api.get("changes") { request, _ in
            let allowed: Set = ["a", "b", "series", "daily", "from", "to", "penalty", "transform", "min-size"]
            return try await self.json(request, allowed: allowed, gate: self.analysisGate) { q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let daily = try q.flag("daily")
                let (from, to) = try q.monthRange(maxSpan: daily ? QueryParameters.maxDailySpanMonths : QueryParameters.maxSpanMonths)
                let series = try q.choice("series", SeriesKind.self) ?? .cooperation
                if daily && series == .index { throw Problem.badParameter("daily", "daily works with cooperation, conflict or net") }
                let request = ChangesRequest(
                    a: a.code, b: b.code, series: series, daily: daily, from: from, to: to, penalty: try q.nonNegativeNumber("penalty"),
                    transform: try q.choice("transform", ChangesRequest.Transform.self),
                    minSize: try q.optionalInteger("min-size", in: RequestLimits.minSize))
                return { try $0.changes(request) }
            }
        }
        api.get("drivers") { request, _ in
            try await self.json(request, allowed: ["a", "b", "driver", "max-lag", "from", "to"], gate: self.analysisGate) {
                q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let (from, to) = try q.monthRange()
                let driver = try q.countries("driver")
                guard driver == nil || driver?.count == 2 else {
                    throw Problem.badParameter("driver", "parameter 'driver' takes two states, comma-separated (e.g. RUS,UKR)")
                }
                let pair = driver.map { Dyad($0[0].code, $0[1].code) }
                let request = DriversRequest(
                    a: a.code, b: b.code, driver: pair, maxLag: try q.integer("max-lag", default: 6, in: RequestLimits.maxLag), from: from,
                    to: to)
                return { try $0.drivers(request) }
            }
        }
        api.get("counterbalancing") { request, _ in
            try await self.json(request, allowed: ["a", "b", "around", "third", "window"], gate: self.permutationGate) {
                q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                let window = try q.integer("window", default: 12, in: RequestLimits.counterbalancingWindow)
                let third = try q.countries("third")?.map(\.code)
                if let third, Set(third).count != third.count || third.count < 2 {
                    throw Problem.badParameter(
                        "third", "parameter 'third' takes at least two different states, comma-separated (e.g. USA,JPN,KOR)")
                }
                let request = CounterbalancingRequest(a: a.code, b: b.code, around: try q.month("around"), third: third, window: window)
                return { try $0.counterbalancing(request) }
            }
        }
        api.get("scenario") { request, _ in
            try await self.json(request, allowed: ["a", "b", "driver", "if", "horizon", "max-lag"], gate: self.scenarioGate) {
                q throws(Problem) in
                let (a, b) = (try q.country("a"), try q.country("b"))
                guard let driver = try q.countries("driver"), driver.count == 2 else {
                    throw Problem.badParameter("driver", "parameter 'driver' is required: two states, comma-separated (e.g. RUS,UKR)")
                }
                let request = ScenarioRequest(
                    a: a.code, b: b.code, driver: Dyad(driver[0].code, driver[1].code),
                    path: try q.choice("if", Scenario.Path.self) ?? .stops,
                    horizon: try q.integer("horizon", default: 24, in: RequestLimits.horizon),
                    maxLag: try q.integer("max-lag", default: 6, in: RequestLimits.maxLag))
                return { try $0.scenario(request) }
            }
        }
        api.get("brief") { request, _ in
            let q = try QueryParameters(request.uri.query, allowed: ["a", "b", "from", "to", "format", "window"])
            let (a, b) = (try q.country("a"), try q.country("b"))
            let (from, to) = try q.monthRange()
            let window = try q.integer("window", default: 12, in: RequestLimits.window)
            let markdown: Bool
            switch q["format"] {
            case nil, "html": markdown = false
            case "markdown": markdown = true
            default: throw Problem.badParameter("format", "parameter 'format' takes html or markdown")
            }
            let briefRequest = BriefRequest(a: a, b: b, from: from, to: to, window: window)
            var headers: HTTPFields = [:]
            if !markdown {
                // The brief is one self-contained page: inline CSS and SVG, nothing fetched, no script.
                headers[.contentSecurityPolicy] =
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
            }
            return try await self.cached(
                request, gate: self.briefGate, contentType: markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
                extraHeaders: headers
            ) { workspace in
                let brief = try workspace.brief(briefRequest)
                return markdown ? brief.markdown(chartPrefix: nil) + "\n" : brief.html()
            }
        }
    }
}

/// `structure`'s answer: one year's object, or the array of a range (as the CLI prints them).
enum StructureAnswer: Encodable, Sendable {
    case year(DyadStructure)
    case years([DyadStructure])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .year(let value): try value.encode(to: encoder)
        case .years(let values): try values.encode(to: encoder)
        }
    }
}
