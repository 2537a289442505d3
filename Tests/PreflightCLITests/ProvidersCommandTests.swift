import Foundation
import Testing

/// `preflight providers`: every provider with its capabilities and limits.
struct ProvidersCommandTests {
    static let names = [
        "africastalking", "antryk", "aws-sms", "aws-sns", "azure", "bandwidth", "bird", "clickatell", "infobip", "me-sms", "pingram",
        "plivo", "sinch", "skycore", "telnyx", "textmagic", "twilio", "vonage", "vonage-messages",
    ]

    @Test func text() throws {
        let result = try CLI.run(["providers"])
        #expect(result.status == 0)
        let headers = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.split(separator: " ")[0]) }
        #expect(headers == Self.names)
        #expect(result.stdout.contains("""
            plivo — Plivo Send a Message
              endpoint:    POST https://api.plivo.com/v1/Account/{authId}/Message/
              body:        json (application/json)
              auth:        basic
              recipients:  joined with "<", at most 1,000 per request
              text:        at most 1,600 characters, 737 in UCS-2
            """))
    }

    @Test func json() throws {
        let result = try CLI.run(["providers", "--format", "json", "sinch", "bandwidth"])
        #expect(result.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["sinch", "bandwidth"])
        #expect((list[0]["recipients"] as? [String: Any])?["maxPerRequest"] as? Int == 1000)
        #expect((list[1]["recipients"] as? [String: Any])?["group"] as? Bool == true)
        #expect(list[0]["features"] as? [String] == ["schedule", "senderMask", "from", "campaignRef"])
        #expect(list[0]["lacks"] as? [String] == ["linkTracking"])
    }

    @Test func unknownName() throws {
        let result = try CLI.run(["providers", "nexmo"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("[provider.unknown]"))
    }
}
