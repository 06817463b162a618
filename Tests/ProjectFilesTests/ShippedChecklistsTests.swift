import Foundation
import InspectionCore
import ProjectFiles
import Testing

/// The checklists in the repository's checklists/ folder, read from disk.
func shippedChecklistDirectory() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("checklists")
}

@Test func shippedChecklistsLoadWithoutProblems() throws {
    let result = ChecklistLoader.load(directory: shippedChecklistDirectory(), defaults: [])
    let set = try result.get()
    #expect(set.categories.map(\.id) == ["doors-windows", "hollowness", "leaks", "protection"])
    for category in set.categories {
        let count = set.items.filter { $0.category == category.id }.count
        #expect((10...20).contains(count), "\(category.id) has \(count) items")
    }
    // Every item has at least one phrase and applies to a room some unit type has.
    let usedKinds = Set(set.unitTypes.flatMap { $0.rooms.map(\.kind) })
    for item in set.items {
        #expect(!item.phrases.isEmpty, "\(item.id) has no phrases")
        #expect(item.rooms.contains(where: usedKinds.contains), "\(item.id) applies to no room of any unit type")
    }
}
