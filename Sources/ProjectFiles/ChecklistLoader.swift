import Foundation
import InspectionCore
import Yams

/// A text file handed to a loader: its name (as the user would recognise it) and contents.
public struct SourceFile: Hashable, Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Loads the checklist files: `trades.yaml`, `unit-types.yaml` (rooms and floor plans) and
/// one file per category. Everything is checked and every problem reported with file:line;
/// any problem refuses the whole set.
public enum ChecklistLoader {
    public static let tradesFile = "trades.yaml"
    public static let unitTypesFile = "unit-types.yaml"

    /// Loads a directory; files it lacks among trades.yaml and unit-types.yaml come from
    /// `defaults` (the shipped ones).
    public static func load(directory: URL, defaults: [SourceFile]) -> Result<ChecklistSet, FileProblems> {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { ["yaml", "yml"].contains($0.pathExtension.lowercased()) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            return .failure(FileProblems([LineProblem(file: directory.path, line: 0, message: "cannot read the checklist directory (\(describe(error)))")]))
        }
        var sources: [SourceFile] = []
        var problems: [LineProblem] = []
        for url in files {
            let display = directory.lastPathComponent + "/" + url.lastPathComponent
            switch readText(url, display: display) {
            case .success(let text): sources.append(SourceFile(name: display, text: text))
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { return .failure(FileProblems(problems)) }
        for name in [tradesFile, unitTypesFile] where !sources.contains(where: { baseName($0.name) == name }) {
            sources += defaults.filter { baseName($0.name) == name }
        }
        return load(files: sources)
    }

    /// Loads the set from files already read.
    public static func load(files: [SourceFile]) -> Result<ChecklistSet, FileProblems> {
        var problems: [LineProblem] = []
        var trades: [Trade] = []
        var roomKinds: [RoomKind] = []
        var unitTypes: [UnitType] = []
        var categories: [Category] = []
        var items: [ChecklistItem] = []
        var itemNodes: [(ParsedItem, YAMLProblems)] = []

        let sorted = files.sorted { baseName($0.name) < baseName($1.name) }
        guard let tradesSource = sorted.first(where: { baseName($0.name) == tradesFile }) else {
            return .failure(FileProblems([LineProblem(file: tradesFile, line: 0, message: "missing: the trades file is required")]))
        }
        guard let typesSource = sorted.first(where: { baseName($0.name) == unitTypesFile }) else {
            return .failure(FileProblems([LineProblem(file: unitTypesFile, line: 0, message: "missing: the unit types file is required")]))
        }

        let tradeProblems = YAMLProblems(file: tradesSource.name)
        trades = parseTrades(tradesSource.text, problems: tradeProblems)
        problems += tradeProblems.list

        let typeProblems = YAMLProblems(file: typesSource.name)
        (roomKinds, unitTypes) = parseUnitTypes(typesSource.text, problems: typeProblems)
        problems += typeProblems.list

        var itemOrigin: [String: String] = [:]
        for source in sorted where ![tradesFile, unitTypesFile].contains(baseName(source.name)) {
            let fileProblems = YAMLProblems(file: source.name)
            if let (category, parsed) = parseCategory(source.text, problems: fileProblems) {
                if categories.contains(where: { $0.id == category.id }) {
                    fileProblems.add(line: 1, "category \"\(category.id)\" is defined in another file too")
                }
                categories.append(category)
                for parsedItem in parsed {
                    let item = parsedItem.item, node = parsedItem.node
                    if let first = itemOrigin[item.id] {
                        fileProblems.add(node, "duplicate item id \(item.id) (first at \(first))")
                        continue
                    }
                    itemOrigin[item.id] = "\(source.name):\(node.mark?.line ?? 0)"
                    items.append(item)
                    itemNodes.append((parsedItem, fileProblems))
                }
            }
            problems += fileProblems.list
        }
        if categories.isEmpty {
            problems.append(LineProblem(file: "checklists", line: 0, message: "no category files (each has a \"category:\" and \"items:\")"))
        }

        // Cross-file references: rooms and trades named by items must exist.
        let kindIDs = Set(roomKinds.map(\.id))
        let tradeIDs = Set(trades.map(\.id))
        for (parsed, fileProblems) in itemNodes {
            let item = parsed.item
            // Each problem at the line where the unknown name is written.
            for room in item.rooms where !kindIDs.contains(room) {
                let line = (parsed.roomNodes[room] ?? parsed.node).mark?.line ?? 0
                problems.append(LineProblem(file: fileProblems.file, line: line,
                                            message: "item \(item.id): unknown room \"\(room)\" (rooms: \(roomKinds.map(\.id).joined(separator: ", ")))"))
            }
            if !tradeIDs.contains(item.trade) {
                problems.append(LineProblem(file: fileProblems.file, line: (parsed.tradeNode ?? parsed.node).mark?.line ?? 0,
                                            message: "item \(item.id): unknown trade \"\(item.trade)\" (trades: \(trades.map(\.id).joined(separator: ", ")))"))
            }
        }
        if !problems.isEmpty { return .failure(FileProblems(problems)) }
        return .success(ChecklistSet(roomKinds: roomKinds, unitTypes: unitTypes, trades: trades, categories: categories, items: items))
    }

    static func parseTrades(_ text: String, problems: YAMLProblems) -> [Trade] {
        guard let root = composeYAML(text, problems: problems),
              let fields = YAMLFields(root, what: "the file", allowed: ["trades"], problems: problems) else { return [] }
        guard let list = fields.node("trades")?.sequence else {
            problems.add(root, "\"trades\" must be a list")
            return []
        }
        var trades: [Trade] = []
        for node in list {
            guard let f = YAMLFields(node, what: "trade", allowed: ["id", "zh", "en"], problems: problems),
                  let id = identifier(f), let name = f.localized() else { continue }
            if trades.contains(where: { $0.id == id }) { problems.add(node, "duplicate trade id \(id)"); continue }
            trades.append(Trade(id: id, name: name))
        }
        return trades
    }

    static func parseUnitTypes(_ text: String, problems: YAMLProblems) -> ([RoomKind], [UnitType]) {
        guard let root = composeYAML(text, problems: problems),
              let fields = YAMLFields(root, what: "the file", allowed: ["rooms", "types"], problems: problems) else { return ([], []) }
        var kinds: [RoomKind] = []
        if let list = fields.node("rooms")?.sequence {
            for node in list {
                guard let f = YAMLFields(node, what: "room", allowed: ["id", "zh", "en", windowField], problems: problems),
                      let id = identifier(f), let name = f.localized() else { continue }
                if kinds.contains(where: { $0.id == id }) { problems.add(node, "duplicate room id \(id)"); continue }
                kinds.append(RoomKind(id: id, name: name, exteriorWindow: f.bool(windowField)))
            }
        } else {
            problems.add(root, "\"rooms\" must be a list of room kinds")
        }
        var types: [UnitType] = []
        guard let list = fields.node("types")?.sequence else {
            problems.add(root, "\"types\" must be a list of unit types")
            return (kinds, types)
        }
        for node in list {
            guard let f = YAMLFields(node, what: "unit type", allowed: ["id", "zh", "en", "delivery", "rooms"], problems: problems),
                  let id = identifier(f), let name = f.localized() else { continue }
            let delivery = f.has("delivery") ? f.choice("delivery", DeliveryStandard.self) : nil
            if f.has("delivery") && delivery == nil { continue }
            if types.contains(where: { $0.id == id }) { problems.add(node, "duplicate unit type \(id)"); continue }
            guard let roomList = f.node("rooms")?.sequence, !roomList.isEmpty else {
                problems.add(node, "unit type \(id): \"rooms\" must be a list of rooms")
                continue
            }
            var rooms: [Room] = []
            for roomNode in roomList {
                var room: Room?
                if case .scalar(let scalar) = roomNode {
                    let kindID = scalar.string
                    if let kind = kinds.first(where: { $0.id == kindID }) {
                        room = Room(kind: kind.id, name: kind.name, exteriorWindow: kind.exteriorWindow)
                    } else {
                        problems.add(roomNode, "unit type \(id): unknown room \"\(kindID)\" (rooms: \(kinds.map(\.id).joined(separator: ", ")))")
                    }
                } else if let rf = YAMLFields(roomNode, what: "unit type \(id) room", allowed: ["kind", "zh", "en", windowField], problems: problems),
                          let kindID = rf.string("kind"), let name = rf.localized() {
                    if let kind = kinds.first(where: { $0.id == kindID }) {
                        room = Room(kind: kindID, name: name, exteriorWindow: rf.bool(windowField) ?? kind.exteriorWindow)
                    } else {
                        problems.add(roomNode, "unit type \(id): unknown room \"\(kindID)\" (rooms: \(kinds.map(\.id).joined(separator: ", ")))")
                    }
                }
                guard let room else { continue }
                if rooms.contains(where: { $0.key == room.key }) {
                    problems.add(roomNode, "unit type \(id) has two rooms named \(room.key); name them apart (zh/en)")
                    continue
                }
                rooms.append(room)
            }
            types.append(UnitType(id: id, name: name, rooms: rooms, delivery: delivery))
        }
        return (kinds, types)
    }

    static let itemFields = ["id", "zh", "en", "rooms", "method", "criterion", "clause", "severity", "sensitivity", "trade", "phrases", "when"]
    /// Whether a room has an exterior window: on a room kind (its default) and on a unit
    /// type's room (for that room); also a condition of `when`.
    static let windowField = "exterior-window"
    static let conditionFields = ["floor", "delivery", windowField]

    /// An item's `when:`: a mapping of conditions that must all hold. nil with `ok` false
    /// when it is wrong (the problems recorded at their lines).
    static func parseCondition(_ fields: YAMLFields, item id: String?) -> (condition: ItemCondition?, ok: Bool) {
        guard let node = fields.node("when") else { return (nil, true) }
        let what = "item \(id ?? "?") when"
        let before = fields.problems.list.count
        guard let f = YAMLFields(node, what: what, allowed: conditionFields, problems: fields.problems) else { return (nil, false) }
        if case .mapping(let mapping) = node, mapping.count == 0 {
            fields.problems.add(node, "\(what) names no condition (conditions: \(conditionFields.joined(separator: ", ")))")
        }
        let condition = ItemCondition(floor: f.has("floor") ? f.choice("floor", ItemCondition.Floor.self) : nil,
                                      delivery: f.has("delivery") ? f.choice("delivery", DeliveryStandard.self) : nil,
                                      exteriorWindow: f.bool(windowField))
        return (condition, fields.problems.list.count == before)
    }

    /// An item with the YAML nodes its names were read from, for reporting their lines.
    struct ParsedItem {
        var item: ChecklistItem
        var node: Node
        var roomNodes: [String: Node]
        var tradeNode: Node?
    }

    static func parseCategory(_ text: String, problems: YAMLProblems) -> (Category, [ParsedItem])? {
        guard let root = composeYAML(text, problems: problems),
              let fields = YAMLFields(root, what: "the file", allowed: ["category", "items"], problems: problems) else { return nil }
        guard let categoryNode = fields.node("category"),
              let cf = YAMLFields(categoryNode, what: "category", allowed: ["id", "zh", "en"], problems: problems),
              let categoryID = identifier(cf), let categoryName = cf.localized() else {
            if !fields.has("category") { problems.add(root, "the file is missing \"category\" (id, zh, en)") }
            return nil
        }
        let category = Category(id: categoryID, name: categoryName)
        guard let list = fields.node("items")?.sequence, !list.isEmpty else {
            problems.add(root, "\"items\" must be a non-empty list")
            return (category, [])
        }
        var items: [ParsedItem] = []
        for node in list {
            guard let f = YAMLFields(node, what: "item", allowed: itemFields, problems: problems) else { continue }
            let id = identifier(f)
            let name = f.localized()
            let rooms = f.strings("rooms")
            let method = f.choice("method", InspectionMethod.self)
            let criterion = f.localized("criterion")
            let clause = f.string("clause", required: false)
            let severity = f.choice("severity", Severity.self)
            let sensitivity = f.choice("sensitivity", Sensitivity.self)
            let trade = f.string("trade")
            let phrases = f.strings("phrases")
            let (condition, conditionOK) = parseCondition(f, item: id)
            guard let id, let name, let rooms, let method, let criterion, let severity, let sensitivity, let trade, let phrases,
                  conditionOK else { continue }
            var seenRooms: [String] = []
            var roomNodes: [String: Node] = [:]
            for (room, roomNode) in rooms {
                if seenRooms.contains(room) { problems.add(roomNode, "item \(id) lists room \(room) twice") }
                seenRooms.append(room)
                roomNodes[room] = roomNodes[room] ?? roomNode
            }
            let item = ChecklistItem(id: id, category: category.id, name: name, rooms: seenRooms, method: method,
                                     criterion: criterion, clause: clause, severity: severity, sensitivity: sensitivity,
                                     trade: trade, phrases: phrases.map(\.0).filter { !$0.isEmpty }, when: condition)
            items.append(ParsedItem(item: item, node: node, roomNodes: roomNodes, tradeNode: f.node("trade")))
        }
        return (category, items)
    }

    /// An `id` field: letters, digits, `-` and `_`, so it can be typed on a command line.
    static func identifier(_ fields: YAMLFields) -> String? {
        guard let id = fields.string("id") else { return nil }
        let ok = id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        guard ok, id.count <= 32 else {
            fields.problems.add(fields.node("id"), "id \"\(id)\" must be up to 32 ASCII letters, digits, - or _")
            return nil
        }
        return id
    }

    static func baseName(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}

/// Reads a file as UTF-8 text (a leading BOM is dropped), or says which line is not UTF-8.
public func readText(_ url: URL, display: String) -> Result<String, LineProblem> {
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        return .failure(LineProblem(file: display, line: 0, message: "cannot read (\(describe(error)))"))
    }
    return decodeUTF8(data, file: display)
}

/// Decodes UTF-8 (dropping a BOM), or names the first line that is not UTF-8.
public func decodeUTF8(_ data: Data, file: String) -> Result<String, LineProblem> {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
    // Find the line of the first byte that does not decode.
    var line = 1
    var index = 0
    while index < bytes.count {
        let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        if String(validating: bytes[index..<end], as: UTF8.self) == nil { break }
        line += 1
        index = end + 1
    }
    return .failure(LineProblem(file: file, line: line,
                                message: "not UTF-8 text (a file saved as GBK/ANSI?); save it as UTF-8 (in Excel: \"CSV UTF-8\")"))
}

/// A system error in a few words, without Foundation's object dump.
public func describe(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let text = String(validatingCString: strerror(Int32(underlying.code))) {
        return text
    }
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
        default: break
        }
    }
    return ns.localizedDescription
}
