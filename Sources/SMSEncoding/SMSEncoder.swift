#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far smart encoding goes in replacing characters that would force UCS-2.
public enum SmartEncoding: String, Sendable, Codable, CaseIterable {
    /// No replacement.
    case off
    /// Look-alike punctuation, Unicode spaces, invisible characters and fullwidth ASCII.
    case punctuation
    /// `punctuation`, then letters outside GSM transliterated to Latin (Any-Latin; Latin-ASCII).
    /// Letters the GSM alphabet has (é ñ ü Ä Ø …) are always kept.
    case letters
}

/// Options of ``SMSEncoder``.
public struct EncodingOptions: Sendable, Hashable {
    /// Normalize to NFC (ICU) before counting. The report's `text` is the normalized text, which is
    /// what must be sent: counting NFC but sending NFD bills more than was estimated.
    public var normalize: Bool
    /// Smart encoding level.
    public var smart: SmartEncoding
    /// National language shift tables the chooser may use (none by default).
    public var shiftTables: Set<NationalLanguage>

    /// Creates options; the defaults normalize, make no replacement and use no shift table.
    public init(normalize: Bool = true, smart: SmartEncoding = .off, shiftTables: Set<NationalLanguage> = []) {
        self.normalize = normalize
        self.smart = smart
        self.shiftTables = shiftTables
    }
}

/// Analyses SMS bodies: GSM 7-bit or UCS-2, parts and their sizes exactly as a handset splits
/// them (3GPP TS 23.038 / 23.040), and which characters forced UCS-2.
///
/// Rules applied:
/// - GSM-7: 160 septets in one part, 153 per part when concatenated (6-octet UDH); extension
///   characters cost two septets and an escape pair is never split across parts.
/// - UCS-2: 70 / 67 UTF-16 code units; a part never ends inside a grapheme cluster (surrogate
///   pairs, ZWJ sequences, flags, base + combining marks stay whole, as on Android) unless one
///   cluster is longer than a part, which is then cut at code-point boundaries.
/// - Shift tables (opt-in): each table costs a 3-octet IE, giving 155/149 septets with one table
///   and 152/146 with two; the cheapest choice in parts wins, ties going to fewer tables.
///
/// Analysis is linear in the text length and allocation-free for a one-part GSM-7 message.
public struct SMSEncoder: Sendable {
    /// The options in use.
    public let options: EncodingOptions

    /// Creates an encoder.
    public init(options: EncodingOptions = EncodingOptions()) {
        self.options = options
    }

    /// Analyses a message body.
    public func analyze(_ input: String) -> EncodingReport {
        var text = input
        var scan = Scan(text)
        var normalized = false
        if options.normalize && !scan.nfcInert {
            let units = text.utf16Units
            let nfc = ICU.nfc(units)
            if nfc != units {
                text = String(decoding: nfc, as: UTF16.self)
                scan = Scan(text)
                normalized = true
            }
        }
        let alphabet = Alphabet(options.shiftTables)
        var replacements: [Replacement] = []
        if options.smart != .off, scan.culpritCount > 0, !alphabet.hasNational || alphabet.hasUnencodable(text) {
            let result = SmartEncoder(level: options.smart, alphabet: alphabet).apply(text.utf16Units)
            if !result.replacements.isEmpty {
                replacements = result.replacements
                text = String(decoding: result.units, as: UTF16.self)
                scan = Scan(text)
                if options.normalize && !scan.nfcInert {
                    text = String(decoding: ICU.nfc(text.utf16Units), as: UTF16.self)
                    scan = Scan(text)
                }
            }
        }
        return layout(text, scan, alphabet, replacements: replacements, normalized: normalized)
    }

    private func layout(
        _ text: String, _ scan: Scan, _ alphabet: Alphabet, replacements: [Replacement], normalized: Bool
    ) -> EncodingReport {
        var report = EncodingReport(
            encoding: .gsm7, parts: [], units: 0, characters: scan.scalarCount - scan.crlf, nonGSMRanges: [],
            text: text, replacements: replacements, shiftTables: ShiftTables(), udhOctetsPerPart: 0,
            crlfCount: scan.crlf, normalized: normalized)

        // Fast path: default alphabet, one part.
        if scan.culpritCount == 0 && scan.septets <= Capacity.gsm(udh: 0) {
            report.units = scan.septets
            report.parts = [MessagePart(slice: Substring(text), units: scan.septets)]
            return report
        }

        let ends: [Int32]? = scan.simple ? nil : ICU.graphemeEnds(text.utf16Units)
        if let ends { report.characters = ends.count }

        text.withUTF8Bytes { bytes in
            if scan.culpritCount == 0 {
                let flags = CharacterTable.shared.flags
                let split = flags.withUnsafeBufferPointer { f in
                    Splitter.gsm(bytes, total: scan.septets, tables: ShiftTables()) { Int(f[Int($0)] & 3) }
                }
                apply(split, to: &report)
                return
            }
            if alphabet.hasNational, let best = alphabet.bestGSM(bytes) {
                apply(best, to: &report)
                return
            }
            // UCS-2.
            report.encoding = .ucs2
            report.units = scan.utf16Count
            report.nonGSMRanges = nonGSM(scan, alphabet: alphabet, bytes: bytes, ends: ends)
            if scan.utf16Count <= Capacity.ucs2(udh: 0) {
                report.parts = [MessagePart(slice: Substring(text), units: scan.utf16Count)]
            } else {
                let parts = Splitter.ucs2(bytes, ends: ends, capacity: Capacity.ucs2(udh: Capacity.concatenationUDH))
                report.udhOctetsPerPart = Capacity.concatenationUDH
                report.parts = parts.map { MessagePart(slice: text.slice(utf8: $0.bytes), units: $0.units) }
            }
        }
        return report
    }

