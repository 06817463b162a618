import Foundation

/// A rule of mock inspection that refused an action; nothing was changed.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noProject
    case noOpenRound
    case roundAlreadyOpen(Int)
    case roundNotFound(Int)
    case wrongRoundNumber(requested: Int, next: Int)
    case roundIncomplete(RoundBlockers)
    case unknownUnit(String)
    case unknownItem(String)
    case unknownRoom(String, unit: String, rooms: [String])
    case itemNotInRoom(item: String, room: String)
    case unknownDefect(String)
    case unknownContractor(String)
    case unknownTrade(String, known: [String])
    case duplicateContractor(String)
    case recheckInSameRound(code: String, round: Int)
    case alreadyRechecked(code: String, round: Int)
    case defectClosed(String)
    case defectWaived(String)
    case unknownAnswer(String)
    case answerExists(String)
    case approverRequired
    case itemHasDefects(item: String, room: String, codes: [String])
    case nothingToUndo(unit: String)
    case alreadyClaimed(String)
    case notClaimed(String)
    case notThisRound(code: String, round: Int)
    case nothingRecorded(item: String, room: String)
    case noteRequired
    case nothingToChange(String)
    case invalidValue(String)
    case notPonding(item: String)
    case pondingNotStarted(item: String, room: String)
    case pondingAlreadyStarted(item: String, room: String, started: Date)
    case pondingNotDue(item: String, room: String, started: Date, due: Date, minutes: Int)

    public var description: String {
        switch self {
        case .noProject: return "no project in this database (run yanfang init)"
        case .noOpenRound: return "no round is open (yanfang round open)"
        case .roundAlreadyOpen(let n): return "round \(n) is still open; close it before opening the next"
        case .roundNotFound(let n): return "there is no round \(n)"
        case let .wrongRoundNumber(requested, next): return "the next round is \(next), not \(requested); rounds open in order"
        case .roundIncomplete(let blockers): return "round \(blockers.round) cannot close: \(blockers.summary) (use --partial to close it anyway and record what was not reached)"
        case .unknownUnit(let code): return "no unit \(code) in this project"
        case .unknownItem(let id): return "no checklist item \(id) (yanfang checklist list)"
        case let .unknownRoom(room, unit, rooms): return "unit \(unit) has no room \"\(room)\" (its rooms: \(rooms.joined(separator: ", ")))"
        case let .itemNotInRoom(item, room): return "item \(item) does not apply to \(room)"
        case .unknownDefect(let code): return "no defect with mark code \(code)"
        case .unknownContractor(let name): return "no contractor \"\(name)\" (yanfang contractor list)"
        case let .unknownTrade(trade, known): return "unknown trade \"\(trade)\" (known: \(known.joined(separator: ", ")))"
        case .duplicateContractor(let name): return "contractor \"\(name)\" already exists"
        case let .recheckInSameRound(code, round): return "defect \(code) was found in round \(round); it is re-checked in a later round"
        case let .alreadyRechecked(code, round): return "defect \(code) was already re-checked in round \(round) (undo that result first)"
        case .defectClosed(let code): return "defect \(code) is closed"
        case .defectWaived(let code): return "defect \(code) is waived with a unified answer"
        case .unknownAnswer(let code): return "no unified answer \(code) (yanfang answer list; define one with yanfang answer define)"
        case .answerExists(let code): return "unified answer \(code) already exists (yanfang answer revise \(code) to change it)"
        case .approverRequired: return "waiving a defect needs who approved it (--approved-by NAME)"
        case let .itemHasDefects(item, room, codes): return "\(item) in \(room) has defects in this round (\(codes.joined(separator: ", "))); undo them before passing it"
        case .nothingToUndo(let unit): return "nothing to undo in unit \(unit) this round"
        case .alreadyClaimed(let code): return "defect \(code) is already claimed fixed and awaits its re-check (take the claim back first: yanfang defect withdraw \(code) --claim)"
        case .notClaimed(let code): return "defect \(code) has no claim to take back"
        case let .notThisRound(code, round): return "defect \(code) was found in round \(round); only a defect of the open round can be withdrawn or moved to another room"
        case let .nothingRecorded(item, room): return "\(item) in \(room) has no result this round"
        case .noteRequired: return "a defect needs a note"
        case .nothingToChange(let code): return "nothing to change in defect \(code)"
        case .invalidValue(let message): return message
        case .notPonding(let item): return "\(item) is not a ponding test"
        case let .pondingNotStarted(item, room):
            return "\(item) in \(room) is a ponding test: start it first (s), then check it 24 h later"
        case let .pondingAlreadyStarted(item, room, started):
            return "the ponding test of \(item) in \(room) is already running (started \(FieldTime.text(started)))"
        case let .pondingNotDue(item, room, started, due, minutes):
            return "the ponding test of \(item) in \(room) started \(FieldTime.text(started)) has stood \(FieldTime.duration(minutes: minutes).en); it can be checked from \(FieldTime.text(due))"
        }
    }
}
