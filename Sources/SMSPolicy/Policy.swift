import Foundation
import PhoneNumbers
import PreflightCore
import SMSEncoding
import SMSLinks

/// The facts of one message to one recipient that the checks look at: the final text (rendered,
/// normalized, links rewritten), its encoding, the sender and the send time.
public struct MessageFacts: Sendable {
    /// The recipient as written in the request.
    public var recipient: String
    /// The request field of the recipient (`to` or `to[3]`), for diagnostics.
    public var recipientField: String
    /// The region for numbers without a country code.
    public var defaultRegion: String?
    /// The alphanumeric sender ID, if any.
    public var senderMask: String?
    /// The numeric sender, if any.
    public var from: String?
    /// The text that will be sent.
    public var text: String
    /// The encoding of ``text``.
    public var encoding: EncodingReport
    /// The message category.
    public var category: MessageCategory
    /// The campaign reference.
    public var campaignRef: String?
    /// When the message will be sent.
    public var sendAt: Date
    /// The account settings in force (the policy's, with the request's overrides).
    public var account: AccountSettings

    /// Creates the facts of a message.
    public init(
        recipient: String, recipientField: String = "to", defaultRegion: String? = nil, senderMask: String? = nil,
        from: String? = nil, text: String, encoding: EncodingReport, category: MessageCategory = .transactional,
        campaignRef: String? = nil, sendAt: Date = Date(), account: AccountSettings
    ) {
        self.recipient = recipient
        self.recipientField = recipientField
        self.defaultRegion = defaultRegion
        self.senderMask = senderMask
        self.from = from
        self.text = text
        self.encoding = encoding
        self.category = category
        self.campaignRef = campaignRef
        self.sendAt = sendAt
        self.account = account
    }
}

/// What the checks found for one message to one recipient.
public struct PolicyResult: Sendable, Hashable {
    /// The recipient number, when it parses.
    public var recipient: PhoneNumber?
    /// The IANA time zones the recipient may be in (all of its country's when it has several; empty when the time checks did not run).
    public var timeZones: [String]
    /// The findings, severities as the policy sets them.
    public var diagnostics: [Diagnostic]
}

/// Errors building a ``Policy``: number lists that cannot be read.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, each with its file.
    public var diagnostics: [Diagnostic]

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A compiled policy: the rule set, its number lists loaded and its detectors built. Build it once
/// and check many messages with it, from any thread.
public struct Policy: Sendable {
    /// The rules.
    public let rules: RuleSet
    /// The blocklists and opt-out lists, loaded.
    public let numberLists: [NumberList]
    /// Warnings from loading the lists (bad lines, with their line numbers).
    public let loadDiagnostics: [Diagnostic]
    let phoneParser: PhoneNumberParser
    let phoneCache = PhoneCache()
    let timeZones = TimeZoneCache()
    let links: LinkDetector
    let brands: ConfusableDetector
    /// Each country's rules (see ``CountryRef``), and the same by region without a counted
    /// reference (a lookup would otherwise update the count from every thread).
    let countries: [CountryRef]
    let countryRefs: [String: CountryHandle]

