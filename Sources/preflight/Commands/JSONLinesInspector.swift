import ArgumentParser
import Foundation
import Preflight

/// `inspect --format jsonl`: streams JSON Lines from standard input to standard output.
/// A malformed line produces `{"error": "...", "line": N}` and processing goes on.
struct JSONLinesInspector {
    let defaults: EncodingOptions

    /// One input line: `{"text": "...", "smart": "letters"|true|false, "normalize": bool, "shift": "tr,es"|["tr"]}`.
    struct Line: Decodable {
        var text: String
        var smart: SmartEncoding?
        var normalize: Bool?
        var shift: Set<NationalLanguage>?

        init(text: String) { self.text = text }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            for key in c.allKeys where !["text", "smart", "normalize", "shift"].contains(key.stringValue) {
                throw LineError("unknown field \"\(key.stringValue)\" (expected text, smart, normalize, shift)")
            }
            text = try c.decode(String.self, forKey: Key(stringValue: "text"))
            normalize = try c.decodeIfPresent(Bool.self, forKey: Key(stringValue: "normalize"))
            let smartKey = Key(stringValue: "smart")
            if let flag = try? c.decodeIfPresent(Bool.self, forKey: smartKey) {
                smart = flag ? .punctuation : .off
            } else if let level = try c.decodeIfPresent(String.self, forKey: smartKey) {
                guard let value = SmartEncoding(rawValue: level) else {
                    throw LineError("\"smart\" must be true, false, \"off\", \"punctuation\" or \"letters\"")
                }
                smart = value
            }
            let shiftKey = Key(stringValue: "shift")
            if let list = try? c.decodeIfPresent([String].self, forKey: shiftKey) {
                shift = try NationalLanguage.parseList(list.joined(separator: ","))
            } else if let list = try c.decodeIfPresent(String.self, forKey: shiftKey) {
                shift = try NationalLanguage.parseList(list)
            }
        }
    }

    /// The fast path: a flat object with exactly the expected value types, or nil (use the decoder).
    static func fastLine(_ line: ArraySlice<UInt8>) throws -> Line? {
        guard let fields = line.withUnsafeBufferPointer({ FlatJSON.parseObject($0) }) else { return nil }
        var text: String?
        var result = Line(text: "")
        for (key, value) in fields {
            switch (key, value) {
            case ("text", .string(let s)): text = s
            case ("normalize", .bool(let b)): result.normalize = b
            case ("smart", .bool(let b)): result.smart = b ? .punctuation : .off
            case ("smart", .string(let s)):
                guard let level = SmartEncoding(rawValue: s) else { return nil }
                result.smart = level
            case ("shift", .string(let s)): result.shift = try NationalLanguage.parseList(s)
            case ("shift", .strings(let list)): result.shift = try NationalLanguage.parseList(list.joined(separator: ","))
            default: return nil
            }
        }
        guard let text else { return nil }
        result.text = text
        return result
    }

    struct LineError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Reads batches of lines and analyses each batch on all cores; output keeps input order.
    func run() throws {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let states = (0..<workers).map { _ in Worker(defaults: defaults) }
        let reader = LineReader(fd: 0)
        var lineNumber = 0
        let batchSize = 4096 * workers
        while true {
            var batch: [(number: Int, bytes: ArraySlice<UInt8>?)] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let line = reader.next() {
                lineNumber += 1
                switch line {
                case .text(let bytes): batch.append((lineNumber, bytes))
                case .tooLong: batch.append((lineNumber, nil))
                }
            }
            if batch.isEmpty { break }
            let chunk = (batch.count + workers - 1) / workers
            let shared = SendableBox(batch)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = min(w * chunk, shared.value.count)
                let hi = min(lo + chunk, shared.value.count)
                states[w].process(shared.value[lo..<hi])
            }
            for state in states {
                Output.write(state.writer.bytes)
                state.writer.reset()
            }
        }
    }

    /// One worker's encoders, decoder and output buffer (used by one thread at a time).
    final class Worker: @unchecked Sendable {
        let defaults: EncodingOptions
        let decoder = JSONDecoder()
        var encoders: [EncodingOptions: SMSEncoder] = [:]
        var writer = JSONWriter(reservingCapacity: 1 << 20)

        init(defaults: EncodingOptions) { self.defaults = defaults }

        func process(_ lines: ArraySlice<(number: Int, bytes: ArraySlice<UInt8>?)>) {
            for (number, bytes) in lines {
                guard let line = bytes else {
                    writer.beginObject()
                    writer.field("error", "line is longer than \(TextInput.defaultLimit) bytes")
                    writer.field("line", number)
                    writer.endObject()
                    writer.endLine()
                    continue
                }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    let parsed = try JSONLinesInspector.fastLine(line) ?? decoder.decode(Line.self, from: Data(line))
                    var options = defaults
                    if let s = parsed.smart { options.smart = s }
                    if let n = parsed.normalize { options.normalize = n }
                    if let s = parsed.shift { options.shiftTables = s }
                    let encoder = encoders[options] ?? {
                        let e = SMSEncoder(options: options)
                        encoders[options] = e
                        return e
                    }()
                    encoder.analyze(parsed.text).writeJSON(into: &writer)
                } catch {
                    writer.beginObject()
                    writer.field("error", JSONLinesInspector.message(for: error))
                    writer.field("line", number)
                    writer.endObject()
                }
                writer.endLine()
            }
        }
    }

    /// Hands an immutable batch to the worker threads.
    struct SendableBox<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let e as LineError: return e.description
        case let e as EncodingError: return e.description
        case DecodingError.keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "wrong type for \"\(path)\": \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "malformed JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// Reads lines (without the newline) from a file descriptor in 64 KiB chunks. A line longer than
/// `limit` bytes is skipped up to its newline and returned as nil content (`tooLong`), so one
/// absurd line cannot exhaust memory.
final class LineReader {
    enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong
    }

    private let fd: Int32
    private let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var skipping = false
    /// Where the newline search resumes (bytes before it hold no newline).
    private var scanned = 0

    init(fd: Int32, limit: Int = TextInput.defaultLimit) {
        self.fd = fd
        self.limit = limit
    }

    func next() -> Line? {
        while true {
            if let nl = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                scanned = start
                if skipping {
                    skipping = false
                    return .tooLong
                }
                return .text(line)
            }
            if buffer.count - start > limit {
                // Drop what we have of an over-long line and keep reading to its end.
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            scanned = buffer.count
            if eof {
                if skipping {
                    skipping = false
                    return .tooLong
                }
                if start < buffer.count {
                    let line = buffer[start...]
                    start = buffer.count
                    return .text(line)
                }
                return nil
            }
            scanned -= start
            buffer.removeSubrange(0..<start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                eof = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }
}
