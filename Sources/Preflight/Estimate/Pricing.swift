import Foundation
import ShippedRules
import Yams
import YAMLSupport

/// Prices per message part, as data (`Rules/pricing.yaml`): by country (ISO 3166-1 alpha-2),
/// optionally by provider, with a default and one currency. Amounts are exact decimals.
///
/// ```yaml
/// version: 1
/// currency: USD
/// default: 0.0500            # countries not listed (leave it out to flag them instead)
/// countries:
///   US: 0.0079
///   GB: {price: 0.0400, providers: {twilio: 0.0524}}
/// ```
public struct Pricing: Sendable, Hashable {
    /// The prices of one country.
    public struct CountryPrice: Sendable, Hashable {
        /// The price of one part, or nil when only some providers are priced.
        public var price: Decimal?
        /// Prices of one part by provider name (lowercase).
        public var providers: [String: Decimal]

        /// Creates a country's prices.
        public init(price: Decimal?, providers: [String: Decimal] = [:]) {
            self.price = price
            self.providers = providers
        }
    }

    /// Where a price comes from.
    public enum Basis: String, Sendable, Hashable, CaseIterable {
        /// The provider's price for the country.
        case provider
        /// The country's price.
        case country
        /// The default price: the country is not listed.
        case `default`
    }

    /// The price of one part for a country, and where it comes from.
    public struct Quote: Sendable, Hashable {
        /// The amount per part.
        public var amount: Decimal
        /// Where it comes from.
        public var basis: Basis
    }

    /// The ISO 4217 currency code of every amount.
    public var currency: String
    /// The price of a part to a country that is not listed; nil to flag such countries as unpriced.
    public var defaultPrice: Decimal?
    /// Prices by ISO 3166-1 alpha-2 code (upper case).
    public var countries: [String: CountryPrice]
    /// The most fraction digits of any amount: totals are shown with this many.
    public var scale: Int

    /// Creates a price list.
    public init(currency: String, defaultPrice: Decimal?, countries: [String: CountryPrice]) {
        self.currency = currency
        self.defaultPrice = defaultPrice
        self.countries = countries
        let amounts = [defaultPrice].compactMap { $0 } + countries.values.flatMap { [$0.price].compactMap { $0 } + Array($0.providers.values) }
        scale = amounts.map(Money.fractionDigits).max() ?? 2
    }

    /// The price of one part to `country` (nil: a number with no country) through `provider`: the
    /// provider's price for the country, else the country's, else the default; nil when none applies.
    public func quote(country: String?, provider: String?) -> Quote? {
        if let country, let entry = countries[country] {
            if let provider, let amount = entry.providers[provider.lowercased()] { return Quote(amount: amount, basis: .provider) }
            if let amount = entry.price { return Quote(amount: amount, basis: .country) }
        }
        return defaultPrice.map { Quote(amount: $0, basis: .default) }
    }

    /// Whether any country lists a price for `provider`.
    public func knows(provider: String) -> Bool {
        countries.values.contains { $0.providers[provider.lowercased()] != nil }
    }

    /// The sample price list shipped in `Rules/pricing.yaml` (not real tariffs).
    public static func shipped() throws(PricingError) -> Pricing {
        try Pricing(yaml: ShippedRules.files["pricing.yaml"] ?? "", file: "pricing.yaml")
    }

    /// Reads a price list file.
    /// - Throws: ``PricingError`` for an unreadable file or bad contents, with line and column.
    public init(contentsOf path: String) throws(PricingError) {
        let text: String
        do { text = try TextInput.read(path: path, limit: 16 << 20) } catch {
            throw PricingError(path, line: 1, column: 1, error.description, fix: error.fix)
        }
        try self.init(yaml: text, file: path)
    }

    /// Reads a price list from YAML text; `file` names it in diagnostics.
    /// - Throws: ``PricingError`` listing every problem with its line and column.
    public init(yaml: String, file: String) throws(PricingError) {
        var reader = PricingReader(file: file)
        let result = reader.read(yaml)
        guard reader.problems.isEmpty, let result else { throw PricingError(diagnostics: reader.problems) }
        self = result
    }
}

/// Problems in a price list, each a `pricing.invalid` diagnostic with its file, line and column.
public struct PricingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code of every pricing diagnostic.
    public static let code = "pricing.invalid"
    /// The problems.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    init(_ file: String, line: Int, column: Int, _ message: String, fix: String) {
        diagnostics = [Diagnostic(code: Self.code, severity: .error, message: message, fix: fix,
                                  location: SourceLocation(file: file, line: line, column: column))]
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Exact money arithmetic and formatting over `Decimal`.
enum Money {
    /// Digits after the point of an amount.
    static func fractionDigits(_ amount: Decimal) -> Int { max(0, -amount.exponent) }

    /// Parses a plain decimal (`12`, `0.0079`), at most 12 digits before the point and 10 after.
    static func parse(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...12).contains(whole.count),
              whole.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        if parts.count == 2 {
            guard (1...10).contains(parts[1].count), parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `amount` with exactly `scale` digits after the point (rounded half up when it has more),
    /// without grouping: `12.5` at scale 4 is `12.5000`.
    static func format(_ amount: Decimal, scale: Int) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        let negative = rounded < 0
        var magnitude = negative ? -rounded : rounded
        var shifted = Decimal()
        _ = NSDecimalMultiplyByPowerOf10(&shifted, &magnitude, Int16(scale), .plain)
        var digits = "\(shifted)"  // an integer now
        if let dot = digits.firstIndex(of: ".") { digits = String(digits[..<dot]) }
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }

