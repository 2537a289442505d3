/// One record of a CSV file as the streaming reader hands it on: where it starts, its fields in the
/// batch's storage, and what is wrong with it, if anything.
struct CSVRecord: Sendable {
    /// The 1-based line the record starts on (the header is line 1).
    var line: Int
    /// The 1-based line the record ends on (later than `line` when a quoted field holds line breaks).
    var endLine: Int
    /// The index of the record's first field in ``CSVBatch/fieldEnds``.
    var firstField: Int
    /// How many fields the record has.
    var fieldCount: Int
    /// Why the record is malformed (RFC 4180), or nil.
    var problem: String?
}

/// Records read from a CSV stream: the unescaped bytes of every field, back to back, and the
/// records over them. Field `i` spans `storage[fieldEnds[i - 1]..<fieldEnds[i]]` (from 0 for `i = 0`).
struct CSVBatch: Sendable {
    var storage: [UInt8] = []
    var fieldEnds: [Int] = []
    var records: [CSVRecord] = []

    /// The bytes of field `index`.
    func field(_ index: Int) -> ArraySlice<UInt8> {
        storage[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
    }

    /// The fields of `record` as text, or nil when one is not valid UTF-8.
    func strings(of record: CSVRecord) -> [String]? {
        guard isValidUTF8(record) else { return nil }
        return (record.firstField..<(record.firstField + record.fieldCount)).map { string($0) }
    }

    /// Whether every field of `record` is valid UTF-8.
    func isValidUTF8(_ record: CSVRecord) -> Bool {
        storage.withUnsafeBufferPointer { bytes in
            for i in record.firstField..<(record.firstField + record.fieldCount) {
                let field = UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : fieldEnds[i - 1])..<fieldEnds[i]])
                // ASCII (most fields) is valid as it is; otherwise decoding repairs bad bytes with
                // U+FFFD, and the bytes then differ from the input.
                var any: UInt8 = 0
                for byte in field { any |= byte }
                guard any >= 0x80 else { continue }
                let text = String(decoding: field, as: UTF8.self)
                guard text.utf8.count == field.count, text.utf8.elementsEqual(field) else { return false }
            }
            return true
        }
    }

    /// Field `index` as text (its bytes checked by ``isValidUTF8(_:)``).
    func string(_ index: Int) -> String {
        storage.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]), as: UTF8.self)
        }
    }
}

