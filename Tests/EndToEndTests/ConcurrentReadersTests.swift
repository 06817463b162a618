import Foundation
import Testing

/// Readers that open the file read-only (immutable when no log is there) run alongside
/// writers that come and go: every read succeeds, and the file checks out at the end.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ConcurrentReadersTests {
    @Test func readsAlongsideWritersAllSucceedAndTheFileChecksOut() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Workspace.twentyUnits.rows)
        try ws.yanfangOK("contractor", "add", "明远门窗", "--trades", "windows,entry-door", "--db", db)
        try ws.yanfangOK("round", "open", "--db", db)
        let units = Workspace.twentyUnits.codes

        let writerFailures = LockedList()
        let done = DispatchSemaphore(value: 0)
        let (binary, environment, folder) = (ws.binary, ws.environment, ws.url)
        DispatchQueue.global().async {
            for unit in units {
                for arguments in [["defect", "add", "--unit", unit, "--item", "DW-01", "--note", "门扇关闭不严"], ["inspect", unit, "--pass-remaining"]] {
                    if let result = try? runProcess(binary, arguments + ["--db", db], environment: environment, directory: folder), result.status != 0 {
                        writerFailures.append("\(arguments.prefix(2)): \(result.stderr)")
                    }
                }
            }
            done.signal()
        }
        var reads = 0
        var readFailures: [String] = []
        while done.wait(timeout: .now()) == .timedOut {
            for arguments in [["board", "--json"], ["export", "rectification", "--contractor", "明远门窗", "--format", "csv"], ["round", "status", "--json"]] {
                let result = try ws.yanfang(arguments + ["--db", db])
                reads += 1
                if result.status != 0 { readFailures.append("\(arguments.prefix(2)): \(result.stderr)") }
            }
        }
        #expect(writerFailures.items.isEmpty, "\(writerFailures.items)")
        #expect(readFailures.isEmpty, "\(readFailures)")
        #expect(reads >= 6, "the readers ran while the writers did")
        struct Board: Decodable { struct Totals: Decodable { var open: Int }; var totals: Totals }
        #expect(try ws.json(Board.self, "board", "--json", "--db", db).totals.open == units.count)
        let check = try ws.yanfang("check", "--db", db)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}

/// A list several threads append to.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.lock(); list.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
