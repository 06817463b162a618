import Foundation
import Testing

/// The README's set-up line and `.ci/run` install the same Debian packages, read from one
/// list (scripts/apt-packages.txt), so a new user's first line is what CI proves enough.
@Suite struct SetupLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The packages of scripts/apt-packages.txt: one a line, `#` starts a comment.
    static func listedPackages() throws -> Set<String> {
        Set(try text("scripts/apt-packages.txt").split(separator: "\n").flatMap { line in
            line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: " ").map(String.init)
        })
    }

    /// The first command block of the README.
    static func firstCommandBlock() throws -> [String] {
        let lines = try text("README.md").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("```") }),
              let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else { return [] }
        return Array(lines[(start + 1)..<end])
    }

    @Test func readmeFirstLineInstallsEveryListedPackage() throws {
        let block = try Self.firstCommandBlock()
        let prefix = "sudo apt-get update && sudo apt-get install -y "
        guard let line = block.first else { Issue.record("the README has no command block"); return }
        #expect(line.hasPrefix(prefix), "the first command of the README is the set-up line: \(line)")
        let named = Set(line.dropFirst(prefix.count).split(separator: "#")[0].split(separator: " ").map(String.init))
        let listed = try Self.listedPackages()
        #expect(!listed.isEmpty)
        #expect(named == listed, "README only: \(named.subtracting(listed).sorted()); list only: \(listed.subtracting(named).sorted())")
    }

    @Test func ciInstallsFromTheSameList() throws {
        let script = try Self.text(".ci/run")
        #expect(script.contains("scripts/apt-packages.txt"), ".ci/run reads the one list")
        #expect(script.contains("apt-get update"), ".ci/run updates the package lists before installing")
    }

    /// Every program the tests start is installed by a listed package.
    @Test func theListCoversTheProgramsTheTestsRun() throws {
        let listed = try Self.listedPackages()
        for package in ["tmux", "sqlite3", "chromium", "poppler-utils", "fonts-wqy-zenhei", "procps",
                        "libncursesw5-dev", "libsqlite3-dev"] {
            #expect(listed.contains(package), "\(package) is in scripts/apt-packages.txt")
        }
    }
}
