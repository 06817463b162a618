import Foundation

/// Where a defect stands.
///
/// open → rectified (the contractor's claim) → closed when a re-check passes, or back to open
/// when it fails; open or rectified → waived with a unified answer when it cannot be fixed
/// before delivery.
public enum DefectStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case open, rectified, closed, waived

    public var name: Localized {
        switch self {
        case .open: return Localized(zh: "待整改", en: "open")
        case .rectified: return Localized(zh: "已整改待复查", en: "rectified")
        case .closed: return Localized(zh: "已销项", en: "closed")
        case .waived: return Localized(zh: "遗留问题（已统一口径）", en: "waived (unified answer)")
        }
    }

    /// Open and rectified-but-unchecked defects keep a unit from being ready.
    public var blocksDelivery: Bool { self == .open || self == .rectified }
}

/// A repeat failure counted against a contractor: the re-check at which the failures recorded
/// while that contractor was responsible reached the project's threshold. A reassigned defect
/// starts afresh for its new contractor, so one defect may count against two.
public struct PenaltyFlag: Hashable, Sendable, Codable {
    public var round: Int
    public var contractor: UUID?
    /// The failed re-checks while that contractor was responsible (so far): after a claim of
    /// rectification (整改后仍不合格), and with none since the last finding or failure (未整改).
    public var afterClaim: Int
    public var withoutClaim: Int
    public init(round: Int, contractor: UUID?, afterClaim: Int, withoutClaim: Int) {
        self.round = round; self.contractor = contractor; self.afterClaim = afterClaim; self.withoutClaim = withoutClaim
    }
}

/// The failed re-checks of a defect while its present contractor has been responsible.
public struct Responsibility: Hashable, Sendable {
    public var afterClaim = 0
    public var withoutClaim = 0
    public var failures: Int { afterClaim + withoutClaim }
    /// Whether these failures reached the threshold (the last of the defect's flags is theirs).
    public var flagged = false
}

/// One re-check of a defect, as it stands after corrections.
public struct Recheck: Hashable, Sendable, Codable {
    public var round: Int
    public var passed: Bool
    public var note: String?
    public var inspector: String
    public var at: Date
    /// The contractor responsible when it was recorded.
    public var contractor: UUID?
    /// Whether the contractor had claimed it rectified since it was found or last failed.
    public var afterClaim = false
    /// The event that recorded it, and the replica that did.
    public var event: UUID?
    public var replica: UUID?
}

/// A claim of rectification as it stands after corrections: the contractor responsible when
/// it was made, when, and its place in the history (the rewards judge it against the
/// deadline in force then).
public struct Claim: Hashable, Sendable {
    public var contractor: UUID?
    public var at: Date
    public var hlc: Int64
    public var replica: UUID
    public var event: UUID
}

/// A reassignment as the fold remembers it, to notice a concurrent one.
public struct Reassignment: Hashable, Sendable {
    public var event: UUID
    public var round: Int
    public var replica: UUID
}

/// A defect as its history makes it.
public struct Defect: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var code: MarkCode
    public var unit: UUID
    public var room: String
    public var item: String
    public var note: String
    public var severity: Severity
    public var contractor: UUID?
    public var inspector: String
    public var roundFound: Int
    public var foundAt: Date
    public var status: DefectStatus
    /// Every failed re-check, whoever was responsible.
    public var failedRechecks: Int
    /// One flag per contractor whose failures reached the threshold, in the history's order.
    public var flags: [PenaltyFlag] = []
    /// The first flag (the one the defect lists mark).
    public var flag: PenaltyFlag? { flags.first }
    /// The failures since its present contractor became responsible.
    public var responsibility = Responsibility()
    public var rechecks: [Recheck]
    public var rectificationNote: String?
    public var rectifiedAt: Date?
    /// The claim standing now (the contractor may take it back until a re-check).
    public var claimEvent: UUID?
    /// Every claim it took, in the history's order.
    public var claims: [Claim] = []
    /// The unified answer's text as it was when the defect was waived.
    public var waiver: String?
    /// The unified answer it applies (nil in histories recorded before answers were shared),
    /// and who approved the waiver.
    public var answerCode: String?
    public var approvedBy: String?
    /// The round whose re-check closed it.
    public var closedRound: Int?
    /// The round it was waived in (or after, before the next opened).
    public var waivedRound: Int?
    /// The event that waived it, and the replica that did.
    public var waiverEvent: UUID?
    public var waiverReplica: UUID?
    public var lastReassignment: Reassignment?
    /// Contradicting records from different laptops not yet resolved by a lead.
    public var conflicts: [Conflict] = []
}

/// Folds a defect's events into its state. The same fold serves the store's projection,
/// its rebuild, and the tests, so the lifecycle rules live here only.
public enum DefectLifecycle {
    /// The defect made by `events` (its own, in order, reversions included), or nil when
    /// it was never found or its finding was taken back.
    public static func fold(_ events: [Event], penaltyThreshold: Int) -> Defect? {
        let corrections = Corrections(events)
        var defect: Defect?
        for event in Event.standing(events, corrections) {
            defect = apply(event, to: defect, penaltyThreshold: penaltyThreshold)
        }
        defect?.conflicts.removeAll { corrections.resolved.contains($0.key) }
        return defect
    }

