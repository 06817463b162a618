import CSV
import Foundation

/// CSV output at the speed of the bytes: the CSV library quotes each distinct field value
/// once (its rules: a field with a quote, delimiter or line break is quoted, quotes doubled),
/// and rows are assembled from those bytes in one buffer.
///
/// The library writes a byte per call and searches each field with Foundation; most of a
/// rectification list's fields (building, room, item, severity, status, a common phrase)
/// repeat thousands of times, so caching their quoted form leaves little for it to do.
/// Fields made only of ASCII letters, digits and `-` (mark codes, unit codes, numbers)
/// skip it: at the start, the library quotes all those characters once, and when it leaves
/// them as they are (only wrapped in quotes) such a field's form is known without asking.
final class QuotedFields {
    private let sink = ByteSink()
    private let writer: CSVWriter
    private let quoted: Bool
    private var cache: [FieldKey: [UInt8]] = [:]
    private var written = false
    private var rows = 0
    /// Bytes the library was seen to write as they are.
    private var plain = [Bool](repeating: false, count: 256)
    var bytes: [UInt8] = []

    /// `quoted`: every field in quotes (spreadsheets read them alike, and Excel keeps a
    /// leading apostrophe's text as text).
    init(quoted: Bool, reservingCapacity capacity: Int = 0) throws {
        writer = try CSVWriter(stream: sink, newline: .crlf)
        self.quoted = quoted
        bytes.reserveCapacity(capacity)
        let probe = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-"
        if try encode(probe) == (quoted ? [0x22] + Array(probe.utf8) + [0x22] : Array(probe.utf8)) {
            for byte in probe.utf8 { plain[Int(byte)] = true }
        }
    }

    /// Appends one row, fields separated by commas; rows are separated by CRLF, as the
    /// library separates them.
    func append<S: Sequence>(row: S) throws where S.Element == String {
        if rows > 0 { bytes.append(contentsOf: [0x0D, 0x0A]) }
        rows += 1
        var first = true
        for field in row {
            if !first { bytes.append(0x2C) }
            first = false
            try append(field: field)
        }
    }

    private func append(field: String) throws {
        if !field.isEmpty && field.utf8.allSatisfy({ plain[Int($0)] }) {
            if quoted { bytes.append(0x22) }
            bytes.append(contentsOf: field.utf8)
            if quoted { bytes.append(0x22) }
            return
        }
        let key = FieldKey(field)
        if let known = cache[key] {
            bytes.append(contentsOf: known)
            return
        }
        let encoded = try encode(field)
        if cache.count < 100_000 { cache[key] = encoded }
        bytes.append(contentsOf: encoded)
    }

    /// The field as the library writes it.
    private func encode(_ field: String) throws -> [UInt8] {
        // Each field as a row of its own: after the first, the library puts its newline before it.
        writer.beginNewRow()
        try writer.write(field: field, quoted: quoted)
        let skip = written ? 2 : 0
        written = true
        defer { sink.removeAll() }
        return Array(sink.bytes[skip...])
    }
}

/// A field as its UTF-8 bytes: hashing a Chinese `String` normalizes it first, which cost
/// more than the rest of the export; equal bytes are all a cache needs.
struct FieldKey: Hashable {
    let text: String

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    static func == (a: FieldKey, b: FieldKey) -> Bool {
        var x = a.text, y = b.text
        guard x.utf8.count == y.utf8.count else { return false }
        return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
