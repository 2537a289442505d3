import Foundation
import YAMLSupport
import PreflightCore

/// A sender ID the account has registered, everywhere or in some countries.
public struct RegisteredSender: Sendable, Hashable, Codable {
    /// The sender ID as registered.
    public let mask: String
    /// The countries (ISO 3166-1 alpha-2) it is registered in; nil means every country.
    public let countries: [String]?

    /// Creates a registration.
    public init(mask: String, countries: [String]? = nil) {
        self.mask = mask
        self.countries = countries
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mask, countries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        countries = try container.decodeIfPresent([String].self, forKey: .countries)
        let mask = try container.decodeIfPresent(String.self, forKey: .mask)
        self.mask = try container.require(mask, forKey: .mask)
        if self.mask.isEmpty {
            try decoder.problem("an empty sender ID", fix: "Write the registered sender ID.", at: CodingKeys.mask)
        }
        for (index, code) in (countries ?? []).enumerated() where !RegionCode.isCountry(code) {
            try decoder.problem(
                "'\(code)' is not an ISO 3166-1 alpha-2 country code", fix: "Use two upper-case letters, such as GB.",
                at: [CodingKeys.countries, YAMLKey(intValue: index)])
        }
    }
}

/// Account settings: campaign enforcement, registered senders, brands and link domains.
public struct AccountSettings: Sendable, Hashable, Codable {
    /// True when every request must carry a campaign reference (`campaign.ref_required`).
    public let enforceCampaignCheck: Bool
    /// The sender IDs the account has registered (`sender.registration_required`).
    public let registeredSenders: [RegisteredSender]
    /// Brand names sender IDs must not imitate (`sender.confusable`).
    public let protectedBrands: [String]
    /// The account's branded short-link domain, if it has one (lower case).
    public let linkDomain: String?
    /// The account's own domains; links elsewhere are unbranded (lower case).
    public let brandDomains: [String]

    /// Creates account settings.
    public init(
        enforceCampaignCheck: Bool = false, registeredSenders: [RegisteredSender] = [], protectedBrands: [String] = [],
        linkDomain: String? = nil, brandDomains: [String] = []
    ) {
        self.enforceCampaignCheck = enforceCampaignCheck
        self.registeredSenders = registeredSenders
        self.protectedBrands = protectedBrands
        self.linkDomain = linkDomain?.lowercased()
        self.brandDomains = brandDomains.map { $0.lowercased() }
    }

    /// True when `mask` is registered for `country`, comparing case only when `caseSensitive`.
    public func isRegistered(mask: String, country: String?, caseSensitive: Bool) -> Bool {
        registeredSenders.contains { sender in
            let sameMask = caseSensitive ? sender.mask == mask : sender.mask.uppercased() == mask.uppercased()
            guard sameMask else { return false }
            guard let countries = sender.countries else { return true }
            return country.map(countries.contains) ?? false
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enforceCampaignCheck, registeredSenders, protectedBrands, linkDomain, brandDomains
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            enforceCampaignCheck: try container.decodeIfPresent(Bool.self, forKey: .enforceCampaignCheck) ?? false,
            registeredSenders: try container.decodeIfPresent([RegisteredSender].self, forKey: .registeredSenders) ?? [],
            protectedBrands: try container.decodeWords(forKey: .protectedBrands, decoder: decoder),
            linkDomain: try container.decodeDomain(forKey: .linkDomain, decoder: decoder),
            brandDomains: try container.decodeDomains(forKey: .brandDomains, decoder: decoder))
    }
}

/// Limits on the message body.
public struct BodyLimits: Sendable, Hashable, Codable {
    /// The most characters a body may have (`body.too_long`; 1600 by default).
    public let maxCharacters: Int
    /// The most parts a body may need (`body.too_many_parts`); nil for no account-wide cap.
    public let maxParts: Int?

