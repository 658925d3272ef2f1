// swift-tools-version: 6.1
// In-process benchmarks of Entente's hot paths (ordo-one/benchmark). Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark
// Whole-process comparisons against DuckDB and polars are in ../scripts/bench-cube.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which depends on where the project was cloned.
let entente = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "EntenteBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CubeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EntenteCore", package: entente),
            ],
            path: "Benchmarks/CubeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
