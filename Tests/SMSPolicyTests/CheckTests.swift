import Foundation
import PhoneNumbers
import PreflightCore
import SMSEncoding
import SMSPolicy
import Testing

/// One message to one recipient and the findings the checks must produce ("code severity"), with
/// the facts from compliance.md and countries.csv named in each case.
struct CheckCase: Sendable, CustomTestStringConvertible {
    let id: String
    var to = "+447400123456"  // a GB mobile (Ofcom range 07400)
    var mask: String? = nil
    var text = "Your code is 123456"
    var category: MessageCategory = .transactional
    var campaignRef: String? = nil
    var sendAt = "2026-11-23T12:00:00Z"  // a Monday, midday in London
    var enforceCampaign = false
    var registered: [String] = []
    let expected: [String]
    var testDescription: String { id }
}

private let gbNoon = "2026-11-23T12:00:00Z"

private let checkCases: [CheckCase] = [
    CheckCase(id: "clean GB OTP", expected: []),
    // Sender ID length: 11 characters at most (Twilio, Telnyx, Vonage).
    CheckCase(id: "mask of 11 characters", mask: "ACMEBANKING", expected: []),
    CheckCase(id: "mask of 12 characters", mask: "ACMEBANKINGS", expected: ["sender.mask_too_long error"]),
    // UK: at least 3 characters, no special character first, generic IDs blocked (Infobip, Ofcom via CSV).
    CheckCase(id: "GB mask of 2 characters", mask: "AB", expected: ["sender.mask_invalid error"]),
    CheckCase(id: "GB mask of 3 characters", mask: "ABC", expected: []),
    CheckCase(id: "GB generic INFO", mask: "INFO", expected: ["sender.mask_invalid error"]),
    CheckCase(id: "GB mask with a forbidden character", mask: "ACME*", expected: ["sender.mask_invalid error"]),
    CheckCase(id: "GB mask starting with a hyphen", mask: "-ACME", expected: ["sender.mask_invalid error"]),
    CheckCase(id: "GB UK-safe punctuation", mask: "Acme & Co.", expected: []),
    CheckCase(id: "digits only is not an alphanumeric ID", mask: "12345", expected: ["sender.mask_invalid error"]),
    CheckCase(id: "empty mask", mask: " ", expected: ["sender.mask_invalid error"]),
    // No alphanumeric senders to the US, Canada or Puerto Rico (Telnyx; CSV).
    CheckCase(id: "US alphanumeric", to: "+14155552671", mask: "ACME", expected: ["sender.alphanumeric_not_allowed error"]),
    CheckCase(id: "CA alphanumeric", to: "+16135550123", mask: "ACME", expected: ["sender.alphanumeric_not_allowed error"]),
    CheckCase(id: "PR alphanumeric", to: "+17875550123", mask: "ACME", expected: ["sender.alphanumeric_not_allowed error"]),
    // Ireland requires registered sender IDs (CSV).
    CheckCase(id: "IE unregistered", to: "+353851234567", mask: "ACME", expected: ["sender.registration_required warning"]),
    CheckCase(id: "IE registered", to: "+353851234567", mask: "ACME", registered: ["ACME"], expected: []),
    // Look-alikes of protected brands (the shipped policy protects PayPal).
    CheckCase(id: "PAYPA1 imitates PayPal", mask: "PAYPA1", expected: ["sender.confusable warning"]),
    CheckCase(id: "PayPal itself", mask: "PayPal", expected: []),
    CheckCase(id: "campaign required and missing", enforceCampaign: true, expected: ["campaign.ref_required error"]),
    CheckCase(id: "campaign required and given", campaignRef: "C-42", enforceCampaign: true, expected: []),
    // Recipients.
    CheckCase(id: "not a number", to: "hello", expected: ["recipient.invalid error"]),
    CheckCase(id: "London landline (Ofcom drama range)", to: "+442079460000", expected: ["recipient.landline warning"]),
    // Body limits: 1600 characters; parts capped by the country (Philippines 3 = 459 GSM septets, Infobip).
    CheckCase(id: "empty body", text: " \n", expected: ["body.empty error"]),
    CheckCase(id: "1600 characters", text: String(repeating: "a", count: 1600), expected: []),
    CheckCase(id: "1601 characters", text: String(repeating: "a", count: 1601), expected: ["body.too_long error"]),
    CheckCase(id: "PH 459 septets in 3 parts", to: "+639171234567", text: String(repeating: "a", count: 459), expected: []),
    CheckCase(id: "PH 460 septets in 4 parts", to: "+639171234567", text: String(repeating: "a", count: 460), expected: ["body.too_many_parts error"]),
    // Opt-out language in marketing (Twilio: "Reply STOP to unsubscribe").
    CheckCase(id: "marketing without opt-out", text: "20% off today", category: .marketing, expected: ["optout.language_missing error"]),
    CheckCase(id: "marketing with opt-out", text: "20% off today. Reply STOP to opt out", category: .marketing, expected: []),
    CheckCase(id: "transactional needs none", text: "Your parcel arrives today", expected: []),
    // Public shorteners: blocked by US carriers (CSV: links), filtered elsewhere.
    CheckCase(id: "shortener to the US", to: "+14155552671", text: "Track: bit.ly/abc", expected: ["link.public_shortener error"]),
    CheckCase(id: "shortener to GB", text: "Track: bit.ly/abc", expected: ["link.public_shortener warning"]),
    CheckCase(id: "insecure link", text: "Track: http://acme.example.com/t", expected: ["link.insecure info"]),
    CheckCase(id: "IP address link", text: "Track: http://192.0.2.7/t", expected: ["link.insecure info", "link.ip_address warning"]),
    // Quiet hours in the recipient's local time: GB marketing 09:00–20:00 (Bird, via the CSV).
    CheckCase(id: "GB marketing at 08:59", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T08:59:00Z", expected: ["time.quiet_hours error"]),
    CheckCase(id: "GB marketing at 09:00", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T09:00:00Z", expected: []),
    CheckCase(id: "GB marketing at 19:59", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T19:59:00Z", expected: []),
    CheckCase(id: "GB marketing at 20:00", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T20:00:00Z", expected: ["time.quiet_hours error"]),
    CheckCase(id: "GB marketing at 09:30 BST is 08:30 UTC", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-07-01T08:30:00Z", expected: []),
    // Countries without their own window get the policy's default, the TCPA 08:00–21:00 (47 CFR 64.1200(c)(1)).
    CheckCase(id: "DE marketing at 07:59 Berlin", to: "+4915112345678", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T06:59:00Z", expected: ["time.quiet_hours error"]),
    CheckCase(id: "DE marketing at 08:00 Berlin", to: "+4915112345678", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T07:00:00Z", expected: []),
    CheckCase(id: "DE marketing at 20:59 Berlin", to: "+4915112345678", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T19:59:00Z", expected: []),
    CheckCase(id: "DE marketing at 21:00 Berlin", to: "+4915112345678", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T20:00:00Z", expected: ["time.quiet_hours error"]),
    CheckCase(id: "GB OTP at night", sendAt: "2026-11-23T03:00:00Z", expected: []),
    // US TCPA 08:00–21:00 for marketing; the US has many zones, so a partial overlap is a warning.
    CheckCase(id: "US marketing 03:00 New York is night in every US zone", to: "+14155552671", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T03:00:00-05:00", expected: ["time.quiet_hours error"]),
    CheckCase(id: "US marketing 10:00 New York", to: "+14155552671", text: "Sale. Reply STOP to opt out", category: .marketing, sendAt: "2026-11-23T10:00:00-05:00", expected: ["time.quiet_hours warning"]),
    CheckCase(id: "restricted content", text: "Cannabis delivery today", expected: ["content.restricted warning"]),
    CheckCase(id: "UCS-2 costs", text: "Привет", expected: ["encoding.ucs2 info"]),
]

private let policy = try! Policy(rules: RuleSet.shipped())

private func run(_ c: CheckCase, policy: Policy = policy) -> [Diagnostic] {
    let base = policy.rules.policy.account
    let account = AccountSettings(
        enforceCampaignCheck: c.enforceCampaign, registeredSenders: c.registered.map { RegisteredSender(mask: $0) },
        protectedBrands: base.protectedBrands, linkDomain: base.linkDomain, brandDomains: base.brandDomains)
    let facts = MessageFacts(
        recipient: c.to, senderMask: c.mask, text: c.text, encoding: SMSEncoder().analyze(c.text), category: c.category,
        campaignRef: c.campaignRef, sendAt: ISO8601DateFormatter().date(from: c.sendAt)!, account: account)
    return policy.evaluate(facts).diagnostics
}

@Test(arguments: checkCases)
func check(_ c: CheckCase) {
    let diagnostics = run(c)
    #expect(diagnostics.map { "\($0.code) \($0.severity)" }.sorted() == c.expected.sorted(), "\(diagnostics.map(\.message))")
    #expect(diagnostics.allSatisfy { !$0.message.isEmpty && !$0.fix.isEmpty && $0.field != nil })
}

@Test func blocklistedRecipient() throws {
    let list = FileManager.default.temporaryDirectory.appendingPathComponent("blocklist-\(UUID().uuidString).txt")
    try "# opted out\n+44 7400 123456\n".write(to: list, atomically: true, encoding: .utf8)
    let shipped = try RuleSet.shipped()
    let p = shipped.policy
    let rules = RuleSet(
        countries: shipped.countries,
        policy: PolicyProfile(
            checks: p.checks, account: p.account, body: p.body, optOut: p.optOut, shorteners: p.shorteners,
            quietHours: p.quietHours, restrictedContent: p.restrictedContent, lists: ListFiles(blocklists: [list.path]),
            defaultRegion: p.defaultRegion, links: p.links))
    let blocking = try Policy(rules: rules)
    #expect(run(CheckCase(id: "", expected: []), policy: blocking).map(\.code) == ["recipient.blocked"])
    #expect(run(CheckCase(id: "", to: "+447400123457", expected: []), policy: blocking).isEmpty)
}

@Test func checkSettingsTurnOffAndRegrade() throws {
    let custom = try shippedPolicy { checks in
        checks[.contentRestricted] = CheckSetting(enabled: false)
        checks[.encodingUCS2] = CheckSetting(enabled: true, severity: .error)
    }
    #expect(run(CheckCase(id: "", text: "Cannabis Привет", expected: []), policy: custom).map { "\($0.code) \($0.severity)" } == ["encoding.ucs2 error"])
}

@Test func missingListFileIsAnError() throws {
    let shipped = try RuleSet.shipped()
    let rules = RuleSet(countries: shipped.countries, policy: PolicyProfile(lists: ListFiles(blocklists: ["/nonexistent/list.txt"])))
    #expect(throws: PolicyError.self) { try Policy(rules: rules) }
}