    /// Creates body limits.
    public init(maxCharacters: Int = 1600, maxParts: Int? = nil) {
        self.maxCharacters = maxCharacters
        self.maxParts = maxParts
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxCharacters, maxParts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxCharacters = try container.decodeIfPresent(Int.self, forKey: .maxCharacters, in: 1...100_000, decoder: decoder)
            ?? 1600
        maxParts = try container.decodeIfPresent(Int.self, forKey: .maxParts, in: 1...255, decoder: decoder)
    }
}

/// Opt-out keywords and the opt-out instruction that some categories must carry.
///
/// `instructions` are phrases; `{keyword}` in a phrase stands for each of `keywords` in turn, so
/// `reply {keyword}` covers `reply STOP`, `reply UNSUBSCRIBE`, …. A body carries an opt-out
/// instruction when one of the expanded phrases matches it by the rule of ``PhraseMatcher``:
/// case-insensitive, on whole words, punctuation ignored (`Reply "STOP" to opt out.` matches).
public struct OptOutRules: Sendable, Hashable, Codable {
    /// Replies that opt the recipient out (`STOP`, `OPT OUT`, …).
    public let keywords: [String]
    /// The categories whose messages must carry an opt-out instruction (`optout.language_missing`).
    public let requiredFor: [MessageCategory]
    /// The phrases that count as an opt-out instruction, with `{keyword}` placeholders.
    public let instructions: [String]
    private let instructionMatcher: PhraseMatcher
    private let keywordMatcher: PhraseMatcher

    /// The placeholder for a keyword in an instruction phrase.
    public static let keywordPlaceholder = "{keyword}"

    /// Creates opt-out rules.
    public init(keywords: [String] = [], requiredFor: [MessageCategory] = [.marketing], instructions: [String] = []) {
        self.keywords = keywords
        self.requiredFor = MessageCategory.allCases.filter(requiredFor.contains)
        self.instructions = instructions
        var phrases: [(phrase: String, label: String)] = []
        for instruction in instructions {
            if instruction.contains(Self.keywordPlaceholder) {
                for keyword in keywords {
                    let phrase = instruction.replacingOccurrences(of: Self.keywordPlaceholder, with: " \(keyword) ")
                    phrases.append((phrase, instruction.replacingOccurrences(of: Self.keywordPlaceholder, with: keyword)))
                }
            } else {
                phrases.append((instruction, instruction))
            }
        }
        instructionMatcher = PhraseMatcher(phrases)
        keywordMatcher = PhraseMatcher(keywords.map { ($0, $0) })
    }

    /// True when messages of `category` must carry an opt-out instruction.
    public func isRequired(for category: MessageCategory) -> Bool { requiredFor.contains(category) }

    /// The first opt-out instruction found in `text` (with the keyword filled in, e.g. `reply STOP`); nil if none.
    public func instruction(in text: String) -> String? { instructionMatcher.firstMatch(in: BodyWords(text)) }

    /// ``instruction(in:)`` on a body's words, already cut.
    public func instruction(in words: BodyWords) -> String? { instructionMatcher.firstMatch(in: words) }

    /// Whether the words carry an opt-out instruction (``instruction(in:)`` without its text).
    func hasInstruction(in words: BodyWords) -> Bool { instructionMatcher.containsMatch(in: words) }

    /// True when a reply is exactly one opt-out keyword (ignoring case, spaces and punctuation: `Stop.`).
    public func isOptOutReply(_ reply: String) -> Bool { keywordMatcher.matchesWhole(reply) }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.keywords == rhs.keywords && lhs.requiredFor == rhs.requiredFor && lhs.instructions == rhs.instructions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keywords)
        hasher.combine(requiredFor)
        hasher.combine(instructions)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case keywords, requiredFor, instructions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let keywords = try container.decodeWords(forKey: .keywords, decoder: decoder)
        let instructions = try container.decodeWords(forKey: .instructions, decoder: decoder)
        self.init(
            keywords: keywords,
            requiredFor: try container.decodeIfPresent([MessageCategory].self, forKey: .requiredFor) ?? [.marketing],
            instructions: instructions)
        for (index, instruction) in instructions.enumerated() {
            let rest = instruction.replacingOccurrences(of: Self.keywordPlaceholder, with: "")
            if rest.contains("{") || rest.contains("}") {
                try decoder.problem(
                    "'\(instruction)' has a placeholder other than {keyword}",
                    fix: "Use {keyword} for the opt-out keyword, or write the words out.",
                    at: [CodingKeys.instructions, YAMLKey(intValue: index)])
            } else if instruction.contains(Self.keywordPlaceholder), keywords.isEmpty {
                try decoder.problem(
                    "'\(instruction)' uses {keyword} but there are no keywords",
                    fix: "List the opt-out keywords under optOut.keywords.", at: [CodingKeys.keywords])
            }
        }
    }
}

