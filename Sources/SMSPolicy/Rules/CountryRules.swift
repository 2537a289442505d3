import Foundation
import YAMLSupport
import SMSEncoding

/// Whether a country's networks deliver alphanumeric sender IDs.
public enum AlphanumericSupport: String, Sendable, Codable, CaseIterable {
    /// Delivered without registration.
    case allowed
    /// Delivered only when the sender ID is registered (unregistered IDs are blocked, overwritten or flagged).
    case registrationRequired = "registration_required"
    /// Not delivered, or always replaced by a number (`sender.alphanumeric_not_allowed`).
    case notSupported = "not_supported"
}

/// What a country's networks do with numeric senders (long codes, short codes).
public enum NumericSenderSupport: String, Sendable, Codable, CaseIterable {
    /// Delivered as sent.
    case allowed
    /// Delivered only from registered or provisioned numbers.
    case registrationRequired = "registration_required"
    /// Accepted, but the operator replaces the number the recipient sees.
    case overwritten
    /// Rejected or undeliverable.
    case notSupported = "not_supported"
}

/// Rules for numeric senders in one country.
public struct NumericSenderRules: Sendable, Hashable, Codable {
    /// What happens to numeric senders; nil when the sources do not say.
    public let support: NumericSenderSupport?
    /// The most digits a numeric sender may have, without `+` or `00` (15, the E.164 limit, by default).
    public let maxDigits: Int

    /// Creates numeric sender rules.
    public init(support: NumericSenderSupport? = nil, maxDigits: Int = 15) {
        self.support = support
        self.maxDigits = maxDigits
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case support, maxDigits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        support = try container.decodeIfPresent(NumericSenderSupport.self, forKey: .support)
        maxDigits = try container.decodeIfPresent(Int.self, forKey: .maxDigits, in: 1...15, decoder: decoder) ?? 15
    }
}

/// Sender ID rules for one country.
public struct SenderRules: Sendable, Hashable, Codable {
    /// Whether alphanumeric sender IDs are delivered.
    public let alphanumeric: AlphanumericSupport
    /// The longest alphanumeric sender ID, in characters (1...11; 11 by default).
    public let maxLength: Int
    /// The shortest alphanumeric sender ID, in characters (1 by default).
    public let minLength: Int
    /// The characters an alphanumeric sender ID may contain.
    public let allowedCharacters: AllowedCharacters
    /// The characters the first character must be one of, when the country restricts it.
    public let allowedFirstCharacters: AllowedCharacters?
    /// True when registered sender IDs must match in letter case (`Acme` ≠ `ACME`).
    public let caseSensitive: Bool
    /// Generic sender IDs that are refused, compared whole and ignoring case (`INFO`, `SMS`, …).
    public let blockedSenders: [String]
    /// Text that may not appear anywhere in a sender ID, ignoring case (Philippines: `TEST`, …).
    public let blockedSubstrings: [String]
    /// Text marketing sender IDs must start with (UAE: `AD-`); it counts toward `maxLength`.
    public let marketingPrefix: String?
    /// Text marketing sender IDs must end with (Saudi Arabia: `-AD`); it counts toward `maxLength`.
    public let marketingSuffix: String?
    /// Rules for numeric senders.
    public let numeric: NumericSenderRules

    /// Creates sender rules.
    public init(
        alphanumeric: AlphanumericSupport, maxLength: Int = 11, minLength: Int = 1,
        allowedCharacters: AllowedCharacters = .lettersDigitsSpace, allowedFirstCharacters: AllowedCharacters? = nil,
        caseSensitive: Bool = false, blockedSenders: [String] = [], blockedSubstrings: [String] = [],
        marketingPrefix: String? = nil, marketingSuffix: String? = nil, numeric: NumericSenderRules = NumericSenderRules()
    ) {
        self.alphanumeric = alphanumeric
        self.maxLength = maxLength
        self.minLength = minLength
        self.allowedCharacters = allowedCharacters
        self.allowedFirstCharacters = allowedFirstCharacters
        self.caseSensitive = caseSensitive
        self.blockedSenders = blockedSenders
        self.blockedSubstrings = blockedSubstrings
        self.marketingPrefix = marketingPrefix
        self.marketingSuffix = marketingSuffix
        self.numeric = numeric
    }

