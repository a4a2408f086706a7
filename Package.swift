// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "StreetFlow",
    products: [
        .executable(name: "streetflowd", targets: ["streetflowd"]),
        .executable(name: "streetflow", targets: ["streetflow"]),
        .executable(name: "streetflow-notify", targets: ["streetflow-notify"]),
        .library(name: "Varlink", targets: ["Varlink"]),
        .library(name: "WorkflowModel", targets: ["WorkflowModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // systemd integration
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),

        // Varlink protocol (generic, reusable)
        .target(
            name: "Varlink",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Varlink IDL → Swift (structs, errors, handler protocol, client); see Sources/StreetFlowProtocol/generate.sh.
        .target(name: "VarlinkGenerator", dependencies: ["Varlink"]),
        .executableTarget(
            name: "varlink-swift-gen",
            dependencies: ["VarlinkGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The typed org.streetflow.* interfaces, generated from Interfaces/*.varlink.
        .target(name: "StreetFlowProtocol", dependencies: ["Varlink"], exclude: ["Interfaces", "generate.sh"]),

        // Workflow definitions, validation and the pure transition function
        .target(
            name: "WorkflowModel",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "WorkflowStore",
            dependencies: [
                "WorkflowModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API for the commit path's statements (the same system library GRDB links).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The district store: the same protocols on PostgreSQL (postgres-nio, no ORM), shared by several daemons.
        .target(
            name: "PostgresStore",
            dependencies: [
                "WorkflowModel", "WorkflowStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "StreetFlowEngine",
            dependencies: [
                "WorkflowModel", "WorkflowStore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "StreetFlowService",
            dependencies: [
                "StreetFlowEngine", "StreetFlowProtocol", "Varlink", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // What the CLI writes to a terminal: escapes of stored controls, its own colours, display widths, tables
        .target(name: "TerminalText", dependencies: ["WorkflowModel"]),
        .target(
            name: "StreetFlowClient",
            dependencies: ["StreetFlowProtocol", "Varlink"]
        ),
        // The daemon's wiring as a library: streetflowd only parses its arguments; tests build the same daemon
        // in-process.
        .target(
            name: "StreetFlowDaemon",
            dependencies: [
                "StreetFlowService", "StreetFlowProtocol", "StreetFlowEngine", "WorkflowStore", "PostgresStore",
                "Systemd", "Varlink", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "streetflowd",
            dependencies: [
                "StreetFlowDaemon", "StreetFlowService", "StreetFlowProtocol", "Systemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The reports and the printable 审批单: typed replies → HTML (Mustache templates, inline SVG), CSV, XLSX.
        .target(
            name: "StreetFlowReports",
            dependencies: [
                "StreetFlowProtocol", "WorkflowModel",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "streetflow",
            dependencies: [
                "StreetFlowClient", "StreetFlowProtocol", "StreetFlowReports", "Varlink", "WorkflowModel",
                "TerminalText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // Delivery outside the server (group robots, mail), in its own process: the daemon keeps no network.
        .target(
            name: "StreetFlowNotify",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "streetflow-notify", dependencies: ["StreetFlowNotify", "StreetFlowClient", "StreetFlowProtocol"]
        ),

        .testTarget(name: "WorkflowModelTests", dependencies: ["WorkflowModel"]),
        .testTarget(name: "VarlinkTests", dependencies: ["Varlink"]),
        .testTarget(
            name: "VarlinkGeneratorTests",
            dependencies: ["VarlinkGenerator", "Varlink", .product(name: "Logging", package: "swift-log")],
            exclude: ["Corners.varlink"]),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd"]),
        // Both stores for the conformance suite: SQLite in a temp directory, PostgreSQL in a throwaway cluster.
        .target(
            name: "StoreTestSupport",
            dependencies: ["WorkflowStore", "PostgresStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/StoreTestSupport"
        ),
        .testTarget(
            name: "WorkflowStoreTests",
            dependencies: [
                "WorkflowStore", "WorkflowModel", "PostgresStore", "StoreTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "StreetFlowEngineTests",
            dependencies: [
                "StreetFlowEngine", "WorkflowStore", "WorkflowModel", "PostgresStore", "StoreTestSupport",
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Launched by StreetFlowEngineTests' crash test (built by `swift build`, which CI runs before `swift test`).
        .executableTarget(
            name: "streetflow-crashload",
            dependencies: ["StreetFlowEngine", .product(name: "Logging", package: "swift-log")],
            path: "Tests/CrashLoad"
        ),
        // The approval workload (../shared/perf/WORKLOAD.md) over the daemon's socket from Swift threads; see BENCHMARKS.md.
        .executableTarget(name: "streetflow-bench", path: "Benchmarks/LoadDriver"),
        // A store the size a district reaches (1,000,000 events, 100,000 open), for restart and `show` times.
        .executableTarget(
            name: "streetflow-bench-store", dependencies: ["StreetFlowEngine", "WorkflowStore", "WorkflowModel"],
            path: "Benchmarks/BigStore", exclude: ["restart-and-show.sh"]),
        // Per-layer micro-benchmarks (ordo-one/benchmark): `swift package benchmark`, or the executable alone.
        .executableTarget(
            name: "streetflow-layers",
            dependencies: [
                "StreetFlowEngine", "WorkflowStore", "WorkflowModel", "Varlink",
                .product(name: "Benchmark", package: "benchmark"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Layers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Typed Varlink encode/decode against the hand-written path; `swift run -c release streetflow-protocol-bench`.
        .executableTarget(
            name: "streetflow-protocol-bench",
            dependencies: ["StreetFlowProtocol", "Varlink"],
            path: "Benchmarks/ProtocolCodec"
        ),
        // libFuzzer targets (Deploy/dev/fuzz.sh builds them with -sanitize=fuzzer); an ordinary build replays inputs.
        .executableTarget(
            name: "streetflow-fuzz",
            dependencies: [
                "Varlink", "WorkflowModel", "StreetFlowProtocol", "StreetFlowService", "TerminalText",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Tests/Fuzz",
            exclude: ["Corpus", "lsan.supp"]
        ),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
        .testTarget(
            name: "StreetFlowReportsTests",
            dependencies: [
                "StreetFlowReports", "StreetFlowProtocol", "Varlink",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "StreetFlowServiceTests",
            dependencies: [
                "StreetFlowService", "StreetFlowClient", "StreetFlowProtocol", "Varlink", "StoreTestSupport",
                "PostgresStore", "WorkflowStore",
            ]),
        .testTarget(name: "StreetFlowCLITests", dependencies: []),
        .testTarget(
            name: "StreetFlowDaemonTests",
            dependencies: [
                "StreetFlowDaemon", "StreetFlowService", "StreetFlowClient", "StreetFlowProtocol", "Varlink",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
