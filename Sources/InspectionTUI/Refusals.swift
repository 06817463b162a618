import InspectionCore
import InspectionStore

extension Texts {
    /// A refused action in the interface's language.
    func refusal(_ error: InspectionError) -> String {
        language == .zh ? Self.chinese(error) : error.description
    }

    static func chinese(_ error: InspectionError) -> String {
        switch error {
        case .noProject: return "这个文件里还没有项目（yanfang init）"
        case .noOpenRound: return "当前没有进行中的轮次（首页按 o 开启）"
        case .roundAlreadyOpen(let n): return "第 \(n) 轮尚未结束，结束后才能开启下一轮"
        case .roundNotFound(let n): return "没有第 \(n) 轮"
        case let .wrongRoundNumber(requested, next): return "下一轮是第 \(next) 轮，不是第 \(requested) 轮"
        case .roundIncomplete(let b): return "第 \(b.round) 轮还不能结束：\(b.units.count) 户未验完、\(b.rechecks.count) 项复查未做"
        case .unknownUnit(let code): return "没有 \(code) 这一户"
        case .unknownItem(let id): return "没有检查项 \(id)"
        case let .unknownRoom(room, unit, rooms): return "\(unit) 没有房间“\(room)”（有：\(rooms.joined(separator: "、"))）"
        case let .itemNotInRoom(item, room): return "\(item) 不适用于 \(room)"
        case .unknownDefect(let code): return "没有编号为 \(code) 的问题"
        case .unknownContractor(let name): return "没有责任单位“\(name)”"
        case let .unknownTrade(trade, _): return "没有专业“\(trade)”"
        case .duplicateContractor(let name): return "责任单位“\(name)”已存在"
        case let .recheckInSameRound(code, round): return "\(code) 是第 \(round) 轮发现的，须在以后的轮次复查"
        case let .alreadyRechecked(code, round): return "\(code) 在第 \(round) 轮已复查过（先撤销再改）"
        case .defectClosed(let code): return "\(code) 已销项"
        case .defectWaived(let code): return "\(code) 已按统一口径处理"
        case .unknownAnswer(let code): return "没有统一口径 \(code)"
        case .answerExists(let code): return "统一口径 \(code) 已存在"
        case .approverRequired: return "请填写批准人"
        case let .itemHasDefects(item, room, codes): return "\(room) \(item) 本轮已有问题（\(codes.joined(separator: "、"))），先撤销才能记合格"
        case .nothingToUndo(let unit): return "\(unit) 本轮没有可撤销的记录"
        case .alreadyClaimed(let code): return "\(code) 已报整改完成，待复查（先撤回申报才能再报）"
        case .notClaimed(let code): return "\(code) 没有可撤回的整改申报"
        case let .notThisRound(code, round): return "\(code) 是第 \(round) 轮发现的；只有本轮的问题能撤回或改房间"
        case let .nothingRecorded(item, room): return "\(room) \(item) 本轮还没有结果"
        case .noteRequired: return "请填写问题描述"
        case .nothingToChange(let code): return "\(code) 没有要改的内容"
        case .invalidValue(let message): return message
        case .notPonding(let item): return "\(item) 不是闭水试验"
        case let .pondingNotStarted(item, room): return "\(room) \(item) 是闭水试验：先按 s 开始蓄水，24 小时后再检查"
        case let .pondingAlreadyStarted(item, room, started): return "\(room) \(item) 的闭水试验已在进行（\(FieldTime.text(started)) 开始）"
        case let .pondingNotDue(item, room, started, due, minutes):
            return "\(room) \(item) 的闭水试验 \(FieldTime.text(started)) 开始，已蓄水 \(FieldTime.duration(minutes: minutes).zh)；\(FieldTime.text(due)) 起才能检查"
        }
    }
}