    /// The blocked generic ID `mask` equals, or the blocked text it contains (ignoring case); nil if none.
    public func blockedPart(of mask: String) -> String? {
        let upper = mask.uppercased()
        if let whole = blockedSenders.first(where: { $0.uppercased() == upper }) { return whole }
        return blockedSubstrings.first { upper.contains($0.uppercased()) }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case alphanumeric, maxLength, minLength, allowedCharacters, allowedFirstCharacters, caseSensitive
        case blockedSenders, blockedSubstrings, marketingPrefix, marketingSuffix, numeric
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength, in: 1...11, decoder: decoder) ?? 11
        let minLength = try container.decodeIfPresent(Int.self, forKey: .minLength, in: 1...11, decoder: decoder) ?? 1
        let prefix = try container.decodeIfPresent(String.self, forKey: .marketingPrefix)
        let suffix = try container.decodeIfPresent(String.self, forKey: .marketingSuffix)
        let alphanumeric = try container.decodeIfPresent(AlphanumericSupport.self, forKey: .alphanumeric)
        self.init(
            alphanumeric: try container.require(alphanumeric, forKey: .alphanumeric),
            maxLength: maxLength, minLength: minLength,
            allowedCharacters: try container.decodeIfPresent(AllowedCharacters.self, forKey: .allowedCharacters)
                ?? .lettersDigitsSpace,
            allowedFirstCharacters: try container.decodeIfPresent(AllowedCharacters.self, forKey: .allowedFirstCharacters),
            caseSensitive: try container.decodeIfPresent(Bool.self, forKey: .caseSensitive) ?? false,
            blockedSenders: try container.decodeWords(forKey: .blockedSenders, decoder: decoder),
            blockedSubstrings: try container.decodeWords(forKey: .blockedSubstrings, decoder: decoder),
            marketingPrefix: prefix, marketingSuffix: suffix,
            numeric: try container.decodeIfPresent(NumericSenderRules.self, forKey: .numeric) ?? NumericSenderRules())
        if minLength > maxLength {
            try decoder.problem(
                "minLength \(minLength) is greater than maxLength \(maxLength)",
                fix: "Make minLength at most maxLength.", at: CodingKeys.minLength)
        }
        for (key, affix) in [(CodingKeys.marketingPrefix, prefix), (.marketingSuffix, suffix)] {
            guard let affix else { continue }
            if affix.isEmpty || affix.count >= maxLength {
                try decoder.problem(
                    "'\(affix)' must be 1 to \(maxLength - 1) characters (it counts toward maxLength \(maxLength))",
                    fix: "Shorten the text, or leave the key out.", at: key)
            }
        }
    }
}

/// Link rules for one country.
public struct LinkRules: Sendable, Hashable, Codable {
    /// True when public URL shorteners (bit.ly, …) are forbidden or filtered (`link.public_shortener`).
    public let publicShortenersBlocked: Bool
    /// True when every URL must be registered or allowlisted with the operators beforehand.
    public let urlAllowlistRequired: Bool

    /// Creates link rules.
    public init(publicShortenersBlocked: Bool = false, urlAllowlistRequired: Bool = false) {
        self.publicShortenersBlocked = publicShortenersBlocked
        self.urlAllowlistRequired = urlAllowlistRequired
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case publicShortenersBlocked, urlAllowlistRequired
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        publicShortenersBlocked = try container.decodeIfPresent(Bool.self, forKey: .publicShortenersBlocked) ?? false
        urlAllowlistRequired = try container.decodeIfPresent(Bool.self, forKey: .urlAllowlistRequired) ?? false
    }
}

/// Extra rules for a part of a country (a US state), keyed by its code in ``CountryRules/regions``.
public struct RegionRules: Sendable, Hashable, Codable {
    /// The region's name.
    public let name: String
    /// Quiet-hour rules that apply in the region on top of the country's.
    public let quietHours: [QuietHours]
    /// A short note.
    public let notes: String?
    /// Where the rules come from.
    public let sources: [String]

    /// Creates region rules.
    public init(name: String, quietHours: [QuietHours] = [], notes: String? = nil, sources: [String] = []) {
        self.name = name
        self.quietHours = quietHours
        self.notes = notes
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, quietHours, notes, sources
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decodeIfPresent(String.self, forKey: .name)
        let quietHours = try container.decodeIfPresent([QuietHours].self, forKey: .quietHours) ?? []
        let notes = try container.decodeIfPresent(String.self, forKey: .notes)
        let sources = try container.decodeIfPresent([String].self, forKey: .sources) ?? []
        self.init(name: try container.require(name, forKey: .name), quietHours: quietHours, notes: notes, sources: sources)
    }
}

/// Everything the rules say about sending to one country, keyed by its ISO 3166-1 alpha-2 code.
public struct CountryRules: Sendable, Hashable, Codable {
    /// The country's English name.
    public let name: String
    /// The country calling code without `+` (1 for the US, 44 for the UK).
    public let callingCode: Int
    /// Sender ID rules.
    public let sender: SenderRules
    /// Quiet-hour rules in the recipient's local time; all that apply to a category must permit a send.
    public let quietHours: [QuietHours]
    /// Link rules.
    public let links: LinkRules
    /// The national language shift tables the networks are expected to handle, in 3GPP TS 23.038 identifier order.
    public let allowedShiftTables: [NationalLanguage]
    /// The most parts a concatenated message may have (Philippines 3; South Korea 1 = no concatenation).
    public let maxParts: Int?
    /// Whether replies (two-way messaging) are supported; nil when unknown.
    public let twoWay: Bool?
    /// True when the sources disagree or are dated, so the entry should be confirmed before relying on it.
    public let uncertain: Bool
    /// Stricter rules for parts of the country (US states), keyed by subdivision code (`FL`).
    public let regions: [String: RegionRules]
    /// Short notes: facts not modelled above, and how a vague source was read.
    public let notes: String?
    /// Where the rules come from.
    public let sources: [String]