    /// One step of the fold: the defect after `event` (which must not be a reversion; a
    /// reversion changes the past, so the defect is folded again without its target).
    ///
    /// A step the rules would have refused on the laptop that recorded it (a second re-check
    /// in a round, a re-check of a waived defect, a waiver of a closed one) was recorded at
    /// the same time as what it contradicts, on another laptop: it is a conflict, and the
    /// cautious reading counts.
    public static func apply(_ event: Event, to defect: Defect?, penaltyThreshold: Int) -> Defect? {
        switch event.body {
        case .defectFound(let f):
            guard let id = event.defect, let unit = event.unit else { return defect }
            return Defect(id: id, code: f.code, unit: unit, room: f.room, item: f.item, note: f.note,
                          severity: f.severity, contractor: f.contractor, inspector: event.actor,
                          roundFound: event.round, foundAt: event.at, status: .open, failedRechecks: 0,
                          rechecks: [], rectificationNote: nil, rectifiedAt: nil, waiver: nil,
                          closedRound: nil, waivedRound: nil)
        case .defectRectified(let r):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            d.status = .rectified
            d.rectificationNote = r.note
            d.rectifiedAt = event.at
            d.claimEvent = event.id
            d.claims.append(Claim(contractor: d.contractor, at: event.at, hlc: event.hlc, replica: event.replica, event: event.id))
            return d
        case .defectRechecked(let r):
            guard var d = defect else { return defect }
            var recheck = Recheck(round: event.round, passed: r.passed, note: r.note, inspector: event.actor, at: event.at,
                                  contractor: d.contractor, afterClaim: d.status == .rectified, event: event.id, replica: event.replica)
            if let i = d.rechecks.lastIndex(where: { $0.round == event.round }) {
                // The same laptop cannot record two (its rules refuse the second).
                guard d.rechecks[i].replica != event.replica else { return defect }
                // Two results for one round: the failure stands over the pass.
                d.conflicts.note(Conflict(kind: .recheckResults, round: event.round, unit: d.unit, defect: d.id,
                                          events: [d.rechecks[i].event, event.id].compactMap { $0 }))
                if d.rechecks[i].passed && !r.passed {
                    // Both results followed the same claim, or the same absence of one.
                    recheck.afterClaim = d.rechecks[i].afterClaim
                    d.rechecks[i] = recheck
                    d.closedRound = nil
                    fail(&d, in: event.round, afterClaim: recheck.afterClaim, penaltyThreshold: penaltyThreshold)
                }
                return d
            }
            if d.status == .closed, let closed = d.closedRound, closed < event.round {
                // A round re-checking every recorded problem (scope `all`) re-checks a closed
                // one: a pass confirms it, a failure opens it again (the damage came back).
                d.rechecks.append(recheck)
                if !r.passed {
                    d.closedRound = nil
                    fail(&d, in: event.round, afterClaim: false, penaltyThreshold: penaltyThreshold)
                }
                return d
            }
            if d.status == .waived, d.waiverReplica != event.replica {
                // Waived on one laptop, re-checked on another: a failure keeps it open.
                d.conflicts.note(Conflict(kind: .waivedAndRechecked, round: event.round, unit: d.unit, defect: d.id,
                                          events: [d.waiverEvent, event.id].compactMap { $0 }))
                d.waivedRound = nil
            } else if !d.status.blocksDelivery {
                return defect
            }
            d.rechecks.append(recheck)
            d.claimEvent = nil
            if r.passed {
                d.status = .closed
                d.closedRound = event.round
            } else {
                fail(&d, in: event.round, afterClaim: recheck.afterClaim, penaltyThreshold: penaltyThreshold)
            }
            return d
        case .defectWaived(let w):
            guard var d = defect else { return defect }
            let contradicted = d.status == .closed ? d.rechecks.last { $0.passed }
                : d.rechecks.last { $0.round == event.round && !$0.passed }
            if let contradicted, contradicted.replica != event.replica, d.status == .closed || d.status.blocksDelivery {
                // Waived on one laptop while re-checked on another: the re-check stands.
                d.conflicts.note(Conflict(kind: .waivedAndRechecked, round: event.round, unit: d.unit, defect: d.id,
                                          events: [contradicted.event, event.id].compactMap { $0 }))
                d.waiverEvent = event.id
                return d
            }
            guard d.status.blocksDelivery else { return defect }
            d.status = .waived
            d.waiver = w.answer
            d.answerCode = w.answerCode
            d.approvedBy = w.approvedBy
            d.waivedRound = event.round
            d.waiverEvent = event.id
            d.waiverReplica = event.replica
            return d
        case .defectReassigned(let r):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            if let last = d.lastReassignment, last.round == event.round, last.replica != event.replica {
                // Two laptops handed it to different contractors: the later in the history stands.
                d.conflicts.note(Conflict(kind: .reassignments, round: event.round, unit: d.unit, defect: d.id,
                                          events: [last.event, event.id]))
            }
            // Its new contractor starts afresh: failures count against whoever was responsible.
            if r.contractor != d.contractor { d.responsibility = Responsibility() }
            d.contractor = r.contractor
            d.lastReassignment = Reassignment(event: event.id, round: event.round, replica: event.replica)
            return d
        case .defectEdited(let e):
            guard var d = defect else { return defect }
            if let note = e.note { d.note = note }
            if let room = e.room { d.room = room }
            if let severity = e.severity { d.severity = severity }
            return d
        default:
            return defect
        }
    }