/// Restricted-content categories and the keywords that suggest them (`content.restricted`, warnings).
///
/// Keywords match by the rule of ``PhraseMatcher``: case-insensitive, on whole words, punctuation ignored.
public struct RestrictedContent: Sendable, Hashable, Codable {
    /// Keywords by category name (`alcohol`, `gambling`, …).
    public let categories: [String: [String]]
    private let matcher: PhraseMatcher

    /// A keyword found in a body.
    public struct Match: Sendable, Hashable {
        /// The category the keyword belongs to.
        public let category: String
        /// The keyword as listed.
        public let keyword: String
    }

    /// Creates restricted-content rules.
    public init(categories: [String: [String]] = [:]) {
        self.categories = categories
        var phrases: [(phrase: String, label: String)] = []
        for (category, keywords) in categories.sorted(by: { $0.key < $1.key }) {
            for keyword in keywords { phrases.append((keyword, "\(category)\u{0}\(keyword)")) }
        }
        matcher = PhraseMatcher(phrases)
    }

    /// The restricted keywords found in `text`, in order of first appearance.
    public func matches(in text: String) -> [Match] { matches(in: BodyWords(text)) }

    /// ``matches(in:)`` on a body's words, already cut.
    public func matches(in words: BodyWords) -> [Match] {
        matcher.matches(in: words).map { label in
            let parts = label.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return Match(category: parts[0], keyword: parts.count > 1 ? parts[1] : "")
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.categories == rhs.categories }

    public func hash(into hasher: inout Hasher) { hasher.combine(categories) }

    public init(from decoder: any Decoder) throws {
        let categories = try decoder.singleValueContainer().decode([String: [String]].self)
        self.init(categories: categories)
        for (category, keywords) in categories.sorted(by: { $0.key < $1.key })
        where keywords.contains(where: { BodyWords($0).count == 0 }) {
            try decoder.problem(
                "a keyword without letters or digits", fix: "Remove it; keywords match on words.",
                at: [YAMLKey(stringValue: category)])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(categories)
    }
}

/// Blocklist and opt-out list files (one number per line, `#` comments).
public struct ListFiles: Sendable, Hashable, Codable {
    /// Blocklist files (`recipient.blocked`). Paths in a rules directory are resolved against it on load.
    public let blocklists: [String]
    /// Opt-out list files (`recipient.blocked`). Paths are resolved like `blocklists`.
    public let optOuts: [String]

    /// Creates list references.
    public init(blocklists: [String] = [], optOuts: [String] = []) {
        self.blocklists = blocklists
        self.optOuts = optOuts
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case blocklists, optOuts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blocklists = try container.decodeWords(forKey: .blocklists, decoder: decoder)
        optOuts = try container.decodeWords(forKey: .optOuts, decoder: decoder)
    }
}

/// Whether a click-tracking code identifies the campaign or the recipient.
public enum CodeScope: String, Sendable, Codable, CaseIterable {
    /// One code per link per campaign.
    case campaign
    /// One code per link per recipient.
    case recipient
}

/// Settings for rewritten (click-tracking) links.
public struct LinkSettings: Sendable, Hashable, Codable {
    /// Characters in a short-link code (7 by default).
    public let codeLength: Int
    /// What a code identifies.
    public let codeScope: CodeScope
    /// The SQLite file of the link store (`--links-db` overrides it); nil keeps codes in memory.
    public let database: String?

    /// Creates link settings.
    public init(codeLength: Int = 7, codeScope: CodeScope = .campaign, database: String? = nil) {
        self.database = database
        self.codeLength = codeLength
        self.codeScope = codeScope
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case codeLength, codeScope, database
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        codeLength = try container.decodeIfPresent(Int.self, forKey: .codeLength, in: 4...32, decoder: decoder) ?? 7
        codeScope = try container.decodeIfPresent(CodeScope.self, forKey: .codeScope) ?? .campaign
        database = try container.decodeIfPresent(String.self, forKey: .database)
    }
}

/// The policy profile of `policy.yaml`: which checks run and the account-wide settings they use.
public struct PolicyProfile: Sendable, Hashable, Codable {
    /// Per-check settings; a check that is not listed runs with its default severity.
    public let checks: [CheckCode: CheckSetting]
    /// ``checks`` as a table, for the checks' lookups.
    let checkTable: CheckTable
    /// Account settings.
    public let account: AccountSettings
    /// Body limits.
    public let body: BodyLimits
    /// Opt-out rules.
    public let optOut: OptOutRules
    /// Public URL shortener domains (lower case); subdomains count too (`link.public_shortener`).
    public let shorteners: [String]
    /// Quiet-hour rules for recipients whose country (and region) has none for the category.
    public let quietHours: [QuietHours]
    /// Restricted-content keywords.
    public let restrictedContent: RestrictedContent
    /// Blocklist and opt-out list files.
    public let lists: ListFiles
    /// The region assumed for numbers without a country code (ISO 3166-1 alpha-2), if any.
    public let defaultRegion: String?
    /// Settings for rewritten links.
    public let links: LinkSettings
    private let shortenerSet: Set<String>

    /// Creates a profile.
    public init(
        checks: [CheckCode: CheckSetting] = [:], account: AccountSettings = AccountSettings(), body: BodyLimits = BodyLimits(),
        optOut: OptOutRules = OptOutRules(), shorteners: [String] = [], quietHours: [QuietHours] = [],
        restrictedContent: RestrictedContent = RestrictedContent(), lists: ListFiles = ListFiles(),
        defaultRegion: String? = nil, links: LinkSettings = LinkSettings()
    ) {
        self.checks = checks
        checkTable = CheckTable(checks)
        self.account = account
        self.body = body
        self.optOut = optOut
        self.shorteners = shorteners.map { $0.lowercased() }
        self.quietHours = quietHours
        self.restrictedContent = restrictedContent
        self.lists = lists
        self.defaultRegion = defaultRegion
        self.links = links
        shortenerSet = Set(self.shorteners)
    }

    /// The setting for `code` (enabled with the default severity when not listed).
    public func setting(for code: CheckCode) -> CheckSetting { checkTable[code] }

    /// True when `host` is a listed public shortener or a subdomain of one (case-insensitive).
    public func isPublicShortener(host: String) -> Bool {
        var domain = Substring(host.lowercased())
        if domain.hasSuffix(".") { domain = domain.dropLast() }
        while true {
            if shortenerSet.contains(String(domain)) { return true }
            guard let dot = domain.firstIndex(of: ".") else { return false }
            domain = domain[domain.index(after: dot)...]
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.checks == rhs.checks && lhs.account == rhs.account && lhs.body == rhs.body && lhs.optOut == rhs.optOut
            && lhs.shorteners == rhs.shorteners && lhs.quietHours == rhs.quietHours
            && lhs.restrictedContent == rhs.restrictedContent && lhs.lists == rhs.lists
            && lhs.defaultRegion == rhs.defaultRegion && lhs.links == rhs.links
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(checks)
        hasher.combine(account)
        hasher.combine(shorteners)
        hasher.combine(defaultRegion)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case checks, account, body, optOut, shorteners, quietHours, restrictedContent, lists, defaultRegion, links
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rawChecks = try container.decodeIfPresent([String: CheckSetting].self, forKey: .checks) ?? [:]
        var checks: [CheckCode: CheckSetting] = [:]
        for (code, setting) in rawChecks.sorted(by: { $0.key < $1.key }) {
            if let check = CheckCode(rawValue: code) {
                checks[check] = setting
            } else {
                let hint = DecodingHints.nearest(to: code, in: CheckCode.allCases.map(\.rawValue)).map { "Did you mean '\($0)'? " }
                try decoder.problem(
                    "unknown check code '\(code)'",
                    fix: (hint ?? "") + "Known codes: \(CheckCode.allCases.map(\.rawValue).joined(separator: ", ")).",
                    at: [CodingKeys.checks, YAMLKey(stringValue: code)], atKey: true)
            }
        }
        let defaultRegion = try container.decodeIfPresent(String.self, forKey: .defaultRegion)
        if let defaultRegion, !RegionCode.isCountry(defaultRegion) {
            try decoder.problem(
                "'\(defaultRegion)' is not an ISO 3166-1 alpha-2 country code", fix: "Use two upper-case letters, such as GB.",
                at: CodingKeys.defaultRegion)
        }
        self.init(
            checks: checks,
            account: try container.decodeIfPresent(AccountSettings.self, forKey: .account) ?? AccountSettings(),
            body: try container.decodeIfPresent(BodyLimits.self, forKey: .body) ?? BodyLimits(),
            optOut: try container.decodeIfPresent(OptOutRules.self, forKey: .optOut) ?? OptOutRules(),
            shorteners: try container.decodeDomains(forKey: .shorteners, decoder: decoder),
            quietHours: try container.decodeIfPresent([QuietHours].self, forKey: .quietHours) ?? [],
            restrictedContent: try container.decodeIfPresent(RestrictedContent.self, forKey: .restrictedContent)
                ?? RestrictedContent(),
            lists: try container.decodeIfPresent(ListFiles.self, forKey: .lists) ?? ListFiles(),
            defaultRegion: defaultRegion.flatMap { RegionCode.isCountry($0) ? $0 : nil },
            links: try container.decodeIfPresent(LinkSettings.self, forKey: .links) ?? LinkSettings())
    }
}

extension KeyedDecodingContainer {
    /// An optional domain name (lower-cased); anything with a scheme, path, port or space is reported.
    func decodeDomain(forKey key: Key, decoder: any Decoder) throws -> String? {
        guard let domain = try decodeIfPresent(String.self, forKey: key) else { return nil }
        if let problem = domainProblem(domain) {
            try decoder.problem(problem, fix: "Write a bare domain such as example.com.", at: key)
            return nil
        }
        return domain.lowercased()
    }

    /// A list of domain names (lower-cased; empty when absent); bad entries are reported and dropped.
    func decodeDomains(forKey key: Key, decoder: any Decoder) throws -> [String] {
        let domains = try decodeIfPresent([String].self, forKey: key) ?? []
        var result: [String] = []
        for (index, domain) in domains.enumerated() {
            if let problem = domainProblem(domain) {
                try decoder.problem(
                    problem, fix: "Write a bare domain such as example.com.", at: [key, YAMLKey(intValue: index)])
            } else {
                result.append(domain.lowercased())
            }
        }
        return result
    }
}

/// Why `text` is not a bare domain name, or nil when it is one.
private func domainProblem(_ text: String) -> String? {
    if text.isEmpty { return "an empty domain" }
    if text.contains(where: { $0 == "/" || $0 == ":" || $0 == "@" || $0 == "?" || $0 == "#" || $0.isWhitespace }) {
        return "'\(text)' is not a bare domain (no scheme, path, port or spaces)"
    }
    if !text.contains(".") || text.hasPrefix(".") || text.contains("..") {
        return "'\(text)' is not a domain name"
    }
    return nil
}
