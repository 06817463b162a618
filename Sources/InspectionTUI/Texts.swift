import InspectionCore
import TerminalKit

/// Every text the screens show, one table per language. A screen never writes a literal;
/// a missing entry does not compile.
struct Texts: Sendable {
    static func `for`(_ language: Language) -> Texts { language == .zh ? .zh : .en }

    let language: Language

    // Frame
    let appName: String
    let home: String
    let units: String
    let delivery: String
    let daysLeft: @Sendable (Int) -> String
    let roundOpen: @Sendable (Int) -> String
    let roundClosed: @Sendable (Int) -> String
    let tooSmall: @Sendable (Size) -> String
    let cancel: String
    let unassigned: String

    // Home
    let projectLabel: String
    let deliveryLabel: String
    let roundLabel: String
    let progressLabel: String
    let inspectorLabel: String
    let nextUnitLabel: String
    let riskCutoff: @Sendable (Day, Int) -> String
    let roundOpenSince: @Sendable (Int, Day) -> String
    let roundsClosed: @Sendable (Int) -> String
    let noRoundOpen: String
    let openRoundHint: @Sendable (Int) -> String
    let unitsInspected: @Sendable (Int, Int) -> String
    let rechecksDone: @Sendable (Int, Int) -> String
    let changeInspectorHint: String
    let nextUnitHint: String
    let allUnitsDone: String
    /// With a share of the plan: nothing of the inspector's is left in the round.
    let allMineDone: String
    let inspectorPrompt: String
    let readOnlyNoName: String
    let openRoundTitle: @Sendable (Int) -> String
    let openRoundExplain: @Sendable (Int) -> String
    let openRoundConfirm: String
    let roundOpened: @Sendable (Int, Int) -> String
    let closeRoundTitle: @Sendable (Int) -> String
    let closeRoundExplain: @Sendable (Int) -> String
    let closeRoundBlocked: @Sendable (Int, Int) -> String
    let closeRoundConfirm: String
    let closeRoundPartial: String
    let roundClosedPartial: @Sendable (Int) -> String

    // Picker
    let entranceLabel: @Sendable (String, Int) -> String
    let unitLabel: @Sendable (ProjectUnit) -> String
    let floorUnit: @Sendable (ProjectUnit) -> String
    let unitsDone: @Sendable (Int, Int) -> String
    let unitsCount: @Sendable (Int) -> String
    let pickerSummary: @Sendable (Int, Int, Int) -> String
    let stateNotStarted: String
    let stateInProgress: String
    let stateReady: String
    let stateNotReached: String
    let stateDoneWithDefects: @Sendable (Int) -> String
    let stateOpenDefects: @Sendable (Int) -> String
    let itemsShort: @Sendable (Int, Int) -> String
    let rechecksShort: @Sendable (Int, Int) -> String
    let searchTitle: String
    let searchHint: String
    let searchNone: String
    let defectIn: @Sendable (String) -> String
    let matchCount: @Sendable (Int) -> String

    // Walkthrough
    let roundShort: @Sendable (Int) -> String
    let readOnlyRound: String
    let rechecksHeading: @Sendable (Int) -> String
    let resultPass: String
    let resultNotApplicable: String
    let recheckPassed: String
    let recheckFailed: String
    let recheckPending: String
    let foundInRound: @Sendable (Int) -> String
    let foundInRoundLong: @Sendable (Int, String) -> String
    let failedCount: @Sendable (Int) -> String
    let methodLabel: String
    let severityLabel: String
    let sensitivityLabel: String
    let tradeLabel: String
    let criterionLabel: String
    let foundThisRound: String
    let noteLabel: String
    let rectificationLabel: String
    let notRectified: String
    let waiverLabel: String
    let statusLabel: String
    let contractorLabel: String
    let markCodeTitle: String
    let selectItemFirst: String
    let selectRecheckFirst: String
    let roomPassed: @Sendable (String, Int) -> String
    let passedMany: @Sendable (Int) -> String
    let undone: @Sendable (String) -> String
    let flaggedAgainstContractor: @Sendable (String, Int) -> String
    let flaggedInRound: @Sendable (Int) -> String
    let recheckPassNote: String
    let recheckFailNote: String
    let statusName: @Sendable (DefectStatus) -> String
    let historyHeading: String

    // Defect form
    let recordDefect: String
    let commonPhrases: String
    let defectFormHint: String
    let notePlaceholder: String
    let noteRequired: String

    // Prompts and help
    let promptHint: String
    let helpTitle: String
    let helpClose: String
    let legendStates: String
    let legendResults: String
    let legendRechecks: String

