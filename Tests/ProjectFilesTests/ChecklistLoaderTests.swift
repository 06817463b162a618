import DefaultData
import Foundation
import InspectionCore
import ProjectFiles
import Testing

/// A category file added to the shipped set, with its problems at known lines.
@Suite struct ChecklistLoaderTests {
    /// A valid extra category, line by line; each test breaks one line.
    static let lines = [
        "category:",                        // 1
        "  id: extra",                      // 2
        "  zh: 其他",                        // 3
        "  en: Extra",                      // 4
        "items:",                           // 5
        "  - id: EX-01",                    // 6
        "    zh: 示例",                      // 7
        "    en: Example",                  // 8
        "    rooms: [kitchen, bathroom]",   // 9
        "    method: observe",              // 10
        "    criterion: {zh: 合格, en: ok}", // 11
        "    severity: major",              // 12
        "    sensitivity: high",            // 13
        "    trade: general",               // 14
        "    phrases: [x]",                 // 15
    ]

    static let file = "checklists/extra.yaml"

    /// The shipped set plus the extra file with `line` (1-based) replaced, or removed when nil.
    func load(line: Int? = nil, with replacement: String? = nil) -> Result<ChecklistSet, FileProblems> {
        var lines = Self.lines
        if let line {
            if let replacement { lines[line - 1] = replacement } else { lines.remove(at: line - 1) }
        }
        return ChecklistLoader.load(files: Fixture.shippedPlus(SourceFile(name: Self.file, text: lines.joined(separator: "\n") + "\n")))
    }

    func problems(_ result: Result<ChecklistSet, FileProblems>) -> [LineProblem] {
        if case .failure(let f) = result { return f.problems }
        return []
    }

    @Test func validExtraCategoryLoads() throws {
        let set = try load().get()
        #expect(set.categories.map(\.id) == ["doors-windows", "extra", "hollowness", "leaks", "protection"])
        let item = try #require(set.item("EX-01"))
        #expect(item.rooms == ["kitchen", "bathroom"])
        #expect(item.severity == .major)
        #expect(item.criterion == Localized(zh: "合格", en: "ok"))
    }

