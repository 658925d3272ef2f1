// Differential fuzzer: the cube's fast scanner (`CubeScanner`) against the reference row parser
// (`GDELTRowParser`), which its documentation says it matches rule for rule.
//
// Every line of the input is read both ways, as GDELT 1.0 and as GDELT 2.0. The run stops (a
// "crash") at the first line where they disagree: one keeps the row and the other does not, or
// they name different issues. The kept rows must also fill the same cube: the parser's events
// go through `PartialCubeAdapter` (the reference path the builder uses for ICEWS).
import FuzzSupport

@testable import EntenteCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCubeParity(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let lines = fuzzLines(UnsafeBufferPointer(start: data, count: size), chunkSize: 1 << 20)
    for format in [EventFormat.gdelt1, .gdelt2] {
        var scanner = CubeScanner(format: format)
        scanner.reportSkipped = true
        _ = scanner.scan(UnsafeRawBufferPointer(start: data, count: size), from: 0, to: size)
        var scanned: [Int: RowIssue] = [:]
        for report in scanner.reports { scanned[report.line] = report.issue }

        var parser = GDELTRowParser(format: format)
        var reference = PartialCubeAdapter(partial: PartialCube())
        var keptLines: [Int] = []
        for line in lines {
            let outcome = line.bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: line.number) }
            let scannerSays = scanned.removeValue(forKey: line.number).map { "\($0)" } ?? "kept"
            let parserSays: String
            switch outcome {
            case .event(let e):
                parserSays = "kept"
                reference.add(e)
                keptLines.append(line.number)
                require(reference.partial.ids.count == keptLines.count, "\(format) line \(line.number): the reference path drops an event")
            case .issue(let issue, let detail): parserSays = "\(issue) (\(detail))"
            case .blank, .header: parserSays = "kept"  // not a row: the scanner reports nothing either
            }
            require(
                scannerSays == parserSays || parserSays.hasPrefix(scannerSays + " ("),
                "\(format) line \(line.number): CubeScanner says \(scannerSays), GDELTRowParser says \(parserSays)")
        }
        require(scanned.isEmpty, "\(format): CubeScanner reports lines the parser never saw: \(scanned)")
        compare(scanner.partial, reference.partial, keptLines: keptLines, format: format)
    }
    return 0
}

/// Compares the rows both paths kept, row by row (they are in line order in both), then the cells.
func compare(_ fast: PartialCube, _ reference: PartialCube, keptLines: [Int], format: EventFormat) {
    require(fast.ids.count == keptLines.count, "\(format): CubeScanner kept \(fast.ids.count) rows, GDELTRowParser \(keptLines.count)")
    for (i, line) in keptLines.enumerated() {
        let differs = [
            ("cell", fast.rowKeys[Int(fast.keyRows[i])] != reference.rowKeys[Int(reference.keyRows[i])]),
            ("event-id key", fast.ids[i] != reference.ids[i]),
            ("one-a-day key", fast.keys[i] != reference.keys[i]),
            ("event code", fast.codes[i] != reference.codes[i]),
            ("Goldstein", fast.goldstein[i] != reference.goldstein[i]),
            ("articles", fast.articles[i] != reference.articles[i]),
            ("tone", fast.tone[i] != reference.tone[i]),
        ].filter(\.1).map(\.0)
        require(differs.isEmpty, "\(format) line \(line): CubeScanner and GDELTRowParser give another \(differs.joined(separator: ", "))")
    }
    require(fast.rowKeys == reference.rowKeys && fast.values == reference.values, "\(format): the cells hold other sums")
}

runLibFuzzer(fuzzCubeParity)
