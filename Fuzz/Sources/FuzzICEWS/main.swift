// Fuzzes the ICEWS row parser (`ICEWSRowParser`) with whole files: the input is split into lines
// as `EventFileReader` splits it and fed to one parser, the first line being the header that
// names the columns.
//
// Besides crashes, it checks that an event is between two states, with a CAMEO code and an
// Intensity in -10...10, and that the header is the line the format was detected from (the
// first non-blank line, which `EventFileReader` hands over with its own line number), and no
// other line.
import EntenteCore
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICEWS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let lines = fuzzLines(fuzzInput(data, size), chunkSize: 1 << 20)
    let first = lines.first { !$0.bytes.isEmpty }
    let detected = first?.bytes.withUnsafeBufferPointer { EventFormat.detect(firstLine: $0) }
    var parser = ICEWSRowParser()
    for line in lines {
        let outcome = line.bytes.withUnsafeBufferPointer { parser.parse($0, lineNumber: line.number) }
        switch outcome {
        case .blank:
            require(line.bytes.isEmpty, "line \(line.number): a non-empty line is .blank")
        case .header:
            require(line.number == first?.number, "line \(line.number) taken as a header")
        case .issue(let issue, let detail):
            require(
                detected != .icews || line.number != first?.number,
                "line \(line.number), detected as an ICEWS header, is a row: \(issue) (\(detail))")
        case .event(let e):
            require(e.dataset == .icews, "line \(line.number): dataset \(e.dataset)")
            for side in [e.source, e.target] {
                require(Country.iso3(side.country)?.isStateLike == true, "line \(line.number): '\(side.country)' is not a state")
            }
            require(CAMEOEventCode.lookup(e.eventCode) != nil, "line \(line.number): unknown code '\(e.eventCode)' kept")
            require((-10...10).contains(e.goldstein), "line \(line.number): Intensity \(e.goldstein)")
        }
    }
    return 0
}

runLibFuzzer(fuzzICEWS)