    // Keys
    let keyQuit: String
    let keyQuitNow: String
    let keyHelp: String
    let keyBack: String
    let keyMove: String
    let keyPage: String
    let keyFirstLast: String
    let keyScroll: String
    let keyUnits: String
    let keyOpenUnit: String
    let keyNextUnit: String
    let keyNextMine: String
    let keyNextEntrance: String
    let keyPreviousEntrance: String
    let keyPreviousRoom: String
    let keyNextRoom: String
    let keySearch: String
    let keySearchUnit: String
    let keySearchDefect: String
    let keyInspector: String
    let keyOpenRound: String
    let keyCloseRound: String
    let keyBoard: String
    let keyReport: String
    let keySync: String
    let keyConflicts: String
    /// After a defect's status when laptops disagree about it.
    let conflictMark: String
    let teamLabel: String
    /// Last sync (time, or nil: never), replicas heard of, unresolved conflicts.
    let teamStatus: @Sendable (String?, Int, Int) -> String
    /// After the Team row's status, when it fits whole.
    let teamSyncHint: String
    let noSyncFolder: String
    /// New events, replicas they came from.
    let synced: @Sendable (Int, Int) -> String
    let conflictsTitle: String
    let noConflicts: String
    let keyKeepSide: String
    let keyKeepAll: String
    let resolvePrompt: String
    let resolved: @Sendable (String) -> String
    /// Laptop tag.
    let laptop: @Sendable (String) -> String
    /// What a conflict is about, in a few words.
    let conflictKind: @Sendable (Conflict.Kind) -> String
    let keyPass: String
    let keyNotApplicable: String
    let keyPassRoom: String
    let keyDefect: String
    let keyRecheckPass: String
    let keyRecheckFail: String
    let keyRecheckPassNote: String
    let keyRecheckFailNote: String
    let keyUndo: String
    let keyDefectHistory: String

    // Board, contractor list, report
    let boardTabs: [String]
    let boardViews: String
    let switchRound: String
    let drillDown: String
    let changeMeasure: String
    let matrixOf: @Sendable (String) -> String
    let outstanding: String
    let total: String
    let partial: String
    let buildingLabel: @Sendable (String) -> String
    let readinessShort: @Sendable (Int, Int, String, String) -> String
    let deadlineLine: @Sendable (Day, Int, Day, Int, Day, Day?) -> String
    let blockingUnitsHeading: @Sendable (Int) -> String
    let penaltyExplain: @Sendable (Int) -> String
    let thisRound: String
    let cumulative: String
    let markCodes: String
    let buyersExplain: String
    let buyersExplainShort: String
    let defectsCount: @Sendable (Int) -> String
    let nothingHere: String
    let rectificationList: String
    let toFixCounts: @Sendable (Int, Int) -> String
    let deadlineOn: @Sendable (Day) -> String
    let overdueCount: @Sendable (Int) -> String
    let showingAll: String
    let showingOutstanding: String
    let nothingToFix: String
    let rectifyPrompt: @Sendable (String) -> String
    let rectified: @Sendable (String) -> String
    let otherContractor: String
    let wrote: @Sendable (String) -> String
    let keyRectify: String
    let keyShowAll: String
    let keyWriteHTML: String

    // A defect's history
    let historyFound: String
    let historyRectified: String
    let historyWaived: String
    let historyReassigned: String
    let colon: String
    let listSeparator: String
    let parenthesized: @Sendable (String) -> String

    // Corrections
    let keyWithdraw: String
    let keyEditDefect: String
    let keyTakeBackClaim: String
    let withdrawDefectTitle: String
    let withdrawExplain: String
    let withdrawConfirm: String
    let withdrawn: @Sendable (String) -> String
    let editDefect: String
    let roomLabel: String
    let corrected: @Sendable (String) -> String
    let claimTakenBack: @Sendable (String) -> String
    let takeBackClaimTitle: @Sendable (String) -> String
    let takeBackClaimConfirm: String
    let nothingToWithdraw: String
    let selectDefectFirst: String
    let withdrawnMark: String
    // The plan
    /// The home screen's line: the first of the plan's warnings and how many more.
    let planWarningLine: @Sendable (String, Int) -> String
    let planWarningsHeading: String
    /// A unit outside the plan's batches for the round.
    let stateOutOfScope: String
    let keyMineOrAll: String
    /// The unit list narrowed to the inspector's batches (their names, the units), and widened again.
    let pickerMine: @Sendable (String, Int) -> String
    let pickerAll: String
    /// The walkthrough narrowed to the inspector's categories (their names), and widened again.
    let walkMine: @Sendable (String) -> String
    let walkAll: String
    /// The board's view of the round against its plan.
    let planTab: String
    let planProgressExplain: @Sendable (Day, Day, Day) -> String
    /// Name, units done/assigned, expected by today, ahead, items, units per day, forecast finish, planned finish.
    let planColumns: [String]
    let unitsPerDay: String
    /// The title bar's first words in `yanfang training`.
    let practiceBanner: String

