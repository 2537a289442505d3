import Foundation
import Preflight
import Testing
import TestSupport

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

    /// 10,000 generated objects — known and unknown keys, every kind of JSON value, escapes, lone
    /// surrogates, raw control characters, invalid UTF-8, duplicate keys, truncation and trailing
    /// bytes — from a fixed seed: whenever the fast path answers, the decoder gives the same request.
    @Test func agreesWithTheDecoderOnGeneratedInput() {
        var random = SeededRandom(seed: 0x5EED_F1A7)
        var answered = 0
        var disagreements: [String] = []
        for _ in 0..<10_000 {
            let bytes = Self.generatedObject(&random)
            guard let fast = bytes.withUnsafeBufferPointer({ SendRequestFastPath.parse($0) }) else { continue }
            answered += 1
            if fast != (try? RequestError.decode(Data(bytes))) {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
        // The generator must reach the fast path often enough for the comparison to mean something.
        #expect(answered > 800)
    }

    static let keys = ["to", "to", "body", "body", "senderMask", "from", "defaultRegion", "template", "templateSource",
                       "category", "clickTracking", "campaignRef", "scheduledAt", "provider", "variables", "account", "x", "To", #"bod\u0079"#]
    /// Pieces of JSON string text (escapes as written in JSON, some of them malformed).
    static let stringPieces = ["a", "Acme", "+447400123456", " ", "é", #"\u00e9"#, #"\n"#, #"\\"#, #"\""#, #"\/"#, #"\ud83d\ude00"#, "😀",
                               #"\ud800"#, #"\udc00x"#, #"\u0000"#, #"\t"#, #"\b\f\r"#, #"\x"#, #"\u12"#, "marketing", "otp", "branded", "provider", "off"]

    static func generatedString(_ random: inout SeededRandom) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for _ in 0..<random.below(4) { out += Array(random.pick(stringPieces).utf8) }
        switch random.below(40) {
        case 0: out.append(0x01)  // a raw control character: not JSON
        case 1: out.append(0xC3)  // a lone lead byte: not UTF-8
        case 2: out += [0xED, 0xA0, 0x80]  // an encoded surrogate: not UTF-8
        default: break
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    static func generatedValue(_ random: inout SeededRandom, depth: Int = 0) -> [UInt8] {
        switch random.below(depth > 0 ? 8 : 12) {
        case 0...3: return generatedString(&random)
        case 4: return Array("null".utf8)
        case 5: return Array(random.pick(["true", "false", "tru", "nul"]).utf8)
        case 6: return Array(random.pick(["0", "-1.5e3", "12", "1e400"]).utf8)
        case 7:
            var out = Array("[".utf8)
            for i in 0..<random.below(3) {
                if i > 0 { out += Array(",".utf8) }
                out += random.below(5) == 0 ? generatedValue(&random, depth: depth + 1) : generatedString(&random)
            }
            return out + Array("]".utf8)
        default:
            return depth > 1 ? Array("{}".utf8) : generatedObject(&random, depth: depth + 1)
        }
    }

    static func generatedObject(_ random: inout SeededRandom, depth: Int = 0) -> [UInt8] {
        let space = [" ", "", "\n", "\t"].map { Array($0.utf8) }
        var out = Array("{".utf8)
        var members = random.below(7)
        if depth == 0, random.below(3) > 0 {
            out += Array("\"to\":".utf8) + generatedValue(&random, depth: 1)
            members -= 1
            if members >= 0 { out += Array(",".utf8) }
        }
        for i in 0..<max(0, members) {
            if i > 0 { out += Array(",".utf8) }
            out += random.pick(space) + Array("\"\(random.pick(keys))\"".utf8) + random.pick(space) + Array(":".utf8)
            out += random.pick(space) + generatedValue(&random, depth: depth + 1)
        }
        if out.last == UInt8(ascii: ",") { out.removeLast() }
        out += Array("}".utf8)
        if depth == 0 {
            switch random.below(30) {
            case 0: out.removeLast(random.below(out.count))  // truncated
            case 1: out += Array(random.pick([" x", "}", ",", "\u{0}"]).utf8)  // trailing bytes
            default: break
            }
        }
        return out
    }
}
