import DefaultData
import Foundation
import InspectionCore
import ProjectFiles
import Testing

/// A checklist file that YAML itself refuses is one line with the place at fault, never a
/// dump of the file.
@Suite struct MalformedYAMLTests {
    static let file = "checklists/extra.yaml"
    static let text = """
        category:
          id: extra
          zh: 其他
          en: Extra
        items:
          - id: EX-01
            zh: 示例
            en: Example
            rooms: [kitchen]
            method: observe
            criterion: {zh: 合格, en: ok}
            severity: major
            sensitivity: high
            trade: general
            phrases: [x]

        """

    func problems(_ text: String) -> [LineProblem] {
        let result = ChecklistLoader.load(files: Fixture.shippedPlus(SourceFile(name: Self.file, text: text)))
        if case .failure(let f) = result { return f.problems }
        return []
    }

    @Test func aDuplicateKeyIsOneLineWithItsPlace() {
        let found = problems(Self.text.replacingOccurrences(of: "    severity: major\n", with: "    severity: major\n    severity: minor\n"))
        #expect(found.count == 1)
        #expect(found.first?.line == 12 || found.first?.line == 13, "\(found)")
        #expect(found.first?.message == "duplicate key \"severity\"", "\(found)")
        #expect(found.first.map { !$0.description.contains("\n") && $0.description.count < 120 } == true)
    }

    @Test func aNULByteNamesItsLine() {
        let found = problems(Self.text.replacingOccurrences(of: "    en: Example", with: "    en: Exa\u{0}mple"))
        #expect(found == [LineProblem(file: Self.file, line: 8, message: "a NUL byte (U+0000), which YAML does not allow")])
    }
}
