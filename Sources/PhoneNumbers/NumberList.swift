import Foundation
import PreflightCore

/// A set of phone numbers (a blocklist or an opt-out list) read from a plain text file.
///
/// One number per line, in any format libphonenumber accepts; `#` starts a comment (a whole
/// line or the end of one); blank lines are ignored; national numbers use the default region.
/// Every entry is normalized to E.164, so `+66 81 234 5678` and `081-234-5678` (region TH) are
/// the same entry. Lines that are not a possible phone number are reported as `list.bad_entry`
/// warnings with their line and column, and skipped.
///
/// Lines already in strict E.164 (`+` and 8–15 digits) skip libphonenumber when it would write
/// them back unchanged (it normalizes, it does not validate them); the others go through
/// libphonenumber on all cores. Loading a million E.164 entries grows the process by about
/// 26 MB (the set itself is about 17 MB); lookups are O(1).
public struct NumberList: Sendable {
    /// Files larger than this are refused.
    public static let maximumFileSize = 512 << 20
    /// At most this many `list.bad_entry` diagnostics are kept, then one summary.
    public static let maximumDiagnostics = 1000

    /// The file path or name used in diagnostics.
    public let source: String
    /// How many lines held a number already listed above.
    public let duplicateCount: Int
    /// How many lines were not a phone number (and were skipped).
    public let badEntryCount: Int
    /// `list.bad_entry` warnings, in line order.
    public let diagnostics: [Diagnostic]
    private let numbers: Set<UInt64>

    /// How many distinct numbers the list holds.
    public var count: Int { numbers.count }

    /// Whether the list holds `number` (compared in E.164).
    public func contains(_ number: PhoneNumber) -> Bool {
        guard let value = number.e164Value else { return false }
        return numbers.contains(value)
    }

    /// Reads a list file.
    /// - Throws: ``NumberListError``.
    public init(
        contentsOfFile path: String, defaultRegion: String? = nil, parser: PhoneNumberParser = PhoneNumberParser()
    ) throws(NumberListError) {
        let bytes = try Self.read(path: path)
        try self.init(bytes: bytes, source: path, defaultRegion: defaultRegion, parser: parser)
    }

    /// Reads a list from text; `source` names it in diagnostics.
    /// - Throws: ``NumberListError``.
    public init(
        text: String, source: String = "<text>", defaultRegion: String? = nil, parser: PhoneNumberParser = PhoneNumberParser()
    ) throws(NumberListError) {
        try self.init(bytes: Array(text.utf8), source: source, defaultRegion: defaultRegion, parser: parser)
    }

    /// Reads a list from UTF-8 bytes.
    /// - Throws: ``NumberListError``.
    public init(
        bytes: [UInt8], source: String, defaultRegion: String? = nil, parser: PhoneNumberParser = PhoneNumberParser()
    ) throws(NumberListError) {
        if bytes.count > Self.maximumFileSize { throw .tooLarge(path: source, limit: Self.maximumFileSize) }
        let region: String?
        do { region = try PhoneNumberParser.normalizedRegion(defaultRegion) } catch {
            throw .unknownRegion(defaultRegion ?? "")
        }
        let chunks = Self.load(bytes, region: region, parser: parser)
        var set = Set<UInt64>(minimumCapacity: chunks.reduce(0) { $0 + $1.values.count })
        var diagnostics: [Diagnostic] = []
        var bad = 0
        var firstLine = 1
        var total = 0
        for chunk in chunks {
            if let utf8 = chunk.invalidUTF8 {
                throw .invalidUTF8(path: source, line: firstLine + utf8.line, byteOffset: chunk.start + utf8.offset)
            }
            for value in chunk.values { set.insert(value) }
            total += chunk.values.count
            bad += chunk.badCount
            for entry in chunk.bad {
                let location = SourceLocation(file: source, line: firstLine + entry.line, column: entry.column)
                if diagnostics.count < Self.maximumDiagnostics {
                    diagnostics.append(Diagnostic(
                        code: PhoneDiagnosticCode.badListEntry, severity: .warning,
                        message: "\(PhoneNumberParser.quoted(entry.text)) is not a phone number: \(entry.reason); line skipped",
                        fix: entry.fix, location: location))
                } else if diagnostics.count == Self.maximumDiagnostics {
                    diagnostics.append(Diagnostic(
                        code: PhoneDiagnosticCode.badListEntry, severity: .warning,
                        message: "more bad entries from here on are not listed one by one",
                        fix: "fix the lines above and load the list again", location: location))
                }
            }
            firstLine += chunk.lines
        }
        self.source = source
        self.numbers = set
        self.duplicateCount = total - set.count
        self.badEntryCount = bad
        self.diagnostics = diagnostics
    }

    // MARK: - Loading

    /// A bad line, relative to its chunk.
    struct BadEntry {
        var line: Int
        var column: Int
        var text: String
        var reason: String
        var fix: String
    }

    /// What one chunk of lines produced.
    struct Chunk {
        var start = 0
        var lines = 0
        var values: [UInt64] = []
        /// The first bad lines (no more than the list reports).
        var bad: [BadEntry] = []
        var badCount = 0
        var invalidUTF8: (line: Int, offset: Int)?
    }

