// Fuzzes the GDELT 1.0 and 2.0 row parser (`GDELTRowParser`) with whole files: the input is split
// into lines as `EventFileReader` splits it, the first line's format is detected, and every line
// is parsed as GDELT 1.0 and as GDELT 2.0.
//
// Besides crashes (ASan, traps, overflows), it checks what the parser promises:
// - splitting does not depend on where chunks end (whole input, then 7-byte chunks);
// - an event is between two states, with a CAMEO code, Goldstein in -10...10, a tone within
//   `toneRange` and counts within 0...`maxCount`;
// - a row that is not an event names an issue (never `.header`, which only ICEWS has).
import EntenteCore
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGDELT(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let lines = fuzzLines(input, chunkSize: 1 << 20)
    let chunked = fuzzLines(input, chunkSize: 7)
    require(lines == chunked, "LineSplitter gives other lines when fed in 7-byte chunks")

    if let first = lines.first(where: { !$0.bytes.isEmpty }) {
        _ = first.bytes.withUnsafeBufferPointer { EventFormat.detect(firstLine: $0) }
    }
    for format in [EventFormat.gdelt1, .gdelt2] {
        var parser = GDELTRowParser(format: format)
        for line in lines {
            let outcome = line.bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: line.number) }
            check(outcome, line: line, format: format)
        }
    }
    return 0
}

func check(_ outcome: RowOutcome, line: FuzzLine, format: EventFormat) {
    switch outcome {
    case .blank:
        require(line.bytes.isEmpty, "line \(line.number): a non-empty line is .blank")
    case .header:
        require(false, "line \(line.number): GDELT has no header, yet .header")
    case .issue:
        break
    case .event(let e):
        require(e.dataset == format.dataset, "line \(line.number): dataset \(e.dataset) read as \(format)")
        for side in [e.source, e.target] {
            require(Country.iso3(side.country)?.isStateLike == true, "line \(line.number): '\(side.country)' is not a state")
        }
        require(CAMEOEventCode.lookup(e.eventCode) != nil, "line \(line.number): unknown code '\(e.eventCode)' kept")
        require((-10...10).contains(e.goldstein), "line \(line.number): Goldstein \(e.goldstein)")
        require(e.avgTone.map(GDELTRowParser.toneRange.contains) ?? false, "line \(line.number): tone \(String(describing: e.avgTone))")
        for count in [e.numMentions, e.numSources, e.numArticles] {
            require(
                count.map { (0...GDELTRowParser.maxCount).contains($0) } ?? false, "line \(line.number): count \(String(describing: count))"
            )
        }
    }
}

runLibFuzzer(fuzzGDELT)
