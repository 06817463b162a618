// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "yanfang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yanfang", targets: ["yanfang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The rules of mock inspection: values and pure functions only.
        .target(name: "InspectionCore"),
        // The SQLite file: the only module that imports GRDB.
        .target(
            name: "InspectionStore",
            dependencies: [
                "InspectionCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own functions, for the rows a rebuild or a merge writes by the hundred thousand (RowWriter).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Cells, display width, styles, events, the Terminal protocol, widgets. No curses.
        .target(name: "TerminalKit"),
        // In-memory terminal for screen tests: replays events, records frames.
        .target(name: "TerminalTesting", dependencies: ["TerminalKit"]),
        // ncursesw through a header shim; only NcursesTerminal imports it.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "NcursesTerminal", dependencies: ["TerminalKit", "CNcursesw"]),
        // Shipped checklists and demo fixtures, embedded in the binary at build time.
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedDefaults", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        .target(name: "DefaultData", dependencies: ["InspectionCore", "ProjectFiles"], plugins: ["EmbedDefaults"]),
        // The files people hand us: checklist YAML and layout CSV, parsed to core values with file:line errors.
        .target(
            name: "ProjectFiles",
            dependencies: [
                "InspectionCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The demo project and the synthetic generator for benchmarks.
        .target(
            name: "InspectionDemo",
            dependencies: [
                "InspectionCore", "InspectionStore", "ProjectFiles", "DefaultData",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // What leads, contractors and scripts read: JSON views, rectification lists, reports.
        .target(
            name: "InspectionReports",
            dependencies: [
                "InspectionCore", "InspectionStore", "TerminalKit",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "InspectionTUI",
            dependencies: ["InspectionCore", "InspectionStore", "InspectionReports", "TerminalKit"]
        ),
        .executableTarget(
            name: "yanfang",
            dependencies: [
                "InspectionCore", "InspectionStore", "InspectionTUI", "TerminalKit",
                "NcursesTerminal", "DefaultData", "ProjectFiles", "InspectionDemo", "InspectionReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times the interface's keystroke path on a large project (scripts/bench.sh).
        .executableTarget(
            name: "yanfang-bench",
            dependencies: ["InspectionCore", "InspectionStore", "InspectionTUI", "TerminalKit", "InspectionDemo"]
        ),
        // A small checklist shared by the rule and store tests.
        .target(name: "InspectionFixtures", dependencies: ["InspectionCore"], path: "Tests/InspectionFixtures"),
        .testTarget(
            name: "InspectionCoreTests",
            dependencies: [
                "InspectionCore", "InspectionFixtures",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "InspectionStoreTests",
            dependencies: [
                "InspectionStore", "InspectionCore", "InspectionFixtures", "DefaultData", "ProjectFiles",
                // The demo's history, rebuilt like any project's.
                "InspectionDemo",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // To read a file of an older schema as it is, before the store migrates it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["V1Fixture"]
        ),
        .testTarget(name: "ProjectFilesTests", dependencies: ["ProjectFiles", "InspectionCore", "DefaultData"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalTesting"]),
        .testTarget(
            name: "InspectionTUITests",
            dependencies: ["InspectionTUI", "InspectionStore", "InspectionDemo", "TerminalKit", "TerminalTesting"]
        ),
        .testTarget(
            name: "InspectionReportsTests",
            dependencies: ["InspectionReports", "InspectionStore", "InspectionCore", "InspectionDemo"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["yanfang"]),
    ]
)