    /// Splits the bytes at line ends into chunks and parses them, on all cores when it is worth it.
    static func load(_ bytes: [UInt8], region: String?, parser: PhoneNumberParser) -> [Chunk] {
        bytes.withUnsafeBufferPointer { all in
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let pieces = all.count < 1 << 16 ? 1 : workers * 4
            var bounds = [0]
            for k in 1..<pieces {
                var cut = max(bounds[bounds.count - 1], all.count * k / pieces)
                while cut < all.count && all[cut] != 0x0A { cut += 1 }
                if cut < all.count { cut += 1 }
                bounds.append(cut)
            }
            bounds.append(all.count)
            let cuts = bounds
            let results = ResultSlots(count: pieces)
            defer { results.free() }
            let shared = SharedBytes(base: all.baseAddress, count: all.count)
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                let buffer = UnsafeBufferPointer(start: shared.base, count: shared.count)
                let slice = UnsafeBufferPointer(rebasing: buffer[cuts[k]..<cuts[k + 1]])
                var chunk = parseChunk(slice, region: region, parser: parser)
                chunk.start = cuts[k]
                results.pointer[k] = chunk
            }
            return (0..<pieces).map { results.pointer[$0] }
        }
    }

    /// Parses the lines of one chunk (line numbers are 0-based within the chunk).
    static func parseChunk(_ bytes: UnsafeBufferPointer<UInt8>, region: String?, parser: PhoneNumberParser) -> Chunk {
        var chunk = Chunk()
        chunk.values.reserveCapacity(bytes.count / 12)
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            var comment = -1
            var ascii = true
            while end < bytes.count && bytes[end] != 0x0A {
                let b = bytes[end]
                if b == UInt8(ascii: "#") && comment < 0 { comment = end }
                if b >= 0x80 { ascii = false }
                end += 1
            }
            let line = chunk.lines
            chunk.lines += 1
            defer { lineStart = end + 1 }
            if !ascii && String(validating: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self) == nil {
                chunk.invalidUTF8 = (line, lineStart + firstInvalidUTF8(bytes[lineStart..<end]))
                return chunk
            }
            var first = lineStart
            var last = comment >= 0 ? comment : end
            while first < last && isSpace(bytes[first]) { first += 1 }
            while last > first && isSpace(bytes[last - 1]) { last -= 1 }
            if first == last { continue }
            let entry = UnsafeBufferPointer(rebasing: bytes[first..<last])
            if let value = Metadata.fastE164(entry) {
                chunk.values.append(value)
                continue
            }
            func reject(_ reason: String, _ fix: String) {
                chunk.badCount += 1
                guard chunk.bad.count <= maximumDiagnostics else { return }
                let text = String(decoding: entry.prefix(PhoneNumberParser.maximumInputLength), as: UTF8.self)
                chunk.bad.append(BadEntry(line: line, column: first - lineStart + 1, text: text, reason: reason, fix: fix))
            }
            guard entry.count <= PhoneNumberParser.maximumInputLength else {
                let error = PhoneNumberError.inputTooLong(bytes: entry.count)
                reject(error.description, error.fix)
                continue
            }
            do {
                let number = try parser.normalize(String(decoding: entry, as: UTF8.self), region: region)
                if number.possibility == .possible, let value = PhoneNumber.value(e164: number.e164) {
                    chunk.values.append(value)
                } else {
                    reject("\(number.e164) is \(number.possibility.phrase)", "check the number for missing or extra digits, or delete the line")
                }
            } catch {
                reject(error.description, error.fix)
            }
        }
        return chunk
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    /// The offset of the first byte that is not part of valid UTF-8.
    static func firstInvalidUTF8(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let s) = decoder.decode(&iterator) { offset += UTF8.width(s) }
        return offset
    }

    /// Reads a whole file, refusing more than `limit` bytes.
    static func read(path: String, limit: Int = maximumFileSize) throws(NumberListError) -> [UInt8] {
        do {
            return try TextInput.readBytes(path: path, limit: limit)
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge(path: path, limit: limit)
            case .unreadable(_, let reason): throw .unreadable(path: path, reason: reason)
            case .invalidUTF8: throw .unreadable(path: path, reason: error.description)
            }
        }
    }
}

/// One result slot per chunk, each written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<NumberList.Chunk>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: NumberList.Chunk(), count: count)
    }

    func free() {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

/// The input bytes, read-only while the workers run.
private struct SharedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>?
    let count: Int
}

/// Why a number list could not be loaded.
public enum NumberListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is larger than ``NumberList/maximumFileSize``.
    case tooLarge(path: String, limit: Int)
    /// The file is not UTF-8.
    case invalidUTF8(path: String, line: Int, byteOffset: Int)
    /// The default region is unknown.
    case unknownRegion(String)

    /// What went wrong, in one sentence.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .tooLarge(let path, let limit):
            "\(path): larger than \(limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes")"
        case .invalidUTF8(let path, let line, let offset): "\(path):\(line): invalid UTF-8 at byte offset \(offset)"
        case .unknownRegion(let region): "unknown default region \"\(region)\" for the number list"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .unreadable: "check the path and its permissions"
        case .tooLarge: "split the list or remove what is not a phone number"
        case .invalidUTF8: "save the file as UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)"
        case .unknownRegion: "use an ISO 3166-1 alpha-2 region code such as TH, US or GB"
        }
    }
}
