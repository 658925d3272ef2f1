public import EntenteCore
import Foundation

/// The five-number summary of a set of scores (nearest-rank quantiles).
public struct Quartiles: Encodable, Sendable {
    public var min: Double, q1: Double, median: Double, q3: Double, max: Double

    public init(_ values: [Double]) {
        let s = values.sorted()
        func q(_ p: Double) -> Double { s.isEmpty ? 0 : s[Int((p * Double(s.count - 1)).rounded())] }
        min = q(0)
        q1 = q(0.25)
        median = q(0.5)
        q3 = q(0.75)
        max = q(1)
    }
}

/// The behavioural weights fitted by class-balanced logistic regression, with their
/// cross-validated AUC.
public struct Calibration: Encodable, Sendable {
    public var features: [String]
    public var coefficients: [Double]
    /// Positive slopes normalised to sum to 1: the behavioural weights.
    public var weights: [String: Double]
    public var crossValidatedAUC: Double?
    /// The slope cooperative intensity (diplomatic) gets when fitted beside them: negative means
    /// it ranks rivals above allies, which is why it is kept out of the behavioural score.
    public var diplomaticSlope: Double?

    /// Fits the weights of durability, alignment and 1 − hostility; 5-fold cross-validation by
    /// index modulo 5 (deterministic).
    static func run(features x: [[Double]], labels y: [Bool]) -> Calibration {
        let names = ["durability", "alignment", "1 - hostility"]
        let w = Logistic.fit(x, y)
        let slopes = w.dropFirst().map { Swift.max(0, $0) }
        let total = slopes.reduce(0, +)
        var scores = [Double](repeating: 0, count: x.count)
        for fold in 0..<5 {
            let test = x.indices.filter { $0 % 5 == fold }, train = x.indices.filter { $0 % 5 != fold }
            let wf = Logistic.fit(train.map { x[$0] }, train.map { y[$0] })
            for i in test { scores[i] = zip(wf, [1.0] + x[i]).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        return Calibration(
            features: names, coefficients: w.map { ($0 * 1000).rounded() / 1000 },
            weights: Dictionary(uniqueKeysWithValues: zip(names, slopes.map { total > 0 ? (($0 / total) * 100).rounded() / 100 : 0 })),
            crossValidatedAUC: ROC.auc(scores: scores, labels: y), diplomaticSlope: nil)
    }
}

/// The `evaluate --labels` answer; its JSON keys `auc` and `baselineAUC` are stable.
public struct EvaluationReport: Encodable, Sendable {
    public var labels: Int, scored: Int, withoutData: Int, allies: Int, rivals: Int
    public var window: Int
    public var at: String?
    /// Behaviour: −(hostility relative to expectation) + 3 × the behavioural composite.
    public var auc: Double?
    /// The mean daily value of the series.
    public var baselineAUC: Double?
    /// Days in the news alone (days with a value in the window): the sceptic's baseline.
    public var volumeAUC: Double?
    /// Judgement v2's behaviour alone: −(hostility relative to expectation) over the window.
    public var relativeHostilityAUC: Double?
    /// The older behavioural composite (durability, alignment, 1 − hostility incidence), for comparison.
    public var compositeAUC: Double?
    /// The same three AUCs among salient pairs only (at least 180 days with a value a year), where
    /// volume cannot separate allies from rivals.
    public var salient: SalientAUC?

    public struct SalientAUC: Encodable, Sendable {
        public var allies: Int, rivals: Int
        public var auc: Double?, volumeAUC: Double?, relativeHostilityAUC: Double?, compositeAUC: Double?
    }
    /// The index without commitment (behavioural and intensity), for comparison.
    public var indexWithoutCommitmentAUC: Double?
    public var allyScores: Quartiles
    public var rivalScores: Quartiles
    public var mostWronglyRankedRivals: [String]
    public var mostWronglyRankedAllies: [String]
    public var calibration: Calibration?
}

/// `a,b,year,label` rows: the ally/rival labels `entente evaluate` reads.
public enum LabelsFile {
    public struct Row: Sendable {
        public var a: String
        public var b: String
        public var year: Int
        public var ally: Bool
    }

    /// Reads a labels file; labels other than ally/rival are ignored. Blank lines are skipped;
    /// line numbers in errors are the file's own lines (blank ones counted).
    ///
    /// - Throws: ``EntenteError`` `file-not-found` for a missing file, `unreadable-file` for a path
    ///   that is not a regular file, `malformed-row` naming the file and line of a bad row (columns,
    ///   ISO3 codes, a year outside ``RequestLimits/years``, a line over the line cap).
    public static func read(_ path: String) throws -> [Row] {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw EntenteError(.fileNotFound, "cannot read the labels file", file: path)
        }
        var rows: [Row] = []
        var splitter = LineSplitter()
        let cap = splitter.maxLineBytes
        var seenRow = false
        func handle(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
            let line = String(decoding: bytes, as: UTF8.self)
            guard !line.allSatisfy(\.isWhitespace) else { return }
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            defer { seenRow = true }
            if !seenRow && f.first?.lowercased() == "a" { return }
            guard f.count == 4, let year = Int(f[2]), let a = Country.iso3(f[0]), let b = Country.iso3(f[1]) else {
                throw EntenteError(.malformedRow, "expected a,b,year,label with ISO3 codes", file: path, line: number)
            }
            guard RequestLimits.years.contains(year) else {
                throw EntenteError(
                    .malformedRow,
                    "year \(year) is outside the years Entente handles (\(RequestLimits.years.lowerBound)–\(RequestLimits.years.upperBound))",
                    file: path, line: number)
            }
            switch f[3].lowercased() {
            case "ally", "allied", "alliance": rows.append(Row(a: a.code, b: b.code, year: year, ally: true))
            case "rival", "rivalry": rows.append(Row(a: a.code, b: b.code, year: year, ally: false))
            default: return
            }
        }
        func tooLong(_: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
            throw EntenteError(.malformedRow, LineSplitter.tooLongDetail(cap: cap), file: path, line: number)
        }
        try ByteChunks.forEachChunk(ofPlainFile: url) { chunk in try splitter.feed(chunk, tooLong: tooLong, handle) }
        try splitter.finish(handle)
        return rows
    }
}