    /// A failed re-check: open again, one more failure, counted against the contractor
    /// responsible, whose defect is flagged once when its failures reach the threshold.
    static func fail(_ d: inout Defect, in round: Int, afterClaim: Bool, penaltyThreshold: Int) {
        d.status = .open
        d.failedRechecks += 1
        if afterClaim { d.responsibility.afterClaim += 1 } else { d.responsibility.withoutClaim += 1 }
        let r = d.responsibility
        if r.flagged {
            d.flags[d.flags.count - 1].afterClaim = r.afterClaim
            d.flags[d.flags.count - 1].withoutClaim = r.withoutClaim
        } else if r.failures >= penaltyThreshold {
            d.flags.append(PenaltyFlag(round: round, contractor: d.contractor, afterClaim: r.afterClaim, withoutClaim: r.withoutClaim))
            d.responsibility.flagged = true
        }
    }
}

/// What may be done to a defect, and when.
public enum DefectRules {
    /// A claim needs an open defect: one already claimed is not claimed again (the
    /// contractor takes the claim back first).
    public static func rectify(_ defect: Defect) throws(InspectionError) {
        try requireActive(defect)
        if defect.status == .rectified { throw .alreadyClaimed(defect.code.text) }
    }

    /// The claim standing now, which its contractor may take back until a re-check.
    public static func takeBackClaim(_ defect: Defect) throws(InspectionError) -> UUID {
        guard defect.status == .rectified, let claim = defect.claimEvent else { throw .notClaimed(defect.code.text) }
        return claim
    }

    /// Withdrawing a defect (its sticker may be on the wall already; the code keeps answering)
    /// is a correction of the round it was found in, while that round is open.
    public static func withdraw(_ defect: Defect, openRound: Int?) throws(InspectionError) {
        guard let round = openRound else { throw .noOpenRound }
        guard defect.roundFound == round else { throw .notThisRound(code: defect.code.text, round: defect.roundFound) }
    }

    /// An edit of an active defect's note, severity or room; the room only in the round it was
    /// found (its re-checks look for it where it was found). Returns the edit with only the
    /// fields that change.
    public static func edit(_ defect: Defect, _ edit: DefectEdited, openRound: Int?) throws(InspectionError) -> DefectEdited {
        try requireActive(defect)
        var changes = DefectEdited()
        if let note = edit.note, note != defect.note {
            guard !note.isEmpty else { throw .noteRequired }
            changes.note = note
        }
        if let severity = edit.severity, severity != defect.severity { changes.severity = severity }
        if let room = edit.room, room != defect.room {
            guard openRound == defect.roundFound else { throw .notThisRound(code: defect.code.text, round: defect.roundFound) }
            changes.room = room
        }
        return changes
    }

    /// A re-check needs an open round later than the one the defect was found in, and one
    /// result per round; a closed defect is re-checked only when the round lists it (scope
    /// `all`).
    public static func recheck(_ defect: Defect, openRound: Int?, listed: Bool = false) throws(InspectionError) {
        guard let round = openRound else { throw .noOpenRound }
        if !(defect.status == .closed && listed) { try requireActive(defect) }
        guard defect.roundFound < round else { throw .recheckInSameRound(code: defect.code.text, round: round) }
        if defect.rechecks.contains(where: { $0.round == round }) {
            throw .alreadyRechecked(code: defect.code.text, round: round)
        }
    }

    /// Waiving applies a unified answer that exists (`answer`, looked up by the `code` typed)
    /// and names whoever approved it.
    public static func waive(_ defect: Defect, answer: UnifiedAnswer?, code: String, approvedBy: String) throws(InspectionError) {
        try requireActive(defect)
        guard answer != nil else { throw .unknownAnswer(code) }
        guard !approvedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw .approverRequired }
    }

    public static func reassign(_ defect: Defect) throws(InspectionError) {
        try requireActive(defect)
    }

    static func requireActive(_ defect: Defect) throws(InspectionError) {
        switch defect.status {
        case .closed: throw .defectClosed(defect.code.text)
        case .waived: throw .defectWaived(defect.code.text)
        case .open, .rectified: return
        }
    }

    /// A free-text note: trimmed, one line, at most 500 characters.
    public static func cleanNote(_ note: String?) throws(InspectionError) -> String? {
        guard let note else { return nil }
        let cleaned = note.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        if cleaned.isEmpty { return nil }
        guard cleaned.count <= 500 else { throw .invalidValue("a note is at most 500 characters (this one has \(cleaned.count))") }
        return cleaned
    }
}
