import Foundation
@testable import Preflight
import Testing

/// Price lists and exact decimal money.
@Suite("Estimate: pricing")
struct EstimatePricingTests {
    static let list = """
        version: 1
        currency: EUR
        default: 0.05
        countries:
          GB: 0.04
          US: {price: 0.0079, providers: {Twilio: 0.0083}}
          DE: {providers: {vonage: 0.0850}}
        """

    @Test func quotesFollowProviderThenCountryThenDefault() throws {
        let pricing = try Pricing(yaml: Self.list, file: "p.yaml")
        #expect(pricing.currency == "EUR")
        #expect(pricing.scale == 4)
        #expect(pricing.quote(country: "US", provider: "twilio") == Pricing.Quote(amount: Decimal(string: "0.0083")!, basis: .provider))
        #expect(pricing.quote(country: "US", provider: "TWILIO")?.basis == .provider)
        #expect(pricing.quote(country: "US", provider: "vonage") == Pricing.Quote(amount: Decimal(string: "0.0079")!, basis: .country))
        #expect(pricing.quote(country: "US", provider: nil)?.amount == Decimal(string: "0.0079"))
        #expect(pricing.quote(country: "GB", provider: nil)?.amount == Decimal(string: "0.04"))
        #expect(pricing.quote(country: "LK", provider: nil) == Pricing.Quote(amount: Decimal(string: "0.05")!, basis: .default))
        #expect(pricing.quote(country: nil, provider: nil)?.basis == .default)
        // DE lists only a provider price: other providers get the default.
        #expect(pricing.quote(country: "DE", provider: "vonage")?.amount == Decimal(string: "0.085"))
        #expect(pricing.quote(country: "DE", provider: "twilio")?.basis == .default)
        #expect(pricing.knows(provider: "twilio"))
        #expect(!pricing.knows(provider: "sinch"))
    }

    @Test func withoutADefaultUnlistedCountriesHaveNoPrice() throws {
        let pricing = try Pricing(yaml: "version: 1\ncurrency: USD\ncountries: {GB: 0.04}\n", file: "p.yaml")
        #expect(pricing.defaultPrice == nil)
        #expect(pricing.quote(country: "LK", provider: nil) == nil)
    }

    @Test func shippedListLoadsAndSaysItIsASample() throws {
        let pricing = try Pricing.shipped()
        #expect(pricing.currency == "USD")
        #expect(pricing.defaultPrice != nil)
        #expect(pricing.countries["NO"] != nil)  // Norway, not YAML 1.1 false
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules/pricing.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("SAMPLE PRICES — NOT REAL TARIFFS"))
        #expect(try Pricing(yaml: text, file: "pricing.yaml") == pricing)
        // Every country of the shipped rules has a price.
        let rules = try RuleSet.shipped()
        #expect(Set(rules.countries.keys).subtracting(pricing.countries.keys).isEmpty)
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let bad: [BadCase] = [
        BadCase(name: "float with exponent", yaml: "version: 1\ncurrency: USD\ndefault: 1e-2\n", line: 3, column: 10, message: "the default price must be a plain decimal amount"),
        BadCase(name: "negative price", yaml: "version: 1\ncurrency: USD\ncountries:\n  GB: -0.04\n", line: 4, column: 7, message: "the price for GB must be a plain decimal amount"),
        BadCase(name: "currency sign", yaml: "version: 1\ncurrency: USD\ncountries:\n  GB: $0.04\n", line: 4, column: 7, message: "the price for GB must be a plain decimal amount"),
        BadCase(name: "lower-case country", yaml: "version: 1\ncurrency: USD\ncountries:\n  gb: 0.04\n", line: 4, column: 3, message: "'gb' is not an ISO 3166-1 alpha-2 country code"),
        BadCase(name: "bad currency", yaml: "version: 1\ncurrency: dollars\n", line: 2, column: 11, message: "the currency must be an ISO 4217 code"),
        BadCase(name: "unknown key", yaml: "version: 1\ncurrency: USD\ntax: 0.2\n", line: 3, column: 1, message: "unknown key 'tax'"),
        BadCase(name: "wrong version", yaml: "version: 2\ncurrency: USD\n", line: 1, column: 10, message: "unsupported version '2'"),
        BadCase(name: "missing currency", yaml: "version: 1\n", line: 1, column: 1, message: "missing 'currency'"),
        BadCase(name: "YAML syntax", yaml: "version: 1\ncurrency: [USD\n", line: 3, column: 1, message: "YAML syntax error"),
        BadCase(name: "alias as a key", yaml: "version: 1\ncurrency: &c USD\n*c : 1\n", line: 3, column: 1, message: "an alias cannot be used as a mapping key"),
        BadCase(name: "too many decimals", yaml: "version: 1\ncurrency: USD\ndefault: 0.12345678901\n", line: 3, column: 10, message: "the default price must be a plain decimal amount"),
    ]

    @Test(arguments: bad)
    func badListsAreReportedWithPositions(_ c: BadCase) {
        #expect {
            _ = try Pricing(yaml: c.yaml, file: "pricing.yaml")
        } throws: { error in
            guard let error = error as? PricingError, let first = error.diagnostics.first else { return false }
            return first.code == "pricing.invalid" && first.location?.file == "pricing.yaml"
                && first.location?.line == c.line && first.location?.column == c.column && first.message.hasPrefix(c.message)
                && !first.fix.isEmpty
        }
    }

    struct MoneyCase: CustomTestStringConvertible, Sendable {
        var amount: String
        var scale: Int
        var text: String
        var grouped: String
        var testDescription: String { "\(amount) at \(scale)" }
    }

    @Test(arguments: [
        MoneyCase(amount: "0", scale: 4, text: "0.0000", grouped: "0.0000"),
        MoneyCase(amount: "12.5", scale: 4, text: "12.5000", grouped: "12.5000"),
        MoneyCase(amount: "0.0079", scale: 4, text: "0.0079", grouped: "0.0079"),
        MoneyCase(amount: "1234567.891", scale: 2, text: "1234567.89", grouped: "1,234,567.89"),
        MoneyCase(amount: "0.125", scale: 2, text: "0.13", grouped: "0.13"),  // half up
        MoneyCase(amount: "15800", scale: 0, text: "15800", grouped: "15,800"),
    ])
    func moneyFormatting(_ c: MoneyCase) throws {
        let amount = try #require(Decimal(string: c.amount))
        #expect(Money.format(amount, scale: c.scale) == c.text)
        #expect(Money.grouped(amount, scale: c.scale) == c.grouped)
    }

    @Test func moneyIsExactWhereBinaryFloatingPointIsNot() throws {
        // 0.1 + 0.2 is 0.30000000000000004 in a Double.
        #expect(try #require(Money.parse("0.1")) + (try #require(Money.parse("0.2"))) == Decimal(string: "0.3"))
        // 2,000,000 parts at 0.0079: exactly 15,800.
        let price = try #require(Money.parse("0.0079"))
        #expect(Money.format(price * Decimal(2_000_000), scale: 4) == "15800.0000")
        // Summing a price a million times gives the product, to the last digit.
        var sum = Decimal(0)
        for _ in 0..<1_000_000 { sum += price }
        #expect(sum == price * Decimal(1_000_000))
        #expect(Money.parse("0.1e2") == nil)
        #expect(Money.parse(".5") == nil)
        #expect(Money.parse("1,5") == nil)
    }
}
