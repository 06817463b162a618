import Foundation
import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The team in the interface: the home screen's Team row, `S` (sync with the folder the last
/// sync used) and `C` (the conflicts screen, where a lead keeps one side with a note).
///
/// The laptops: the demo (laptop A, the app's file) and a replica joined from it in memory
/// (laptop B). On the re-check of 1-3SJVA (1-2-0602's first), A records a pass at 10:01 and
/// B a failure at 10:02; B's work comes to A by a merge, so A holds one conflict with A's
/// pass as side 1 and B's failure as side 2.
@Suite struct TeamScreens {
    static let recheckCode = "1-3SJVA"

    struct Team {
        var a: InspectionStore
        var b: InspectionStore
        var bTag: String
        var folder: URL
    }

    func context(_ actor: String, minutes: Double) -> ActionContext {
        ActionContext(actor: actor, at: testNow.addingTimeInterval(minutes * 60), today: testToday)
    }

    /// Laptop A (the demo, named 王建国) and laptop B joined from it, each in memory, and an
    /// empty temporary folder.
    func team() throws -> Team {
        let a = try demoStore()
        let b = try InspectionStore.inMemory()
        let joined = try InspectionStore.join(source: a, into: b, context: context("周工", minutes: 0))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return Team(a: a, b: b, bTag: joined.tag, folder: folder)
    }

    /// The team with the conflicting re-checks of 1-3SJVA merged into A.
    func conflicted() throws -> Team {
        let t = try team()
        _ = try t.a.write(context("林工", minutes: 1)) { try $0.recheck(code: Self.recheckCode, passed: true, note: "已修好") }
        _ = try t.b.write(context("周工", minutes: 2)) { try $0.recheck(code: Self.recheckCode, passed: false, note: "仍渗水") }
        let merged = try t.a.merge(from: t.b)
        #expect(merged.newEvents == 1 && merged.replicas == 1)
        return t
    }

    /// Runs the app on A with `script`, checks every row is exactly the terminal's width, and
    /// returns the screen with trailing spaces trimmed.
    func screen(_ store: InspectionStore, _ script: String, language: Language, width: Int, height: Int) throws -> [String] {
        try wholeScreen(store, script, language: language, width: width, height: height)
    }

    static let sizes = [(80, 24), (100, 30)]

    // MARK: - Home: the Team row

    /// After a sync at 10:00 with a conflict in the file: the Team row says when, how many
    /// replicas (A and B) and the conflict to resolve, in the warning colour; S and C are on
    /// the status bar. Every line of the home screen.
    @Test(arguments: [Language.zh, .en], sizes)
    func homeShowsTheTeam(language: Language, size: (Int, Int)) throws {
        let t = try conflicted()
        defer { try? FileManager.default.removeItem(at: t.folder) }
        _ = try t.a.sync(folder: t.folder.path, now: testNow)
        let expected = try #require(Self.expected["home_\(language)_\(size.0)x\(size.1)"])
        #expect(try screen(t.a, "", language: language, width: size.0, height: size.1) == expected)
    }

