// swift-tools-version: 6.1
// libFuzzer targets for Entente's readers of untrusted input (issue #15): GDELT and ICEWS rows, the
// cube's fast scanner, the knowledge-base loader. A separate package, not part of the root build:
// build and run them with ../scripts/fuzz (see README.md), which passes `-sanitize=fuzzer,address`;
// without it the executables do not link (libFuzzer provides `LLVMFuzzerRunDriver`).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which depends on where the project was cloned.
let entente = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// MARK: - Shared settings

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let core = Target.Dependency.product(name: "EntenteCore", package: entente)

/// One fuzzer: an executable whose `main.swift` defines `LLVMFuzzerTestOneInput` and runs libFuzzer.
func fuzzer(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport", core], swiftSettings: swiftSettings)
}

// MARK: - Package

let package = Package(
    name: "EntenteFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        // MARK: Support
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", core], swiftSettings: swiftSettings),

        // MARK: Fuzzers
        fuzzer("FuzzGDELT"),
        fuzzer("FuzzICEWS"),
        fuzzer("FuzzCube"),
        fuzzer("FuzzCubeParity"),
        fuzzer("FuzzKnowledge"),
    ],
    swiftLanguageModes: [.v6]
)