    // Ponding tests (闭水试验): started, then checked 24 h later
    let keyStartPonding: String
    let pondingLabel: String
    /// (due, running)
    let pondingCounts: @Sendable (Int, Int) -> String
    let pondingDueLine: @Sendable (String, String, String, String) -> String
    let pondingRunningLine: @Sendable (String, String, String, String) -> String
    let pondingMore: @Sendable (Int) -> String
    /// The item row of a ponding item without a result: running until, or due.
    let pondingRunningUntil: @Sendable (String) -> String
    let pondingDue: String
    let pondingNotStarted: String
    let pondingStarted: @Sendable (String, String) -> String
    let pondingDetailStarted: @Sendable (String, String) -> String
    let pondingSkipped: @Sendable (Int) -> String
}

extension Texts {
    static let zh = Texts(
        language: .zh,
        appName: "验房",
        home: "首页",
        units: "房号",
        delivery: "交付",
        daysLeft: { $0 >= 0 ? "剩 \($0) 天" : "已逾期 \(-$0) 天" },
        roundOpen: { "第\($0)轮进行中" },
        roundClosed: { "第\($0)轮已结束" },
        tooSmall: { "终端太小（需要 \($0.width)×\($0.height)）\nterminal too small (needs \($0.width)×\($0.height))\n请放大窗口，或按 q 退出" },
        cancel: "取消",
        unassigned: "（未指定单位）",
        projectLabel: "项目",
        deliveryLabel: "交付日期",
        roundLabel: "轮次",
        progressLabel: "本轮进度",
        inspectorLabel: "验收人",
        nextUnitLabel: "下一户",
        riskCutoff: { day, days in "风险排查截止 \(day)（\(days >= 0 ? "剩 \(days) 天" : "已过 \(-days) 天")）" },
        roundOpenSince: { "第 \($0) 轮进行中（\($1) 开始）" },
        roundsClosed: { "已完成 \($0) 轮，至少需 3 轮" },
        noRoundOpen: "当前没有进行中的轮次",
        openRoundHint: { "按 o 开启第 \($0) 轮" },
        unitsInspected: { "已验 \($0)/\($1) 户" },
        rechecksDone: { "复查 \($0)/\($1) 项" },
        changeInspectorHint: "i 更换",
        nextUnitHint: "按 n 进入",
        allUnitsDone: "本轮所有户已验完",
        allMineDone: "你负责的户和类别本轮已验完（户号列表中按 m 显示全部户）",
        inspectorPrompt: "验收人姓名（Esc 跳过，只查看）",
        readOnlyNoName: "只读：按 i 填写验收人姓名后才能记录",
        openRoundTitle: { "开启第 \($0) 轮" },
        openRoundExplain: { "第 \($0) 轮将复查此前各轮未销项的问题，并逐户验收。" },
        openRoundConfirm: "开启",
        roundOpened: { "第 \($0) 轮已开启，复查 \($1) 项" },
        closeRoundTitle: { "结束第 \($0) 轮" },
        closeRoundExplain: { "结束第 \($0) 轮后，本轮结果将计入模拟验收报告。" },
        closeRoundBlocked: { "尚有 \($0) 户未验完、\($1) 项复查未做；可按 P 部分结束并记录未到达的户。" },
        closeRoundConfirm: "结束",
        closeRoundPartial: "部分结束",
        roundClosedPartial: { "第 \($0) 轮已部分结束" },
        entranceLabel: { PlaceNames.entrance($0, $1).zh },
        unitLabel: { PlaceNames.unit($0).zh },
        floorUnit: { "\($0.floor)层 \(UnitCode.twoDigits($0.number))户" },
        unitsDone: { "已验 \($0)/\($1)" },
        unitsCount: { "共 \($0) 户" },
        pickerSummary: { "第 \($0) 轮 · 已验 \($1)/\($2) 户" },
        stateNotStarted: "未开始",
        stateInProgress: "进行中",
        stateReady: "可交付",
        stateNotReached: "本轮未到达",
        stateDoneWithDefects: { "已验·待整改\($0)" },
        stateOpenDefects: { "待整改 \($0)" },
        itemsShort: { "项 \($0)/\($1)" },
        rechecksShort: { "复查 \($0)/\($1)" },
        searchTitle: "查找户号或问题编号",
        searchHint: "房号（如 3-1-502、3栋1单元502）或问题编号（如 2-K7P3Q）",
        searchNone: "没有匹配的户号或问题",
        defectIn: { "问题，位于 \($0)" },
        matchCount: { "找到 \($0) 个，↑↓ 选择，Enter 打开" },
        roundShort: { "第\($0)轮" },
        readOnlyRound: "本轮已结束，仅供查看",
        rechecksHeading: { "复查（\($0) 项，此前轮次的问题）" },
        resultPass: "合格",
        resultNotApplicable: "不适用",
        recheckPassed: "复查通过",
        recheckFailed: "复查未过",
        recheckPending: "待复查",
        foundInRound: { "第\($0)轮" },
        foundInRoundLong: { "第 \($0) 轮发现 · \($1)" },
        failedCount: { "复查未过 \($0) 次" },
        methodLabel: "方法",
        severityLabel: FieldLabels.severity.zh,
        sensitivityLabel: "业主敏感度",
        tradeLabel: "专业",
        criterionLabel: "标准",
        foundThisRound: "本轮问题：",
        noteLabel: FieldLabels.note.zh,
        rectificationLabel: "整改说明",
        notRectified: "尚未报整改",
        waiverLabel: FieldLabels.unifiedAnswer.zh,
        statusLabel: FieldLabels.status.zh,
        contractorLabel: FieldLabels.contractor.zh,
        markCodeTitle: "问题编号（写在贴纸上）",
        selectItemFirst: "请先选中一个检查项",
        selectRecheckFirst: "请先选中一项复查",
        roomPassed: { "\($0)：\($1) 项记为合格" },
        passedMany: { "\($0) 项合格" },
        undone: { "已撤销：\($0)" },
        flaggedAgainstContractor: { RuleSentences.flagged(code: $0, threshold: $1).zh },
        flaggedInRound: { "第 \($0) 轮计入奖罚" },
        recheckPassNote: "复查通过 · 备注",
        recheckFailNote: "复查未过 · 备注",
        statusName: { $0.name.zh },
        historyHeading: "记录",
        recordDefect: "记录问题",
        commonPhrases: "常见问题（数字键选择，或直接输入）",
        defectFormHint: "Enter 确认 · Tab 切换 · ←→ 修改 · Esc 取消",
        notePlaceholder: "按数字选常见问题，或直接输入",
        noteRequired: "请填写问题描述（可按数字选常见问题）",
        promptHint: "Enter 确认 · Esc 取消",
        helpTitle: "按键说明",
        helpClose: "任意键关闭",
        legendStates: "未开始 · 进行中 · 已验有问题 · 可交付",
        legendResults: "合格 · 有问题 · 不适用 · 未记录",
        legendRechecks: "待复查 · 通过 · 未过 · 统一口径",
        keyQuit: "退出",
        keyQuitNow: "立即退出",
        keyHelp: "帮助",
        keyBack: "返回",
        keyMove: "上下移动",
        keyPage: "翻页",
        keyFirstLast: "首项 / 末项",
        keyScroll: "滚动",
        keyUnits: "户号列表",
        keyOpenUnit: "进入该户",
        keyNextUnit: "下一户",
        keyNextMine: "下一户（我负责的未验项）",
        keyNextEntrance: "下一个单元门",
        keyPreviousEntrance: "上一个单元门",
        keyPreviousRoom: "上一个房间",
        keyNextRoom: "下一个房间",
        keySearch: "查找",
        keySearchUnit: "按房号或问题编号查找",
        keySearchDefect: "按问题编号查找",
        keyInspector: "更换验收人",
        keyOpenRound: "开启新一轮",
        keyCloseRound: "结束本轮",
        keyBoard: "问题看板",
        keyReport: "验收报告",
        keySync: "同步",
        keyConflicts: "冲突",
        conflictMark: "冲突",
        teamLabel: "协同",
        teamStatus: { last, replicas, conflicts in
            (last.map { "上次同步 \($0)" } ?? "尚未同步") + " · 已知 \(replicas) 台电脑" + (conflicts > 0 ? " · \(conflicts) 项冲突待裁定（C）" : "")
        },
        teamSyncHint: "S 同步",
        noSyncFolder: "尚未设置同步文件夹：先在命令行运行一次 yanfang sync 文件夹",
        synced: { new, replicas in new == 0 ? "已同步，没有新记录" : "已同步：从 \(replicas) 台电脑带回 \(new) 条新记录" },
        conflictsTitle: "冲突（各电脑记录相互矛盾）",
        noConflicts: "没有待裁定的冲突",
        keyKeepSide: "保留此方",
        keyKeepAll: "都保留（按审慎口径）",
        resolvePrompt: "裁定理由（记入历史）",
        resolved: { "已裁定 \($0)" },
        laptop: { "电脑 \($0)" },
        conflictKind: {
            switch $0 {
            case .itemResults: return "同一项结果不同"
            case .recheckResults: return "复查通过与未过并存"
            case .waivedAndRechecked: return "统一口径与复查并存"
            case .reassignments: return "两次改派"
            }
        },
        keyPass: "合格",
        keyNotApplicable: "不适用",
        keyPassRoom: "本房间其余项合格",
        keyDefect: "记问题",
        keyRecheckPass: "复查通过",
        keyRecheckFail: "复查未过",
        keyRecheckPassNote: "复查通过并写备注",
        keyRecheckFailNote: "复查未过并写原因",
        keyUndo: "撤销",
        keyDefectHistory: "问题详情与记录",
        boardTabs: ["楼栋×类别", "责任单位", "准备度", "重复整改", "业主敏感", "奖励"],
        boardViews: "切换视图",
        switchRound: "切换轮次",
        drillDown: "逐级查看",
        changeMeasure: "切换统计口径",
        matrixOf: { "楼栋 × 类别：\($0)" },
        outstanding: "未销项",
        total: "合计",
        partial: "部分结束",
        buildingLabel: { PlaceNames.buildingShort($0).zh },
        readinessShort: { "\(RuleSentences.readinessRate.zh) \($0)/\($1) = \($2)（目标 \($3)）" },
        deadlineLine: { delivery, days, cutoff, cutoffDays, latest, started in
            "交付 \(delivery)（\(days >= 0 ? "剩 \(days) 天" : "已过 \(-days) 天")） · 风险排查截止 \(cutoff)（\(cutoffDays >= 0 ? "剩 \(cutoffDays) 天" : "已过 \(-cutoffDays) 天")） · 第一轮应不晚于 \(latest)"
                + (started.map { "，实际 \($0)" } ?? "")
        },
        blockingUnitsHeading: { RuleSentences.notReadyOutstanding($0).zh },
        penaltyExplain: { RuleSentences.penalty(threshold: $0).zh },
        thisRound: "本轮",
        cumulative: "累计",
        markCodes: "问题编号",
        buyersExplain: "未销项问题，按业主敏感度与严重程度排序（业主最先注意到的在前）",
        buyersExplainShort: "未销项问题，业主最先注意到的在前",
        defectsCount: { "\($0) 项问题" },
        nothingHere: "没有问题",
        rectificationList: "整改清单",
        toFixCounts: { "待整改 \($0) · 已整改待复查 \($1)" },
        deadlineOn: { "\(FieldLabels.deadline.zh) \($0)" },
        overdueCount: { "\(FieldLabels.overdue.zh) \($0) 项" },
        showingAll: "显示全部问题（a 只看未销项）",
        showingOutstanding: "只显示未销项问题（a 显示全部）",
        nothingToFix: "没有需要整改的问题",
        rectifyPrompt: { "\($0) 报整改完成 · 整改说明（可空）" },
        rectified: { "\($0) 已报整改，等待复查" },
        otherContractor: "其他单位",
        wrote: { "已写入 \($0)" },
        keyRectify: "报整改完成",
        keyShowAll: "全部 / 未销项",
        keyWriteHTML: "导出 HTML",
        historyFound: "发现",
        historyRectified: "报整改",
        historyWaived: "统一口径",
        historyReassigned: "改由",
        colon: "：",
        listSeparator: "，",
        parenthesized: { "（\($0)）" },
        keyWithdraw: "撤回记录",
        keyEditDefect: "改问题",
        keyTakeBackClaim: "撤回整改申报",
        withdrawDefectTitle: "撤回问题",
        withdrawExplain: "撤回后仍留在历史里；贴纸上的编号仍可查到（显示已撤回）。",
        withdrawConfirm: "撤回",
        withdrawn: { "已撤回：\($0)" },
        editDefect: "更正问题",
        roomLabel: "房间",
        corrected: { "\($0) 已更正" },
        claimTakenBack: { "\($0) 的整改申报已撤回" },
        takeBackClaimTitle: { "撤回 \($0) 的整改申报" },
        takeBackClaimConfirm: "撤回申报",
        nothingToWithdraw: "这一项本轮还没有结果",
        selectDefectFirst: "先选一条有问题的检查项或复查项",
        withdrawnMark: "已撤回",
        planWarningLine: { first, more in "计划：\(first)" + (more > 0 ? "（另有 \(more) 项，见 yanfang plan check）" : "") },
        planWarningsHeading: "计划提醒",
        stateOutOfScope: "不在本轮",
        keyMineOrAll: "只看我的 / 全部",
        pickerMine: { batches, units in "我的批次 \(batches)（\(units) 户） · m 全部" },
        pickerAll: "全部户 · m 只看我的",
        walkMine: { "我的类别 \($0) · m 全部" },
        walkAll: "全部类别 · m 只看我的",
        planTab: "计划进度",
        planProgressExplain: { start, finish, cutoff in "计划 \(start) – \(finish) · 风险排查截止 \(cutoff) · 应完＝按日折算" },
        planColumns: ["批次/成员", "已验户", "应完", "超前", "项", "户/天", "预计完成", "计划完成"],
        unitsPerDay: "每日验收户数：",
        practiceBanner: "练习（不会写入项目）",
        keyStartPonding: "开始闭水试验",
        pondingLabel: "闭水试验",
        pondingCounts: { "\($0) 项待检查 · \($1) 项蓄水中" },
        pondingDueLine: { unit, room, item, started in "待检查  \(unit) \(room) \(item)  \(started) 开始" },
        pondingRunningLine: { unit, room, item, due in "蓄水中  \(unit) \(room) \(item)  \(due) 起可检查" },
        pondingMore: { "另有 \($0) 项（yanfang ponding list）" },
        pondingRunningUntil: { "\($0) 可检查" },
        pondingDue: "闭水待检查",
        pondingNotStarted: "闭水试验未开始：按 s 开始蓄水，24 小时后检查",
        pondingStarted: { room, due in "\(room)：闭水试验已开始，\(due) 起可检查" },
        pondingDetailStarted: { started, due in "闭水试验 \(started) 开始，\(due) 起可检查" },
        pondingSkipped: { "；\($0) 项闭水试验未满 24 小时，未记合格" }
    )

