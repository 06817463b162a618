import Foundation
import InspectionCore
import InspectionStore

/// What the command line reads from its surroundings: the database path, today's date, the
/// inspector's name.
enum Env {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// `--db`, else `YANFANG_DB`, else `./yanfang.db`.
    static func databasePath(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = variables["YANFANG_DB"], !env.isEmpty { return env }
        return "yanfang.db"
    }

    /// Today, or the day `YANFANG_TODAY` names (to reproduce a report as of a past day), else
    /// the day of `YANFANG_NOW`.
    static func today() throws -> Day {
        if let text = variables["YANFANG_TODAY"], !text.isEmpty {
            guard let day = Day(text) else { throw UsageError("YANFANG_TODAY=\(text) is not a YYYY-MM-DD date") }
            return day
        }
        return localDay(try now())
    }

    /// Now, or the moment `YANFANG_NOW` names (an ISO 8601 time with its offset,
    /// `2026-12-03T09:00:00+08:00`): the clock of the ponding tests' 24 hours.
    static func now() throws -> Date {
        guard let text = variables["YANFANG_NOW"], !text.isEmpty else { return Date() }
        guard let date = parseNow(text) else {
            throw UsageError("YANFANG_NOW=\(text) is not an ISO 8601 time with its offset (e.g. 2026-12-03T09:00:00+08:00)")
        }
        return date
    }

    static func parseNow(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static func localDay(_ date: Date) -> Day {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// `--inspector`, else `YANFANG_INSPECTOR`, else the login name.
    static func inspector(_ option: String?) -> String {
        let candidates = [option, variables["YANFANG_INSPECTOR"], variables["USER"], NSUserName()]
        return candidates.lazy.compactMap { $0.map(UserText.line) }.first { !$0.isEmpty } ?? "?"
    }

    /// An action by `actor` now; the date of the action is `date` when given (at noon, so
    /// the day reads the same in any time zone nearby), else now.
    static func context(actor: String, date: Day? = nil) throws -> ActionContext {
        let today = try today()
        let now = try now()
        guard let date, date != localDay(now) else {
            return ActionContext(actor: actor, at: now, today: date ?? today)
        }
        var c = DateComponents()
        c.year = date.year; c.month = date.month; c.day = date.day; c.hour = 12
        return ActionContext(actor: actor, at: Calendar.current.date(from: c) ?? Date(), today: date)
    }

    /// The context of an action by `--inspector` (or its default), on `date` or today.
    static func action(_ inspector: String?, date: Day? = nil) throws -> ActionContext {
        try context(actor: Self.inspector(inspector), date: date)
    }

    static func parseDay(_ text: String?, option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(text) else { throw UsageError("\(option) \(text) is not a date (YYYY-MM-DD)") }
        return day
    }
}

/// A mistake in the arguments that the parser cannot see (a bad date, say).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
