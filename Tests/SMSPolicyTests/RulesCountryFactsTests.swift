import Foundation
import PreflightCore
import SMSEncoding
import Testing
@testable import SMSPolicy

/// One row of the research table `countries.csv` (iso2, country, calling_code,
/// alphanumeric_sender, two_way_supported, first source URL), copied from the table, not from Rules/.
struct CountryFact: Sendable, CustomTestStringConvertible {
    let iso: String
    let name: String
    let callingCode: Int
    let alphanumeric: AlphanumericSupport
    let twoWay: Bool
    let source: String
    init(_ iso: String, _ name: String, _ callingCode: Int, _ alphanumeric: AlphanumericSupport, twoWay: Bool, source: String) {
        self.iso = iso
        self.name = name
        self.callingCode = callingCode
        self.alphanumeric = alphanumeric
        self.twoWay = twoWay
        self.source = source
    }
    var testDescription: String { iso }

    static let all: [CountryFact] = [
        CountryFact("US", "United States", 1, .notSupported, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/us/sms"),
        CountryFact("CA", "Canada", 1, .notSupported, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/ca/sms"),
        CountryFact("MX", "Mexico", 52, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/mx/sms"),
        CountryFact("BR", "Brazil", 55, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/br/sms"),
        CountryFact("AR", "Argentina", 54, .notSupported, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/ar/sms"),
        CountryFact("GB", "United Kingdom", 44, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/gb/sms"),
        CountryFact("IE", "Ireland", 353, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/ie/sms"),
        CountryFact("DE", "Germany", 49, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("FR", "France", 33, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/fr/sms"),
        CountryFact("ES", "Spain", 34, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("IT", "Italy", 39, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/it/sms"),
        CountryFact("NL", "Netherlands", 31, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("BE", "Belgium", 32, .notSupported, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/be/sms"),
        CountryFact("SE", "Sweden", 46, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("NO", "Norway", 47, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/no/sms"),
        CountryFact("DK", "Denmark", 45, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("FI", "Finland", 358, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/fi/sms"),
        CountryFact("PL", "Poland", 48, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("PT", "Portugal", 351, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("CH", "Switzerland", 41, .allowed, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("AT", "Austria", 43, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("CZ", "Czechia", 420, .registrationRequired, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("GR", "Greece", 30, .allowed, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("RO", "Romania", 40, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("HU", "Hungary", 36, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("TR", "Turkey", 90, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/tr/sms"),
        CountryFact("RU", "Russia", 7, .registrationRequired, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("UA", "Ukraine", 380, .allowed, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/ua/sms"),
        CountryFact("IN", "India", 91, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/in/sms"),
        CountryFact("PK", "Pakistan", 92, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/pk/sms"),
        CountryFact("BD", "Bangladesh", 880, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/bd/sms"),
        CountryFact("ID", "Indonesia", 62, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/id/sms"),
        CountryFact("PH", "Philippines", 63, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/ph/sms"),
        CountryFact("TH", "Thailand", 66, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/th/sms"),
        CountryFact("VN", "Vietnam", 84, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/vn/sms"),
        CountryFact("MY", "Malaysia", 60, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("SG", "Singapore", 65, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/sg/sms"),
        CountryFact("CN", "China", 86, .notSupported, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/cn/sms"),
        CountryFact("HK", "Hong Kong", 852, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("TW", "Taiwan", 886, .allowed, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("JP", "Japan", 81, .allowed, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/jp/sms"),
        CountryFact("KR", "South Korea", 82, .notSupported, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/kr/sms"),
        CountryFact("AU", "Australia", 61, .registrationRequired, twoWay: true,
                    source: "https://www.twilio.com/en-us/guidelines/au/sms"),
        CountryFact("NZ", "New Zealand", 64, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("ZA", "South Africa", 27, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("NG", "Nigeria", 234, .registrationRequired, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("KE", "Kenya", 254, .registrationRequired, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("EG", "Egypt", 20, .registrationRequired, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("SA", "Saudi Arabia", 966, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/sa/sms"),
        CountryFact("AE", "United Arab Emirates", 971, .registrationRequired, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/ae/sms"),
        CountryFact("IL", "Israel", 972, .registrationRequired, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("QA", "Qatar", 974, .registrationRequired, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("KW", "Kuwait", 965, .registrationRequired, twoWay: false,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("CL", "Chile", 56, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("CO", "Colombia", 57, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("PE", "Peru", 51, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("PR", "Puerto Rico", 1, .notSupported, twoWay: true,
                    source: "https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html"),
        CountryFact("IQ", "Iraq", 964, .allowed, twoWay: false,
                    source: "https://www.twilio.com/en-us/guidelines/iq/sms"),
    ]
}

@Suite("Country rules against countries.csv")
struct RulesCountryFactsTests {
    static let rules = try! RuleSet.shipped()

    @Test func everyCountryOfTheTableAndNoOther() {
        #expect(Set(Self.rules.countries.keys) == Set(CountryFact.all.map(\.iso)))
        #expect(CountryFact.all.count == 58)
    }

    @Test(arguments: CountryFact.all)
    func rowMatchesTheTable(_ fact: CountryFact) throws {
        let country = try #require(Self.rules.country(fact.iso))
        #expect(country.name == fact.name)
        #expect(country.callingCode == fact.callingCode)
        #expect(country.sender.alphanumeric == fact.alphanumeric)
        #expect(country.twoWay == fact.twoWay)
        #expect(country.sources.contains(fact.source))
        #expect((1...11).contains(country.sender.maxLength))
    }

    /// "NO" is a boolean in YAML 1.1; the key must stay Norway.
    @Test func norwayStaysNorway() throws {
        let norway = try #require(Self.rules.countries["NO"])
        #expect(norway.name == "Norway")
        #expect(norway.callingCode == 47)
        #expect(Self.rules.countries["false"] == nil)
    }

    /// compliance.md and Telnyx: never alphanumeric to US, CA, PR.
    @Test(arguments: ["US", "CA", "PR"])
    func northAmericaHasNoAlphanumericSenders(_ iso: String) throws {
        #expect(try #require(Self.rules.country(iso)).sender.alphanumeric == .notSupported)
    }

    struct Fact: Sendable, CustomTestStringConvertible {
        let iso: String
        let check: @Sendable (CountryRules) -> Bool
        let fact: String
        var testDescription: String { "\(iso): \(fact)" }
    }

    /// Facts stated in countries.csv and compliance.md (b), (d).
    static let facts: [Fact] = [
        Fact(iso: "GB", check: { $0.sender.minLength == 3 }, fact: "Infobip: min length 3"),
        Fact(iso: "GB", check: { $0.sender.blockedPart(of: "info") != nil && $0.sender.blockedPart(of: "Verify") != nil },
             fact: "generic IDs INFO, Verify blocked"),
        Fact(iso: "GB", check: { s in ".-_& ".allSatisfy { s.sender.allowedCharacters.contains($0) } },
             fact: "safe chars include . - _ & space"),
        Fact(iso: "GB", check: { $0.sender.allowedFirstCharacters?.contains("-") == false }, fact: "special char may not be first"),
        Fact(iso: "IE", check: { $0.sender.blockedPart(of: "OTP") != nil }, fact: "generic IDs blocked"),
        Fact(iso: "FR", check: { !$0.sender.allowedCharacters.contains(" ") && !$0.sender.allowedCharacters.contains("-") },
             fact: "no special characters, no spaces"),
        Fact(iso: "PH", check: { $0.sender.blockedPart(of: "MYTESTCO") == "TEST" && $0.sender.blockedPart(of: "ACMESMS") == "SMS" },
             fact: "IDs containing TEST/MESSAGE/SMS rejected"),
        Fact(iso: "AE", check: { $0.sender.marketingPrefix == "AD-" }, fact: "promo IDs carry AD-"),
        Fact(iso: "SA", check: { $0.sender.marketingSuffix == "-AD" }, fact: "promo IDs need -AD suffix (Twilio)"),
        Fact(iso: "SA", check: { $0.sender.numeric.support == .notSupported }, fact: "numeric senders blocked"),
        Fact(iso: "VN", check: { $0.sender.caseSensitive }, fact: "registration case-sensitive"),
        Fact(iso: "SG", check: { $0.sender.caseSensitive }, fact: "registered IDs case-sensitive (compliance.md)"),
        Fact(iso: "IN", check: { $0.sender.maxLength == 6 }, fact: "DLT headers are 6 letters"),
        Fact(iso: "US", check: { $0.sender.numeric.maxDigits == 15 }, fact: "numeric up to 15 digits (Vonage, E.164)"),
        Fact(iso: "PH", check: { $0.maxParts == 3 }, fact: "long SMS capped at 3 parts"),
        Fact(iso: "KR", check: { $0.maxParts == 1 }, fact: "no concatenation"),
        Fact(iso: "TR", check: { $0.allowedShiftTables == [.turkish] }, fact: "Turkish shift table"),
        Fact(iso: "IN", check: { $0.allowedShiftTables.contains(.hindi) && $0.allowedShiftTables.contains(.tamil) },
             fact: "Indic shift tables"),
        Fact(iso: "FR", check: { $0.links.publicShortenersBlocked }, fact: "public URL shorteners forbidden"),
        Fact(iso: "IN", check: { $0.links.publicShortenersBlocked }, fact: "shortened URLs not allowed"),
        Fact(iso: "TH", check: { $0.links.publicShortenersBlocked && $0.links.urlAllowlistRequired },
             fact: "shortened URLs prohibited; URLs registered with NBTC"),
        Fact(iso: "NO", check: { $0.links.urlAllowlistRequired }, fact: "URLs must be allowlisted"),
        Fact(iso: "AE", check: { $0.links.urlAllowlistRequired }, fact: "URLs allowlisted"),
        Fact(iso: "DE", check: { $0.uncertain }, fact: "UNCERTAIN row"),
        Fact(iso: "GB", check: { !$0.uncertain }, fact: "current country page"),
    ]

    @Test(arguments: facts)
    func countryFact(_ fact: Fact) throws {
        #expect(fact.check(try #require(Self.rules.country(fact.iso))))
    }

    struct QuietCase: Sendable, CustomTestStringConvertible {
        let iso: String
        let region: String?
        let weekday: Weekday
        let time: String
        let allowed: Bool
        let fact: String
        /// `place` is a country code, or country and region as `US-FL`.
        init(_ place: String, _ weekday: Weekday, _ time: String, _ allowed: Bool, _ fact: String) {
            let parts = place.split(separator: "-").map(String.init)
            self.iso = parts[0]
            self.region = parts.count > 1 ? parts[1] : nil
            self.weekday = weekday
            self.time = time
            self.allowed = allowed
            self.fact = fact
        }
        var testDescription: String { "\(iso)\(region.map { "-\($0)" } ?? "") \(weekday) \(time): \(fact)" }
    }

    /// Marketing windows from the quiet-hours column (both sides of each boundary).
    static let quietCases: [QuietCase] = [
        QuietCase("US", .mon, "07:59", false, "TCPA: not before 8:00"),
        QuietCase("US", .mon, "08:00", true, "TCPA: from 8:00"),
        QuietCase("US", .sun, "20:59", true, "TCPA: until 21:00"),
        QuietCase("US", .sun, "21:00", false, "TCPA: not after 21:00"),
        QuietCase("US-FL", .mon, "20:00", false, "Florida 8-20"),
        QuietCase("US-FL", .mon, "19:59", true, "Florida 8-20"),
        QuietCase("US-TX", .sun, "11:59", false, "Texas Sunday from 12"),
        QuietCase("US-TX", .sun, "12:00", true, "Texas Sunday 12-21"),
        QuietCase("US-MS", .sun, "12:00", false, "Mississippi no Sunday"),
        QuietCase("US-RI", .sat, "17:00", false, "Rhode Island weekends 10-17"),
        QuietCase("PR", .mon, "07:59", false, "follow US rules"),
        QuietCase("BR", .sun, "12:00", false, "no Sunday (all sources)"),
        QuietCase("BR", .sat, "13:59", true, "Saturday until 14:00"),
        QuietCase("BR", .sat, "14:00", false, "Saturday until 14:00"),
        QuietCase("BR", .wed, "19:59", true, "weekdays until 20:00"),
        QuietCase("BR", .wed, "20:00", false, "weekdays until 20:00"),
        QuietCase("BR", .wed, "08:30", false, "Twilio: not before 09:00"),
        QuietCase("TH", .tue, "20:59", true, "marketing banned 21:00-09:00"),
        QuietCase("TH", .tue, "21:00", false, "marketing banned 21:00-09:00"),
        QuietCase("TH", .tue, "08:59", false, "marketing banned 21:00-09:00"),
        QuietCase("TH", .tue, "09:00", true, "marketing banned 21:00-09:00"),
        QuietCase("VN", .fri, "20:00", false, "marketing banned 20:00-08:00"),
        QuietCase("VN", .fri, "08:00", true, "marketing banned 20:00-08:00"),
        QuietCase("IT", .sun, "12:00", false, "no marketing on Sundays"),
        QuietCase("IT", .sat, "21:59", true, "no marketing 22:00-08:00"),
        QuietCase("FR", .sun, "12:00", false, "not on Sundays"),
        QuietCase("FR", .tue, "21:30", false, "not 21:30-08:00"),
        QuietCase("AE", .mon, "07:00", false, "promo banned 21:00-07:00; Bird 20:30-07:30"),
        QuietCase("AE", .mon, "20:30", false, "Bird quiet from 20:30"),
        QuietCase("TR", .wed, "12:00", false, "promotional traffic banned since 2021"),
        QuietCase("AU", .thu, "10:59", false, "Bird: quiet 20:00-11:00"),
        QuietCase("IN", .thu, "09:59", false, "promo only 10:00-21:00"),
        QuietCase("IN", .thu, "10:00", true, "promo only 10:00-21:00"),
        QuietCase("AR", .mon, "07:59", false, "none listed: the policy default (TCPA window) applies"),
        QuietCase("AR", .mon, "08:00", true, "none listed: the policy default (TCPA window) applies"),
    ]

    @Test(arguments: quietCases)
    func marketingWindow(_ quiet: QuietCase) throws {
        let local = LocalTime(weekday: quiet.weekday, time: try #require(TimeOfDay(quiet.time)))
        let rules = Self.rules.quietHours(country: quiet.iso, region: quiet.region, category: .marketing)
        #expect(!rules.isEmpty)
        #expect(rules.allSatisfy { $0.permits(local) } == quiet.allowed)
    }

    @Test func otpIsNotHeldByMarketingWindows() {
        #expect(Self.rules.quietHours(country: "US", region: "FL", category: .otp).isEmpty)
        #expect(Self.rules.quietHours(country: "US", region: "FL", category: .marketing).count == 2)
    }
}
