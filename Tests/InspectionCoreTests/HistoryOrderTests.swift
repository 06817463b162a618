import Foundation
import InspectionCore
import PropertyBased
import Testing

/// The history's order compares identities by their bytes, without making their texts: it
/// must be the order of the texts (which SQLite's blob order also is).
@Suite struct HistoryOrderTests {
    /// An identity from 16 bytes drawn from a few values, so that long shared prefixes (the
    /// first eight bytes equal, the last eight deciding) are common.
    static func identity(_ picks: [Int]) -> UUID {
        let values: [UInt8] = [0x00, 0x01, 0x09, 0x0a, 0x7f, 0x80, 0xa0, 0xff]
        var bytes = picks.map { values[$0] }
        bytes += Array(repeating: 0, count: max(0, 16 - bytes.count))
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    @Test func identitiesCompareAsTheirTexts() async {
        let bytes = Gen.int(in: 0...7).array(of: 16)
        await propertyCheck(count: 2_000, input: bytes, bytes) { a, b in
            let x = Self.identity(a), y = Self.identity(b)
            #expect(x.bytesPrecede(y) == (x.uuidString < y.uuidString))
            #expect(!x.bytesPrecede(x))
        }
    }

    @Test func positionsCompareByClockThenReplicaThenEvent() async {
        let bytes = Gen.int(in: 0...7).array(of: 16)
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...2), bytes, bytes, Gen.int(in: 0...2), bytes, bytes) {
            clockA, replicaA, idA, clockB, replicaB, idB in
            let a = (hlc: Int64(clockA), replica: Self.identity(replicaA), id: Self.identity(idA))
            let b = (hlc: Int64(clockB), replica: Self.identity(replicaB), id: Self.identity(idB))
            let byText = (a.hlc, a.replica.uuidString, a.id.uuidString) < (b.hlc, b.replica.uuidString, b.id.uuidString)
            #expect(HistoryOrder.precedes(a, b) == byText)
        }
    }

    /// Random identities, as replicas and events get them.
    @Test func randomIdentitiesCompareAsTheirTexts() {
        for _ in 0..<10_000 {
            let x = UUID(), y = UUID()
            #expect(x.bytesPrecede(y) == (x.uuidString < y.uuidString))
        }
    }
}
