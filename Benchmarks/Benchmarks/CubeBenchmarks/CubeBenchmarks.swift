import Benchmark
import EntenteCore
import Foundation

/// Real GDELT rows from ../shared/data (or $ENTENTE_DATA), repeated to `copies` times their size.
func realInput(copies: Int) -> URL {
    let data = ProcessInfo.processInfo.environment["ENTENTE_DATA"] ?? "../../shared/data"
    let source = URL(fileURLWithPath: data).appendingPathComponent("gdelt1-samples/westafrica_1979-1997.gdelt1.tsv")
    guard let bytes = try? Data(contentsOf: source) else { fatalError("shared data not found at \(data): set ENTENTE_DATA") }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("entente-bench-\(copies).tsv")
    if !FileManager.default.fileExists(atPath: out.path) {
        var all = Data()
        for _ in 0..<copies { all.append(bytes) }
        try? all.write(to: out)
    }
    return out
}

let benchmarks: @Sendable () -> Void = {
    let input = realInput(copies: 4)  // ~94 MB of real GDELT 1.0 rows
    let bytes = Int((try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0)

    // Field scanning and cube building from raw bytes (one thread: the per-core hot path).
    Benchmark(
        "cube build, 1 thread (94 MB of GDELT 1.0)",
        configuration: .init(metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var cube = DyadCube()
            let report = CubeBuilder.build(files: [input], into: &cube, threads: 1)
            blackHole(report.kept)
        }
        _ = bytes
    }

    Benchmark(
        "cube build, 2 threads, with merge",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var cube = DyadCube()
            blackHole(CubeBuilder.build(files: [input], into: &cube, threads: 2).kept)
        }
    }

    // A dyad query from the cube file: binary search over the memory-mapped keys.
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("entente-bench-home").path
    let cubePath = DyadCube.defaultPath(home: home)
    var cube = DyadCube()
    _ = CubeBuilder.build(files: [input], into: &cube, threads: 2)
    try? cube.write(to: cubePath)
    Benchmark(
        "dyad query from the cube file (LBR→NGA, all months)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? DyadCube.cells(from: "LBR", to: "NGA", in: cubePath))
        }
    }
}