    /// Compiles a policy.
    /// - Parameter rules: the rule set (``RuleSet/shipped()``, possibly with a user's rules laid over).
    /// - Throws: ``PolicyError`` when a list file cannot be read or the shortener list is malformed.
    public init(rules: RuleSet) throws(PolicyError) {
        self.rules = rules
        let parser = PhoneNumberParser()
        phoneParser = parser
        var lists: [NumberList] = []
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        for path in rules.policy.lists.blocklists + rules.policy.lists.optOuts {
            do {
                let list = try NumberList(contentsOfFile: path, defaultRegion: rules.policy.defaultRegion, parser: parser)
                lists.append(list)
                warnings += list.diagnostics
            } catch {
                errors.append(
                    Diagnostic(
                        code: "rules.invalid", severity: .error, message: error.description,
                        fix: "check the list paths under `lists` in policy.yaml",
                        location: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        do {
            links = try LinkDetector(publicShorteners: rules.policy.shorteners)
        } catch {
            errors.append(
                Diagnostic(
                    code: "rules.invalid", severity: .error, message: "\(error)",
                    fix: "list shortener domains such as bit.ly under `shorteners` in policy.yaml"))
            links = try! LinkDetector(publicShorteners: [])  // no shorteners: cannot fail
        }
        guard errors.isEmpty else { throw PolicyError(diagnostics: errors) }
        numberLists = lists
        loadDiagnostics = warnings
        brands = ConfusableDetector(protectedNames: rules.policy.account.protectedBrands)
        let refs = rules.countries.mapValues { CountryRef($0) }
        countries = Array(refs.values)
        countryRefs = refs.mapValues { CountryHandle(ref: $0) }
    }

    /// Parses and judges a recipient (`recipient.invalid`, `recipient.unknown_range`,
    /// `recipient.landline`). Results are cached per (number, region), because libphonenumber costs
    /// 10–25 µs a number and services send to the same numbers again and again.
    public func checkRecipient(_ input: String, defaultRegion: String?, field: String) -> PhoneCheck {
        let region = defaultRegion ?? rules.policy.defaultRegion
        let check = phoneCache.check(input, region: region) { phoneParser.check(input, defaultRegion: region, field: "to") }
        guard field != "to" else { return check }
        var relabelled = check
        relabelled.diagnostics = check.diagnostics.map { d in
            var d = d
            d.field = field
            return d
        }
        return relabelled
    }

    /// Runs the enabled checks on one message to one recipient.
    /// - Parameters:
    ///   - facts: the message.
    ///   - phone: the recipient already checked with ``checkRecipient(_:defaultRegion:field:)``, if the
    ///     caller has it (it is checked here otherwise).
    ///   - checks: the groups to run (all by default). Findings come in the order recipient, sender,
    ///     body, links, time whichever groups run, so a caller that runs the groups separately (the
    ///     sender and time groups once per country, say) can put them back in the same order.
    ///   - minimumSeverity: findings below this severity (after the policy's settings) are not
    ///     reported, and the work of describing them is skipped.
    public func evaluate(
        _ facts: MessageFacts, phone: PhoneCheck? = nil, checks: CheckGroups = .all, minimumSeverity: Severity = .info
    ) -> PolicyResult {
        var found = Findings(checks: rules.policy.checkTable, minimumSeverity: minimumSeverity)
        let phone = phone ?? checkRecipient(facts.recipient, defaultRegion: facts.defaultRegion, field: facts.recipientField)
        let number = phone.number
        let region = number?.regionCode
        let countryRef = region.flatMap { countryRefs[$0]?.ref }
        let country = countryRef?.rules
        if checks.contains(.recipient) {
            for d in phone.diagnostics {
                if let code = CheckCode(rawValue: d.code) { found.add(code, d.severity, d.message, fix: d.fix, field: d.field ?? facts.recipientField) }
            }
            if let number, let list = numberLists.first(where: { $0.contains(number) }) {
                found.add(.recipientBlocked, .error, "\(number.e164) is on the list \(list.source)",
                          fix: "do not send to this number; remove it from the recipients", field: facts.recipientField)
            }
        }
        if checks.contains(.sender) { SenderChecks.run(facts, country: country, region: region, brands: brands, into: &found) }
        if checks.contains(.body) { BodyChecks.run(facts, country: countryRef, policy: rules.policy, into: &found) }
        if checks.contains(.links) {
            LinkChecks.run(account: facts.account, links: links.links(in: facts.text), detector: links, country: countryRef, into: &found)
        }
        var zones: [String] = []
        if let number, checks.contains(.time) {
            zones = phoneParser.timeZones(for: number)
            TimeChecks.run(facts, region: region, zones: zones, rules: rules, timeZones: timeZones, into: &found)
        }
        return PolicyResult(recipient: number, timeZones: zones, diagnostics: found.diagnostics)
    }

    /// The findings of the body and link checks (``CheckGroups/body`` and ``CheckGroups/links``)
    /// at warning or above, as codes and severities: no message is written. For callers that
    /// check many bodies with the same category and account and only count what is found, such as
    /// a campaign estimate. The same findings, in the same order, as
    /// ``evaluate(_:phone:checks:minimumSeverity:)`` with `checks: [.body, .links]` and
    /// `minimumSeverity: .warning` for a message with this body to a number of `region`.
    /// - Parameters:
    ///   - body: the final text with its counts (and its words, when the caller has them).
    ///   - region: the recipient's region (ISO 3166 code), for its country's limits and link rules.
    ///   - category: the message category (opt-out language).
    ///   - account: the account settings in force (brand and tracking domains).
    public func screen(_ body: BodyFacts, region: String?, category: MessageCategory, account: AccountSettings) -> [BriefFinding] {
        var found = Findings(checks: rules.policy.checkTable, minimumSeverity: .warning, describes: false)
        // The country by reference: copying its rules would update the reference counts of their
        // texts and lists, shared by every thread that checks.
        let country = region.flatMap { countryRefs[$0]?.ref }
        BodyChecks.run(body, category: category, country: country, policy: rules.policy, into: &found) { ("", "") }
        LinkChecks.run(account: account, links: links.links(in: body.text), detector: links, country: country, into: &found)
        return found.brief
    }
}

/// A country's rules held by reference: the checks read the fields they need through it instead of
/// copying the whole value (a copy retains each of its texts and lists).
final class CountryRef: Sendable {
    let rules: CountryRules
    init(_ rules: CountryRules) { self.rules = rules }
}

/// A ``CountryRef`` that ``Policy/countries`` keeps alive.
struct CountryHandle: Sendable {
    unowned(unsafe) let ref: CountryRef
}

/// A finding without its description: what ``Policy/screen(_:region:category:account:)`` returns.
public struct BriefFinding: Sendable, Hashable {
    /// The check's code (``CheckCode`` raw value, or an SMSLinks code).
    public let code: String
    /// The severity, after the policy's settings.
    public let severity: Severity

    /// Creates a finding.
    public init(code: String, severity: Severity) {
        self.code = code
        self.severity = severity
    }
}

/// Groups of policy checks, by what they depend on (see ``Policy/evaluate(_:phone:checks:minimumSeverity:)``).
public struct CheckGroups: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// Creates a set of groups from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The number's own findings and the blocklists and opt-out lists: depend on the number.
    public static let recipient = CheckGroups(rawValue: 1 << 0)
    /// Sender ID, numeric sender and campaign checks: depend on the sender and the country.
    public static let sender = CheckGroups(rawValue: 1 << 1)
    /// Length, parts, opt-out language, restricted content and encoding: depend on the text and the country.
    public static let body = CheckGroups(rawValue: 1 << 2)
    /// Link checks: depend on the text and the country.
    public static let links = CheckGroups(rawValue: 1 << 3)
    /// Quiet hours: depend on the send time, the category and the country.
    public static let time = CheckGroups(rawValue: 1 << 4)
    /// Every check.
    public static let all: CheckGroups = [.recipient, .sender, .body, .links, .time]
}

/// Collects diagnostics, applying the policy's per-check settings (off, or another severity).
struct Findings {
    /// The policy's per-check settings. Unowned: a `Findings` lives inside one call of the
    /// policy that owns the table, and a counted reference would be updated from every thread
    /// that checks messages.
    unowned(unsafe) let checks: CheckTable
    var minimumSeverity: Severity = .info
    /// False keeps codes and severities only (``brief``): no message is written.
    var describes = true
    var diagnostics: [Diagnostic] = []
    /// The findings' codes and severities, when not ``describes``.
    var brief: [BriefFinding] = []

    private func setting(for code: CheckCode) -> CheckSetting { checks[code] }

    /// Whether a finding of `code` at `severity` would be kept (callers skip costly descriptions otherwise).
    func wants(_ code: CheckCode, _ severity: Severity) -> Bool {
        let setting = setting(for: code)
        return setting.enabled && (setting.severity ?? severity) >= minimumSeverity
    }

    mutating func add(_ code: CheckCode, _ severity: Severity, _ message: @autoclosure () -> String, fix: String, field: String) {
        let setting = setting(for: code)
        guard setting.enabled, (setting.severity ?? severity) >= minimumSeverity else { return }
        guard describes else {
            brief.append(BriefFinding(code: code.rawValue, severity: setting.severity ?? severity))
            return
        }
        diagnostics.append(
            Diagnostic(code: code.rawValue, severity: setting.severity ?? severity, message: message(), fix: fix, field: field))
    }

    /// Adds a diagnostic made elsewhere (SMSLinks), applying the setting when its code is a check's.
    mutating func add(_ diagnostic: Diagnostic) {
        var d = diagnostic
        if let code = CheckCode(rawValue: d.code) {
            let setting = setting(for: code)
            guard setting.enabled else { return }
            d.severity = setting.severity ?? d.severity
        }
        guard d.severity >= minimumSeverity else { return }
        if describes { diagnostics.append(d) } else { brief.append(BriefFinding(code: d.code, severity: d.severity)) }
    }
}

extension Policy {
    /// The parser the policy uses.
    public var phones: PhoneNumberParser { phoneParser }
    /// The link detector, with the policy's public shorteners.
    public var linkDetector: LinkDetector { links }
}

/// Phone checks by (input, region), bounded: when full it starts over, so memory stays flat on a
/// stream of distinct numbers while repeated numbers are parsed once.
final class PhoneCache: @unchecked Sendable {
    static let capacity = 200_000
    private struct Key: Hashable {
        let input: String
        let region: String?
    }
    private let lock = NSLock()
    private var entries: [Key: PhoneCheck] = [:]

    func check(_ input: String, region: String?, _ make: () -> PhoneCheck) -> PhoneCheck {
        let key = Key(input: input, region: region)
        lock.lock()
        if let hit = entries[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let value = make()
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
        lock.unlock()
        return value
    }
}
