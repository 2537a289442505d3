import Foundation
import Testing
@testable import SMSLinks

@Suite("Short codes")
struct ShortCodeTests {
    /// SipHash-2-4 with key 00 01 … 0f (Aumasson & Bernstein 2012): the empty message gives
    /// 0x726fdb47dd0e0e31 (first entry of the reference vectors), and the 15-byte message
    /// 00 01 … 0e gives 0xa129ca6149be45e5 (the worked example of appendix A).
    @Test func sipHashReferenceVectors() {
        let k0: UInt64 = 0x0706_0504_0302_0100
        let k1: UInt64 = 0x0f0e_0d0c_0b0a_0908
        #expect(SipHash24(k0: k0, k1: k1).finalize() == 0x726f_db47_dd0e_0e31)
        var h = SipHash24(k0: k0, k1: k1)
        h.add((0..<15).map { UInt8($0) })
        #expect(h.finalize() == 0xa129_ca61_49be_45e5)
    }

    @Test func base62Digits() {
        var code: [UInt8] = []
        Base62.append(61 + 62 * 10, digits: 3, to: &code)  // least significant digit first
        #expect(String(decoding: code, as: UTF8.self) == "zA0")
        #expect(Base62.isValid("aZ09"))
        #expect(!Base62.isValid("a-b"))
        #expect(!Base62.isValid(""))
    }

    @Test func codesAreDeterministic() throws {
        let a = try rewriter()
        let b = try rewriter()
        let code = a.code(for: "https://example.com/x", campaign: "spring", recipient: nil)
        #expect(code.count == 7)
        #expect(Base62.isValid(code))
        #expect(b.code(for: "https://example.com/x", campaign: "spring", recipient: nil) == code)
        #expect(a.code(for: "https://example.com/x", campaign: "summer", recipient: nil) != code)
        #expect(a.code(for: "https://example.com/y", campaign: "spring", recipient: nil) != code)
        #expect(a.code(for: "https://example.com/x", campaign: "spring", recipient: nil, attempt: 1) != code)
        // The campaign scope ignores the recipient.
        #expect(a.code(for: "https://example.com/x", campaign: "spring", recipient: "+14155550100") == code)
        // Field boundaries are unambiguous.
        #expect(a.code(for: "ab", campaign: "c", recipient: nil) != a.code(for: "a", campaign: "bc", recipient: nil))
    }

    @Test func recipientScopeAndSecret() throws {
        let perRecipient = try rewriter(scope: .recipient)
        let one = perRecipient.code(for: "https://example.com/x", campaign: "spring", recipient: "+14155550100")
        let two = perRecipient.code(for: "https://example.com/x", campaign: "spring", recipient: "+14155550101")
        #expect(one != two)
        let secret = try rewriter(secret: "s3cret")
        #expect(secret.code(for: "https://example.com/x", campaign: "spring", recipient: nil)
            != (try rewriter()).code(for: "https://example.com/x", campaign: "spring", recipient: nil))
    }

    @Test(arguments: [4, 7, 10, 11, 22, 32])
    func codeLengths(_ length: Int) throws {
        let code = try rewriter(codeLength: length).code(for: "https://example.com", campaign: "c", recipient: nil)
        #expect(code.count == length)
        #expect(Base62.isValid(code))
    }
}

func rewriter(
    domain: String = "go.acme.com", codeLength: Int = 7, scope: LinkRewriter.CodeScope = .campaign, secret: String = "",
    lifetime: TimeInterval? = nil
) throws -> LinkRewriter {
    try LinkRewriter(
        .init(domain: domain, codeLength: codeLength, scope: scope, secret: secret, lifetime: lifetime), detector: detector)
}

