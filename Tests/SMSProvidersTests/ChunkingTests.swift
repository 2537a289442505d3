import Foundation
import Testing
@testable import SMSProviders

/// Long recipient lists are split by the provider's maximum per request, never cut; Bandwidth's
/// list is a group conversation, so a broadcast is one request per recipient.
struct ChunkingTests {
    /// `count` distinct US numbers, +14155550000 upwards.
    static func numbers(_ count: Int) -> [String] {
        (0..<count).map { "+1415555" + String(format: "%04d", $0) }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var provider: String
        var recipients: Int
        var sizes: [Int]
        var settings: [String: String] = [:]
        var from: String? = "+14155550100"
        var testDescription: String { "\(provider) × \(recipients)" }
    }

    static let cases = [
        Case(provider: "sinch", recipients: 2500, sizes: [1000, 1000, 500], settings: ["servicePlanId": "plan"]),
        Case(provider: "plivo", recipients: 1001, sizes: [1000, 1], settings: ["authId": "MAXXXXXXXXXXXXXXXXXX"]),
        Case(provider: "azure", recipients: 250, sizes: [100, 100, 50], settings: ["resource": "contoso"]),
        Case(provider: "clickatell", recipients: 201, sizes: [200, 1]),
        Case(provider: "me-sms", recipients: 3000, sizes: [3000], from: nil),
        Case(provider: "bandwidth", recipients: 3, sizes: [1, 1, 1], settings: ["accountId": "1", "applicationId": "app"]),
        Case(provider: "twilio", recipients: 3, sizes: [1, 1, 1], settings: ["accountSid": "AC1"]),
        Case(provider: "textmagic", recipients: 1200, sizes: [1200], settings: ["username": "u"]),
    ]

    /// The recipients of a request, read back from its body.
    static func recipients(of request: HTTPRequestSpec) -> [String] { request.recipients }

    @Test(arguments: cases)
    func splitsWithoutLoss(_ c: Case) throws {
        let to = Self.numbers(c.recipients)
        let message = try Support.message(to: to, text: "Storm warning", from: c.from, settings: c.settings)
        let payload = try Support.provider(c.provider).payload(for: message, now: Support.now)
        #expect(!payload.hasErrors, "\(payload.diagnostics)")
        #expect(payload.requests.map(\.recipients.count) == c.sizes)
        #expect(payload.requests.flatMap(\.recipients) == to)
        if c.sizes.count > 1, c.provider != "twilio" {
            #expect(payload.diagnostics.contains { $0.code == ProviderCode.chunked && $0.severity == .info })
        }
    }

    /// The recipients really are in the bodies: Plivo joins them with `<`.
    @Test func plivoJoinsWithLessThan() throws {
        let to = Self.numbers(1001)
        let message = try Support.message(to: to, text: "x", from: "+14155550100", settings: ["authId": "MA1"])
        let requests = try Support.provider("plivo").payload(for: message).requests
        let first = try JSONSerialization.jsonObject(with: Data(requests[0].body.utf8)) as? [String: Any]
        let dst = try #require(first?["dst"] as? String)
        #expect(dst.split(separator: "<").count == 1000)
        #expect(dst.hasPrefix("14155550000<14155550001<"))
        #expect(requests[1].body.contains(#""dst":"14155551000""#))
    }

    /// Sinch puts each chunk in its `to` list.
    @Test func sinchListsEachChunk() throws {
        let to = Self.numbers(1500)
        let message = try Support.message(to: to, text: "x", settings: ["servicePlanId": "plan"])
        let requests = try Support.provider("sinch").payload(for: message).requests
        for (request, range) in zip(requests, [0..<1000, 1000..<1500]) {
            let object = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
            #expect(object?["to"] as? [String] == Array(to[range]))
        }
    }

    /// Recipients with their own text (tracked links per recipient) go in separate requests.
    @Test func ownTextsMakeOwnRequests() throws {
        var message = try Support.message(to: Self.numbers(4), text: "See https://go.example/a", settings: ["servicePlanId": "plan"])
        message.recipients[1].text = "See https://go.example/b"
        message.recipients[3].text = "See https://go.example/b"
        let requests = try Support.provider("sinch").payload(for: message).requests
        #expect(requests.map(\.recipients) == [["+14155550000", "+14155550002"], ["+14155550001", "+14155550003"]])
        #expect(requests[1].body.contains("go.example/b"))
    }
}
