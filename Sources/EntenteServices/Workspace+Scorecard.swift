public import EntenteCore
import EntenteStore
import Foundation

/// A labelled dyad-year: the pair, the year, the class an analyst would give it.
public struct ClassLabel: Sendable, Codable, Equatable {
    public var a: String
    public var b: String
    public var year: Int
    public var classification: Assessment.Classification
    public var ambiguous: Bool
    /// The file line, for messages.
    public var line: Int

    /// Reads a labels CSV with a header naming at least `a`, `b`, `year` and `class` (and
    /// optionally `ambiguous`); quoted fields as in Python's csv module.
    ///
    /// - Throws: ``EntenteError`` `malformed-row` naming the file and line of a bad row.
    public static func read(_ path: String) throws -> [ClassLabel] {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw EntenteError(.fileNotFound, "cannot read the labels file", file: path)
        }
        var header: [String: Int] = [:]
        var out: [ClassLabel] = []
        try CSVRecordReader.read(url) { record, line in
            let fields = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
            if header.isEmpty {
                header = Dictionary(fields.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { x, _ in x })
                for key in ["a", "b", "year", "class"] where header[key] == nil {
                    throw EntenteError(.malformedRow, "the header needs the columns a, b, year, class", file: path, line: line)
                }
                return
            }
            func field(_ key: String) -> String { header[key].flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            guard let a = Country.iso3(field("a")), let b = Country.iso3(field("b")), let year = Int(field("year")),
                let cls = Assessment.Classification(rawValue: field("class"))
            else {
                throw EntenteError(
                    .malformedRow, "expected ISO3 codes, a year and one of the five classes, got '\(fields.joined(separator: ","))'",
                    file: path,
                    line: line)
            }
            out.append(
                ClassLabel(a: a.code, b: b.code, year: year, classification: cls, ambiguous: field("ambiguous") == "yes", line: line))
        }
        return out
    }
}

/// How the classification does on labelled dyad-years: accuracy, within-one-class accuracy,
/// gross errors, confusion matrix and reliability, for each period asked for.
public struct Scorecard: Encodable, Sendable {
    public struct Period: Encodable, Sendable {
        public var name: String
        public var labels: Int
        public var accuracy: Double?
        public var withinOneClass: Double?
        /// Accuracy on the labels not marked ambiguous.
        public var unambiguousAccuracy: Double?
        /// An alliance or strategic partnership called a rivalry, or the reverse.
        public var grossErrors: [String]
        /// Rows: label; columns: prediction; both in ``Scorecard/classes`` order.
        public var confusion: [[Int]]
        /// Days in the news alone (the sceptic's baseline): the best cut points on the fit years.
        public var volumeBaselineAccuracy: Double?
        public var reliability: [Bin]
        public var errors: [String]
    }

    public struct Bin: Encodable, Sendable {
        public var confidence: Double
        public var count: Int
        public var accuracy: Double?
    }

    /// The five classes, from most hostile to closest (the order of "within one class").
    public static let classes: [Assessment.Classification] = [
        .rivalry, .distant, .temporaryRapprochement, .strategicPartnership, .alliance,
    ]
    public var classes: [String] = Scorecard.classes.map(\.rawValue)
    public var periods: [Period]
    /// Rows: each labelled dyad-year with its prediction, confidence, rule and volume.
    public var predictions: [Prediction]

    public struct Prediction: Encodable, Sendable {
        public var a: String, b: String, year: Int
        public var label: String, predicted: String, rule: String?, confidence: Double
        public var coverage: Double?
        public var ambiguous: Bool
    }

    /// Whether one class is called the other and the two are far apart.
    public static func isGross(_ label: Assessment.Classification, _ predicted: Assessment.Classification) -> Bool {
        let close: Set<Assessment.Classification> = [.alliance, .strategicPartnership]
        return (close.contains(label) && predicted == .rivalry) || (label == .rivalry && close.contains(predicted))
    }

