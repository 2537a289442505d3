import Foundation
import Testing
@testable import SMSProviders

/// The value transforms of provider files, through a provider that maps one field per transform.
struct TransformTests {
    static let provider = """
        version: 1
        name: custom
        request:
          url: https://example.com/send
          encoding: json
        auth:
          style: none
        settings:
          flag: {format: boolean}
        recipients:
          mode: single
        fields:
          e164: recipient | e164
          plain: recipient | e164_without_plus
          national: recipient | national
          default: recipient
          utc: scheduledAt | iso8601
          local: scheduledAt | iso8601_offset
          epoch: scheduledAt | epoch_seconds
          tracking: linkTracking
          trackingText: linkTracking | bool_string
          trackingNumber: linkTracking | bool_int
          flag: setting.flag | bool
          flagText: setting.flag
        """

    struct Case: CustomTestStringConvertible, Sendable {
        var to: String
        var scheduledAt: String
        var fragments: [String]
        var testDescription: String { "\(to) at \(scheduledAt)" }
    }

    /// Thai national numbers start with 0 (ME-SMS: `0XXXXXXXXX`); 2026-12-01T00:00:00Z is
    /// 1,796,083,200 s after the epoch (20,423 days).
    static let cases = [
        Case(to: "+66812345678", scheduledAt: "2026-12-01T10:00:00+07:00", fragments: [
            #""e164":"+66812345678""#, #""plain":"66812345678""#, #""national":"0812345678""#, #""default":"+66812345678""#,
            #""utc":"2026-12-01T03:00:00Z""#, #""local":"2026-12-01T10:00:00+07:00""#, #""epoch":1796094000"#,
            #""tracking":true"#, #""trackingText":"true""#, #""trackingNumber":1"#, #""flag":false"#, #""flagText":"false""#,
        ]),
        Case(to: "+14155552671", scheduledAt: "2026-12-01T10:00:00-05:00", fragments: [
            #""plain":"14155552671""#, #""national":"4155552671""#, #""utc":"2026-12-01T15:00:00Z""#,
            #""local":"2026-12-01T10:00:00-05:00""#, #""epoch":1796137200"#,
        ]),
        Case(to: "+447700900123", scheduledAt: "2026-12-01T00:00:00.500Z", fragments: [
            #""national":"07700900123""#, #""utc":"2026-12-01T00:00:00Z""#, #""local":"2026-12-01T00:00:00Z""#, #""epoch":1796083200"#,
        ]),
    ]

    @Test(arguments: cases)
    func transforms(_ c: Case) throws {
        let definition = try Support.decode(Self.provider).get()
        let message = try Support.message(to: [c.to], text: "x", linkTracking: true, scheduledAt: c.scheduledAt, settings: ["flag": "false"])
        let payload = definition.payload(for: message, now: Support.now)
        let body = try #require(payload.requests.first?.body)
        for fragment in c.fragments {
            #expect(body.contains(fragment), "\(fragment) in \(body)")
        }
    }

    /// Absent values leave their fields out; a time that is not in the future is "send now".
    @Test func absentValuesAreLeftOut() throws {
        let definition = try Support.decode(Self.provider).get()
        let message = try Support.message(to: ["+66812345678"], text: "x", scheduledAt: "2026-11-23T11:00:00Z")
        let body = try #require(definition.payload(for: message, now: Support.now).requests.first?.body)
        #expect(body == #"{"e164":"+66812345678","plain":"66812345678","national":"0812345678","default":"+66812345678"}"#)
    }

    struct EncodingCase: CustomTestStringConvertible, Sendable {
        var text: String
        var json: String
        var form: String
        var testDescription: String { json }
    }

    /// JSON escapes only what RFC 8259 requires; forms follow the WHATWG urlencoded serializer
    /// (space as +, `*-._` and alphanumerics kept, UTF-8 bytes as %XX).
    static let encodingCases = [
        EncodingCase(text: "a \"b\" \\ c/d", json: #"a \"b\" \\ c/d"#, form: "a+%22b%22+%5C+c%2Fd"),
        EncodingCase(text: "line1\nline2\t", json: #"line1\nline2\t"#, form: "line1%0Aline2%09"),
        EncodingCase(text: "50% off *today* ~ok", json: "50% off *today* ~ok", form: "50%25+off+*today*+%7Eok"),
        EncodingCase(text: "€ é 😀", json: "€ é 😀", form: "%E2%82%AC+%C3%A9+%F0%9F%98%80"),
        EncodingCase(text: "a=b&c+d", json: "a=b&c+d", form: "a%3Db%26c%2Bd"),
    ]

    @Test(arguments: encodingCases)
    func bodyEncodings(_ c: EncodingCase) throws {
        let json = try Support.decode(Self.minimal(encoding: "json")).get()
        let form = try Support.decode(Self.minimal(encoding: "form")).get()
        let message = try Support.message(to: ["+14155552671"], text: c.text)
        #expect(json.payload(for: message).requests.first?.body == #"{"to":"+14155552671","text":""# + c.json + #""}"#)
        #expect(form.payload(for: message).requests.first?.body == "to=%2B14155552671&text=" + c.form)
    }

    static func minimal(encoding: String) -> String {
        """
        version: 1
        name: custom
        request: {url: "https://example.com/send", encoding: \(encoding)}
        auth: {style: none}
        recipients: {mode: single}
        fields:
          to: recipient
          text: text
        """
    }
}
