import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// `/`, from any screen: type a unit code (whole or a part, with or without the zero of the
/// floor, or in Chinese: `3栋1单元502`) or a defect's mark code. The count of matches shows as
/// you type, the list scrolls through all of them, and Enter opens the highlighted one (the
/// exact match comes first, so a whole code opens at once).
final class SearchOverlay: Overlay {
    enum Match {
        case unit(ProjectUnit)
        case defect(code: String, unit: ProjectUnit)
        /// A withdrawn defect's code still answers: its sticker may be on the wall.
        case withdrawn(code: String, unit: ProjectUnit, withdrawal: Withdrawal)
    }

    /// The units it finds (none in a contractor's view), and every unit by id.
    let index: UnitIndex
    let unitsByID: [UUID: ProjectUnit]
    /// In a contractor's view only its own defects are found.
    let ownCodes: [String: UUID]?
    var field = TextField("", maxLength: 30)
    var matches: [Match] = []
    var list = ListState()

    init(app: InspectionApp) throws {
        let all = try app.unitIndex()
        unitsByID = all.byID
        if let contractor = app.stack.first as? ContractorScreen {
            index = UnitIndex([])
            ownCodes = Dictionary(contractor.defects.map { ($0.code.text, $0.unit) }, uniquingKeysWith: { a, _ in a })
        } else {
            index = all
            ownCodes = nil
        }
    }

    func update(_ app: InspectionApp) {
        let query = field.text.trimmingCharacters(in: .whitespaces)
        matches = []
        list = ListState()
        guard !query.isEmpty else { return }
        let dashed = UnitCode.dashed(query).lowercased()
        // Typed without dashes ("310502"), it is compared with codes without dashes.
        let compact = dashed.contains("-") ? "" : dashed
        let exact = UnitCode.typed(query)?.lowercased()
        let found = index.find(exact: exact, part: dashed, compactPart: compact)
        let exactUnits = found.exact.map(Match.unit), partUnits = found.partial.map(Match.unit)
        let defects: [Match]
        if let own = ownCodes {
            let prefix = MarkCode.prefix(query)
            defects = own.keys.sorted().filter { prefix.map($0.hasPrefix) ?? false }.compactMap { code in
                own[code].flatMap { unitsByID[$0] }.map { Match.defect(code: code, unit: $0) }
            }
        } else {
            defects = ((try? app.store.defectLocations(matching: query, limit: 500)) ?? []).compactMap { found in
                unitsByID[found.unit].map { unit in
                    found.withdrawal.map { Match.withdrawn(code: found.code, unit: unit, withdrawal: $0) } ?? Match.defect(code: found.code, unit: unit)
                }
            }
        }
        // What looks like a mark code (it has one of the code's letters) lists defects first.
        let looksLikeCode = query.uppercased().contains { $0.isLetter && MarkCode.alphabet.contains($0) }
        matches = exactUnits + (looksLikeCode ? defects + partUnits : partUnits + defects)
        list.selected = matches.isEmpty ? nil : 0
    }

    func text(_ match: Match, app: InspectionApp) -> String {
        switch match {
        case .unit(let unit): return "\(unit.code)  \(app.texts.unitLabel(unit))"
        case let .defect(code, unit): return "\(code)  \(app.texts.defectIn(unit.code))"
        case let .withdrawn(code, unit, w):
            return "\(code)  \(unit.code) · " + CorrectionText.withdrawn(at: w.at, by: w.by, language: app.language)
        }
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        let height = min(area.height - 1, max(1, matches.count) + 5)
        let box = Rect(x: area.x + 2, y: area.y + 1, width: min(area.width - 4, 60), height: height)
        let inner = Modal(title: t.searchTitle, theme: theme).render(into: &buffer, area: box)
        let cursor = field.render(into: &buffer, area: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1), style: theme.input)
        let status = field.isEmpty ? t.searchHint : matches.isEmpty ? t.searchNone : t.matchCount(matches.count)
        buffer.put(status, at: Position(x: inner.x + 1, y: inner.y + 1), style: theme.muted, maxWidth: inner.width - 2)
        let listArea = Rect(x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, height: max(0, inner.height - 2))
        if !matches.isEmpty {
            ListView(count: matches.count, theme: theme) { ListRow(Line(self.text(self.matches[$0], app: app))) }
                .render(into: &buffer, area: listArea, state: &list)
        }
        return cursor
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        switch key {
        case .escape:
            return false
        case .down, .up, .pageDown, .pageUp:
            _ = list.handleMovement(key, count: matches.count, page: 10) { _ in true }
        case .enter:
            guard let index = list.selected, index < matches.count else {
                if !field.isEmpty { app.message = (app.texts.searchNone, true) }
                return !field.isEmpty
            }
            try open(matches[index], app: app)
            return false
        default:
            if field.handle(key) { update(app) }
        }
        return true
    }

    func open(_ match: Match, app: InspectionApp) throws {
        switch match {
        case .unit(let unit):
            try app.walk(unit)
        case let .withdrawn(code, _, _):
            app.push(try DefectScreen(app: app, code: code))
        case let .defect(code, unit):
            if app.configuration.contractor != nil {
                app.push(try DefectScreen(app: app, code: code))
            } else {
                try app.walk(unit, selecting: code)
            }
        }
    }
}
