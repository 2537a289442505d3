import Foundation
import YAMLSupport
import PreflightCore
import ShippedRules
import Yams

/// The compliance rules checks run against: rules per country and the policy profile.
///
/// Built once (``shipped()``, then ``load(directory:over:)`` for a user's own rules) and shared:
/// the value is immutable and `Sendable`.
public struct RuleSet: Sendable, Hashable {
    /// Country rules by ISO 3166-1 alpha-2 code (upper case: `GB`, `NO`).
    public let countries: [String: CountryRules]
    /// The policy profile.
    public let policy: PolicyProfile

    /// The name of the country rules file in a rules directory.
    public static let countriesFileName = "countries.yaml"
    /// The name of the policy file in a rules directory.
    public static let policyFileName = "policy.yaml"

    /// Creates a rule set from values.
    public init(countries: [String: CountryRules], policy: PolicyProfile) {
        self.countries = countries
        self.policy = policy
    }

    /// The rules for a country code (ISO 3166-1 alpha-2, any case); nil for a country without rules.
    public func country(_ code: String) -> CountryRules? {
        countries[code] ?? countries[code.uppercased()]
    }

    /// The quiet-hour rules a message of `category` to `country` (and `region`, a subdivision such
    /// as `FL`) must satisfy: the country's and the region's rules for the category, or, when
    /// neither has one, the policy's. A send is allowed only if every returned rule permits it
    /// (``QuietHours/permits(_:)``); an empty result means no restriction.
    public func quietHours(country code: String?, region: String? = nil, category: MessageCategory) -> [QuietHours] {
        let rules = code.flatMap { self.country($0) }
        let countryRules = (rules?.quietHours ?? []).filter { $0.applies(to: category) }
        let regionRules = (region.flatMap { rules?.regions[$0] }?.quietHours ?? []).filter { $0.applies(to: category) }
        let specific = countryRules + regionRules
        return specific.isEmpty ? policy.quietHours.filter { $0.applies(to: category) } : specific
    }

    /// The rules shipped with Preflight (`Rules/countries.yaml` and `Rules/policy.yaml`, embedded
    /// in the binary), decoded once per process.
    ///
    /// - Throws: ``RulesError`` if the shipped files do not decode (a build defect the tests catch).
    public static func shipped() throws(RulesError) -> RuleSet {
        try shippedResult.get()
    }

    private static let shippedResult: Result<RuleSet, RulesError> = {
        do throws(RulesError) {
            return .success(try load(
                countries: ShippedRules.files[countriesFileName].map { RuleFileText(path: "Rules/\(countriesFileName)", text: $0) },
                policy: ShippedRules.files[policyFileName].map { RuleFileText(path: "Rules/\(policyFileName)", text: $0) },
                over: nil, listDirectory: nil))
        } catch {
            return .failure(error)
        }
    }()

