import Foundation
import Testing

/// In the serialized tmux suite: a tmux test beside the others' competes for the processor.
extension EndToEndTests {
    /// The interface on a read-only file: it opens and shows the board; what would be written
    /// (the inspector's name) is refused on the status bar, and the file stays as it was.
    @Test func theInterfaceReadsAReadOnlyFileAndWritesNothing() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db) }

        let tui = try Tmux("readonly", command: ws.interfaceCommand(["--db", db]), directory: ws.url)
        defer { tui.kill() }
        try await tui.waitFor("the name prompt", timeout: 60) { $0.contains("Inspector's name") }
        try tui.type("Chen")
        try tui.send("Enter")
        try await tui.waitFor("home, saying the file is read-only", timeout: 60) { $0.contains("Next unit") && $0.contains("read-only") }
        try tui.send("b")
        try await tui.waitFor("the board", timeout: 60) { $0.contains("Buildings × categories") }
        try tui.send("q", "q", "q")
        try await tui.waitUntilGone(timeout: 60)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(["-wal", "-shm"].allSatisfy { !FileManager.default.fileExists(atPath: db + $0) })
    }
}
