/// Selection and scroll position of a list whose rows may include unselectable headings.
public struct ListState: Hashable, Sendable {
    /// Index of the selected row, nil when the list has no selectable row.
    public var selected: Int?
    /// Index of the first visible row.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Selects the first selectable row at or after `index` (or before it, when none after).
    public mutating func select(_ index: Int, count: Int, selectable: (Int) -> Bool) {
        guard count > 0 else { selected = nil; offset = 0; return }
        let start = min(max(0, index), count - 1)
        if let i = (start..<count).first(where: selectable) ?? (0..<start).reversed().first(where: selectable) {
            selected = i
        } else {
            selected = nil
        }
    }

    /// Moves the selection by `delta` selectable rows, stopping at the ends.
    public mutating func move(by delta: Int, count: Int, selectable: (Int) -> Bool) {
        guard let current = selected else { select(0, count: count, selectable: selectable); return }
        var index = current
        var remaining = abs(delta)
        let step = delta < 0 ? -1 : 1
        while remaining > 0 {
            var next = index + step
            while next >= 0, next < count, !selectable(next) { next += step }
            guard next >= 0, next < count else { break }
            index = next
            remaining -= 1
        }
        selected = index
    }

    public mutating func selectFirst(count: Int, selectable: (Int) -> Bool) {
        select(0, count: count, selectable: selectable)
    }

    public mutating func selectLast(count: Int, selectable: (Int) -> Bool) {
        guard count > 0 else { selected = nil; return }
        selected = (0..<count).reversed().first(where: selectable)
    }

    /// Scrolls so the selected row is visible in `height` rows, showing the heading just
    /// above it when there is room.
    public mutating func scrollToSelection(height: Int, count: Int) {
        guard height > 0 else { return }
        if let s = selected {
            if s < offset { offset = max(0, s - 1) }
            if s >= offset + height { offset = s - height + 1 }
        }
        offset = min(max(0, offset), max(0, count - height))
    }
}

extension ListState {
    /// Applies a movement key (↑ ↓ j k, PgUp PgDn Ctrl-B Ctrl-F, Home End g G); false for
    /// any other key.
    public mutating func handleMovement(_ key: Key, count: Int, page: Int = 15, selectable: (Int) -> Bool) -> Bool {
        switch key {
        case .down, .character("j"): move(by: 1, count: count, selectable: selectable)
        case .up, .character("k"): move(by: -1, count: count, selectable: selectable)
        case .pageDown, .control("f"): move(by: page, count: count, selectable: selectable)
        case .pageUp, .control("b"): move(by: -page, count: count, selectable: selectable)
        case .home, .character("g"): selectFirst(count: count, selectable: selectable)
        case .end, .character("G"): selectLast(count: count, selectable: selectable)
        default: return false
        }
        return true
    }
}