    /// The rules of `directory` laid over `base`.
    ///
    /// The directory holds `countries.yaml`, `policy.yaml` or both. Each file is laid over the
    /// base key by key: where both have a mapping the two merge recursively; any other value the
    /// file sets (a scalar, a list or null) replaces the base value whole. So
    /// `countries: {GB: {sender: {maxLength: 9}}}` changes one field of one country, a list such as
    /// `quietHours` or `optOut.keywords` is replaced rather than extended, `null` resets a value to
    /// its default, and a country the base does not have must be complete. Relative paths under
    /// `lists` are resolved against `directory`.
    ///
    /// - Throws: ``RulesError`` with every problem found (`rules.invalid`, with file, line and
    ///   column): a missing directory or rule files, YAML syntax, unknown keys, wrong types, bad
    ///   values, a missing or unsupported `version`, files over 16 MiB or not UTF-8.
    public static func load(directory: URL, over base: RuleSet) throws(RulesError) -> RuleSet {
        let shown = directory.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleFileReader.failure(shown, "is not a directory", fix: "Pass the directory that holds your rule files.")
        }
        func file(_ name: String) throws(RulesError) -> RuleFileText? {
            try RuleFileReader.read(
                directory.appendingPathComponent(name), displayPath: shown.hasSuffix("/") ? shown + name : shown + "/" + name)
        }
        var problems: [Diagnostic] = []
        var countries: RuleFileText?, policy: RuleFileText?
        do { countries = try file(countriesFileName) } catch { problems += error.diagnostics }
        do { policy = try file(policyFileName) } catch { problems += error.diagnostics }
        if problems.isEmpty, countries == nil, policy == nil {
            throw RuleFileReader.failure(
                shown, "holds neither \(countriesFileName) nor \(policyFileName)",
                fix: "Add a \(countriesFileName) or \(policyFileName) that starts with 'version: 1'.")
        }
        do {
            let result = try load(countries: countries, policy: policy, over: base, listDirectory: shown)
            if problems.isEmpty { return result }
        } catch {
            problems += error.diagnostics
        }
        throw RulesError(diagnostics: problems)
    }

    /// Decodes the given files over `base` (nil: no base; every country must be complete).
    static func load(
        countries: RuleFileText?, policy: RuleFileText?, over base: RuleSet?, listDirectory: String?
    ) throws(RulesError) -> RuleSet {
        var problems: [Diagnostic] = []
        var countryRules = base?.countries ?? [:]
        if let countries {
            let session = RuleFileSession(ruleFile: countries.path)
            for (code, rules) in decodeCountries(countries, base: base?.countries ?? [:], session: session) {
                countryRules[code] = rules
            }
            problems += session.problems
        }
        var profile = base?.policy ?? PolicyProfile()
        if let policy {
            let session = RuleFileSession(ruleFile: policy.path)
            if let decoded = decodePolicy(policy, base: base?.policy, listDirectory: listDirectory, session: session) {
                profile = decoded
            }
            problems += session.problems
        }
        guard problems.isEmpty else { throw RulesError(diagnostics: problems) }
        return RuleSet(countries: countryRules, policy: profile)
    }

    private enum CountriesFileKey: String, CodingKey, CaseIterable {
        case countries
    }

    /// The countries of `file`, each merged over its `base` entry when there is one.
    private static func decodeCountries(
        _ file: RuleFileText, base: [String: CountryRules], session: RuleFileSession
    ) -> [String: CountryRules] {
        guard let root = RuleFileParser.root(of: file, session: session) else { return [:] }
        var countriesNode: (key: Node, value: Node)?
        for (key, value) in root {
            if key.string == CountriesFileKey.countries.rawValue {
                countriesNode = (key, value)
            } else {
                let hint = key.string.flatMap { DecodingHints.nearest(to: $0, in: ["countries"]) } == nil ? "" : "Did you mean 'countries'? "
                session.report(
                    "unknown top-level key \(key.shownInMessage)",
                    fix: hint + "A countries file has 'version' and 'countries' only.", at: key.mark)
            }
        }
        guard let countriesNode, !countriesNode.value.isNullScalar else { return [:] }
        guard case .mapping(let entries) = countriesNode.value else {
            session.report(
                "countries: expected a mapping keyed by ISO code, found \(countriesNode.value.shownInMessage)",
                fix: "Write 'countries:' followed by entries such as 'GB:'.", at: countriesNode.value.mark)
            return [:]
        }
        var result: [String: CountryRules] = [:]
        for (key, value) in entries {
            guard case .scalar(let scalar) = key, RegionCode.isCountry(scalar.string) else {
                session.report(
                    "countries: \(key.shownInMessage) is not an ISO 3166-1 alpha-2 country code",
                    fix: "Use two upper-case letters, such as GB.", at: key.mark)
                continue
            }
            let code = scalar.string
            var node = value
            if let existing = base[code] {
                do {
                    node = RuleFileParser.merge(try RuleFileParser.node(of: existing), value)
                } catch {
                    session.report("countries.\(code): cannot merge over the base rules: \(error)", fix: "", at: key.mark)
                    continue
                }
            }
            let decoder = RuleNodeDecoder(
                node: node, mark: key.mark, keyMark: key.mark, session: session,
                codingPath: [CountriesFileKey.countries, YAMLKey(stringValue: code)])
            if let rules = decoder.decodeRoot(CountryRules.self) {
                result[code] = rules
            }
        }
        return result
    }

    /// The policy of `file` merged over `base`.
    private static func decodePolicy(
        _ file: RuleFileText, base: PolicyProfile?, listDirectory: String?, session: RuleFileSession
    ) -> PolicyProfile? {
        guard var root = RuleFileParser.root(of: file, session: session) else { return nil }
        if let listDirectory {
            root = RuleFileParser.resolvingListPaths(in: root, against: listDirectory)
        }
        var node = root.asNode
        if let base {
            do {
                node = RuleFileParser.merge(try RuleFileParser.node(of: base), node)
            } catch {
                session.report("cannot merge over the base policy: \(error)", fix: "", at: root.mark)
                return nil
            }
        }
        return RuleNodeDecoder(node: node, mark: root.mark, keyMark: nil, session: session, codingPath: [])
            .decodeRoot(PolicyProfile.self)
    }
}