    /// The scores of one period (pure: used by the service and its tests).
    static func period(_ name: String, _ rows: [Prediction], baselineCuts: (Double, Double)?) -> Period {
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.rawValue, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
        for r in rows { if let i = index[r.label], let j = index[r.predicted] { confusion[i][j] += 1 } }
        func share(_ xs: [Prediction], _ ok: (Prediction) -> Bool) -> Double? {
            xs.isEmpty ? nil : Double(xs.filter(ok).count) / Double(xs.count)
        }
        let gross = rows.filter {
            guard let l = Assessment.Classification(rawValue: $0.label), let p = Assessment.Classification(rawValue: $0.predicted) else {
                return false
            }
            return isGross(l, p)
        }
        var baseline: Double?
        if let (low, high) = baselineCuts {
            baseline = share(rows) { r in
                guard let c = r.coverage else { return false }
                let guess = c <= low ? "distant" : c <= high ? "temporary rapprochement" : "rivalry"
                return guess == r.label
            }
        }
        let bins = Set(Judgement.calibration.map(\.probability)).sorted().map { p in
            let inBin = rows.filter { $0.confidence == p }
            return Bin(confidence: p, count: inBin.count, accuracy: share(inBin) { $0.label == $0.predicted })
        }
        return Period(
            name: name, labels: rows.count, accuracy: share(rows) { $0.label == $0.predicted },
            withinOneClass: share(rows) { abs((index[$0.label] ?? 0) - (index[$0.predicted] ?? 9)) <= 1 },
            unambiguousAccuracy: share(rows.filter { !$0.ambiguous }) { $0.label == $0.predicted },
            grossErrors: gross.map { "\($0.a)–\($0.b) \($0.year): \($0.label) called \($0.predicted)" }, confusion: confusion,
            volumeBaselineAccuracy: baseline, reliability: bins,
            errors: rows.filter { $0.label != $0.predicted }.map {
                "\($0.a)–\($0.b) \($0.year): \($0.label) called \($0.predicted) (\($0.rule ?? "-"))"
                    + ($0.ambiguous ? ", ambiguous label" : "")
            })
    }

    /// The volume baseline's cut points, fitted on some rows: coverage ≤ low is distant, ≤ high a
    /// rapprochement, above it a rivalry ("busy means rivals"), the pair maximising accuracy.
    static func volumeCuts(_ rows: [Prediction]) -> (Double, Double) {
        let grid = stride(from: 0.0, through: 1.0, by: 0.01).map { $0 }
        var best = (0.05, 0.5), bestHits = -1
        for low in grid {
            for high in grid where high >= low {
                let hits = rows.filter { r in
                    guard let c = r.coverage else { return false }
                    return (c <= low ? "distant" : c <= high ? "temporary rapprochement" : "rivalry") == r.label
                }.count
                if hits > bestHits { (best, bestHits) = ((low, high), hits) }
            }
        }
        return best
    }
}

extension Workspace {
    /// Scores the classification on labelled dyad-years (each assessed at December of its year,
    /// 12-month window, with every layer in the store and the knowledge base), reporting the
    /// years up to `fitUntil` and those after separately.
    public func scorecard(labels path: String, fitUntil: Int = 2020) throws -> Scorecard {
        let labels = try ClassLabel.read(path)
        var rows: [Scorecard.Prediction] = []
        for l in labels {
            guard let at = Month(year: l.year, month: 12) else {
                throw EntenteError(.invalidArgument, "label year \(l.year) is outside 1800–2199", file: path, line: l.line)
            }
            let x = try assess(AssessRequest(a: l.a, b: l.b, at: at))
            rows.append(
                .init(
                    a: l.a, b: l.b, year: l.year, label: l.classification.rawValue, predicted: x.classification.rawValue, rule: x.rule,
                    confidence: x.confidence, coverage: x.features?.coverage, ambiguous: l.ambiguous))
        }
        let fit = rows.filter { $0.year <= fitUntil }, held = rows.filter { $0.year > fitUntil }
        let cuts = Scorecard.volumeCuts(fit.isEmpty ? rows : fit)
        return Scorecard(
            periods: [
                Scorecard.period("up to \(fitUntil) (fit)", fit, baselineCuts: cuts),
                Scorecard.period("after \(fitUntil) (held out)", held, baselineCuts: cuts),
                Scorecard.period("all", rows, baselineCuts: cuts),
            ], predictions: rows)
    }
}