    /// Creates country rules.
    public init(
        name: String, callingCode: Int, sender: SenderRules, quietHours: [QuietHours] = [],
        links: LinkRules = LinkRules(), allowedShiftTables: [NationalLanguage] = [], maxParts: Int? = nil,
        twoWay: Bool? = nil, uncertain: Bool = false, regions: [String: RegionRules] = [:],
        notes: String? = nil, sources: [String] = []
    ) {
        self.name = name
        self.callingCode = callingCode
        self.sender = sender
        self.quietHours = quietHours
        self.links = links
        self.allowedShiftTables = Array(Set(allowedShiftTables)).sorted()
        self.maxParts = maxParts
        self.twoWay = twoWay
        self.uncertain = uncertain
        self.regions = regions
        self.notes = notes
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, callingCode, sender, quietHours, links, allowedShiftTables, maxParts, twoWay, uncertain
        case regions, notes, sources
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let regions = try container.decodeIfPresent([String: RegionRules].self, forKey: .regions) ?? [:]
        let name = try container.decodeIfPresent(String.self, forKey: .name)
        let callingCode = try container.decodeIfPresent(Int.self, forKey: .callingCode)
        let sender = try container.decodeIfPresent(SenderRules.self, forKey: .sender)
        let quietHours = try container.decodeIfPresent([QuietHours].self, forKey: .quietHours) ?? []
        let links = try container.decodeIfPresent(LinkRules.self, forKey: .links) ?? LinkRules()
        let shiftTables = try container.decodeIfPresent([NationalLanguage].self, forKey: .allowedShiftTables) ?? []
        let maxParts = try container.decodeIfPresent(Int.self, forKey: .maxParts, in: 1...255, decoder: decoder)
        let twoWay = try container.decodeIfPresent(Bool.self, forKey: .twoWay)
        let uncertain = try container.decodeIfPresent(Bool.self, forKey: .uncertain) ?? false
        let notes = try container.decodeIfPresent(String.self, forKey: .notes)
        let sources = try container.decodeIfPresent([String].self, forKey: .sources) ?? []
        if let callingCode, !(1...999).contains(callingCode) {
            try decoder.problem(
                "calling code \(callingCode) is not 1 to 999", fix: "Write the country calling code without '+' (44).",
                at: CodingKeys.callingCode)
        }
        if name?.isEmpty == true {
            try decoder.problem("an empty name", fix: "Write the country's name.", at: CodingKeys.name)
        }
        for code in regions.keys.sorted() where !RegionCode.isSubdivision(code) {
            try decoder.problem(
                "'\(code)' is not a subdivision code", fix: "Use 1 to 3 upper-case letters or digits, such as FL.",
                at: [CodingKeys.regions, YAMLKey(stringValue: code)], atKey: true)
        }
        self.init(
            name: try container.require(name, forKey: .name),
            callingCode: try container.require(callingCode, forKey: .callingCode),
            sender: try container.require(sender, forKey: .sender),
            quietHours: quietHours, links: links, allowedShiftTables: shiftTables, maxParts: maxParts,
            twoWay: twoWay, uncertain: uncertain, regions: regions, notes: notes, sources: sources)
    }
}

/// Checks for the codes used as keys in rule files.
enum RegionCode {
    /// True for an ISO 3166-1 alpha-2 code: two ASCII upper-case letters.
    static func isCountry(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (65...90).contains($0) }
    }

    /// True for a subdivision code: 1 to 3 ASCII upper-case letters or digits.
    static func isSubdivision(_ code: String) -> Bool {
        (1...3).contains(code.utf8.count) && code.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) }
    }
}

extension KeyedDecodingContainer {
    /// `value` when it was decoded, else the value at `key` decoded again as required: this throws
    /// (and records) a missing key, while a bad value was already recorded when `value` was read.
    /// Types read every key as optional first and require values last, so that one bad required
    /// value does not hide the problems of the keys after it.
    func require<T: Decodable>(_ value: T?, forKey key: Key) throws -> T {
        if let value { return value }
        return try decode(T.self, forKey: key)
    }

    /// An optional integer that must lie in `range`; a value outside it is reported and read as absent.
    func decodeIfPresent(
        _ type: Int.Type, forKey key: Key, in range: ClosedRange<Int>, decoder: any Decoder
    ) throws -> Int? {
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard range.contains(value) else {
            try decoder.problem(
                "\(value) is out of range", fix: "Use a value from \(range.lowerBound) to \(range.upperBound).", at: key)
            return nil
        }
        return value
    }

    /// An optional list of non-empty strings (empty when absent); empty entries are reported.
    func decodeWords(forKey key: Key, decoder: any Decoder) throws -> [String] {
        let words = try decodeIfPresent([String].self, forKey: key) ?? []
        if words.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            try decoder.problem("the list has an empty entry", fix: "Remove the empty entry.", at: key)
        }
        return words
    }
}