    /// A file that never synced and has no conflicts: the row says so, and neither S nor C is
    /// on the status bar (they are in the `?` help).
    @Test(arguments: [Language.zh, .en])
    func homeBeforeAnySync(language: Language) throws {
        let lines = try screen(try demoStore(), "", language: language, width: 80, height: 24)
        let row = language == .zh ? "  协同      尚未同步 · 已知 1 台电脑  S 同步" : "  Team       not synced yet · 1 replica heard of  S to sync"
        #expect(lines[8] == row, "\(lines.joined(separator: "\n"))")
        #expect(lines[23] == (language == .zh
            ? " Enter 户号列表  n 下一户  b 问题看板  q 退出  / 查找  ? 帮助"
            : " Enter units  n next unit  b defect board  q quit  / find  ? help"))
        let help = try screen(try demoStore(), "?", language: language, width: 100, height: 30).joined(separator: "\n")
        #expect(help.contains(language == .zh ? "│ S       同步  " : "│ S       sync  "), "\(help)")
        #expect(help.contains(language == .zh ? "│ C       冲突  " : "│ C       conflicts  "), "\(help)")
    }

    // MARK: - S

    @Test func syncWithoutARememberedFolderSaysSo() throws {
        let store = try demoStore()
        let events = try store.events().count
        let lines = try screen(store, "S", language: .en, width: 100, height: 30)
        // The message on the right; the hints that fit whole before it (the help key kept).
        #expect(lines[29] == " Enter units  ? help           No sync folder yet: run yanfang sync FOLDER once on the command line")
        let zh = try screen(store, "S", language: .zh, width: 100, height: 30)
        #expect(zh[29] == " Enter 户号列表  n 下一户  ? 帮助        尚未设置同步文件夹：先在命令行运行一次 yanfang sync 文件夹")
        #expect(try store.events().count == events)
        #expect(try store.syncStatus().folder == nil)
    }

    /// The folder holds B's copy; A syncs once from the command line (remembering the folder
    /// and taking B's first result); B passes one more item and leaves a new copy; `S` in
    /// A's interface brings that one record in and leaves A's own copy in the folder.
    @Test func syncWithTheRememberedFolderMergesWhatIsNew() throws {
        let t = try team()
        defer { try? FileManager.default.removeItem(at: t.folder) }
        let theirs = t.folder.appendingPathComponent("replica-\(t.bTag).yanfang").path
        _ = try t.b.write(context("周工", minutes: 1)) { try $0.recordItem(unit: "1-2-0101", item: "DW-01", room: "入户门", outcome: .pass) }
        _ = try t.b.writeSnapshot(to: theirs)
        let first = try t.a.sync(folder: t.folder.path, now: testNow)
        #expect(first.merged.newEvents == 1 && first.others == 1)
        _ = try t.b.write(context("周工", minutes: 2)) { try $0.recordItem(unit: "1-2-0101", item: "DW-02", room: "入户门", outcome: .pass) }
        _ = try t.b.writeSnapshot(to: theirs)

        let events = try t.a.events().count
        let app = try makeApp(t.a, language: .en)
        let terminal = drive(app, "S", width: 100, height: 30)
        let lines = terminal.trimmedScreen
        #expect(lines[29] == " Enter units  n next unit  b defect board  S sync  ? help       Synced: 1 new record from 1 replica",
                "\(lines[29])")
        #expect(lines[8] == "  Team       last sync 10:00 · 2 replicas heard of  S to sync", "\(lines.joined(separator: "\n"))")
        #expect(try t.a.events().count == events + 1)
        let unit = try #require(try t.a.unit(code: "1-2-0101"))
        let results = try t.a.unitRound(unit: unit, round: 2).results
        #expect(results.result(RoomItem(room: "入户门", item: "DW-02")) == .pass)
        let mine = try t.a.replicaIdentity().tag
        #expect(FileManager.default.fileExists(atPath: t.folder.appendingPathComponent("replica-\(mine).yanfang").path))

        // Again: nothing new.
        let again = drive(app, "S", width: 100, height: 30).trimmedScreen
        #expect(again[29].hasSuffix(" Synced: nothing new"), "\(again[29])")
    }

    // MARK: - C

    /// The conflicts screen lists the conflict; the pane shows both sides with their laptops
    /// and people; `1` (the passing side), a note and Enter resolve it: no conflict is left
    /// and the defect is closed, its failure set aside.
    @Test func theLeadKeepsThePassingSide() throws {
        let t = try conflicted()
        let views = try t.a.conflicts()
        let view = try #require(views.first)
        #expect(views.count == 1 && view.conflict.kind == .recheckResults && view.defectCode == Self.recheckCode)
        let passing = try #require(view.sides.firstIndex { side in
            if case .defectRechecked(let r) = side.event.body { return r.passed } else { return false }
        }) + 1
        #expect(passing == 1)
        #expect(try t.a.defect(code: Self.recheckCode).defect.status == .open)  // the cautious reading

        let app = try makeApp(t.a, language: .en)
        let listed = drive(app, "C", width: 100, height: 30).trimmedScreen
        #expect(listed.contains(" \(view.conflict.shortName)  round 2  1-2-0602  re-check passed and failed  1-3SJVA"), "\(listed.joined(separator: "\n"))")
        let mine = try t.a.replicaIdentity().tag
        #expect(listed.contains(" 1. laptop \(mine)  2026-11-23 10:01  round 2  林工  re-check passed: 已修好"), "\(listed.joined(separator: "\n"))")
        #expect(listed.contains(" 2. laptop \(t.bTag)  2026-11-23 10:02  round 2  周工  re-check failed: 仍渗水"), "\(listed.joined(separator: "\n"))")

        let prompted = drive(app, "\(passing)", width: 100, height: 30)
        #expect(prompted.shows("Why (kept in the history)"))
        let resolved = drive(app, "复查时漏看，实际已修好<enter>", width: 100, height: 30).trimmedScreen
        #expect(try t.a.conflicts().isEmpty)
        #expect(try t.a.conflictCount() == 0)
        let defect = try t.a.defect(code: Self.recheckCode).defect
        #expect(defect.status == .closed && defect.failedRechecks == 0)
        #expect(resolved.contains("  No conflicts to resolve"), "\(resolved.joined(separator: "\n"))")
        #expect(resolved[29].hasSuffix(" Resolved \(view.conflict.shortName)"), "\(resolved[29])")
        let note = try t.a.events().last
        #expect(note?.actor == "王建国")
        if case .conflictResolved(let r)? = note?.body { #expect(r.note == "复查时漏看，实际已修好") } else { Issue.record("\(String(describing: note))") }

        // Back home, the Team row has no conflict left.
        let home = drive(app, "<esc>", width: 100, height: 30).trimmedScreen
        #expect(home[8] == "  Team       not synced yet · 2 replicas heard of  S to sync", "\(home.joined(separator: "\n"))")
    }

    /// Two results for one item (A passes 1-2-0101's entry door DW-01, B records a defect on
    /// it): the row names the room and the item in the interface's language, and each side
    /// says what its laptop recorded there.
    @Test(arguments: [Language.zh, .en])
    func anItemConflictNamesTheRoomAndItem(language: Language) throws {
        let t = try team()
        _ = try t.a.write(context("林工", minutes: 1)) { try $0.recordItem(unit: "1-2-0101", item: "DW-01", room: "入户门", outcome: .pass) }
        _ = try t.b.write(context("周工", minutes: 2)) {
            try $0.addDefect(unit: "1-2-0101", item: "DW-01", room: "入户门", note: "门扇关闭不严", severity: .minor, contractor: .none)
        }
        _ = try t.a.merge(from: t.b)
        let view = try #require(try t.a.conflicts().first)
        #expect(view.conflict.kind == .itemResults)
        let lines = try screen(t.a, "C", language: language, width: 100, height: 30)
        let mine = try t.a.replicaIdentity().tag
        let expected = language == .zh
            ? [" \(view.conflict.shortName)  第2轮  1-2-0101  同一项结果不同  入户门 DW-01 入户门开启关闭",
               " 1. 电脑 \(mine)  2026-11-23 10:01  第2轮  林工  入户门 DW-01：合格",
               " 2. 电脑 \(t.bTag)  2026-11-23 10:02  第2轮  周工  发现：门扇关闭不严（轻微，（未指定单位））"]
            : [" \(view.conflict.shortName)  round 2  1-2-0101  two results for one item  Entry door DW-01 Entry door opens and closes",
               " 1. laptop \(mine)  2026-11-23 10:01  round 2  林工  Entry door DW-01: pass",
               " 2. laptop \(t.bTag)  2026-11-23 10:02  round 2  周工  found: 门扇关闭不严 (minor, (no contractor))"]
        for line in expected { #expect(lines.contains(line), "\(line)\n\(lines.joined(separator: "\n"))") }
    }

    /// The conflicts screen, every line, in both languages at 80×24 and 100×30 (C-XXXXX stands for the
    /// conflict's name, A and B for the laptops' tags).
    @Test(arguments: [Language.zh, .en], sizes)
    func conflictsScreen(language: Language, size: (Int, Int)) throws {
        let t = try conflicted()
        let name = try #require(try t.a.conflicts().first).conflict.shortName
        let mine = try t.a.replicaIdentity().tag
        let expected = try #require(Self.expected["conflicts_\(language)_\(size.0)x\(size.1)"]).map { line in
            line.replacingOccurrences(of: "C-XXXXX", with: name)
                .replacingOccurrences(of: "⟨A⟩", with: mine).replacingOccurrences(of: "⟨B⟩", with: t.bTag)
        }
        #expect(try screen(t.a, "C", language: language, width: size.0, height: size.1) == expected)
    }

    static let expected: [String: [String]] = [
        "home_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 29/109 项",
            "  验收人    王建国  i 更换",
            "  协同      上次同步 10:00 · 已知 2 台电脑 · 1 项冲突待裁定（C）  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter 户号列表  n 下一户  b 问题看板  S 同步  C 冲突  q 退出  / 查找  ? 帮助",
        ],
        "home_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 29/109 项",
            "  验收人    王建国  i 更换",
            "  协同      上次同步 10:00 · 已知 2 台电脑 · 1 项冲突待裁定（C）  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter 户号列表  n 下一户  b 问题看板  S 同步  C 冲突  q 退出  / 查找  ? 帮助",
        ],
        "home_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             29/109 re-checks done",
            "  Inspector  王建国  i to change",
            "  Team       last sync 10:00 · 2 replicas heard of · 1 conflict to resolve (C)",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter units  n next unit  b defect board  S sync  C conflicts  q quit  ? help",
        ],
        "home_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             29/109 re-checks done",
            "  Inspector  王建国  i to change",
            "  Team       last sync 10:00 · 2 replicas heard of · 1 conflict to resolve (C)  S to sync",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter units  n next unit  b defect board  S sync  C conflicts  q quit  / find  ? help",
        ],
        "conflicts_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 冲突（各电脑记录相互矛盾）",
            " C-XXXXX  第2轮  1-2-0602  复查通过与未过并存  1-3SJVA",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "────────────────────────────────────────────────────────────────────────────────",
            " 1. 电脑 ⟨A⟩  2026-11-23 10:01  第2轮  林工  复查通过：已修好",
            " 2. 电脑 ⟨B⟩  2026-11-23 10:02  第2轮  周工  复查未过：仍渗水",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-9 保留此方  a 都保留（按审慎口径）  Esc q 返回  / 查找  ? 帮助",
        ],
        "conflicts_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 冲突（各电脑记录相互矛盾）",
            " C-XXXXX  第2轮  1-2-0602  复查通过与未过并存  1-3SJVA",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "────────────────────────────────────────────────────────────────────────────────────────────────────",
            " 1. 电脑 ⟨A⟩  2026-11-23 10:01  第2轮  林工  复查通过：已修好",
            " 2. 电脑 ⟨B⟩  2026-11-23 10:02  第2轮  周工  复查未过：仍渗水",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-9 保留此方  a 都保留（按审慎口径）  Esc q 返回  / 查找  ? 帮助",
        ],
        "conflicts_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " Conflicts (records from different laptops that contradict each other)",
            " C-XXXXX  round 2  1-2-0602  re-check passed and failed  1-3SJVA",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "────────────────────────────────────────────────────────────────────────────────",
            " 1. laptop ⟨A⟩  2026-11-23 10:01  round 2  林工  re-check passed: 已修好",
            " 2. laptop ⟨B⟩  2026-11-23 10:02  round 2  周工  re-check failed: 仍渗水",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-9 keep this side  a keep all (the cautious reading)  Esc q back  ? help",
        ],
        "conflicts_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " Conflicts (records from different laptops that contradict each other)",
            " C-XXXXX  round 2  1-2-0602  re-check passed and failed  1-3SJVA",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "────────────────────────────────────────────────────────────────────────────────────────────────────",
            " 1. laptop ⟨A⟩  2026-11-23 10:01  round 2  林工  re-check passed: 已修好",
            " 2. laptop ⟨B⟩  2026-11-23 10:02  round 2  周工  re-check failed: 仍渗水",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-9 keep this side  a keep all (the cautious reading)  Esc q back  / find  ? help",
        ],
    ]
}

