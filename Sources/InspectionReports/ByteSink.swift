import Foundation

/// An output stream that collects bytes in memory. The CSV library writes a byte per call;
/// Foundation's memory stream makes each of those a Data append, this one an array append.
final class ByteSink: OutputStream {
    private(set) var bytes: [UInt8] = []
    private var status: Stream.Status = .notOpen

    init() {
        super.init(toMemory: ())
    }

    required init(toMemory: ()) {
        super.init(toMemory: ())
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { true }

    /// Forgets what was written (the stream stays open).
    func removeAll() { bytes.removeAll(keepingCapacity: true) }

    override func write(_ buffer: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: length))
        return length
    }
}
