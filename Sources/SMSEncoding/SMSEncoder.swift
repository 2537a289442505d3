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
            let units = Array(text.utf16)
            let nfc = ICU.nfc(units)
            if nfc != units {
                text = String(decoding: nfc, as: UTF16.self)
                scan = Scan(text)
                normalized = true
            }
        }
        let alphabet = Alphabet(options.shiftTables)
        var replacements: [Replacement] = []
        if options.smart != .off, scan.culprits.contains(where: { !alphabet.canEncode($0.scalar) }) {
            let result = SmartEncoder(level: options.smart, alphabet: alphabet).apply(Array(text.utf16))
            if !result.replacements.isEmpty {
                replacements = result.replacements
                text = String(decoding: result.units, as: UTF16.self)
                scan = Scan(text)
                if options.normalize && !scan.nfcInert {
                    text = String(decoding: ICU.nfc(Array(text.utf16)), as: UTF16.self)
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
            encoding: .gsm7, parts: [], units: 0, characters: scan.scalarCount - scan.crlf, nonGSM: [],
            text: text, replacements: replacements, shiftTables: ShiftTables(), udhOctetsPerPart: 0,
            crlfCount: scan.crlf, normalized: normalized)

        // Fast path: default alphabet, one part.
        if scan.culprits.isEmpty && scan.septets <= Capacity.gsm(udh: 0) {
            report.units = scan.septets
            report.parts = [MessagePart(text: text, units: scan.septets)]
            return report
        }

        let units = Array(text.utf16)
        let ends: [Int32]? = scan.simple ? nil : ICU.graphemeEnds(units)
        if let ends { report.characters = ends.count }

        if scan.culprits.isEmpty {
            let flags = CharacterTable.shared.flags
            let split = Splitter.gsm(units, tables: ShiftTables()) { flags[Int($0)] & CharacterTable.gsmBasic != 0 ? 1 : 2 }
            apply(split, to: &report, units: units)
            return report
        }
        if alphabet.hasNational, let best = alphabet.bestGSM(units) {
            apply(best, to: &report, units: units)
            return report
        }

        // UCS-2.
        report.encoding = .ucs2
        report.units = units.count
        report.nonGSM = nonGSM(scan, alphabet: alphabet, units: units, ends: ends)
        if units.count <= Capacity.ucs2(udh: 0) {
            report.parts = [MessagePart(text: text, units: units.count)]
        } else {
            let ranges = Splitter.ucs2(units, ends: ends, capacity: Capacity.ucs2(udh: Capacity.concatenationUDH))
            report.udhOctetsPerPart = Capacity.concatenationUDH
            report.parts = ranges.map { MessagePart(text: String(decoding: units[$0], as: UTF16.self), units: $0.count) }
        }
        return report
    }

    private func apply(_ split: Splitter.GSMSplit, to report: inout EncodingReport, units: [UInt16]) {
        report.encoding = .gsm7
        report.units = split.septets
        report.shiftTables = split.tables
        report.udhOctetsPerPart = split.udh
        if split.parts.count == 1 {
            report.parts = [MessagePart(text: report.text, units: split.septets)]
        } else {
            report.parts = split.parts.map {
                MessagePart(text: String(decoding: units[$0.range], as: UTF16.self), units: $0.septets)
            }
        }
    }

    /// The grapheme clusters holding characters no enabled alphabet can encode, with their offsets.
    private func nonGSM(_ scan: Scan, alphabet: Alphabet, units: [UInt16], ends: [Int32]?) -> [NonGSMCharacter] {
        let culprits = scan.culprits.filter { !alphabet.canEncode($0.scalar) }
        guard let ends else {
            return culprits.map {
                NonGSMCharacter(char: String(Character(Unicode.Scalar($0.scalar)!)), offset: Int($0.offset))
            }
        }
        var result: [NonGSMCharacter] = []
        var cluster = 0
        var start = 0
        for culprit in culprits {
            let offset = Int(culprit.offset)
            while Int(ends[cluster]) <= offset {
                start = Int(ends[cluster])
                cluster += 1
            }
            if result.last?.offset == start { continue }
            result.append(NonGSMCharacter(
                char: String(decoding: units[start..<Int(ends[cluster])], as: UTF16.self), offset: start))
        }
        return result
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
    struct Culprit {
        var offset: Int32
        var scalar: UInt32
    }

    var utf16Count = 0
    var scalarCount = 0
    var crlf = 0
    /// Septets in the default alphabet (meaningful only when `culprits` is empty).
    var septets = 0
    /// Every scalar is a BMP character whose grapheme break class is Other, Control, CR or LF,
    /// so clusters are single scalars except CR LF.
    var simple = true
    /// Every scalar is NFC_Quick_Check=Yes with combining class 0: the text is already NFC.
    var nfcInert = true
    /// Scalars outside the default GSM alphabet, with their UTF-16 offsets.
    var culprits: [Culprit] = []

    init(_ text: String) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ scanBytes($0) }) {
            _ = done
            return
        }
        var copy = text
        copy.makeContiguousUTF8()
        _ = copy.utf8.withContiguousStorageIfAvailable { scanBytes($0) }
    }

    private mutating func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        CharacterTable.shared.flags.withUnsafeBufferPointer { flags in
            let n = bytes.count
            var i = 0
            var utf16 = 0
            var scalars = 0
            var septets = 0
            var crlf = 0
            var prevCR = false
            var all: UInt8 = CharacterTable.graphemeSimple | CharacterTable.nfcInert
            while i < n {
                let b0 = bytes[i]
                var scalar: UInt32
                if b0 < 0x80 {
                    scalar = UInt32(b0)
                    i += 1
                } else if b0 < 0xE0 {
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
                }
                all &= f | ~(CharacterTable.graphemeSimple | CharacterTable.nfcInert)
                if f & CharacterTable.gsmBasic != 0 {
                    septets += 1
                } else if f & CharacterTable.gsmExtension != 0 {
                    septets += 2
                } else {
                    culprits.append(Culprit(offset: Int32(truncatingIfNeeded: utf16), scalar: scalar))
                }
                if prevCR && scalar == 0x0A { crlf += 1 }
                prevCR = scalar == 0x0D
                utf16 += scalar < 0x10000 ? 1 : 2
                scalars += 1
            }
            self.utf16Count = utf16
            self.scalarCount = scalars
            self.septets = septets
            self.crlf = crlf
            self.simple = all & CharacterTable.graphemeSimple != 0
            self.nfcInert = all & CharacterTable.nfcInert != 0
        }
    }
}
