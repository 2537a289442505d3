/// A national language of 3GPP TS 23.038 annex A, whose shift tables extend GSM 7-bit.
///
/// A *locking shift* table replaces the basic table for the whole message; a *single shift* table
/// replaces the extension table (characters reached with the escape, two septets each). Each table
/// in use costs a 3-octet information element in the user data header (TS 23.040 §9.2.3.24.15/16),
/// so the chooser only uses one when it lowers the number of parts.
public enum NationalLanguage: String, CaseIterable, Sendable, Codable, Comparable {
    case turkish = "tr"
    case spanish = "es"
    case portuguese = "pt"
    case bengali = "bn"
    case gujarati = "gu"
    case hindi = "hi"
    case kannada = "kn"
    case malayalam = "ml"
    case oriya = "or"
    case punjabi = "pa"
    case tamil = "ta"
    case telugu = "te"
    case urdu = "ur"

    /// The language identifier of TS 23.038 §6.2.1.2.4, carried in the shift IEs.
    public var identifier: Int {
        switch self {
        case .turkish: 1
        case .spanish: 2
        case .portuguese: 3
        case .bengali: 4
        case .gujarati: 5
        case .hindi: 6
        case .kannada: 7
        case .malayalam: 8
        case .oriya: 9
        case .punjabi: 10
        case .tamil: 11
        case .telugu: 12
        case .urdu: 13
        }
    }

    /// Whether the language has a locking shift table (Spanish has only a single shift table).
    public var hasLockingShift: Bool { NationalLanguageTables.locking[identifier] != nil }

    public static func < (lhs: NationalLanguage, rhs: NationalLanguage) -> Bool {
        lhs.identifier < rhs.identifier
    }

    /// Parses a comma-separated list of ISO 639-1 codes such as `tr,es,pt`.
    /// - Throws: ``EncodingError/unknownLanguage(_:)`` for a code that is not a shift-table language.
    public static func parseList(_ list: String) throws(EncodingError) -> Set<NationalLanguage> {
        var result = Set<NationalLanguage>()
        for raw in list.split(separator: ",") {
            let code = raw.filter { $0 != " " }.lowercased()
            if code.isEmpty { continue }
            guard let language = NationalLanguage(rawValue: code) else {
                throw .unknownLanguage(code)
            }
            result.insert(language)
        }
        return result
    }
}

/// Character → septet maps of the shift tables, built once from the annex A data.
struct NationalAlphabet: Sendable {
    /// Locking shift table (replaces the basic table); nil when the language has none.
    let locking: [UInt16: UInt8]?
    /// Single shift table (replaces the extension table).
    let single: [UInt16: UInt8]

    static let all: [NationalLanguage: NationalAlphabet] = {
        var all: [NationalLanguage: NationalAlphabet] = [:]
        for language in NationalLanguage.allCases {
            let id = language.identifier
            all[language] = NationalAlphabet(
                locking: NationalLanguageTables.locking[id].map(Self.map),
                single: NationalLanguageTables.singleShift[id].map(Self.map) ?? [:]
            )
        }
        return all
    }()

    private static func map(_ table: [UInt16]) -> [UInt16: UInt8] {
        var map: [UInt16: UInt8] = [:]
        for (septet, u) in table.enumerated() where u != NationalLanguageTables.undefined && septet != 0x1B {
            if map[u] == nil { map[u] = UInt8(septet) }
        }
        return map
    }
}

