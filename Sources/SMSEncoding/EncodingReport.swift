/// The data coding a message is sent with.
public enum MessageEncoding: String, Sendable, Codable, CaseIterable {
    /// GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1), optionally with national shift tables.
    case gsm7 = "GSM-7"
    /// UCS-2 as handsets and providers use it: UTF-16, a surrogate pair counting two units.
    case ucs2 = "UCS-2"
}

/// The national language shift tables a GSM-7 message uses (none for the default alphabet).
public struct ShiftTables: Sendable, Hashable, Codable {
    /// The locking shift table, replacing the basic table.
    public var locking: NationalLanguage?
    /// The single shift table, replacing the extension table.
    public var single: NationalLanguage?

    /// Creates a selection.
    public init(locking: NationalLanguage? = nil, single: NationalLanguage? = nil) {
        self.locking = locking
        self.single = single
    }

    /// How many shift-table information elements the user data header carries (0, 1 or 2).
    public var count: Int { (locking == nil ? 0 : 1) + (single == nil ? 0 : 1) }
}

/// One replacement made by smart encoding.
public struct Replacement: Sendable, Hashable, Codable {
    /// Offset in UTF-16 code units, in the text as it was before smart encoding (after NFC).
    public var offset: Int
    /// The text that was replaced.
    public var from: String
    /// What replaced it (empty when the character was removed).
    public var to: String

    /// Creates a replacement record.
    public init(offset: Int, from: String, to: String) {
        self.offset = offset
        self.from = from
        self.to = to
    }
}

/// A character (grapheme cluster) that cannot be sent in GSM 7-bit and so forced UCS-2.
public struct NonGSMCharacter: Sendable, Hashable, Codable {
    /// The grapheme cluster, for example "’", "I̳" or "👨‍👩‍👧".
    public var char: String
    /// Offset of the cluster in the final text, in UTF-16 code units.
    public var offset: Int

    /// Creates a record.
    public init(char: String, offset: Int) {
        self.char = char
        self.offset = offset
    }
}

/// Where a character sits in the report's text: UTF-16 offset and UTF-8 byte range. Compact and
/// trivially copyable, so the hot path builds no strings for the characters that force UCS-2.
package struct CharacterRange: Sendable, Hashable {
    package var offset: Int32
    package var start: Int32
    package var end: Int32
}

/// One part (segment) of a message as the handset splits it.
public struct MessagePart: Sendable, Hashable {
    /// The part's text, sharing storage with the report's text.
    public var slice: Substring
    /// The part's text.
    public var text: String { String(slice) }
    /// Units it uses: septets (escape septets included) for GSM-7, UTF-16 code units for UCS-2. The UDH is not counted.
    public var units: Int
}

/// The result of analysing a message body: what will be sent, how, and in how many parts.
public struct EncodingReport: Sendable, Hashable {
    /// The encoding the message needs.
    public var encoding: MessageEncoding
    /// The parts, in order. Never empty: an empty body is one part of 0 units.
    public var parts: [MessagePart]
    /// Total units (septets or UTF-16 code units), without UDH.
    public var units: Int
    /// User-perceived characters (extended grapheme clusters).
    public var characters: Int
    /// Where the characters that forced UCS-2 are (see ``nonGSM``).
    package var nonGSMRanges: [CharacterRange]
    /// The final text: normalized and smart-encoded as requested. This is the text to send.
    public var text: String
    /// Replacements made by smart encoding.
    public var replacements: [Replacement]
    /// National language shift tables used (GSM-7 only).
    public var shiftTables: ShiftTables
    /// Octets of user data header in each part (concatenation and shift-table IEs, with the UDHL).
    public var udhOctetsPerPart: Int
    /// Number of CR LF pairs; each costs two units where a lone LF costs one.
    public var crlfCount: Int
    /// Whether NFC normalization changed the text.
    public var normalized: Bool

    /// The characters (grapheme clusters) that forced UCS-2, in order; empty for GSM-7.
    public var nonGSM: [NonGSMCharacter] {
        nonGSMRanges.map { NonGSMCharacter(char: String(text.slice(utf8: Int($0.start)..<Int($0.end))), offset: Int($0.offset)) }
    }

    /// Units of each part, in order.
    public var unitsPerPart: [Int] { parts.map(\.units) }
    /// Number of parts the message is billed as.
    public var partCount: Int { parts.count }
}

/// Errors of the encoding layer.
public enum EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A shift-table language code that TS 23.038 does not define.
    case unknownLanguage(String)

    public var description: String {
        switch self {
        case .unknownLanguage(let code):
            let known = NationalLanguage.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown shift-table language '\(code)' (known: \(known))"
        }
    }
}
