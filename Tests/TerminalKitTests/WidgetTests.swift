import TerminalKit
import Testing

@Test func listSelectionSkipsHeadingsAndScrollsToStayVisible() {
    let rows = [ListRow.heading("1栋 1单元"), ListRow("1-1-0101"), ListRow("1-1-0102"), .heading("1栋 2单元"), ListRow("1-2-0101"), ListRow("1-2-0102")]
    var state = ListState()
    state.selectFirst(count: rows.count) { rows[$0].isSelectable }
    #expect(state.selected == 1)
    state.move(by: 2, count: rows.count) { rows[$0].isSelectable }
    #expect(state.selected == 4)
    state.move(by: 10, count: rows.count) { rows[$0].isSelectable }
    #expect(state.selected == 5)
    var screen = ScreenBuffer(width: 12, height: 3)
    ListView(rows: rows, theme: .monochrome).render(into: &screen, area: screen.bounds, state: &state)
    #expect(state.offset == 3)
    #expect(screen.lines() == ["1栋 2单元  │", "1-2-0101   │", "1-2-0102   █"])
}

@Test func tableColumnsLineUpWithChineseCells() {
    let table = TableView(columns: [TableColumn("房间", width: 8), TableColumn("数", width: 4, alignment: .right)],
                          rows: [[Span("卫生间"), Span("12")], [Span("客厅"), Span("3")]], theme: .monochrome)
    var screen = ScreenBuffer(width: 13, height: 3)
    var state = ListState()
    table.render(into: &screen, area: screen.bounds, state: &state, showsSelection: false)
    #expect(screen.lines() == ["房间       数", "卫生间     12", "客厅        3"])
}

@Test func textFieldEditsChineseByCharacterAndPlacesTheCursorByWidth() {
    var field = TextField("")
    for c in "窗框渗水" { _ = field.handle(.character(c)) }
    _ = field.handle(.left)
    _ = field.handle(.backspace)
    #expect(field.text == "窗框水")
    var screen = ScreenBuffer(width: 10, height: 1)
    let cursor = field.render(into: &screen, area: screen.bounds, style: .plain)
    #expect(cursor == Position(x: 4, y: 0))
    #expect(screen.lines() == ["窗框水    "])
}

@Test func textFieldScrollsToKeepTheCursorVisible() {
    let field = TextField("一二三四五六七八")
    var screen = ScreenBuffer(width: 6, height: 1)
    let cursor = field.render(into: &screen, area: screen.bounds, style: .plain)
    #expect(cursor.x <= 5)
    #expect(screen.lines() == ["七八  "])
}

@Test func progressBarFillsInEighths() {
    #expect(ProgressBar.bar(fraction: 0.5, width: 4) == ("██", "░░"))
    #expect(ProgressBar.bar(fraction: 0.0625, width: 4) == ("▎", "░░░"))
    #expect(ProgressBar.bar(fraction: 1, width: 3) == ("███", ""))
    #expect(ProgressBar.percent(0.186) == " 18.6")
}

@Test func bigTextDrawsAMarkCodeFiveRowsHigh() {
    let rows = BigText.rows("2-K7")
    #expect(rows.count == 5)
    #expect(rows[0] == "███     █ █ ███")
    #expect(Set(rows.map { DisplayWidth.of($0) }).count == 1)
}

@Test func modalDrawsABorderAndReturnsTheInside() {
    var screen = ScreenBuffer(width: 10, height: 4)
    let inner = Modal(title: "帮助", theme: .monochrome).render(into: &screen, area: screen.bounds)
    #expect(inner == Rect(x: 1, y: 1, width: 8, height: 2))
    #expect(screen.lines() == ["┌─ 帮助 ─┐", "│        │", "│        │", "└────────┘"])
}

@Test func statusBarShowsKeysThenTheMessageOnTheRight() {
    var screen = ScreenBuffer(width: 30, height: 1)
    StatusBar(hints: [("q", "退出")], message: "已保存", theme: .monochrome).render(into: &screen, area: screen.bounds)
    #expect(screen.lines() == [" q 退出                已保存 "])
}
