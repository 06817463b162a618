import Foundation
import InspectionCore
import ProjectFiles
import Testing

@Suite struct LayoutFileTests {
    let header = "building,entrance,floor,unit,type"

    @Test func rowsBecomeUnitsWithCodes() throws {
        let units = try Fixture.units(Data("\(header)\n3,1,5,2,A\n3,1,12,10,B\n".utf8)).get()
        #expect(units.map(\.code) == ["3-1-0502", "3-1-1210"])
        #expect(units.map(\.type) == ["A", "B"])
    }

    @Test func rowsRememberTheirLines() throws {
        let rows = try LayoutFile.rows(data: Data("\(header)\n3,1,5,2,A\n\n3,1,5,3,B\n".utf8), file: "layout.csv").get()
        #expect(rows == [
            LayoutRow(line: 2, building: "3", entrance: "1", floor: "5", unit: "2", type: "A"),
            LayoutRow(line: 4, building: "3", entrance: "1", floor: "5", unit: "3", type: "B"),
        ])
    }

    @Test func missingColumnIsReportedOnTheHeaderLine() {
        let result = LayoutFile.rows(data: Data("building,entrance,floor,unit\n3,1,5,2\n".utf8), file: "layout.csv")
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 1,
            message: "missing column \"type\" in the header (expected building,entrance,floor,unit,type)")])
        #expect(result.problems.first?.description
            == "layout.csv:1: missing column \"type\" in the header (expected building,entrance,floor,unit,type)")
        let two = LayoutFile.rows(data: Data("building,floor,unit\n".utf8), file: "layout.csv")
        #expect(two.problems.map(\.message) == ["missing columns \"entrance\", \"type\" in the header (expected building,entrance,floor,unit,type)"])
    }

    @Test func columnsMayComeInAnyOrderAndInChinese() throws {
        let units = try Fixture.units(Data("户型,楼层,户,楼栋,单元\nA,5,2,3,1\n".utf8)).get()
        #expect(units.map(\.code) == ["3-1-0502"])
        #expect(units.map(\.type) == ["A"])
    }

    @Test func duplicateUnitIsReportedOnItsSecondLine() {
        let result = Fixture.units(Data("\(header)\n3,1,5,2,A\n3,1,5,3,A\n3,1,05,02,B\n".utf8))
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 4, message: "duplicate unit 3-1-0502 (first at line 2)")])
    }

    @Test func unknownTypeIsReportedOnItsLine() {
        let result = Fixture.units(Data("\(header)\n3,1,5,2,A\n3,1,5,3,D\n".utf8))
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 3, message: "unknown unit type \"D\" (known: A, B, C)")])
    }

    @Test func nonNumericFloorIsReportedOnItsLine() {
        let result = Fixture.units(Data("\(header)\n3,1,5,2,A\n3,1,5,3,A\n3,1,五,2,A\n".utf8))
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 4, message: "floor \"五\" is not a number")])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let result = Fixture.units(Data("\(header)\n3,1,x,2,A\n3,1,5,3,Q\n3,1,5,4,A\n3,1,5,4,A\n".utf8))
        #expect(result.problems.map(\.description) == [
            "layout.csv:2: floor \"x\" is not a number",
            "layout.csv:3: unknown unit type \"Q\" (known: A, B, C)",
            "layout.csv:5: duplicate unit 3-1-0504 (first at line 4)",
        ])
    }

    @Test func gbkEncodedHeaderIsReportedAsWrongEncodingOnLineOne() {
        // 楼栋,单元,楼层,户,户型 saved as GBK, as Excel does on a Chinese Windows.
        let gbk = Fixture.bytes("c2a5b6b02cb5a5d4aa2cc2a5b2e32cbba72cbba7d0cd") + Array("\n3,1,5,2,A\n".utf8)
        let result = LayoutFile.rows(data: Data(gbk), file: "layout.csv")
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 1,
            message: "not UTF-8 text (a file saved as GBK/ANSI?); save it as UTF-8 (in Excel: \"CSV UTF-8\")")])
    }

    @Test func gbkBytesFurtherDownAreReportedOnTheirLine() {
        // Line 4's type is "A型" in GBK.
        let bytes = Array("\(header)\n3,1,5,2,A\n3,1,5,3,A\n3,1,5,4,".utf8) + Fixture.bytes("41d0cd") + Array("\n3,1,5,5,A\n".utf8)
        let result = LayoutFile.rows(data: Data(bytes), file: "layout.csv")
        #expect(result.problems.map(\.line) == [4])
        #expect(result.problems.first?.description.hasPrefix("layout.csv:4: not UTF-8 text") == true)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("\(header)\n3,1,5,2,A\n".utf8)
        let units = try Fixture.units(Data(bytes)).get()
        #expect(units.map(\.code) == ["3-1-0502"])
        let chinese = [0xEF, 0xBB, 0xBF] + Array("楼栋,单元,楼层,户,户型\n3,1,5,2,A\n".utf8)
        #expect(try Fixture.units(Data(chinese)).get().map(\.code) == ["3-1-0502"])
    }

    @Test func crlfLineEndsReadLikeLF() throws {
        let crlf = "\(header)\r\n3,1,5,2,A\r\n3,1,5,3,B\r\n"
        let rows = try LayoutFile.rows(data: Data(crlf.utf8), file: "layout.csv").get()
        #expect(rows == [
            LayoutRow(line: 2, building: "3", entrance: "1", floor: "5", unit: "2", type: "A"),
            LayoutRow(line: 3, building: "3", entrance: "1", floor: "5", unit: "3", type: "B"),
        ])
        let duplicate = Fixture.units(Data("\(header)\r\n3,1,5,2,A\r\n\r\n3,1,5,2,B\r\n".utf8))
        #expect(duplicate.problems == [LineProblem(file: "layout.csv", line: 4, message: "duplicate unit 3-1-0502 (first at line 2)")])
    }

    @Test func bomAndCRLFTogether() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("楼栋,单元,楼层,户,户型\r\n3,1,5,2,A\r\n3,1,五,3,A\r\n".utf8)
        #expect(Fixture.units(Data(bytes)).problems == [LineProblem(file: "layout.csv", line: 3, message: "floor \"五\" is not a number")])
    }

    @Test func shortRowIsReportedOnItsLine() {
        let result = LayoutFile.rows(data: Data("\(header)\n3,1,5,2,A\n3,1,5\n".utf8), file: "layout.csv")
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 3, message: "expected 5 fields, found 3")])
    }

    @Test func fieldRunningOverLinesIsReportedWhereItStartsAndLinesAfterItStayRight() {
        let csv = "\(header)\n3,1,5,\"2\n\",A\n3,1,5\n"
        let result = LayoutFile.rows(data: Data(csv.utf8), file: "layout.csv")
        #expect(result.problems == [
            LineProblem(file: "layout.csv", line: 2, message: "a field runs over several lines (an unbalanced quote?)"),
            LineProblem(file: "layout.csv", line: 4, message: "expected 5 fields, found 3"),
        ])
    }

    @Test func emptyFileIsReported() {
        #expect(LayoutFile.rows(data: Data(), file: "layout.csv").problems == [LineProblem(file: "layout.csv", line: 1,
            message: "the file is empty; it needs the header building,entrance,floor,unit,type")])
        #expect(Fixture.units(Data("\(header)\n".utf8)).problems == [LineProblem(file: "layout.csv", line: 0, message: "no units (only a header?)")])
    }

    @Test func repeatedColumnIsReported() {
        let result = LayoutFile.rows(data: Data("building,entrance,floor,unit,type,户型\n3,1,5,2,A,B\n".utf8), file: "layout.csv")
        #expect(result.problems == [LineProblem(file: "layout.csv", line: 1, message: "column \"type\" appears twice in the header")])
    }
}
