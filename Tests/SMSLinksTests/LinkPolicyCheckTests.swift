import PreflightCore
import Testing
@testable import SMSLinks

@Suite("Link policy diagnostics")
struct LinkPolicyCheckTests {
    func codes(_ text: String, _ check: LinkPolicyCheck) -> [String] {
        check.diagnostics(for: detector.links(in: text), detector: detector).map { "\($0.code):\($0.severity.rawValue)" }
    }

    @Test func shortenerSeverityComesFromTheCaller() throws {
        let blocked = try LinkPolicyCheck(shortenerSeverity: .error)
        #expect(codes("Deal: https://bit.ly/abc", blocked) == ["link.public_shortener:error"])
        let allowed = try LinkPolicyCheck()
        #expect(codes("Deal: https://bit.ly/abc", allowed) == ["link.public_shortener:warning"])
        let d = try #require(blocked.diagnostics(for: detector.links(in: "x.bit.ly/a"), detector: detector).first)
        #expect(d.field == "body")
        #expect(d.message.contains("bit.ly"))
        #expect(!d.fix.isEmpty)
    }

    @Test func unbrandedDomains() throws {
        let check = try LinkPolicyCheck(brandDomains: ["acme.com", "ACME.org"], trackingDomain: "go.acme-links.com")
        #expect(check.brandDomains == ["acme.com", "acme.org"])
        #expect(codes("acme.com/a www.acme.org shop.acme.com go.acme-links.com/x", check) == [])
        #expect(codes("https://other.com/a", check) == ["link.unbranded_domain:warning"])
        #expect(codes("https://notacme.com/a", check) == ["link.unbranded_domain:warning"])
        // Shorteners and IP addresses have their own codes.
        #expect(codes("bit.ly/a", check) == ["link.public_shortener:warning"])
        #expect(codes("http://192.0.2.1/", check) == ["link.insecure:info", "link.ip_address:warning"])
        // Without brand domains there is nothing to compare with.
        #expect(codes("https://other.com/a", try LinkPolicyCheck()) == [])
    }

    @Test func insecureIPAndSpoofedLinks() throws {
        let check = try LinkPolicyCheck()
        #expect(codes("http://example.com", check) == ["link.insecure:info"])
        #expect(codes("https://203.0.113.9/login", check) == ["link.ip_address:warning"])
        #expect(codes("p\u{0430}ypal.com/login", check) == ["link.confusable_host:warning"])
        #expect(codes("https://example.com example.com", check) == [])
    }

    @Test func trackingDomainProblems() throws {
        let shortener = try LinkPolicyCheck(trackingDomain: "bit.ly")
        #expect(codes("no links", shortener) == ["link.tracking_domain_invalid:error"])
        let invalid = try LinkPolicyCheck(trackingDomain: "not a domain")
        let d = try #require(invalid.diagnostics(for: [], detector: detector).first)
        #expect(d.code == "link.tracking_domain_invalid")
        #expect(d.field == "body")
    }

    @Test func invalidBrandDomain() {
        #expect(throws: LinkError.invalidDomain("acme", role: "brand domain")) { try LinkPolicyCheck(brandDomains: ["acme"]) }
    }
}