@Suite("Rewriting")
struct LinkRewriterTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test func rewritesEveryLink() throws {
        let text = "Hi! Track at example.com/t/1 or HTTPS://Example.org/x."
        let rw = try rewriter()
        let store = InMemoryLinkStore()
        let result = try rw.rewrite(text, links: detector.links(in: text), campaign: "spring", store: store, now: now)
        let c1 = rw.code(for: "https://example.com/t/1", campaign: "spring", recipient: nil)
        let c2 = rw.code(for: "https://example.org/x", campaign: "spring", recipient: nil)
        #expect(result.text == "Hi! Track at https://go.acme.com/\(c1) or https://go.acme.com/\(c2).")
        #expect(result.links == [
            RewrittenLink(url: "https://example.com/t/1", shortUrl: "https://go.acme.com/\(c1)", code: c1),
            RewrittenLink(url: "https://example.org/x", shortUrl: "https://go.acme.com/\(c2)", code: c2),
        ])
        #expect(result.originalLength == 54)
        // 13 + 27 + 4 + 27 + 1: each short link is "https://go.acme.com/" (20) + 7.
        #expect(result.rewrittenLength == 72)
        #expect(try store.resolve(c1) == ShortLink(code: c1, url: "https://example.com/t/1", campaign: "spring", createdAt: now))
    }

    @Test func rerunGivesSameCodesAndNoNewRows() throws {
        let text = "Offer: example.com/a and example.com/a again, plus example.com/b"
        let rw = try rewriter()
        let store = InMemoryLinkStore()
        let first = try rw.rewrite(text, links: detector.links(in: text), campaign: "c", store: store, now: now)
        let second = try rw.rewrite(text, links: detector.links(in: text), campaign: "c", store: store, now: now.addingTimeInterval(60))
        #expect(first == second)
        #expect(first.links.map(\.code)[0] == first.links.map(\.code)[1])
        #expect(store.list(campaign: nil).count == 2)
        // The stored rows keep their first creation date.
        #expect(store.list(campaign: nil).allSatisfy { $0.createdAt == now })
    }

    @Test func batchEqualsOneByOne() throws {
        let rw = try rewriter(scope: .recipient)
        let texts = ["a: example.com/1", "b: example.com/1 example.com/2", "no link", "c: example.com/1"]
        let recipients = ["+14155550100", "+14155550101", nil, "+14155550100"]
        let messages = zip(texts, recipients).map { LinkRewriter.Message(text: $0, links: detector.links(in: $0), recipient: $1) }
        let batchStore = InMemoryLinkStore()
        let batch = try rw.rewrite(messages, campaign: "c", store: batchStore, now: now)
        let singleStore = InMemoryLinkStore()
        let single = try messages.map {
            try rw.rewrite($0.text, links: $0.links, campaign: "c", recipient: $0.recipient, store: singleStore, now: now)
        }
        #expect(batch == single)
        #expect(batchStore.list(campaign: nil) == singleStore.list(campaign: nil))
        // Same link and recipient twice (messages a and c): one row.
        #expect(batchStore.list(campaign: nil).count == 3)
        #expect(try rw.rewrite([], campaign: "c", store: batchStore) == [])
    }

    @Test func collisionTakesTheNextCandidate() throws {
        let rw = try rewriter()
        let store = InMemoryLinkStore()
        let taken = rw.code(for: "https://example.com/a", campaign: "c", recipient: nil)
        _ = store.claim([ShortLink(code: taken, url: "https://other.example.com/", campaign: "c", createdAt: now)])
        let result = try rw.rewrite("example.com/a", links: detector.links(in: "example.com/a"), campaign: "c", store: store, now: now)
        let next = rw.code(for: "https://example.com/a", campaign: "c", recipient: nil, attempt: 1)
        #expect(result.links.map(\.code) == [next])
        #expect(try store.resolve(taken)?.url == "https://other.example.com/")
        #expect(try store.resolve(next)?.url == "https://example.com/a")
    }

    @Test func exhaustedCodeSpaceIsAnError() throws {
        let rw = try rewriter()
        #expect(throws: LinkError.codeSpaceExhausted(url: "https://example.com/a")) {
            try rw.rewrite("example.com/a", links: detector.links(in: "example.com/a"), campaign: "c", store: AlwaysTakenStore())
        }
    }

    @Test func recipientScopeStoresTheRecipient() throws {
        let rw = try rewriter(scope: .recipient, lifetime: 90 * 86_400)
        let store = InMemoryLinkStore()
        let text = "example.com/a"
        let a = try rw.rewrite(text, links: detector.links(in: text), campaign: "c", recipient: "+14155550100", store: store, now: now)
        let b = try rw.rewrite(text, links: detector.links(in: text), campaign: "c", recipient: "+14155550101", store: store, now: now)
        #expect(a.links[0].code != b.links[0].code)
        let row = try #require(try store.resolve(a.links[0].code))
        #expect(row.recipient == "+14155550100")
        #expect(row.expiresAt == now.addingTimeInterval(90 * 86_400))
        #expect(row.isExpired(at: now.addingTimeInterval(90 * 86_400)))
        #expect(!row.isExpired(at: now))
    }

    @Test func trackingDomainLinksAreLeftAlone() throws {
        let text = "Already short: go.acme.com/abc and x.go.acme.com/d, long: example.com"
        let result = try rewriter().rewrite(text, links: detector.links(in: text), campaign: "c", store: InMemoryLinkStore())
        #expect(result.links.count == 1)
        #expect(result.text.hasPrefix("Already short: go.acme.com/abc and x.go.acme.com/d, long: https://go.acme.com/"))
    }

    @Test func textWithoutLinksIsUnchanged() throws {
        let result = try rewriter().rewrite("No links 😀 here.", links: [], campaign: "c", store: InMemoryLinkStore())
        #expect(result == RewriteResult(text: "No links 😀 here.", links: [], originalLength: 16, rewrittenLength: 16))
    }

    struct DomainCase: Sendable, CustomTestStringConvertible {
        let domain: String
        let error: LinkError?
        var testDescription: String { domain }
    }

    @Test(arguments: [
        DomainCase(domain: "go.acme.com", error: nil),
        DomainCase(domain: "GO.ACME.COM", error: nil),
        DomainCase(domain: "bit.ly", error: .trackingDomainIsPublicShortener("bit.ly", shortener: "bit.ly")),
        DomainCase(domain: "acme.app.link", error: .trackingDomainIsPublicShortener("acme.app.link", shortener: "app.link")),
        DomainCase(domain: "go.acme.invalid", error: .invalidTrackingDomain("go.acme.invalid")),
        DomainCase(domain: "localhost", error: .invalidTrackingDomain("localhost")),
        DomainCase(domain: "https://go.acme.com/", error: .invalidTrackingDomain("https://go.acme.com/")),
        DomainCase(domain: "192.0.2.1", error: .invalidTrackingDomain("192.0.2.1")),
        DomainCase(domain: "", error: .invalidTrackingDomain("")),
    ])
    func trackingDomainValidation(_ c: DomainCase) throws {
        if let error = c.error {
            #expect(throws: error) { try rewriter(domain: c.domain) }
            #expect(error.code == "link.tracking_domain_invalid")
            #expect(error.diagnostic().severity == .error)
        } else {
            #expect(try rewriter(domain: c.domain).domain == "go.acme.com")
        }
    }

    @Test func codeLengthOutOfRange() {
        #expect(throws: LinkError.invalidCodeLength(3)) { try rewriter(codeLength: 3) }
        #expect(throws: LinkError.invalidCodeLength(33)) { try rewriter(codeLength: 33) }
    }
}

/// A store whose every code is already taken by another URL.
final class AlwaysTakenStore: LinkStore {
    func claim(_ links: [ShortLink]) -> [ShortLink] { links.map { var l = $0; l.url += "#other"; return l } }
    func resolve(_ code: String) -> ShortLink? { nil }
    func list(campaign: String?) -> [ShortLink] { [] }
    func stats() -> LinkStats { LinkStats(links: 0, clicks: 0, clickedLinks: 0, campaigns: []) }
    func recordClick(_ code: String) -> ShortLink? { nil }
}
