import CSV
import Foundation
@testable import InspectionReports
import Testing

/// The buffered CSV writer gives the bytes the CSV library gives, field for field.
@Suite struct QuotedFieldsTests {
    static let rows: [[String]] = [
        ["编号", "户", "备注"],
        ["2-K7P3Q", "3-1-0502", "窗框渗水, 两处"],
        ["2-K7P3Q", "", "他说\"明天修\"\r\n再看"],
        ["'=1+1", "A座-1-0101", "窗框渗水, 两处"],
        ["-", "abcXYZ-09", "tab\there"],
    ]

    func library(_ rows: [[String]], quoted: Bool) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row, quotedAtIndex: { _ in quoted }) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as! Data
        return [UInt8](data)
    }

    @Test(arguments: [true, false]) func sameBytesAsTheLibrary(quoted: Bool) throws {
        let fields = try QuotedFields(quoted: quoted)
        for row in Self.rows { try fields.append(row: row) }
        #expect(fields.bytes == (try library(Self.rows, quoted: quoted)))
    }
}
