import Foundation
import Preflight
import Testing

@testable import PreflightServer

/// The flat-object reader of send requests gives exactly what the JSON decoder gives, or nothing.
@Suite("Send request fast path")
struct FastPathTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var json: String
        /// Whether the fast path should answer (false: it must leave the input to the decoder).
        var flat: Bool
        var testDescription: String { json }
    }

    static let cases: [Case] = [
        Case(json: #"{"to": "+447400123456", "body": "Your code is 482913"}"#, flat: true),
        Case(json: #"{"to": ["+447400123456", "+14155552671"], "senderMask": "Acme", "body": "Hi", "category": "marketing"}"#, flat: true),
        Case(json: #"{"to": [], "body": "Hi"}"#, flat: true),
        Case(json: #" { "to" : "1" , "from": "+14155550100", "defaultRegion": "US", "campaignRef": "C-1", "provider": "twilio", "scheduledAt": "2026-11-23T12:00:00Z", "body": "é \u00e9 \n \"q\" \ud83d\ude00" } "#, flat: true),
        Case(json: #"{"to": "1", "template": "otp.sms"}"#, flat: true),
        Case(json: #"{"to": "1", "templateSource": "Hi <<name>>"}"#, flat: true),
        Case(json: #"{"to": "1", "body": "x", "clickTracking": true}"#, flat: true),
        Case(json: #"{"to": "1", "body": "x", "clickTracking": false}"#, flat: true),
        Case(json: #"{"to": "1", "body": "x", "clickTracking": "provider"}"#, flat: true),
        Case(json: #"{"to": "1", "body": null, "senderMask": null, "category": null, "clickTracking": null, "variables": null, "account": null}"#, flat: true),
        // Left to the decoder: nested values, numbers, unknown keys and values, missing or null `to`.
        Case(json: #"{"to": "1", "templateSource": "Hi <<n>>", "variables": {"n": "Ana"}}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x", "account": {"linkDomain": "go.example.com"}}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x", "category": "promo"}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x", "clickTracking": "yes"}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x", "sender": "Acme"}"#, flat: false),
        Case(json: #"{"to": "1", "body": 5}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x", "body": "y"}"#, flat: false),
        Case(json: #"{"body": "x"}"#, flat: false),
        Case(json: #"{"to": null, "body": "x"}"#, flat: false),
        Case(json: #"{"to": "1", "senderMask": ["a"]}"#, flat: false),
        Case(json: #"{"to": "1", "body": "x"} trailing"#, flat: false),
        Case(json: #"["to"]"#, flat: false),
    ]

    @Test(arguments: cases)
    func agreesWithTheDecoder(_ c: Case) {
        let bytes = Array(c.json.utf8)
        let fast = bytes.withUnsafeBufferPointer { SendRequestFastPath.parse($0) }
        #expect((fast != nil) == c.flat)
        if let fast {
            #expect(fast == (try? RequestError.decode(Data(bytes))))
        }
    }
}
