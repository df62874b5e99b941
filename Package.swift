// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "commentmod",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "commentmod", targets: ["commentmod"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The only code that sees libpq's C API.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // The only code that sees ICU: plain C functions so ICU's headers never meet Foundation's copy.
        .target(
            name: "UnicodeSupport",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        // glibc's mallopt, for the worker process's allocator settings (see WorkerAllocator).
        .systemLibrary(name: "CAllocator"),
        // Byte classification 64 bytes at a time (SSE2 movemask), inlined into the core's scanning loops.
        .target(name: "ByteMasks"),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // Pure: no I/O, no libpq.
        .target(name: "ModerationCore", dependencies: ["UnicodeSupport", "ByteMasks"]),
        // Every SQL statement of the application.
        .target(
            name: "ModerationStore",
            dependencies: [
                "PostgresClient", "ModerationCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The daemon: batches, reconnects, graceful shutdown, operator logs.
        .target(
            name: "ModerationWorker",
            dependencies: [
                "ModerationCore", "ModerationStore", "PostgresClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Commands, kept in a library so tests can drive them in-process.
        .target(
            name: "CommentmodCLI",
            dependencies: [
                "ModerationCore", "ModerationStore", "ModerationWorker", "PostgresClient", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "commentmod", dependencies: ["CommentmodCLI"]),
        .executableTarget(name: "commentmod-bench", dependencies: ["ModerationCore", "PostgresClient"]),

        .target(
            name: "DatabaseTestSupport",
            dependencies: ["PostgresClient", "ModerationStore"],
            path: "Tests/DatabaseTestSupport"
        ),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "DatabaseTestSupport"]),
        .testTarget(name: "ModerationCoreTests", dependencies: ["ModerationCore", "ByteMasks"]),
        .testTarget(
            name: "ModerationStoreTests",
            dependencies: ["ModerationStore", "ModerationCore", "PostgresClient", "DatabaseTestSupport"]
        ),
        .testTarget(
            name: "ModerationWorkerTests",
            dependencies: [
                "ModerationWorker", "ModerationStore", "ModerationCore", "PostgresClient", "DatabaseTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "CommentmodCLITests",
            dependencies: ["CommentmodCLI", "ModerationStore", "PostgresClient", "DatabaseTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
