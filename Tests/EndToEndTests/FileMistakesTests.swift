import Foundation
import Testing

/// Mistakes with files a person hands over, each one line; a killed `init` leaves nothing
/// behind for long.
@Suite(.serialized) struct FileMistakesTests {
    @Test func aFolderGivenAsTheLayoutSaysSo() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.path("layouts"), withIntermediateDirectories: true)
        let result = try ws.yanfang("init", "--db", ws.path("p.db"), "--project", "p", "--delivery", "2027-03-01", "--layout", ws.path("layouts"))
        #expect(result.status == 2)
        #expect(result.stderr == "yanfang: \(ws.path("layouts")): a folder, not a layout file (give the CSV inside it)\n")
        #expect(!FileManager.default.fileExists(atPath: ws.path("p.db")))
    }

    @Test func theNextInitRemovesTheTemporaryFilesOfAKilledOne() throws {
        let ws = try Workspace()
        let db = ws.path("p.db")
        // A process that has ended: its pid names a killed init's temporary file.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = db + ".creating-\(ended.processIdentifier)"
        for suffix in ["", "-wal", "-shm"] {
            #expect(FileManager.default.createFile(atPath: stale + suffix, contents: Data("half-made".utf8)))
        }
        // Another file that merely looks alike, and one of a live process (this test), stay.
        let other = ws.path("other.db.creating-\(ended.processIdentifier)")
        let live = db + ".creating-\(getpid())"
        for path in [other, live] { #expect(FileManager.default.createFile(atPath: path, contents: Data())) }
        try ws.yanfangOK("init", "--db", db, "--project", "p", "--delivery", "2027-03-01")
        let left = try FileManager.default.contentsOfDirectory(atPath: ws.url.path).sorted()
        #expect(left == ["other.db.creating-\(ended.processIdentifier)", "p.db", "p.db.creating-\(getpid())"], "\(left)")
    }
}