    private func apply(_ split: Splitter.GSMSplit, to report: inout EncodingReport) {
        report.encoding = .gsm7
        report.units = split.septets
        report.shiftTables = split.tables
        report.udhOctetsPerPart = split.udh
        if split.parts.count == 1 {
            report.parts = [MessagePart(slice: Substring(report.text), units: split.septets)]
        } else {
            report.parts = split.parts.map { MessagePart(slice: report.text.slice(utf8: $0.bytes), units: $0.septets) }
        }
    }

    /// The grapheme clusters holding characters no enabled alphabet can encode, with their offsets.
    private func nonGSM(
        _ scan: Scan, alphabet: Alphabet, bytes: UnsafeBufferPointer<UInt8>, ends: [Int32]?
    ) -> [CharacterRange] {
        CharacterTable.shared.flags.withUnsafeBufferPointer { flags in
            /// Whether the scalar forces UCS-2.
            func culprit(_ s: UInt32) -> Bool {
                if s < 0x10000 && flags[Int(s)] & 3 != 0 { return false }
                return !(alphabet.hasNational && alphabet.canEncode(s))
            }
            guard let ends else {
                // One scalar per cluster: one range per culprit scalar.
                return [CharacterRange](unsafeUninitializedCapacity: scan.culpritCount) { buffer, count in
                    var it = UTF8Scalars(bytes)
                    var start = 0
                    var utf16 = 0
                    count = 0
                    while let s = it.next() {
                        if culprit(s) && count < buffer.count {
                            buffer[count] = CharacterRange(offset: Int32(truncatingIfNeeded: utf16),
                                                           start: Int32(truncatingIfNeeded: start),
                                                           end: Int32(truncatingIfNeeded: it.position))
                            count &+= 1
                        }
                        utf16 &+= s < 0x10000 ? 1 : 2
                        start = it.position
                    }
                }
            }
            // Walk clusters (UTF-16 ends) and scalars together; report each cluster holding a culprit once.
            var result: [CharacterRange] = []
            var it = UTF8Scalars(bytes)
            var utf16 = 0
            var clusterByte = 0
            var clusterUnit = 0
            var holds = false
            var k = 0
            while let s = it.next() {
                utf16 &+= s < 0x10000 ? 1 : 2
                holds = holds || culprit(s)
                guard k < ends.count, utf16 >= Int(ends[k]) else { continue }
                if holds {
                    result.append(CharacterRange(offset: Int32(truncatingIfNeeded: clusterUnit),
                                                 start: Int32(truncatingIfNeeded: clusterByte),
                                                 end: Int32(truncatingIfNeeded: it.position)))
                }
                holds = false
                clusterByte = it.position
                clusterUnit = utf16
                k &+= 1
            }
            return result
        }
    }
}

/// Part capacities from the user data header size (TS 23.040: 140 octets of user data).
enum Capacity {
    /// UDHL + the 8-bit-reference concatenation IE (IEI, length, reference, total, sequence).
    static let concatenationUDH = 6
    /// One national language shift IE (IEI, length, language).
    static let shiftIE = 3

    /// Septets that fit beside a UDH of `udh` octets (the UDH is padded to a septet boundary).
    static func gsm(udh: Int) -> Int { (140 * 8 - udh * 8) / 7 }
    /// UTF-16 code units that fit beside a UDH of `udh` octets.
    static func ucs2(udh: Int) -> Int { (140 - udh) / 2 }

    /// UDH octets for a message of `parts` parts using `tables` shift IEs.
    static func udh(multipart: Bool, tables: Int) -> Int {
        let ies = (multipart ? 5 : 0) + tables * shiftIE
        return ies == 0 ? 0 : ies + 1
    }
}

