import Foundation
import InspectionCore
import InspectionStore
import InspectionTUI
import NcursesTerminal
import TerminalKit

/// A file, database or terminal the command cannot use (exit 2).
struct EnvironmentError: Error, CustomStringConvertible {
    var description: String
}

/// zh when LANG (or LC_ALL / LC_MESSAGES) starts with zh, else en.
func interfaceLanguage(_ environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
    }
    return .en
}

/// Opens the database and runs the full-screen interface on it until the user quits.
/// `practice`: a throwaway copy (`yanfang training`), said on every screen.
func runInterface(path: String, language: Language?, contractor: String?, practice: Bool = false) throws {
    let environment = ProcessInfo.processInfo.environment
    do {
        try NcursesTerminal.preflight(environment: environment)
    } catch {
        throw EnvironmentError(description: error.description)
    }
    // A read-only file is shown all the same; what would be written is refused on the status bar.
    let store = try InspectionStore.openForInterface(path: path)
    let fixedToday = try Env.today()  // a bad YANFANG_TODAY is refused here as on the command line
    let fixedNow = try Env.now()  // likewise a bad YANFANG_NOW
    let nowOverride = environment["YANFANG_NOW"].flatMap { $0.isEmpty ? nil : fixedNow }
    let todayOverride = environment["YANFANG_TODAY"].flatMap { $0.isEmpty ? nil : fixedToday }
    var configuration = AppConfiguration(language: language ?? interfaceLanguage(environment), colorSupport: .monochrome,
                                         contractor: contractor, inspector: environment["YANFANG_INSPECTOR"], clock: { nowOverride ?? Date() },
                                         today: { todayOverride ?? Env.localDay(nowOverride ?? Date()) })
    configuration.practice = practice
    // The app reads the database before the screen changes, so a refusal is a plain line.
    let app = try InspectionApp(store: store, configuration: configuration)
    let terminal: NcursesTerminal
    do {
        terminal = try NcursesTerminal(environment: environment)
    } catch {
        throw EnvironmentError(description: error.description)
    }
    defer { terminal.close() }
    app.adopt(terminal.colorSupport)
    run(app, on: terminal, tooSmallMessage: app.tooSmallMessage)
    app.flushRemembered()  // Ctrl-C ends the loop without a key the app sees
    try? store.checkpoint()
}
