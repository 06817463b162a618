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
        case .waived: return Localized(zh: "统一口径", en: "waived")
        }
    }

    /// Open and rectified-but-unchecked defects keep a unit from being ready.
    public var blocksDelivery: Bool { self == .open || self == .rectified }
}

/// A repeat failure counted against a contractor: the re-check at which a defect's failed
/// rectifications reached the project's threshold.
public struct PenaltyFlag: Hashable, Sendable, Codable {
    public var round: Int
    public var contractor: UUID?
    public init(round: Int, contractor: UUID?) { self.round = round; self.contractor = contractor }
}

/// One re-check of a defect, as it stands after corrections.
public struct Recheck: Hashable, Sendable, Codable {
    public var round: Int
    public var passed: Bool
    public var note: String?
    public var inspector: String
    public var at: Date
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
    public var failedRechecks: Int
    public var flag: PenaltyFlag?
    public var rechecks: [Recheck]
    public var rectificationNote: String?
    public var rectifiedAt: Date?
    public var waiver: String?
    /// The round whose re-check closed it.
    public var closedRound: Int?
    /// The round it was waived in (or after, before the next opened).
    public var waivedRound: Int?
}

/// Folds a defect's events into its state. The same fold serves the store's projection,
/// its rebuild, and the tests, so the lifecycle rules live here only.
public enum DefectLifecycle {
    /// The defect made by `events` (its own, in order, reversions included), or nil when
    /// it was never found or its finding was taken back.
    public static func fold(_ events: [Event], penaltyThreshold: Int) -> Defect? {
        var defect: Defect?
        for event in Event.standing(events) {
            defect = apply(event, to: defect, penaltyThreshold: penaltyThreshold)
        }
        return defect
    }

    /// One step of the fold: the defect after `event` (which must not be a reversion; a
    /// reversion changes the past, so the defect is folded again without its target).
    public static func apply(_ event: Event, to defect: Defect?, penaltyThreshold: Int) -> Defect? {
        switch event.body {
        case .defectFound(let f):
            guard let id = event.defect, let unit = event.unit else { return defect }
            return Defect(id: id, code: f.code, unit: unit, room: f.room, item: f.item, note: f.note,
                          severity: f.severity, contractor: f.contractor, inspector: event.actor,
                          roundFound: event.round, foundAt: event.at, status: .open, failedRechecks: 0,
                          flag: nil, rechecks: [], rectificationNote: nil, rectifiedAt: nil, waiver: nil,
                          closedRound: nil, waivedRound: nil)
        case .defectRectified(let r):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            d.status = .rectified
            d.rectificationNote = r.note
            d.rectifiedAt = event.at
            return d
        case .defectRechecked(let r):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            d.rechecks.append(Recheck(round: event.round, passed: r.passed, note: r.note, inspector: event.actor, at: event.at))
            if r.passed {
                d.status = .closed
                d.closedRound = event.round
            } else {
                d.status = .open
                d.failedRechecks += 1
                if d.flag == nil && d.failedRechecks >= penaltyThreshold {
                    d.flag = PenaltyFlag(round: event.round, contractor: d.contractor)
                }
            }
            return d
        case .defectWaived(let w):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            d.status = .waived
            d.waiver = w.answer
            d.waivedRound = event.round
            return d
        case .defectReassigned(let r):
            guard var d = defect, d.status.blocksDelivery else { return defect }
            d.contractor = r.contractor
            return d
        default:
            return defect
        }
    }
}

/// What may be done to a defect, and when.
public enum DefectRules {
    public static func rectify(_ defect: Defect) throws(InspectionError) {
        try requireActive(defect)
    }

    /// A re-check needs an open round later than the one the defect was found in, and one
    /// result per round.
    public static func recheck(_ defect: Defect, openRound: Int?) throws(InspectionError) {
        guard let round = openRound else { throw .noOpenRound }
        try requireActive(defect)
        guard defect.roundFound < round else { throw .recheckInSameRound(code: defect.code.text, round: round) }
        if defect.rechecks.contains(where: { $0.round == round }) {
            throw .alreadyRechecked(code: defect.code.text, round: round)
        }
    }

    public static func waive(_ defect: Defect, answer: String) throws(InspectionError) {
        try requireActive(defect)
        guard !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .answerRequired }
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