/// One pass over the UTF-8 of the text: counts and flags the rest of the analysis relies on.
struct Scan {
    var utf16Count = 0
    var scalarCount = 0
    var crlf = 0
    /// Carriage returns, paired with a line feed or not.
    var cr = 0
    /// Septets in the default alphabet, culprits not counted.
    var septets = 0
    /// Every scalar is a BMP character whose grapheme break class is Other, Control, CR or LF,
    /// so clusters are single scalars except CR LF.
    var simple = true
    /// Every scalar is NFC_Quick_Check=Yes with combining class 0: the text is already NFC.
    var nfcInert = true
    /// Number of scalars outside the default GSM alphabet.
    var culpritCount = 0

    init(_ text: String) {
        text.withUTF8Bytes { scanBytes($0) }
    }

    private mutating func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        CharacterTable.shared.flags.withUnsafeBufferPointer { flags in
            let n = bytes.count
            var i = 0
            var astral = 0
            var scalars = 0
            var septets = 0
            let keep = CharacterTable.graphemeSimple | CharacterTable.nfcInert
            var all: UInt8 = keep
            let base = UnsafeRawPointer(bytes.baseAddress)
            while i < n {
                // Eight bytes at a time while all are one-septet ASCII: 0x20...0x5A, 0x5F, 0x61...0x7A.
                if i &+ 8 <= n, let base, SWAR.allCommonGSM(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    septets &+= 8
                    scalars &+= 8
                    i &+= 8
                    continue
                }
                let b0 = bytes[i]
                if b0 < 0x80 {
                    // ASCII: always grapheme-simple and NFC-inert; the cost is the low two flag bits.
                    let cost = flags[Int(b0)] & 3
                    if _fastPath(cost != 0) {
                        septets &+= Int(cost)
                        scalars &+= 1
                        i &+= 1
                        continue
                    }
                    culpritCount &+= 1
                    scalars &+= 1
                    i &+= 1
                    continue
                }
                var scalar: UInt32
                if b0 < 0xE0 {
                    scalar = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0 {
                    scalar = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    scalar = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                let f: UInt8
                if scalar < 0x10000 {
                    f = flags[Int(scalar)]
                } else {
                    f = CharacterTable.astralFlags(scalar)
                    all &= ~CharacterTable.graphemeSimple
                    astral += 1
                }
                all &= f | ~keep
                let cost = Int(f & 3)
                septets += cost
                culpritCount &+= cost == 0 ? 1 : 0
                scalars += 1
            }
            self.utf16Count = scalars + astral
            self.scalarCount = scalars
            self.septets = septets
            self.simple = all & CharacterTable.graphemeSimple != 0
            self.nfcInert = all & CharacterTable.nfcInert != 0
            // CR LF pairs, found with memchr (CR is rare).
            var p = 0
            while p < n, let hit = memchr(bytes.baseAddress! + p, 0x0D, n - p) {
                let at = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                cr += 1
                if at + 1 < n && bytes[at + 1] == 0x0A { crlf += 1 }
                p = at + 1
            }
        }
    }
}

/// Word-at-a-time byte tests (the classic "has less / has more / has between" bit tricks).
enum SWAR {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Some byte is below `n` (n ≤ 128; bytes < 0x80).
    @inline(__always) static func hasLess(_ x: UInt64, _ n: UInt64) -> Bool {
        (x &- ones &* n) & ~x & highs != 0
    }

    /// Some byte is above `n` (n ≤ 127; bytes < 0x80).
    @inline(__always) static func hasMore(_ x: UInt64, _ n: UInt64) -> Bool {
        ((x &+ ones &* (127 - n)) | x) & highs != 0
    }

    /// Some byte is strictly between `m` and `n` (bytes < 0x80).
    @inline(__always) static func hasBetween(_ x: UInt64, _ m: UInt64, _ n: UInt64) -> Bool {
        let low = x & (ones &* 127)
        return ((ones &* (127 + n)) &- low) & ~x & (low &+ ones &* (127 - m)) & highs != 0
    }

    /// Some byte equals `v`.
    @inline(__always) static func hasValue(_ x: UInt64, _ v: UInt64) -> Bool {
        let y = x ^ (ones &* v)
        return (y &- ones) & ~y & highs != 0
    }

    /// All eight bytes are ASCII characters of the GSM basic table other than LF and CR: space to
    /// 'Z', '_', 'a' to 'z' (not [ \\ ] ^, which are extension characters, nor the backtick).
    @inline(__always) static func allCommonGSM(_ x: UInt64) -> Bool {
        x & highs == 0 && !hasLess(x, 0x20) && !hasMore(x, 0x7A) && !hasBetween(x, 0x5A, 0x5F) && !hasValue(x, 0x60)
    }
}