    /// `format` with thousands separators in the whole part (`12,345.6700`), for people.
    static func grouped(_ amount: Decimal, scale: Int) -> String {
        let plain = format(amount, scale: scale)
        let dot = plain.firstIndex(of: ".") ?? plain.endIndex
        return Count.grouped(String(plain[..<dot])) + plain[dot...]
    }
}

/// Number formats of estimate output, for tools that print their own (decimal money at a fixed
/// scale, counts with thousands separators).
public enum EstimateFormat {
    /// `amount` with exactly `scale` digits after the point, no grouping: `12.5` at scale 4 is `12.5000`.
    public static func money(_ amount: Decimal, scale: Int) -> String { Money.format(amount, scale: scale) }

    /// A count with thousands separators: `2,000,000`.
    public static func count(_ n: Int) -> String { Count.grouped(n) }
}

/// Thousands separators for counts in text tables.
enum Count {
    static func grouped(_ n: Int) -> String { grouped(String(n)) }

    static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0, c != "-", out.last != "-" { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// Reads `pricing.yaml` from composed YAML nodes, collecting every problem with its position.
struct PricingReader {
    let file: String
    var problems: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ message: String, fix: String, at mark: Mark?) {
        problems.append(Diagnostic(
            code: PricingError.code, severity: .error, message: message, fix: fix,
            location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)))
    }

    mutating func read(_ text: String) -> Pricing? {
        let root: Node?
        switch YAMLDocument.compose(text) {
        case .success(let node): root = node
        case .failure(let problem):
            problems.append(Diagnostic(
                code: PricingError.code, severity: .error, message: problem.message, fix: problem.fix,
                location: SourceLocation(file: file, line: problem.line, column: problem.column)))
            return nil
        }
        guard let root, case .mapping(let mapping) = root else {
            report("the price list must be a mapping that starts with 'version: 1'", fix: "start the file with 'version: 1'", at: root?.mark)
            return nil
        }
        var currency: String?
        var defaultPrice: Decimal?
        var countries: [String: Pricing.CountryPrice] = [:]
        var sawVersion = false
        for (key, value) in mapping {
            switch key.string {
            case "version":
                sawVersion = true
                if value.string != "1" {
                    report("unsupported version \(value.string.map { "'\($0)'" } ?? "value"); this Preflight reads version 1",
                           fix: "write 'version: 1'", at: value.mark)
                }
            case "currency":
                if let code = value.string, code.utf8.count == 3, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) {
                    currency = code
                } else {
                    report("the currency must be an ISO 4217 code such as USD or EUR", fix: "write for example 'currency: USD'", at: value.mark)
                }
            case "default":
                if value.isNullScalar { break }
                defaultPrice = amount(value, what: "the default price")
            case "countries":
                guard case .mapping(let entries) = value else {
                    report("'countries' must be a mapping of ISO country codes to prices", fix: "write for example 'countries: {US: 0.0079}'", at: value.mark)
                    continue
                }
                for (code, entry) in entries {
                    guard let iso = code.string, iso.utf8.count == 2, iso.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                        report("'\(code.string ?? "?")' is not an ISO 3166-1 alpha-2 country code", fix: "use two capital letters, such as US or GB", at: code.mark)
                        continue
                    }
                    if let price = countryPrice(entry, iso: iso) { countries[iso] = price }
                }
            default:
                report("unknown key '\(key.string ?? "?")'; known keys: version, currency, default, countries",
                       fix: "remove the key or correct its spelling", at: key.mark)
            }
        }
        if !sawVersion { report("missing 'version'", fix: "add 'version: 1' as the first line", at: root.mark) }
        guard let currency else {
            if problems.isEmpty { report("missing 'currency'", fix: "add for example 'currency: USD'", at: root.mark) }
            return nil
        }
        return Pricing(currency: currency, defaultPrice: defaultPrice, countries: countries)
    }

    private mutating func countryPrice(_ node: Node, iso: String) -> Pricing.CountryPrice? {
        if case .scalar = node {
            return amount(node, what: "the price for \(iso)").map { Pricing.CountryPrice(price: $0) }
        }
        guard case .mapping(let fields) = node else {
            report("the price for \(iso) must be an amount or a mapping {price, providers}", fix: "write for example 'US: 0.0079'", at: node.mark)
            return nil
        }
        var result = Pricing.CountryPrice(price: nil)
        for (key, value) in fields {
            switch key.string {
            case "price":
                result.price = amount(value, what: "the price for \(iso)")
            case "providers":
                guard case .mapping(let providers) = value else {
                    report("'providers' of \(iso) must map provider names to prices", fix: "write for example 'providers: {twilio: 0.0083}'", at: value.mark)
                    continue
                }
                for (name, price) in providers {
                    guard let provider = name.string, !provider.isEmpty else { continue }
                    if let amount = amount(price, what: "the \(provider) price for \(iso)") { result.providers[provider.lowercased()] = amount }
                }
            default:
                report("unknown key '\(key.string ?? "?")' in \(iso); known keys: price, providers", fix: "remove the key or correct its spelling", at: key.mark)
            }
        }
        if result.price == nil, result.providers.isEmpty {
            report("\(iso) has neither a price nor provider prices", fix: "add 'price: …' or remove the country", at: node.mark)
            return nil
        }
        return result
    }

    private mutating func amount(_ node: Node, what: String) -> Decimal? {
        guard case .scalar(let scalar) = node, let value = Money.parse(scalar.string) else {
            report("\(what) must be a plain decimal amount such as 0.0079, not \(node.string.map { "'\($0)'" } ?? "a collection")",
                   fix: "write the amount per part with a point and no currency sign or exponent", at: node.mark)
            return nil
        }
        return value
    }
}
