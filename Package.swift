// swift-tools-version: 6.1
import PackageDescription

// MARK: - Shared settings

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// MARK: - Package

let package = Package(
    name: "Entente",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "entente", targets: ["EntenteCLI"]),
        .library(name: "EntenteCore", targets: ["EntenteCore"]),
        .library(name: "EntenteStore", targets: ["EntenteStore"]),
        .library(name: "EntenteServices", targets: ["EntenteServices"]),
        .library(name: "EntenteServer", targets: ["EntenteServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // MARK: Libraries
        .target(name: "CEntenteSIMD"),
        .target(
            name: "EntenteCore",
            dependencies: [
                "CEntenteSIMD",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/KnowledgeBase"), .copy("Resources/Structural")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EntenteStore",
            dependencies: [
                "EntenteCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EntenteServices",
            dependencies: ["EntenteCore", "EntenteStore", "EntenteFetch"],
            resources: [.copy("Resources/Spark")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EntenteServer",
            dependencies: [
                "EntenteCore",
                "EntenteServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EntenteFetch",
            dependencies: [
                "EntenteCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EntenteTestSupport",
            dependencies: ["EntenteCore"],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "EntenteCLI",
            dependencies: [
                "EntenteCore",
                "EntenteServices",
                "EntenteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "EntenteCoreTests",
            dependencies: ["EntenteCore", "EntenteTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteStoreTests",
            dependencies: ["EntenteCore", "EntenteStore", "EntenteTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteServicesTests",
            dependencies: ["EntenteCore", "EntenteStore", "EntenteServices", "EntenteTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteServerTests",
            dependencies: [
                "EntenteCore", "EntenteServices", "EntenteServer", "EntenteTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteFetchTests",
            dependencies: ["EntenteCore", "EntenteFetch", "EntenteServices", "EntenteTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteCLITests",
            dependencies: ["EntenteCore", "EntenteTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EntenteReliabilityTests",
            dependencies: [
                "EntenteCore", "EntenteStore", "EntenteServices", "EntenteTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
