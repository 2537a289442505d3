import Foundation
import PreflightCore
import Testing
@testable import SMSPolicy

@Suite("Rule value types")
struct RulesValueTests {
    static let policy = try! RuleSet.shipped().policy

    struct CharacterCase: Sendable, CustomTestStringConvertible {
        let spec: String
        let character: Character
        let allowed: Bool
        var testDescription: String { "\(spec) ∋ \(character): \(allowed)" }
    }

    /// The character-set syntax: letter/digit ranges only; every other hyphen is itself.
    static let characterCases: [CharacterCase] = [
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: ".", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "-", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "_", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "&", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: " ", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "Q", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "q", allowed: true),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "7", allowed: true),
        // '^' (U+005E) and '/' (U+002F) lie between '.' and '_': proof that ".-_" is not a range.
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "^", allowed: false),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "/", allowed: false),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "é", allowed: false),
        CharacterCase(spec: "A-Za-z0-9 .-_&", character: "Ａ", allowed: false),
        CharacterCase(spec: "a-c", character: "b", allowed: true),
        CharacterCase(spec: "a-c", character: "d", allowed: false),
        CharacterCase(spec: "a-C", character: "b", allowed: false),
        CharacterCase(spec: "a-C", character: "-", allowed: true),
        CharacterCase(spec: "z-a", character: "m", allowed: false),
        CharacterCase(spec: "z-a", character: "-", allowed: true),
        CharacterCase(spec: "-A", character: "-", allowed: true),
        CharacterCase(spec: "A-", character: "-", allowed: true),
        CharacterCase(spec: "A-", character: "B", allowed: false),
    ]

    @Test(arguments: characterCases)
    func characterSet(_ testCase: CharacterCase) throws {
        let set = try #require(AllowedCharacters(testCase.spec))
        #expect(set.contains(testCase.character) == testCase.allowed)
    }

    @Test func disallowedCharactersAreListedOnce() throws {
        let set = try #require(AllowedCharacters("A-Za-z0-9 "))
        #expect(set.disallowedCharacters(in: "PAY-PAL!!-") == ["-", "!"])
        #expect(AllowedCharacters("") == nil)
    }

    struct TimeCase: Sendable, CustomTestStringConvertible {
        let text: String
        let minutes: Int?
        var testDescription: String { "\"\(text)\"" }
    }

    static let timeCases: [TimeCase] = [
        TimeCase(text: "00:00", minutes: 0),
        TimeCase(text: "08:00", minutes: 480),
        TimeCase(text: "21:30", minutes: 1290),
        TimeCase(text: "23:59", minutes: 1439),
        TimeCase(text: "24:00", minutes: 1440),
        TimeCase(text: "24:01", minutes: nil),
        TimeCase(text: "8:00", minutes: nil),
        TimeCase(text: "12:60", minutes: nil),
        TimeCase(text: "0800", minutes: nil),
        TimeCase(text: "08:00 ", minutes: nil),
        TimeCase(text: "+8:00", minutes: nil),
        TimeCase(text: "-1:00", minutes: nil),
        TimeCase(text: "１２:００", minutes: nil),
        TimeCase(text: "", minutes: nil),
    ]

    @Test(arguments: timeCases)
    func timeOfDay(_ testCase: TimeCase) {
        #expect(TimeOfDay(testCase.text)?.minutes == testCase.minutes)
        if let time = TimeOfDay(testCase.text) { #expect(time.description == testCase.text) }
    }

    @Test func windowsAreHalfOpen() throws {
        let window = try #require(TimeWindow(days: [.sat], from: TimeOfDay("08:00")!, to: TimeOfDay("14:00")!))
        #expect(window.contains(LocalTime(weekday: .sat, time: TimeOfDay("08:00")!)))
        #expect(!window.contains(LocalTime(weekday: .sat, time: TimeOfDay("07:59")!)))
        #expect(!window.contains(LocalTime(weekday: .sat, time: TimeOfDay("14:00")!)))
        #expect(!window.contains(LocalTime(weekday: .sun, time: TimeOfDay("10:00")!)))
        #expect(TimeWindow(from: TimeOfDay("10:00")!, to: TimeOfDay("10:00")!) == nil)
        #expect(QuietHours(categories: [.marketing], allowed: []).permits(LocalTime(weekday: .mon, time: TimeOfDay("12:00")!)) == false)
    }

    @Test func weekdayFromCalendarNumbers() {
        #expect(Weekday(calendarWeekday: 1) == .sun)
        #expect(Weekday(calendarWeekday: 2) == .mon)
        #expect(Weekday(calendarWeekday: 7) == .sat)
        #expect(Weekday(calendarWeekday: 0) == nil)
        #expect(Weekday(calendarWeekday: 8) == nil)
    }

    /// 2025-01-06 was a Monday; 13:00 UTC is 08:00 in New York (EST, UTC−5) and 22:00 in Tokyo (UTC+9).
    @Test func localTimeInTheRecipientsZone() throws {
        let date = try #require(ISO8601DateFormatter().date(from: "2025-01-06T13:00:00Z"))
        let newYork = LocalTime(date, in: try #require(TimeZone(identifier: "America/New_York")))
        #expect(newYork == LocalTime(weekday: .mon, time: TimeOfDay("08:00")!))
        let tokyo = LocalTime(date, in: try #require(TimeZone(identifier: "Asia/Tokyo")))
        #expect(tokyo == LocalTime(weekday: .mon, time: TimeOfDay("22:00")!))
    }

    /// US daylight saving time began on 2025-03-09 at 07:00 UTC (02:00 EST became 03:00 EDT), a Sunday.
    @Test func localTimeFollowsDaylightSaving() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let before = try #require(ISO8601DateFormatter().date(from: "2025-03-09T06:59:00Z"))
        let after = try #require(ISO8601DateFormatter().date(from: "2025-03-09T07:30:00Z"))
        #expect(LocalTime(before, in: zone) == LocalTime(weekday: .sun, time: TimeOfDay("01:59")!))
        #expect(LocalTime(after, in: zone) == LocalTime(weekday: .sun, time: TimeOfDay("03:30")!))
    }

    /// 1969-12-31 was a Wednesday: times before the epoch round down to the right day.
    @Test func localTimeBeforeTheEpoch() throws {
        let date = Date(timeIntervalSince1970: -1800)
        #expect(LocalTime(date, in: try #require(TimeZone(identifier: "UTC"))) == LocalTime(weekday: .wed, time: TimeOfDay("23:30")!))
    }

    struct PhraseCase: Sendable, CustomTestStringConvertible {
        let body: String
        let instruction: String?
        var testDescription: String { body }
    }

    /// Opt-out instructions as compliance.md describes them ("Reply STOP to unsubscribe").
    static let phraseCases: [PhraseCase] = [
        PhraseCase(body: "20% off today. Reply STOP to unsubscribe", instruction: "reply STOP"),
        PhraseCase(body: "Sale! Reply \"stop\" to end.", instruction: "reply STOP"),
        PhraseCase(body: "Text STOP to 12345 to opt out", instruction: "text STOP"),
        PhraseCase(body: "Deals weekly. STOP to opt out", instruction: "STOP to opt out"),
        PhraseCase(body: "Deals weekly. Opt out: reply END", instruction: "reply END"),
        PhraseCase(body: "Offre -20%. Répondez ARRET: reply ARRET", instruction: "reply ARRET"),
        PhraseCase(body: "Reply OPT-OUT any time", instruction: "reply OPT OUT"),
        PhraseCase(body: "Stop by our store today", instruction: nil),
        PhraseCase(body: "Don't stop believing, reply to win", instruction: nil),
        PhraseCase(body: "Reply STOPPING", instruction: nil),
    ]

    @Test(arguments: phraseCases)
    func optOutInstruction(_ testCase: PhraseCase) {
        #expect(Self.policy.optOut.instruction(in: testCase.body) == testCase.instruction)
    }

    @Test(arguments: [("STOP", true), ("Stop.", true), ("opt-out", true), ("Arret", true), ("STOP 12345", false), ("stop please", false), ("", false)])
    func optOutReply(_ reply: String, _ isOptOut: Bool) {
        #expect(Self.policy.optOut.isOptOutReply(reply) == isOptOut)
    }

    @Test func marketingNeedsOptOutLanguage() {
        #expect(Self.policy.optOut.isRequired(for: .marketing))
        #expect(!Self.policy.optOut.isRequired(for: .otp))
    }

    @Test(arguments: [
        ("Free spins at our CASINO!", ["gambling/free spins", "gambling/casino"]),
        ("Better deals on beds", []),
        ("E-Cigarette sale this week", ["vape/e-cigarette", "tobacco/cigarette"]),
        ("Your order has shipped", []),
    ])
    func restrictedContent(_ body: String, _ expected: [String]) {
        #expect(Self.policy.restrictedContent.matches(in: body).map { "\($0.category)/\($0.keyword)" } == expected)
    }

    @Test(arguments: [
        ("bit.ly", true), ("BIT.LY", true), ("links.bit.ly", true), ("bit.ly.", true), ("t.co", true), ("goo.gl", true),
        ("notbit.ly", false), ("example.com", false), ("co", false), ("bit.ly.example.com", false),
    ])
    func publicShortener(_ host: String, _ expected: Bool) {
        #expect(Self.policy.isPublicShortener(host: host) == expected)
    }

    /// The public shortener list of compliance.md, plus goo.gl and t.co.
    @Test func shortenerListIsComplete() {
        let listed = "9qr.de alturl.com app.link bc.vc bit.do bit.ly bitly.com bitly.ws budurl.com clicky.me cutt.ly is.gd lc.chat linki.la lnkd.in minm.xyz ow.ly rb.gy rebrand.ly s2r.co serveirc.com shrtco.de soo.gd t.ly tiny.cc tinyurl.com goo.gl t.co"
        #expect(Set(Self.policy.shorteners) == Set(listed.split(separator: " ").map(String.init)))
    }

    /// The opt-out keyword sets of compliance.md: industry, FCC 24-18 and AWS.
    @Test func optOutKeywordsCoverTheThreeSets() {
        let keywords = Set(Self.policy.optOut.keywords.map { $0.uppercased() })
        let industry: Set = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]
        let fcc: Set = ["STOP", "QUIT", "END", "REVOKE", "OPT OUT", "CANCEL", "UNSUBSCRIBE"]
        let aws: Set = ["ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE", "STOP", "TD", "UNSUBSCRIBE"]
        #expect(industry.isSubset(of: keywords))
        #expect(fcc.isSubset(of: keywords))
        #expect(aws.isSubset(of: keywords))
        #expect(Self.policy.body.maxCharacters == 1600)
        #expect(Self.policy.links == LinkSettings(codeLength: 7, codeScope: .campaign))
    }

    @Test func registeredSenders() {
        let account = AccountSettings(registeredSenders: [
            RegisteredSender(mask: "ACME", countries: ["GB"]), RegisteredSender(mask: "Global"),
        ])
        #expect(account.isRegistered(mask: "ACME", country: "GB", caseSensitive: false))
        #expect(account.isRegistered(mask: "acme", country: "GB", caseSensitive: false))
        #expect(!account.isRegistered(mask: "acme", country: "GB", caseSensitive: true))
        #expect(!account.isRegistered(mask: "ACME", country: "FR", caseSensitive: false))
        #expect(account.isRegistered(mask: "Global", country: "VN", caseSensitive: true))
        #expect(!account.isRegistered(mask: "ACME", country: nil, caseSensitive: false))
    }

    /// The check codes are a stable contract (issue #5 and the links issue).
    @Test func checkCodesAreTheContract() {
        let contract: Set = [
            "sender.mask_too_long", "sender.mask_invalid", "sender.alphanumeric_not_allowed",
            "sender.registration_required", "sender.confusable", "campaign.ref_required", "recipient.invalid",
            "recipient.unknown_range", "recipient.landline", "recipient.blocked", "body.empty", "body.too_long",
            "body.too_many_parts", "optout.language_missing", "link.public_shortener", "time.quiet_hours",
            "content.restricted", "encoding.ucs2", "link.unbranded_domain", "link.insecure", "link.ip_address",
            "link.tracking_domain_invalid",
        ]
        #expect(Set(CheckCode.allCases.map(\.rawValue)) == contract)
        #expect(Set(Self.policy.checks.keys) == Set(CheckCode.allCases))
    }

    /// The same types decode from JSON (request overrides); a bad value is then a thrown error.
    @Test func typesDecodeFromJSON() throws {
        let account = try JSONDecoder().decode(AccountSettings.self, from: Data(#"{"enforceCampaignCheck": true}"#.utf8))
        #expect(account.enforceCampaignCheck)
        #expect(account.registeredSenders.isEmpty)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BodyLimits.self, from: Data(#"{"maxCharacters": 0}"#.utf8))
        }
        let json = String(decoding: try JSONEncoder().encode(Self.policy), as: UTF8.self)
        #expect(json.contains(#""body.too_long":{"enabled":true}"#))
    }
}
