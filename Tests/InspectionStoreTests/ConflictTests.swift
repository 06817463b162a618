import Foundation
import InspectionCore
import InspectionStore
import Testing

/// Two laptops record contradicting results at the same time; after they merge, the
/// cautious reading counts and the conflict is listed until a lead resolves it.
@Suite struct ConflictTests {
    /// A project in round 2 with one defect from round 1 to re-check, on two laptops.
    func twoLaptops() throws -> (World, World, String) {
        let a = try World(units: ["1-1-0101", "1-1-0102"])
        try a.openRound()
        let code = try a.addDefect("1-1-0101", "DW-01")
        try a.passAllAndClose()
        try a.openRound()
        let b = try World(joining: a, clockSkew: 30)
        return (a, b, code)
    }

    func exchange(_ a: World, _ b: World) throws {
        _ = try a.store.merge(from: b.store)
        _ = try b.store.merge(from: a.store)
        #expect(try a.store.projectionDump() == (try b.store.projectionDump()))
    }

    func side(_ view: ConflictView, where test: (EventBody) -> Bool) -> Int {
        (view.sides.firstIndex { test($0.event.body) } ?? -1) + 1
    }

    @Test func aPassedAndAFailedRecheckInOneRoundLeaveTheFailureStanding() throws {
        let (a, b, code) = try twoLaptops()
        try a.recheck(code, passed: true)
        try b.recheck(code, passed: false)
        try exchange(a, b)
        let defect = try a.store.defect(code: code)
        #expect(defect.defect.status == .open)
        #expect(defect.defect.failedRechecks == 1)
        #expect(defect.summary.inConflict)
        let conflicts = try a.store.conflicts()
        #expect(conflicts.count == 1)
        let view = try #require(conflicts.first)
        #expect(view.conflict.kind == .recheckResults && view.defectCode == code && view.sides.count == 2)
        // The unit's round counts one re-check, failed.
        #expect(try a.store.unitRound(unit: a.unit("1-1-0101"), round: 2).results.rechecks[defect.defect.id] == false)

        // The lead keeps the pass: the failure is set aside, on every laptop after a merge.
        let pass = side(view) { if case .defectRechecked(let r) = $0 { return r.passed }; return false }
        #expect(throws: InspectionError.self) { try a.write(as: "组长") { _ = try $0.resolveConflict(view.conflict.shortName, keep: pass, note: " ") } }
        try a.write(as: "组长") { _ = try $0.resolveConflict(view.conflict.shortName.lowercased(), keep: pass, note: "复查时漏看，实际已修好") }
        #expect(try a.store.defect(code: code).defect.status == .closed)
        #expect(try a.store.defect(code: code).defect.failedRechecks == 0)
        #expect(try a.store.conflicts().isEmpty)
        try exchange(a, b)
        #expect(try b.store.defect(code: code).defect.status == .closed)
        #expect(!(try b.store.defect(code: code).summary.inConflict))
        let written = try b.store.projectionDump()
        try b.store.rebuild()
        #expect(try b.store.projectionDump() == written)
    }

    @Test func aDefectWaivedOnOneLaptopAndFailedOnAnotherStaysOpen() throws {
        let (a, b, code) = try twoLaptops()
        try a.waive(code)
        try b.recheck(code, passed: false)
        try exchange(a, b)
        let defect = try a.store.defect(code: code).defect
        #expect(defect.status == .open && defect.failedRechecks == 1)
        let view = try #require(try a.store.conflicts().first)
        #expect(view.conflict.kind == .waivedAndRechecked)
        // Accepting the cautious reading (every side stays) resolves it as it stands.
        try b.write(as: "组长") { _ = try $0.resolveConflict(view.conflict.shortName, keep: nil, note: "以复查为准") }
        try exchange(a, b)
        #expect(try a.store.conflicts().isEmpty)
        #expect(try a.store.defect(code: code).defect.status == .open)
    }

    @Test func twoReassignmentsAreListedAndTheLaterStands() throws {
        let (a, b, code) = try twoLaptops()
        try a.reassign(code, to: "防水甲")
        try b.reassign(code, to: "防水乙")
        try exchange(a, b)
        let view = try #require(try a.store.conflicts().first)
        #expect(view.conflict.kind == .reassignments)
        let later = try #require(view.sides.last?.event)
        guard case .defectReassigned(let r) = later.body else { Issue.record("not a reassignment"); return }
        #expect(try a.store.defect(code: code).defect.contractor == r.contractor)
        // Keeping the first reassignment sets the later one aside.
        try a.write(as: "组长") { _ = try $0.resolveConflict(view.conflict.shortName, keep: 1, note: "按合同归属") }
        guard case .defectReassigned(let first) = view.sides[0].event.body else { return }
        #expect(try a.store.defect(code: code).defect.contractor == first.contractor)
    }

    @Test func aDefectOnOneLaptopAndAPassOnAnotherForOneItemKeepTheDefect() throws {
        let (a, b, _) = try twoLaptops()
        let found = try a.addDefect("1-1-0102", "HL-01", room: "厨房")
        try b.write { _ = try $0.recordItem(unit: "1-1-0102", item: "HL-01", room: "厨房", outcome: .pass) }
        try a.write { _ = try $0.recordItem(unit: "1-1-0102", item: "LK-01", room: "主卫", outcome: .notApplicable) }
        try b.write { _ = try $0.recordItem(unit: "1-1-0102", item: "LK-01", room: "主卫", outcome: .pass) }
        try exchange(a, b)
        let view = try a.store.unitRound(unit: a.unit("1-1-0102"), round: 2)
        let pair = try #require(view.pairs.first { $0.item == "HL-01" && $0.room == "厨房" })
        guard case .defects(let ids)? = view.results.result(pair) else { Issue.record("the defect does not stand"); return }
        #expect(ids.count == 1)
        let conflicts = try a.store.conflicts()
        #expect(conflicts.map(\.conflict.kind) == [.itemResults, .itemResults])
        #expect(Set(conflicts.compactMap(\.conflict.pair?.item)) == ["HL-01", "LK-01"])

        // The lead keeps the pass on HL-01: the defect found there is set aside with it.
        let dw02 = try #require(conflicts.first { $0.conflict.pair?.item == "HL-01" })
        let passSide = side(dw02) { if case .itemRecorded = $0 { return true }; return false }
        try a.write(as: "组长") { _ = try $0.resolveConflict(dw02.conflict.shortName, keep: passSide, note: "复核无问题") }
        #expect(try a.store.unitRound(unit: a.unit("1-1-0102"), round: 2).results.result(pair) == .pass)
        #expect(throws: InspectionError.unknownDefect(found)) { try a.store.defect(code: found) }
        #expect(try a.store.conflicts().map(\.conflict.pair?.item) == ["LK-01"])
        try exchange(a, b)
        let written = try a.store.projectionDump()
        try a.store.rebuild()
        #expect(try a.store.projectionDump() == written)
    }
}
