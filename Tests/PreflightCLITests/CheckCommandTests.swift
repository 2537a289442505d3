import Foundation
import Testing

@Suite("preflight check")
struct CheckCommandTests {
    static func request(_ json: String) throws -> String { try CLI.temporaryFile(Array(json.utf8)) }

    @Test func exitCodesFollowTheVerdict() throws {
        let pass = try CLI.run(["check", try Self.request(#"{"to": "+447400123456", "body": "Your code is 123456"}"#), "--now", "2026-11-23T12:00:00Z"])
        #expect(pass.status == 0)
        #expect(pass.stdout.hasPrefix("Verdict:     PASS\n"))
        let warn = try CLI.run(["check", try Self.request(#"{"to": "+442079460000", "body": "Booked"}"#), "--now", "2026-11-23T12:00:00Z"])
        #expect(warn.status == 0)
        let block = try CLI.run(["check", try Self.request(#"{"to": "+14155552671", "senderMask": "ACME", "body": "Hi"}"#)])
        #expect(block.status == 1)
        #expect(block.stdout.contains("senderMask: error: United States (US) does not deliver alphanumeric sender IDs"))
    }

    /// `--providers DIR`: a provider defined as data that shortens links takes
    /// `clickTracking: "provider"`; without the directory the check refuses it.
    @Test func providersDirectory() throws {
        let path = try Self.request(#"{"to": "+447400123456", "body": "Read https://example.com/a", "clickTracking": "provider", "provider": "shorty"}"#)
        let directory = try LintCLI.directory(["shorty.yaml": """
            version: 1
            name: shorty
            request: {url: "https://sms.example.com/send", encoding: json}
            auth: {style: header, headers: {X-Key: "${SHORTY_KEY}"}}
            recipients: {mode: single}
            fields:
              number: recipient
              message: text
              shorten: linkTracking
            """])
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = ["--now", "2026-11-23T12:00:00Z", "--format", "json"]
        let with = try CLI.run(["check", path, "--providers", directory.path] + now)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout.contains(#""code":"link.provider_tracking""#))
        let without = try CLI.run(["check", path] + now)
        #expect(without.status == 1)
        #expect(without.stdout.contains(#""code":"provider.unsupported_feature""#))
    }

    @Test func jsonContract() throws {
        let r = try CLI.run(["check", try Self.request(#"{"to": "+14155552671", "senderMask": "ACME", "body": "Hi"}"#), "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "block")
        #expect(object["text"] as? String == "Hi")
        #expect(object["encoding"] as? String == "GSM-7")
        #expect(object["parts"] as? Int == 1)
        let recipient = try #require(object["recipient"] as? [String: Any])
        #expect(recipient["e164"] as? String == "+14155552671")
        #expect(recipient["region"] as? String == "US")
        #expect(recipient["type"] as? String == "fixed_line_or_mobile")
        let diagnostic = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["code"] as? String == "sender.alphanumeric_not_allowed")
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["field"] as? String == "senderMask")
        #expect((diagnostic["fix"] as? String)?.isEmpty == false)
    }

    @Test(arguments: [
        #"{"to": "+44", "body": "a", "colour": "red"}"#,
        "{not json",
        "[]",
    ])
    func badRequestsExit2(_ json: String) throws {
        let r = try CLI.run(["check", try Self.request(json)])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error"))
    }

    @Test func rulesErrorsExit2WithPositions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "version: 1\nbody:\n  maxCharacters: lots\n".write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", try Self.request(#"{"to": "+447400123456", "body": "a"}"#), "--rules", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("policy.yaml:3:"))
    }

    @Test func userRulesOverrideShippedOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "version: 1\naccount:\n  enforceCampaignCheck: true\n".write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", try Self.request(#"{"to": "+447400123456", "body": "a"}"#), "--rules", dir.path, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("campaign.ref_required"))
    }

    @Test func hugeRequestIsRefused() throws {
        let path = try CLI.temporaryFile(Array(repeating: UInt8(ascii: " "), count: 17 << 20))
        let r = try CLI.run(["check", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("larger than"))
    }
}