    @Test func unknownRoomIsReportedWhereTheRoomIsNamed() {
        let result = load(line: 9, with: "    rooms: [kitchen, attic]")
        #expect(problems(result) == [LineProblem(file: Self.file, line: 9,
            message: "item EX-01: unknown room \"attic\" (rooms: entry, hallway, living, dining, master, second, study, closet, storage, kitchen, bathroom, balcony, platform, terrace, entry-garden)")])
    }

    @Test func unknownRoomOnItsOwnLineIsReportedThere() {
        var lines = Self.lines
        lines[8] = "    rooms:\n      - kitchen\n      - attic"
        let text = lines.joined(separator: "\n") + "\n"
        let result = ChecklistLoader.load(files: Fixture.shippedPlus(SourceFile(name: Self.file, text: text)))
        #expect(problems(result).map(\.line) == [11])
    }

    @Test func duplicateItemIdNamesBothPlaces() {
        let result = load(line: 6, with: "  - id: DW-01")
        #expect(problems(result) == [LineProblem(file: Self.file, line: 6,
            message: "duplicate item id DW-01 (first at checklists/doors-windows.yaml:7)")])
        #expect(problems(result).first?.description
            == "checklists/extra.yaml:6: duplicate item id DW-01 (first at checklists/doors-windows.yaml:7)")
    }

    @Test func missingFieldIsReportedAtItsItem() {
        let result = load(line: 14, with: nil)
        #expect(problems(result) == [LineProblem(file: Self.file, line: 6, message: "item is missing \"trade\"")])
    }

    @Test func badEnumValueIsReportedOnItsLine() {
        let result = load(line: 12, with: "    severity: critical")
        #expect(problems(result) == [LineProblem(file: Self.file, line: 12,
            message: "item: severity \"critical\" must be one of severe, major, minor")])
        let method = load(line: 10, with: "    method: sniff")
        #expect(problems(method) == [LineProblem(file: Self.file, line: 10,
            message: "item: method \"sniff\" must be one of observe, operate, tap, ponding, spray, measure")])
    }

    @Test func yamlSyntaxErrorIsReportedOnItsLine() {
        let result = load(line: 8, with: "    en: Example: broken")
        #expect(problems(result) == [LineProblem(file: Self.file, line: 8,
            message: "YAML syntax: mapping values are not allowed in this context")])
    }

    @Test func unknownFieldIsReportedOnItsLine() {
        let result = load(line: 15, with: "    phrase: [x]")
        #expect(problems(result) == [
            LineProblem(file: Self.file, line: 15,
                        message: "item has unknown field \"phrase\" (fields: \(["id", "zh", "en", "rooms", "method", "criterion", "clause", "severity", "sensitivity", "trade", "phrases", "when"].joined(separator: ", ")))"),
            LineProblem(file: Self.file, line: 6, message: "item is missing \"phrases\""),
        ])
    }

    @Test func unknownRoomInAUnitTypeIsReportedOnItsLine() throws {
        let name = "checklists/unit-types.yaml"
        let files = Fixture.shipped(replacing: name) { $0.replacingOccurrences(of: "      - study\n", with: "      - attic\n") }
        let text = try #require(files.first { $0.name == name }?.text)
        let line = try #require(Fixture.line(of: "      - attic", in: text))
        let result = ChecklistLoader.load(files: files)
        #expect(problems(result) == [LineProblem(file: name, line: line,
            message: "unit type C: unknown room \"attic\" (rooms: entry, hallway, living, dining, master, second, study, closet, storage, kitchen, bathroom, balcony, platform, terrace, entry-garden)")])
    }

    @Test func everyFileWithProblemsIsReported() {
        let broken = SourceFile(name: "checklists/broken.yaml", text: "category:\n  id: b\n  zh: a: b\n")
        let result = ChecklistLoader.load(files: Fixture.shippedPlus(broken)
            + [SourceFile(name: Self.file, text: Self.lines.joined(separator: "\n").replacingOccurrences(of: "severity: major", with: "severity: huge"))])
        #expect(problems(result).map(\.file) == ["checklists/broken.yaml", Self.file])
        #expect(problems(result).map(\.line) == [3, 12])
    }

    @Test func missingTradesFileIsReported() {
        let files = DefaultData.checklistFiles().filter { !$0.name.hasSuffix("trades.yaml") }
        #expect(problems(ChecklistLoader.load(files: files)) == [LineProblem(file: "trades.yaml", line: 0, message: "missing: the trades file is required")])
    }

    // MARK: - Conditions (`when:`)

    @Test func conditionsLoadOnTheItem() throws {
        let set = try load(line: 15, with: "    phrases: [x]\n    when: {floor: top, delivery: shell, exterior-window: false}").get()
        #expect(set.item("EX-01")?.when == ItemCondition(floor: .top, delivery: .shell, exteriorWindow: false))
        let plain = try load().get()
        #expect(plain.item("EX-01")?.when == nil)
    }

    @Test func unknownConditionIsRefusedAtItsLine() {
        let result = load(line: 15, with: "    phrases: [x]\n    when:\n      storey: top")
        #expect(problems(result) == [LineProblem(file: Self.file, line: 17,
            message: "item EX-01 when has unknown field \"storey\" (fields: floor, delivery, exterior-window)")])
    }

    @Test func unknownConditionValueIsRefusedAtItsLine() {
        let floor = load(line: 15, with: "    phrases: [x]\n    when:\n      floor: roof")
        #expect(problems(floor) == [LineProblem(file: Self.file, line: 17,
            message: "item EX-01 when: floor \"roof\" must be one of top, ground")])
        let delivery = load(line: 15, with: "    phrases: [x]\n    when:\n      floor: top\n      delivery: luxury")
        #expect(problems(delivery) == [LineProblem(file: Self.file, line: 18,
            message: "item EX-01 when: delivery \"luxury\" must be one of finished, shell")])
    }

    @Test func conditionOfTheWrongTypeIsRefusedAtItsLine() {
        let window = load(line: 15, with: "    phrases: [x]\n    when:\n      exterior-window: yes please")
        #expect(problems(window) == [LineProblem(file: Self.file, line: 17,
            message: "item EX-01 when: \"exterior-window\" must be true or false")])
        let quoted = load(line: 15, with: "    phrases: [x]\n    when:\n      exterior-window: \"true\"")
        #expect(problems(quoted).map(\.line) == [17])
        let list = load(line: 15, with: "    phrases: [x]\n    when: [top]")
        #expect(problems(list) == [LineProblem(file: Self.file, line: 16,
            message: "item EX-01 when must be a mapping of fields (floor, delivery, exterior-window)")])
        let empty = load(line: 15, with: "    phrases: [x]\n    when: {}")
        #expect(problems(empty) == [LineProblem(file: Self.file, line: 16,
            message: "item EX-01 when names no condition (conditions: floor, delivery, exterior-window)")])
        let floorList = load(line: 15, with: "    phrases: [x]\n    when:\n      floor: [top]")
        #expect(problems(floorList) == [LineProblem(file: Self.file, line: 17, message: "item EX-01 when: \"floor\" must be text")])
    }

    @Test func badDeliveryAndWindowOnUnitTypesAreRefusedAtTheirLines() throws {
        let name = "checklists/unit-types.yaml"
        let files = Fixture.shipped(replacing: name) {
            $0.replacingOccurrences(of: "    delivery: shell\n", with: "    delivery: bare\n")
                .replacingOccurrences(of: "  - id: hallway\n    zh: 玄关/过道\n    en: Hallway\n    exterior-window: false\n",
                                      with: "  - id: hallway\n    zh: 玄关/过道\n    en: Hallway\n    exterior-window: 2\n")
        }
        let text = try #require(files.first { $0.name == name }?.text)
        let deliveryLine = try #require(Fixture.line(of: "delivery: bare", in: text))
        let windowLine = try #require(Fixture.line(of: "exterior-window: 2", in: text))
        #expect(problems(ChecklistLoader.load(files: files)) == [
            LineProblem(file: name, line: windowLine, message: "room: \"exterior-window\" must be true or false"),
            LineProblem(file: name, line: deliveryLine, message: "unit type: delivery \"bare\" must be one of finished, shell"),
        ])
    }
}