    static let en = Texts(
        language: .en,
        appName: "yanfang",
        home: "Home",
        units: "Units",
        delivery: "delivery",
        daysLeft: { $0 >= 0 ? plural($0, "day left", "days left") : plural(-$0, "day overdue", "days overdue") },
        roundOpen: { "round \($0) open" },
        roundClosed: { "round \($0) closed" },
        tooSmall: { "terminal too small (needs \($0.width)×\($0.height))\nenlarge the window, or press q to quit" },
        cancel: "cancel",
        unassigned: "(no contractor)",
        projectLabel: "Project",
        deliveryLabel: "Delivery",
        roundLabel: "Round",
        progressLabel: "Progress",
        inspectorLabel: "Inspector",
        nextUnitLabel: "Next unit",
        riskCutoff: { day, days in "risk cutoff \(day) (\(days >= 0 ? plural(days, "day left", "days left") : plural(-days, "day ago", "days ago")))" },
        roundOpenSince: { "round \($0) open since \($1)" },
        roundsClosed: { "\($0) closed, at least 3 needed" },
        noRoundOpen: "no round open",
        openRoundHint: { "press o to open round \($0)" },
        unitsInspected: { "\($0)/\($1) units inspected" },
        rechecksDone: { "\($0)/\($1) re-checks done" },
        changeInspectorHint: "i to change",
        nextUnitHint: "press n",
        allUnitsDone: "every unit of this round is inspected",
        allMineDone: "your units and categories of this round are all recorded (m in the unit list shows every unit)",
        inspectorPrompt: "Inspector's name (Esc to skip and only read)",
        readOnlyNoName: "read only: press i on the home screen and give your name to record",
        openRoundTitle: { "Open round \($0)" },
        openRoundExplain: { "Round \($0) re-checks every defect still open from earlier rounds and walks every unit." },
        openRoundConfirm: "open",
        roundOpened: { "round \($0) opened, " + plural($1, "re-check", "re-checks") },
        closeRoundTitle: { "Close round \($0)" },
        closeRoundExplain: { "After round \($0) closes, its results go into the mock acceptance report." },
        closeRoundBlocked: { plural($0, "unit", "units") + " unfinished, " + plural($1, "re-check", "re-checks") + " unrecorded; P closes it partially, recording what was not reached." },
        closeRoundConfirm: "close",
        closeRoundPartial: "close partially",
        roundClosedPartial: { "round \($0) closed partially" },
        entranceLabel: { PlaceNames.entrance($0, $1).en },
        unitLabel: { PlaceNames.unit($0).en },
        floorUnit: { "F\($0.floor) #\(UnitCode.twoDigits($0.number))" },
        unitsDone: { "\($0)/\($1) done" },
        unitsCount: { plural($0, "unit", "units") },
        pickerSummary: { "round \($0) · \($1)/\($2) units inspected" },
        stateNotStarted: "not started",
        stateInProgress: "in progress",
        stateReady: "ready",
        stateNotReached: "not reached",
        stateDoneWithDefects: { "done, \($0) open" },
        stateOpenDefects: { "\($0) open" },
        itemsShort: { "items \($0)/\($1)" },
        rechecksShort: { "re-checks \($0)/\($1)" },
        searchTitle: "Find a unit or a mark code",
        searchHint: "a unit (3-1-502, or part of it) or a mark code (2-K7P3Q)",
        searchNone: "no unit or defect matches",
        defectIn: { "defect in \($0)" },
        matchCount: { $0 == 1 ? "1 match, Enter opens it" : "\($0) matches, ↑↓ to choose, Enter opens" },
        roundShort: { "round \($0)" },
        readOnlyRound: "round closed: view only",
        rechecksHeading: { "Re-checks (\($0), from earlier rounds)" },
        resultPass: "pass",
        resultNotApplicable: "n/a",
        recheckPassed: "re-check passed",
        recheckFailed: "re-check failed",
        recheckPending: "to re-check",
        foundInRound: { "R\($0)" },
        foundInRoundLong: { "found in round \($0) by \($1)" },
        failedCount: { plural($0, "failed re-check", "failed re-checks") },
        methodLabel: "Method",
        severityLabel: FieldLabels.severity.en,
        sensitivityLabel: "Buyers",
        tradeLabel: "Trade",
        criterionLabel: "Criterion",
        foundThisRound: "Defects this round:",
        noteLabel: FieldLabels.note.en,
        rectificationLabel: "Claimed fix",
        notRectified: "none yet",
        waiverLabel: FieldLabels.unifiedAnswer.en,
        statusLabel: FieldLabels.status.en,
        contractorLabel: FieldLabels.contractor.en,
        markCodeTitle: "Mark code (write it on the sticker)",
        selectItemFirst: "select a checklist item first",
        selectRecheckFirst: "select a re-check first",
        roomPassed: { "\($0): " + plural($1, "item", "items") + " passed" },
        passedMany: { plural($0, "item", "items") + " passed" },
        undone: { "undone: \($0)" },
        flaggedAgainstContractor: { RuleSentences.flagged(code: $0, threshold: $1).en },
        flaggedInRound: { "counted in round \($0)" },
        recheckPassNote: "Re-check passed · note",
        recheckFailNote: "Re-check failed · note",
        statusName: { $0.name.en },
        historyHeading: "History",
        recordDefect: "Defect",
        commonPhrases: "Common problems (press a digit, or type)",
        defectFormHint: "Enter save · Tab next field · ←→ change · Esc cancel",
        notePlaceholder: "a digit picks a common problem, or type",
        noteRequired: "a defect needs a note (a digit picks a common problem)",
        promptHint: "Enter to confirm · Esc to cancel",
        helpTitle: "Keys",
        helpClose: "any key closes",
        legendStates: "not started · in progress · done with open defects · ready",
        legendResults: "pass · defect · not applicable · not recorded",
        legendRechecks: "to re-check · passed · failed · waived",
        keyQuit: "quit",
        keyQuitNow: "quit at once",
        keyHelp: "help",
        keyBack: "back",
        keyMove: "move",
        keyPage: "page",
        keyFirstLast: "first / last",
        keyScroll: "scroll",
        keyUnits: "units",
        keyOpenUnit: "open unit",
        keyNextUnit: "next unit",
        keyNextMine: "next unit with my items left",
        keyNextEntrance: "next entrance",
        keyPreviousEntrance: "previous entrance",
        keyPreviousRoom: "previous room",
        keyNextRoom: "next room",
        keySearch: "find",
        keySearchUnit: "find a unit or mark code",
        keySearchDefect: "find a mark code",
        keyInspector: "change inspector",
        keyOpenRound: "open the next round",
        keyCloseRound: "close the round",
        keyBoard: "defect board",
        keyReport: "report",
        keySync: "sync",
        keyConflicts: "conflicts",
        conflictMark: "conflict",
        teamLabel: "Team",
        teamStatus: { last, replicas, conflicts in
            (last.map { "last sync \($0)" } ?? "not synced yet") + " · \(replicas) replica\(replicas == 1 ? "" : "s") heard of"
                + (conflicts > 0 ? " · \(conflicts) conflict\(conflicts == 1 ? "" : "s") to resolve (C)" : "")
        },
        teamSyncHint: "S to sync",
        noSyncFolder: "No sync folder yet: run yanfang sync FOLDER once on the command line",
        synced: { new, replicas in new == 0 ? "Synced: nothing new" : "Synced: \(new) new record\(new == 1 ? "" : "s") from \(replicas) replica\(replicas == 1 ? "" : "s")" },
        conflictsTitle: "Conflicts (records from different laptops that contradict each other)",
        noConflicts: "No conflicts to resolve",
        keyKeepSide: "keep this side",
        keyKeepAll: "keep all (the cautious reading)",
        resolvePrompt: "Why (kept in the history)",
        resolved: { "Resolved \($0)" },
        laptop: { "laptop \($0)" },
        conflictKind: {
            switch $0 {
            case .itemResults: return "two results for one item"
            case .recheckResults: return "re-check passed and failed"
            case .waivedAndRechecked: return "waived and re-checked"
            case .reassignments: return "two reassignments"
            }
        },
        keyPass: "pass",
        keyNotApplicable: "n/a",
        keyPassRoom: "pass the rest of this room",
        keyDefect: "defect",
        keyRecheckPass: "re-check pass",
        keyRecheckFail: "re-check fail",
        keyRecheckPassNote: "re-check passes, with a note",
        keyRecheckFailNote: "re-check fails, with why",
        keyUndo: "undo",
        keyDefectHistory: "defect and its history",
        boardTabs: ["buildings×categories", "contractors", "readiness", "repeat failures", "buyers first", "rewards"],
        boardViews: "views",
        switchRound: "switch round",
        drillDown: "drill down",
        changeMeasure: "change what is counted",
        matrixOf: { "Buildings × categories: \($0)" },
        outstanding: "outstanding",
        total: "Total",
        partial: "partial",
        buildingLabel: { PlaceNames.buildingShort($0).en },
        readinessShort: { "readiness \($0)/\($1) = \($2) (target \($3))" },
        deadlineLine: { delivery, days, cutoff, cutoffDays, latest, started in
            "delivery \(delivery) (\(plural(days, "day", "days"))) · risk cutoff \(cutoff) (\(plural(cutoffDays, "day", "days"))) · round 1 by \(latest)"
                + (started.map { ", started \($0)" } ?? "")
        },
        blockingUnitsHeading: { RuleSentences.notReadyOutstanding($0).en },
        penaltyExplain: { RuleSentences.penalty(threshold: $0).en },
        thisRound: "round",
        cumulative: "total",
        markCodes: "mark codes",
        buyersExplain: "Outstanding defects, by buyer sensitivity and severity (what buyers notice first on top)",
        buyersExplainShort: "Outstanding defects, what buyers notice first on top",
        defectsCount: { plural($0, "defect", "defects") },
        nothingHere: "no defects",
        rectificationList: "Rectification list",
        toFixCounts: { "\($0) to fix · \($1) awaiting re-check" },
        deadlineOn: { "\(FieldLabels.deadline.en) \($0)" },
        overdueCount: { "\($0) \(FieldLabels.overdue.en)" },
        showingAll: "showing every defect (a: outstanding only)",
        showingOutstanding: "showing outstanding defects (a: all)",
        nothingToFix: "nothing to rectify",
        rectifyPrompt: { "\($0) fixed · what was done (optional)" },
        rectified: { "\($0) claimed fixed, awaiting re-check" },
        otherContractor: "another contractor",
        wrote: { "wrote \($0)" },
        keyRectify: "claim fixed",
        keyShowAll: "all / outstanding",
        keyWriteHTML: "write HTML",
        historyFound: "found",
        historyRectified: "claimed fixed",
        historyWaived: "waived with the unified answer",
        historyReassigned: "handed to",
        colon: ": ",
        listSeparator: ", ",
        parenthesized: { " (\($0))" },
        keyWithdraw: "withdraw a record",
        keyEditDefect: "correct the defect",
        keyTakeBackClaim: "take back the claim",
        withdrawDefectTitle: "Withdraw the defect",
        withdrawExplain: "It stays in the history; its mark code still answers (as withdrawn).",
        withdrawConfirm: "withdraw",
        withdrawn: { "withdrawn: \($0)" },
        editDefect: "Correct the defect",
        roomLabel: "Room",
        corrected: { "\($0) corrected" },
        claimTakenBack: { "claim on \($0) taken back" },
        takeBackClaimTitle: { "Take back the claim on \($0)" },
        takeBackClaimConfirm: "take back",
        nothingToWithdraw: "this item has no result this round",
        selectDefectFirst: "select an item with a defect, or a re-check, first",
        withdrawnMark: "withdrawn",
        planWarningLine: { first, more in "plan: \(first)" + (more > 0 ? " (\(more) more: yanfang plan check)" : "") },
        planWarningsHeading: "Plan",
        stateOutOfScope: "not in this round",
        keyMineOrAll: "mine only / everything",
        pickerMine: { batches, units in "my batches \(batches) (\(plural(units, "unit", "units"))) · m all" },
        pickerAll: "all units · m mine only",
        walkMine: { "mine: \($0) · m all" },
        walkAll: "all categories · m mine",
        planTab: "plan",
        planProgressExplain: { start, finish, cutoff in "planned \(start) – \(finish) · cutoff \(cutoff) · exp. = pro rata to today" },
        planColumns: ["batch/member", "units", "exp.", "ahead", "items", "/day", "forecast", "planned"],
        unitsPerDay: "units per day: ",
        practiceBanner: "PRACTICE (nothing reaches the project)",
        keyStartPonding: "start the ponding test",
        pondingLabel: "Ponding",
        pondingCounts: { "\($0) due for checking · \($1) running" },
        pondingDueLine: { unit, room, item, started in "due      \(unit) \(room) \(item)  started \(started)" },
        pondingRunningLine: { unit, room, item, due in "running  \(unit) \(room) \(item)  due \(due)" },
        pondingMore: { "\($0) more (yanfang ponding list)" },
        pondingRunningUntil: { "due \($0)" },
        pondingDue: "ponding: check due",
        pondingNotStarted: "ponding test not started: s starts it; check it 24 h later",
        pondingStarted: { room, due in "\(room): ponding test started; check it from \(due)" },
        pondingDetailStarted: { started, due in "ponding test started \(started); can be checked from \(due)" },
        pondingSkipped: { "; " + plural($0, "ponding check", "ponding checks") + " not 24 h old left unrecorded" }
    )
}

/// "1 defect", "2 defects": English counts with their noun in the right number.
func plural(_ count: Int, _ one: String, _ many: String) -> String {
    englishCount(count, one, many)
}
