import Foundation
import InspectionCore
import Testing

@Suite struct LayoutRulesTests {
    func row(_ line: Int, _ building: String, _ entrance: String, _ floor: String, _ unit: String, _ type: String) -> LayoutRow {
        LayoutRow(line: line, building: building, entrance: entrance, floor: floor, unit: unit, type: type)
    }

    func units(_ rows: [LayoutRow], existing: Set<String> = []) -> Result<[ProjectUnit], FileProblems> {
        LayoutRules.units(from: rows, file: "layout.csv", unitTypes: ["A", "B"], existingCodes: existing, makeID: { UUID() })
    }

    @Test func unitCodeIsBuildingEntranceFloorAndUnit() {
        let unit = ProjectUnit(id: UUID(), building: "3", entrance: 1, floor: 5, number: 2, type: "A")
        #expect(unit.code == "3-1-0502")
        #expect(unit.roomNumber == "0502")
        #expect(ProjectUnit(id: UUID(), building: "A1", entrance: 2, floor: 12, number: 10, type: "A").code == "A1-2-1210")
    }

    @Test func validRowsBecomeUnits() throws {
        let result = try units([row(2, "3", "1", "5", "2", "A"), row(3, " 3 ", "1", "05", "3", " B ")]).get()
        #expect(result.map(\.code) == ["3-1-0502", "3-1-0503"])
        #expect(result.map(\.type) == ["A", "B"])
    }

    @Test func duplicateUnitIsReportedAtTheSecondLine() {
        let result = units([row(2, "3", "1", "5", "2", "A"), row(3, "3", "1", "5", "3", "A"), row(4, "3", "1", "05", "02", "B")])
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 4, message: "duplicate unit 3-1-0502 (first at line 2)")])
    }

    @Test func unitAlreadyInTheProjectIsADuplicate() {
        let result = units([row(2, "3", "1", "5", "2", "A")], existing: ["3-1-0502"])
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 2, message: "unit 3-1-0502 is already in the project")])
    }

    @Test func everyBadFieldIsReportedOnItsLine() {
        let result = units([
            row(2, "3", "1", "五", "2", "A"),
            row(3, "3", "1", "5", "2", "Z"),
            row(4, "楼3", "0", "5", "100", "A"),
        ])
        #expect(result.problems == [
            LineProblem(file: "layout.csv", line: 2, message: "floor \"五\" is not a number"),
            LineProblem(file: "layout.csv", line: 3, message: "unknown unit type \"Z\" (known: A, B)"),
            LineProblem(file: "layout.csv", line: 4, message: "building \"楼3\" must be 1–4 ASCII letters or digits"),
            LineProblem(file: "layout.csv", line: 4, message: "entrance 0 is outside 1–99"),
            LineProblem(file: "layout.csv", line: 4, message: "unit 100 is outside 1–99"),
        ])
        #expect(result.problems.first?.description == "layout.csv:2: floor \"五\" is not a number")
    }

    @Test func noRowsIsAProblem() {
        #expect(units([]).problems == [LineProblem(file: "layout.csv", line: 0, message: "no units (only a header?)")])
        #expect(LineProblem(file: "layout.csv", line: 0, message: "no units").description == "layout.csv: no units")
    }

    @Test func layoutOrderSortsBuildingsNumerically() {
        let codes = [("10", 1, 1, 1), ("2", 1, 3, 1), ("A1", 1, 1, 1), ("2", 1, 1, 2), ("2", 2, 1, 1)]
            .map { ProjectUnit(id: UUID(), building: $0.0, entrance: $0.1, floor: $0.2, number: $0.3, type: "A") }
            .sorted { $0.sortKey < $1.sortKey }
            .map(\.code)
        #expect(codes == ["2-1-0102", "2-1-0301", "2-2-0101", "10-1-0101", "A1-1-0101"])
    }
}

extension Result where Failure == FileProblems {
    var problems: [LineProblem] {
        if case .failure(let f) = self { return f.problems }
        return []
    }
}
