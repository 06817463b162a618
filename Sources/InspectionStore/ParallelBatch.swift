import Foundation

/// A batch of inputs turned into outputs a chunk at a time, by helper threads started with it
/// and by the thread that asks for the outputs (`outputs`), whichever takes the next chunk
/// first: on a two-core laptop the helper works while this thread does what only it can (read
/// the file, write the tables), then this thread takes what is left. Each chunk is written
/// by one thread only; a lock hands them out. `makeWorker` is called once by each thread that
/// takes part, for state of its own (a decoder, a cache).
final class ParallelBatch<Input, Output>: @unchecked Sendable {
    let inputs: [Input]
    private let results: UnsafeMutableBufferPointer<Output>
    private let makeWorker: () -> (Input) -> Output
    private let chunkSize: Int
    private let chunks: Int
    private let lock = NSLock()
    private var taken = 0
    private var done = 0
    private let finished = DispatchSemaphore(value: 0)

    /// Helper threads: every core but this thread's.
    static var helpers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    init(_ inputs: [Input], chunk: Int = 256, helpers: Int = helpers, makeWorker: @escaping () -> (Input) -> Output) {
        self.inputs = inputs
        self.makeWorker = makeWorker
        chunkSize = chunk
        results = .allocate(capacity: inputs.count)
        chunks = (inputs.count + chunk - 1) / chunk
        // A batch of one chunk is done here: handing it over would cost more.
        guard chunks > 1 else { return }
        for _ in 0..<min(helpers, chunks - 1) { DispatchQueue.global().async { self.work() } }
    }

    deinit {
        // Helpers hold the batch until they finish, so every chunk taken is done (not every
        // chunk when the outputs were never asked for).
        results.baseAddress?.deinitialize(count: min(inputs.count, taken * chunkSize))
        results.deallocate()
    }

    /// Every output, in the inputs' order, once all are made; this thread makes those no
    /// helper has taken. Valid while the batch is.
    func outputs() -> UnsafeMutableBufferPointer<Output> {
        work()
        if chunks > 0 { finished.wait() }
        return results
    }

    /// Turns `inputs` into outputs a batch at a time, each batch made on the other cores while
    /// `body` takes the outputs of the one before, in the inputs' order (this thread helps
    /// with a batch when it gets there before the helpers are done).
    static func pipeline(_ inputs: [Input], batch size: Int, chunk: Int, makeWorker: @escaping () -> (Input) -> Output,
                         _ body: (Input, Output) throws -> Void) rethrows {
        func batch(_ start: Int) -> ParallelBatch? {
            guard start < inputs.count else { return nil }
            return ParallelBatch(Array(inputs[start..<min(inputs.count, start + size)]), chunk: chunk, makeWorker: makeWorker)
        }
        var next = batch(0)
        var start = 0
        while let current = next {
            let outputs = current.outputs()
            start += current.inputs.count
            next = batch(start)
            try withExtendedLifetime(current) {
                for (input, output) in zip(current.inputs, outputs) { try body(input, output) }
            }
        }
    }

    private func work() {
        var worker: ((Input) -> Output)?
        while let chunk = lock.withLock({ () -> Int? in
            guard taken < chunks else { return nil }
            taken += 1
            return taken - 1
        }) {
            if worker == nil { worker = makeWorker() }
            for i in (chunk * chunkSize)..<min(inputs.count, (chunk + 1) * chunkSize) {
                (results.baseAddress! + i).initialize(to: worker!(inputs[i]))
            }
            let last = lock.withLock { () -> Bool in
                done += 1
                return done == chunks
            }
            if last { finished.signal() }
        }
    }
}
