import Foundation
import Preflight
import Testing

@Suite("Click tracking in the pipeline")
struct ClickTrackingTests {
    static let longURL = "https://accounts.example.com/reset?token=9f8e7d6c5b4a3f2e1d0c"
    static let body = "Acme: reset your password with this link, valid for 30 minutes: \(longURL)\nIf you did not ask for this, ignore this message."

    func request(tracking: String, domain: String? = "go.example.com", to: [String] = ["+447400123456"], provider: String? = nil) throws -> SendRequest {
        var json: [String: Any] = ["to": to, "body": Self.body, "clickTracking": tracking == "true" ? true : tracking, "campaignRef": "reset"]
        if let domain { json["account"] = ["linkDomain": domain] }
        if let provider { json["provider"] = provider }
        return try RequestError.decode(try JSONSerialization.data(withJSONObject: json))
    }

    @Test func brandedLinksAreRewrittenBeforeCounting() throws {
        let store = InMemoryLinkStore()
        let preflight = try Preflight(rules: RuleSet.shipped(), linkStore: store)
        let report = preflight.check(try request(tracking: "true"))
        #expect(report.verdict == .pass)
        let link = try #require(report.links.first)
        #expect(link.url == Self.longURL)
        #expect(link.code.count == 7)  // the policy's default code length
        #expect(link.shortUrl == "https://go.example.com/\(link.code)")
        #expect(report.text?.contains(link.shortUrl) == true)
        #expect(report.text?.contains(Self.longURL) == false)
        // Before: more than 160 septets (two GSM-7 parts); after: one part.
        #expect(report.originalLength == Self.body.count)
        #expect(report.rewrittenLength == Self.body.count - Self.longURL.count + link.shortUrl.count)
        #expect(report.encoding?.partCount == 1)
        // The same message again: the same code, no second row.
        let again = preflight.check(try request(tracking: "true"))
        #expect(again.links == report.links)
        #expect(try store.list(campaign: "reset").count == 1)
    }

    @Test func codesPerRecipientWhenThePolicySaysSo() throws {
        let shipped = try RuleSet.shipped()
        let p = shipped.policy
        let rules = RuleSet(
            countries: shipped.countries,
            policy: PolicyProfile(
                checks: p.checks, account: p.account, body: p.body, optOut: p.optOut, shorteners: p.shorteners,
                quietHours: p.quietHours, restrictedContent: p.restrictedContent, lists: p.lists,
                defaultRegion: p.defaultRegion, links: LinkSettings(codeLength: 9, codeScope: .recipient)))
        let preflight = try Preflight(rules: rules)
        let report = preflight.check(try request(tracking: "true", to: ["+447400123456", "+447400123457"]))
        let codes = report.recipients.map { $0.links.first?.code }
        #expect(codes.allSatisfy { $0?.count == 9 })
        #expect(codes[0] != codes[1])
        #expect(report.recipients[1].text?.contains(codes[1]!) == true)
    }

    @Test func brandedTrackingNeedsADomain() throws {
        let report = try Preflight(rules: RuleSet.shipped()).check(try request(tracking: "true", domain: nil))
        #expect(report.diagnostics.map { "\($0.code) \($0.field ?? "")" } == ["link.tracking_domain_invalid account.linkDomain"])
        #expect(report.text == Self.body)
    }

    @Test func aPublicShortenerIsNoTrackingDomain() throws {
        let report = try Preflight(rules: RuleSet.shipped()).check(try request(tracking: "true", domain: "bit.ly"))
        #expect(report.verdict == .block)
        #expect(report.diagnostics.map(\.code).contains("link.tracking_domain_invalid"))
        #expect(report.links.isEmpty)
    }

    @Test func providerTrackingLeavesTheText() throws {
        let report = try Preflight(rules: RuleSet.shipped()).check(try request(tracking: "provider", provider: "twilio"))
        #expect(report.text == Self.body)
        #expect(report.clickTracking == .provider)
        #expect(report.diagnostics.map { "\($0.code) \($0.severity)" } == ["link.provider_tracking warning"])
        let unsupported = try Preflight(rules: RuleSet.shipped()).check(try request(tracking: "provider", provider: "plivo"))
        #expect(unsupported.diagnostics.map(\.code) == ["provider.unsupported_feature"])
    }

    /// Which providers shorten links comes from their definitions' `linkTracking` field (Twilio
    /// `ShortenUrls`, Infobip `tracking.shortenUrl`, Bird `enableLinkTracking`, Skycore
    /// `click-tracking`), so a provider defined as data can do it too.
    @Test func linkShorteningProvidersComeFromTheDefinitions() throws {
        #expect(try Preflight(rules: RuleSet.shipped()).linkShorteningProviders == ["bird", "infobip", "skycore", "twilio"])
        let own = try ProviderRegistry.decode("""
            version: 1
            name: shortlinks
            title: A provider of one's own that shortens links
            request:
              method: POST
              url: https://sms.example.com/send
              encoding: json
            auth:
              style: header
              headers:
                Authorization: Bearer ${SHORTLINKS_TOKEN}
            recipients:
              mode: single
            fields:
              to: recipient
              text: text
              shorten: linkTracking
            """, file: "shortlinks.yaml")
        let registry = ProviderRegistry(try ProviderRegistry.shipped().providers + [own])
        let preflight = try Preflight(rules: RuleSet.shipped(), providers: registry)
        #expect(preflight.linkShorteningProviders.contains("shortlinks"))
        let report = preflight.check(try request(tracking: "provider", provider: "shortlinks"))
        #expect(report.diagnostics.map(\.code) == ["link.provider_tracking"])
        let shippedOnly = try Preflight(rules: RuleSet.shipped()).check(try request(tracking: "provider", provider: "shortlinks"))
        #expect(shippedOnly.diagnostics.map(\.code) == ["provider.unsupported_feature"])
    }

    @Test func clickTrackingValues() throws {
        #expect(throws: RequestError.self) {
            try RequestError.decode(Data(#"{"to": "+447400123456", "body": "a", "clickTracking": "maybe"}"#.utf8))
        }
        let off = try RequestError.decode(Data(#"{"to": "+447400123456", "body": "a", "clickTracking": false}"#.utf8))
        #expect(off.clickTracking == .off)
    }
}
