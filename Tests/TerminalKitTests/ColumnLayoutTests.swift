import TerminalKit
import Testing

@Suite struct ColumnLayoutRules {
    @Test func everyColumnGetsItsWidestCellWhenAllFit() {
        var a = FittedColumn(), b = FittedColumn(flexible: true)
        a.fit("rectified"); b.fit("窗框拼接处渗水")
        #expect(ColumnLayout.widths([a, b], available: 80) == [9, 14])
    }

    @Test func flexibleColumnsGiveWayFirstAndFixedOnesOnlyToTheirMinimum() {
        let columns = [FittedColumn(natural: 9, minimum: 9), FittedColumn(natural: 30, minimum: 8, flexible: true),
                       FittedColumn(natural: 20, minimum: 6, flexible: true), FittedColumn(natural: 12, minimum: 4)]
        let widths = ColumnLayout.widths(columns, available: 60)
        #expect(widths.reduce(0, +) + 3 == 60)
        #expect(widths[0] == 9 && widths[3] == 12)  // fixed columns kept while flexible ones can give way
        #expect(ColumnLayout.widths(columns, available: 20) == [9, 8, 6, 4])  // never below a minimum
    }
}