/// A streaming RFC 4180 reader: comma-separated fields, optionally in double quotes (which may hold
/// commas, line breaks and `""` for a quote), records ended by CR LF, LF or a lone CR, and a UTF-8
/// byte order mark before the first byte ignored.
///
/// Feed it bytes in chunks of any size with ``consume(_:)`` and call ``finish()`` at the end; it
/// hands on records in batches and keeps no more than one batch and one record in memory.
/// Malformed records are read leniently (so that the next record starts where it should) and marked
/// with their problem: a quote inside an unquoted field, text after a closing quote, a quote never
/// closed, or a record longer than ``maximumRecordBytes``. Lines with nothing on them are skipped
/// and counted.
struct CSVReader {
    /// Records longer than this are malformed: their bytes are dropped and reading resumes at the
    /// next line break (so one unclosed quote cannot swallow a 10 GB file into memory).
    static let maximumRecordBytes = 1 << 20

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote, discarding
    }

    /// Records per batch handed to `emit`.
    let batchSize: Int
    private let emit: (CSVBatch) -> Void
    private var batch = CSVBatch()
    private var state = State.fieldStart
    private var line = 1
    private var recordLine = 1
    private var recordStart = 0  // in batch.storage
    private var recordFirstField = 0
    private var problem: String?
    private var quotedFieldLine = 0
    private var atStart = true
    private var bomBytes: [UInt8] = []
    /// Lines skipped because they were empty.
    private(set) var blankLines = 0
    /// Records handed on so far.
    private(set) var recordCount = 0

    /// Creates a reader that calls `emit` with every full batch (and the last one at ``finish()``).
    init(batchSize: Int, emit: @escaping (CSVBatch) -> Void) {
        self.batchSize = max(1, batchSize)
        self.emit = emit
    }

    /// Reads a chunk of the stream.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) {
        var bytes = chunk[...]
        if atStart {
            // A byte order mark may arrive split over chunks.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            while bomBytes.count < 3, let b = bytes.first {
                guard b == bom[bomBytes.count] else {
                    atStart = false
                    let held = bomBytes
                    bomBytes = []
                    held.withUnsafeBufferPointer { scan($0[...]) }
                    break
                }
                bomBytes.append(b)
                bytes = bytes.dropFirst()
            }
            if bomBytes.count == 3 {
                atStart = false
                bomBytes = []
            }
            if atStart { return }
        }
        scan(bytes)
    }

    /// Ends the stream: the last record (even without a final line break) and the last batch.
    mutating func finish() {
        if atStart, !bomBytes.isEmpty {
            atStart = false
            let held = bomBytes
            held.withUnsafeBufferPointer { scan($0[...]) }
        }
        switch state {
        case .quoted:
            note("a quoted field opened on line \(quotedFieldLine) is never closed")
            endRecord(atLineBreak: false)
        case .fieldStart:
            if batch.fieldEnds.count > recordFirstField || batch.storage.count > recordStart { endRecord(atLineBreak: false) }
        default:
            endRecord(atLineBreak: false)
        }
        if !batch.records.isEmpty {
            emit(batch)
            batch = CSVBatch()
        }
    }

    private mutating func note(_ text: String) {
        if problem == nil { problem = text }
    }

    private mutating func scan(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            // A run of bytes that are field content whatever they are (not a comma, quote or line
            // break in an unquoted field; not a quote or line break in a quoted one) is copied at once.
            if !skipLF, state == .fieldStart || state == .unquoted || state == .quoted {
                var j = i
                if state == .quoted {
                    while j < end, bytes[j] != 0x22, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
                } else {
                    while j < end, bytes[j] != 0x2C, bytes[j] != 0x22, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
                }
                if j > i {
                    if state == .fieldStart { state = .unquoted }
                    previousWasCR = false
                    afterLineBreak = false
                    append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    i = j
                    continue
                }
            }
            let byte = bytes[i]
            i += 1
            // Lines: LF, CR LF and a lone CR each end one, inside quotes too.
            let crlf = byte == 0x0A && previousWasCR
            previousWasCR = byte == 0x0D
            afterLineBreak = byte == 0x0A || byte == 0x0D
            if byte == 0x0D || (byte == 0x0A && !crlf) { line += 1 }
            if skipLF {
                skipLF = false
                if crlf { continue }  // the record already ended at the CR
            }
            switch state {
            case .fieldStart, .unquoted, .afterClosingQuote:
                switch byte {
                case 0x2C:  // ,
                    endField()
                case 0x0A, 0x0D:
                    skipLF = byte == 0x0D
                    endRecord(atLineBreak: true)
                case 0x22 where state == .fieldStart:  // "
                    state = .quoted
                    quotedFieldLine = line
                case 0x22:
                    if state == .unquoted {
                        note("a quote inside an unquoted field (quote the whole field and write a quote as two: \"\")")
                    }
                    append(byte)
                default:
                    if state == .fieldStart { state = .unquoted }
                    append(byte)
                }
            case .quoted:
                if byte == 0x22 { state = .quoteInQuoted } else { append(byte) }
            case .quoteInQuoted:
                switch byte {
                case 0x22:  // "" is one quote
                    state = .quoted
                    append(byte)
                case 0x2C:
                    endField()
                case 0x0A, 0x0D:
                    skipLF = byte == 0x0D
                    endRecord(atLineBreak: true)
                default:
                    note("text after the closing quote of a field")
                    state = .afterClosingQuote
                    append(byte)
                }
            case .discarding:
                if byte == 0x0A || byte == 0x0D {
                    skipLF = byte == 0x0D
                    endRecord(atLineBreak: true)
                }
            }
        }
    }

    private var previousWasCR = false
    private var afterLineBreak = false
    private var skipLF = false

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        batch.storage.append(byte)
        checkRecordLength()
    }

    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        batch.storage.append(contentsOf: run)
        checkRecordLength()
    }

    /// Skips the record when it has grown past ``maximumRecordBytes``.
    private mutating func checkRecordLength() {
        if batch.storage.count - recordStart > Self.maximumRecordBytes {
            note("the record is longer than \(Self.maximumRecordBytes) bytes (an unclosed quote?); it is skipped up to the next line break")
            batch.storage.removeSubrange(recordStart...)
            batch.fieldEnds.removeSubrange(recordFirstField...)
            state = .discarding
        }
    }

    private mutating func endField() {
        batch.fieldEnds.append(batch.storage.count)
        state = .fieldStart
    }

    private mutating func endRecord(atLineBreak: Bool) {
        let discarded = state == .discarding
        let empty = !discarded && state == .fieldStart && batch.fieldEnds.count == recordFirstField
            && batch.storage.count == recordStart && problem == nil
        if empty {
            if atLineBreak { blankLines += 1 }
        } else {
            if !discarded { batch.fieldEnds.append(batch.storage.count) }
            let count = discarded ? 0 : batch.fieldEnds.count - recordFirstField
            batch.records.append(CSVRecord(
                line: recordLine, endLine: afterLineBreak ? line - 1 : line, firstField: recordFirstField,
                fieldCount: count, problem: problem))
            recordCount += 1
        }
        state = .fieldStart
        problem = nil
        recordLine = line
        recordStart = batch.storage.count
        recordFirstField = batch.fieldEnds.count
        if batch.records.count >= batchSize {
            emit(batch)
            batch = CSVBatch()
            batch.storage.reserveCapacity(64 * batchSize)
            batch.fieldEnds.reserveCapacity(8 * batchSize)
            recordStart = 0
            recordFirstField = 0
        }
    }
}
