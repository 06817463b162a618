/// The two languages yanfang speaks.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en
}

/// A name or text in Chinese and English; English falls back to Chinese where missing.
public struct Localized: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return zh.isEmpty ? en : zh
        case .en: return en.isEmpty ? zh : en
        }
    }

    /// True when `query` names this in either language (case-insensitive for English).
    public func matches(_ query: String) -> Bool {
        query == zh || query.lowercased() == en.lowercased()
    }
}

/// "1 unit", "2 units": an English count with its noun in the right number.
public func englishCount(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(abs(count) == 1 ? one : many)"
}

/// How bad a defect is: 严重 / 一般 / 轻微.
public enum Severity: String, Sendable, CaseIterable, Codable, Comparable {
    case severe, major, minor

    public var name: Localized {
        switch self {
        case .severe: return Localized(zh: "严重", en: "severe")
        case .major: return Localized(zh: "一般", en: "major")
        case .minor: return Localized(zh: "轻微", en: "minor")
        }
    }

    /// Severe first.
    public var rank: Int {
        switch self {
        case .severe: return 0
        case .major: return 1
        case .minor: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// Parses the English or Chinese name.
    public init?(name: String) {
        guard let match = Severity.allCases.first(where: { $0.name.matches(name) || $0.rawValue == name.lowercased() }) else { return nil }
        self = match
    }
}

/// How much buyers notice a kind of problem: hardware and leaks more than millimetres.
public enum Sensitivity: String, Sendable, CaseIterable, Codable, Comparable {
    case high, medium, low

    public var name: Localized {
        switch self {
        case .high: return Localized(zh: "高", en: "high")
        case .medium: return Localized(zh: "中", en: "medium")
        case .low: return Localized(zh: "低", en: "low")
        }
    }

    public var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        }
    }

    public static func < (a: Sensitivity, b: Sensitivity) -> Bool { a.rank < b.rank }
}

/// How an item is checked.
public enum InspectionMethod: String, Sendable, CaseIterable, Codable {
    case observe, operate, tap, ponding, spray, measure

    public var name: Localized {
        switch self {
        case .observe: return Localized(zh: "观察", en: "observe")
        case .operate: return Localized(zh: "操作检查", en: "operate")
        case .tap: return Localized(zh: "空鼓锤敲击", en: "tap with a hollow-drum hammer")
        case .ponding: return Localized(zh: "闭水试验", en: "ponding test")
        case .spray: return Localized(zh: "淋水试验", en: "spray test")
        case .measure: return Localized(zh: "实测", en: "measure")
        }
    }
}
