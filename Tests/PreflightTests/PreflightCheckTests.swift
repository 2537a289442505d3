import Foundation
@testable import Preflight
import Testing

@Suite("Preflight.check")
struct PreflightCheckTests {
    static let preflight = try! Preflight(
        rules: RuleSet.shipped(),
        baseDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
    static let noon = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!

    func check(_ json: String) throws -> Report {
        let request = try RequestError.decode(Data(json.utf8))
        return Self.preflight.check(request, now: Self.noon)
    }

    @Test func passingRequest() throws {
        let report = try check(#"{"to": "+447400123456", "senderMask": "ACME", "body": "Your code is 123456"}"#)
        #expect(report.verdict == .pass)
        #expect(report.diagnostics.isEmpty)
        #expect(report.recipient?.e164 == "+447400123456")
        #expect(report.recipient?.region == "GB")
        #expect(report.recipient?.type == .mobile)
        #expect(report.encoding?.encoding == .gsm7)
        #expect(report.encoding?.partCount == 1)
        #expect(report.text == "Your code is 123456")
    }

    @Test func blockingRequest() throws {
        let report = try check(#"{"to": "+14155552671", "senderMask": "ACME", "body": "Hi"}"#)
        #expect(report.verdict == .block)
        #expect(report.diagnostics.map(\.code) == ["sender.alphanumeric_not_allowed"])
    }

    @Test func warningOnlyRequest() throws {
        let report = try check(#"{"to": "+442079460000", "body": "Your table is booked"}"#)
        #expect(report.verdict == .warn)
        #expect(report.diagnostics.map(\.code) == ["recipient.landline"])
    }

    @Test func templateFileWithItsCategory() throws {
        let report = try check(#"""
            {"to": "+447400123456", "template": "Templates/marketing-promo.sms",
             "variables": {"discount": 20, "code": "WINTER20", "until": "2026-12-31"}}
            """#)
        #expect(report.category == .marketing)
        #expect(report.text?.hasPrefix("Hi there! 20% off everything until 31 Dec with code WINTER20") == true)
        #expect(report.verdict == .pass)
    }

    @Test func templateErrorsBlockWithPositions() throws {
        let report = try check(#"{"to": "+447400123456", "templateSource": "Hi <<name>>, code <<code>>", "variables": {"code": "1"}}"#)
        #expect(report.verdict == .block)
        #expect(report.diagnostics.map(\.code) == ["template.undefined_variable"])
        #expect(report.diagnostics.first?.location?.description == "templateSource:1:4")
        #expect(report.text == nil)
    }

    @Test func shiftTablesFollowTheRecipientsCountry() throws {
        // Turkey allows the Turkish tables (TS 23.038 A.2.1/A.3.1): ş and ğ stay GSM-7. The UK does not.
        let body = "Şifreniz 4821, lütfen paylaşmayın. Doğrulama kodu."
        let turkey = try check(#"{"to": "+905321234567", "body": "\#(body)"}"#)
        #expect(turkey.encoding?.encoding == .gsm7)
        #expect(turkey.encoding?.shiftTables.count ?? 0 > 0)
        let uk = try check(#"{"to": "+447400123456", "body": "\#(body)"}"#)
        #expect(uk.encoding?.encoding == .ucs2)
        #expect(uk.diagnostics.map(\.code) == ["encoding.ucs2"])
    }

    @Test func everyRecipientIsChecked() throws {
        let report = try check(#"{"to": ["+447400123456", "hello", "+14155552671"], "senderMask": "ACME", "body": "Hi"}"#)
        #expect(report.recipients.map(\.verdict) == [.pass, .block, .block])
        #expect(report.recipients[1].diagnostics.first?.field == "to[1]")
        #expect(report.verdict == .block)
    }

    @Test func scheduledAtIsTheSendTime() throws {
        let night = try check(#"""
            {"to": "+447400123456", "body": "Sale! Reply STOP to opt out", "category": "marketing", "scheduledAt": "2026-11-23T23:30:00+00:00"}
            """#)
        #expect(night.diagnostics.map(\.code) == ["time.quiet_hours"])
        let bad = try check(#"{"to": "+447400123456", "body": "Hi", "scheduledAt": "tomorrow"}"#)
        #expect(bad.diagnostics.map { "\($0.code) \($0.field ?? "")" } == ["request.invalid scheduledAt"])
        // A well-formed time on a day that does not exist (2026 is not a leap year) is refused, not
        // moved to 1 March, and the message says why.
        let leap = try check(#"{"to": "+447400123456", "body": "Hi", "scheduledAt": "2026-02-29T10:00:00Z"}"#)
        #expect(leap.diagnostics.map { "\($0.code) \($0.field ?? "")" } == ["request.invalid scheduledAt"])
        #expect(leap.diagnostics.first?.message == "`2026-02-29T10:00:00Z` is not a date and time that exists, with an offset (RFC 3339)")
    }

    @Test func accountOverrides() throws {
        let report = try check(#"{"to": "+447400123456", "body": "Hi", "account": {"enforceCampaignCheck": true}}"#)
        #expect(report.diagnostics.map(\.code) == ["campaign.ref_required"])
    }

    @Test(arguments: [
        (#"{"to": "+447400123456"}"#, "request.invalid"),
        (#"{"to": "+447400123456", "body": "a", "templateSource": "b"}"#, "request.invalid"),
        (#"{"to": [], "body": "a"}"#, "request.invalid"),
    ])
    func requestProblems(_ json: String, _ code: String) throws {
        let report = try check(json)
        #expect(report.verdict == .block)
        #expect(report.diagnostics.map(\.code).contains(code))
    }

    @Test(arguments: [
        (#"{"to": "+44", "body": "a", "colour": "red"}"#, "unknown field `colour`"),
        (#"{"body": "a"}"#, "`to`: missing required field"),
        (#"{"to": 5, "body": "a"}"#, "`to`"),
        (#"{"to": "+44", "body": "a", "category": "promo"}"#, "`category`"),
        (#"{"to": "+44", "body": "a", "account": {"linkDomian": "x"}}"#, "unknown field `account.linkDomian`"),
        ("{not json", "not valid JSON"),
    ])
    func malformedRequests(_ json: String, _ fragment: String) {
        do {
            _ = try RequestError.decode(Data(json.utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    /// A request of the wrong shape is described in JSON's words: the field as a JSON path
    /// (`to[1]`), the kind of value expected (a string, true or false, an object), never a Swift
    /// type name such as `Array<Any>` or `Bool`.
    @Test(arguments: [
        (#"{"to": 5, "body": "a"}"#, "request: `to`: expected a phone number (a string) or a list of them"),
        (#"{"to": null, "body": "a"}"#, "request: `to`: expected a phone number (a string) or a list of them"),
        (#"{"to": ["+447400123456", 3], "body": "a"}"#, "request: `to[1]`: expected a string"),
        (#"{"to": "+44", "body": 5}"#, "request: `body`: expected a string"),
        (#"{"to": "+44", "body": "a", "category": "promo"}"#, #"request: `category`: expected one of otp, transactional, marketing, alert, not "promo""#),
        (#"{"to": "+44", "body": "a", "account": {"enforceCampaignCheck": "yes"}}"#, "request: `account.enforceCampaignCheck`: expected true or false"),
        (#"{"to": "+44", "body": "a", "account": {"registeredSenders": ["A", 1]}}"#, "request: `account.registeredSenders[1]`: expected a string"),
        (#"{"to": "+44", "body": "a", "account": []}"#, "request: `account`: expected an object"),
        (#"{"to": "+44", "body": "a", "variables": 5}"#, "request: `variables`: expected an object"),
        (#"{"to": "+44", "body": "a", "account": {"registeredSenders": "A"}}"#, "request: `account.registeredSenders`: expected a list"),
    ])
    func wrongShapes(_ json: String, _ message: String) {
        do {
            _ = try RequestError.decode(Data(json.utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.message == message)
        }
    }
}

/// RFC 3339 / ISO 8601 instants: an offset is required; fractions are allowed.
@Test(arguments: [
    ("2026-11-23T14:30:00+01:00", 1_795_440_600.0 as Double?),
    ("2026-11-23T13:30:00Z", 1_795_440_600.0),
    ("2026-11-23T13:30:00.250Z", 1_795_440_600.25),
    ("2026-11-23T13:30:00", nil),
    ("2026-11-23", nil),
    ("tomorrow", nil),
    // Epoch anchors (RFC 3339 §5.8 examples and POSIX time).
    ("1970-01-01T00:00:00Z", 0),
    ("1985-04-12T23:20:50Z", 482_196_050),
    ("1996-12-19T16:39:57-08:00", 851_042_397),
    ("2000-02-29T00:00:00Z", 951_782_400),
    ("2038-01-19T03:14:08Z", 2_147_483_648),
    ("1969-12-31T23:59:59Z", -1),
    ("2026-11-23T00:30:00+14:00", 1_795_343_400),
    // Out of range: no such day, hour or offset.
    ("2026-02-29T12:00:00Z", nil),
    ("2026-13-01T12:00:00Z", nil),
    ("2026-11-23T24:00:00Z", nil),
    ("2026-11-23T12:60:00Z", nil),
    ("2026-11-23T12:00:00+01", nil),
])
func scheduledAtForms(_ text: String, _ epoch: Double?) {
    #expect(Preflight.instant(text)?.timeIntervalSince1970 == epoch)
}

/// What Foundation writes, read back: 20,000 instants spread over 1583 to 9999 (a stride of about
/// 145 days and 13 hours, so month ends and leap days come up) with offsets from −14:00 to +14:00,
/// formatted by `Date.ISO8601FormatStyle` (which writes the offset as `+hhmm`, or `Z`), with and
/// without the colon in the offset.
@Test func instantsWrittenByFoundation() throws {
    let first = try Date.ISO8601FormatStyle().parse("1583-01-01T00:00:00Z").timeIntervalSince1970
    for k in 0..<20_000 {
        let date = Date(timeIntervalSince1970: first + Double(k) * 12_539_813)
        let offset = (k % 113 - 56) * 15 * 60
        let text = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: offset)!).format(date)
        #expect(Preflight.instant(text) == date, "\(text)")
        if offset != 0 {
            let colon = String(text.dropLast(2)) + ":" + String(text.suffix(2))
            #expect(Preflight.instant(colon) == date, "\(colon)")
        }
    }
}

/// Forms RFC 3339 §5.6 allows besides the usual one, and shapes it does not.
@Test(arguments: [
    ("2026-11-23t13:30:00z", 1_795_440_600.0 as Double?),
    ("2026-11-23T14:30:00+0100", 1_795_440_600),
    ("2026-11-23T13:30:00.5Z", 1_795_440_600.5),
    ("2026-11-23T13:30:00.000000Z", 1_795_440_600),
    ("2024-02-29T00:00:00Z", 1_709_164_800),
    ("0001-01-01T00:00:00Z", -62_135_596_800),
    ("2026-11-23T13:30:00.Z", nil),
    ("2026-11-23T23:59:60Z", nil),
    ("2026-11-23 13:30:00Z", nil),
    ("2026-11-23T13:30Z", nil),
    ("+2026-11-23T13:30:00Z", nil),
    ("2026-11-23T13:30:00+01:00 ", nil),
    ("2026-11-23T13:30:00+24:00", nil),
    ("２０２６-11-23T13:30:00Z", nil),
    ("", nil),
])
func otherInstantForms(_ text: String, _ epoch: Double?) {
    #expect(Preflight.instant(text)?.timeIntervalSince1970 == epoch)
}
