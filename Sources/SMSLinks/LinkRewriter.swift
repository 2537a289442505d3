import Foundation

/// A link replaced by a short link.
public struct RewrittenLink: Sendable, Hashable, Codable {
    /// The long URL the short link redirects to (``DetectedLink/url``).
    public var url: String
    /// The short link put in the text, `https://{domain}/{code}`.
    public var shortUrl: String
    /// The code.
    public var code: String

    /// Creates a rewritten link.
    public init(url: String, shortUrl: String, code: String) {
        self.url = url
        self.shortUrl = shortUrl
        self.code = code
    }
}

/// The result of rewriting one message (``LinkRewriter/rewrite(_:links:campaign:recipient:store:now:)``).
public struct RewriteResult: Sendable, Hashable {
    /// The text with every link replaced by its short link: what must be sent (and counted).
    public var text: String
    /// One entry per replaced link, in text order (a link written twice appears twice, same code).
    public var links: [RewrittenLink]
    /// The length of the original text in characters (extended grapheme clusters).
    public var originalLength: Int
    /// The length of the rewritten text in characters.
    public var rewrittenLength: Int

    /// Creates a result.
    public init(text: String, links: [RewrittenLink], originalLength: Int, rewrittenLength: Int) {
        self.text = text
        self.links = links
        self.originalLength = originalLength
        self.rewrittenLength = rewrittenLength
    }
}

/// Click tracking: replaces each link of a message with `https://{domain}/{code}` on the
/// account's own branded short domain, and stores the mapping in a ``LinkStore``.
///
/// Codes are base62 (`0-9A-Za-z`), ``Configuration/codeLength`` characters long (7 by default:
/// 62⁷ ≈ 3.5 × 10¹² codes), and deterministic: SipHash-2-4 of the normalized URL, the campaign
/// and, when ``CodeScope/recipient`` is configured, the recipient, keyed with a 128-bit key derived
/// from ``Configuration/secret``. The same message rewritten again gets the same codes and adds
/// no rows. If a code is already stored for a different URL, campaign or recipient (a collision),
/// the next candidate is derived by hashing again with an attempt counter (1, 2, …), so the
/// outcome is still deterministic for a given store; after ``maximumAttempts`` candidates the
/// rewrite fails with ``LinkError/codeSpaceExhausted(url:)``.
///
/// SipHash was chosen because swift-crypto is not a dependency, SipHash is specified and small,
/// gives the same value on every platform and in every process (Swift's `Hasher` is seeded per
/// process), and is a keyed PRF: with a secret, codes cannot be guessed from URLs.
public struct LinkRewriter: Sendable {
    /// The code lengths accepted.
    public static let codeLengths: ClosedRange<Int> = shortCodeLengths
    /// How many candidate codes are tried for one link before giving up.
    public static let maximumAttempts = 16

    /// What a code is deterministic for.
    public enum CodeScope: String, Sendable, Hashable, CaseIterable {
        /// One code per (link, campaign): every recipient of the campaign gets the same short link.
        case campaign
        /// One code per (link, campaign, recipient): clicks tell who clicked. Without a recipient
        /// the code falls back to the campaign scope.
        case recipient
    }

    /// Rewriting settings, usually from the policy and the request.
    public struct Configuration: Sendable, Hashable {
        /// The branded short domain (`go.example.com`): owned by the account, used only for short links.
        public var domain: String
        /// The length of the codes, within ``LinkRewriter/codeLengths``.
        public var codeLength: Int
        /// What codes are deterministic for.
        public var scope: CodeScope
        /// A secret that keys the code hash; the same secret gives the same codes. Empty by default
        /// (codes are then predictable from the URL and campaign).
        public var secret: String
        /// How long a short link is kept, in seconds (Twilio keeps its mappings 90 days); `nil` for ever.
        public var lifetime: TimeInterval?

        /// Creates a configuration.
        public init(
            domain: String, codeLength: Int = 7, scope: CodeScope = .campaign, secret: String = "",
            lifetime: TimeInterval? = nil
        ) {
            self.domain = domain
            self.codeLength = codeLength
            self.scope = scope
            self.secret = secret
            self.lifetime = lifetime
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The tracking domain in lowercase ASCII.
    public let domain: String
    private let k0: UInt64
    private let k1: UInt64

    /// Creates a rewriter.
    /// - Parameters:
    ///   - configuration: the settings.
    ///   - detector: the policy's detector; its TLDs and public shorteners vet the domain.
    /// - Throws: ``LinkError/invalidTrackingDomain(_:)``,
    ///   ``LinkError/trackingDomainIsPublicShortener(_:shortener:)`` (both `link.tracking_domain_invalid`),
    ///   or ``LinkError/invalidCodeLength(_:)``.
    public init(_ configuration: Configuration, detector: LinkDetector) throws(LinkError) {
        guard Self.codeLengths.contains(configuration.codeLength) else { throw .invalidCodeLength(configuration.codeLength) }
        self.domain = try Self.validateTrackingDomain(configuration.domain, detector: detector)
        self.configuration = configuration
        // The key: two SipHashes of the secret under fixed keys (ASCII "preflight-link-k0/k1").
        var h0 = SipHash24(k0: 0x7072_6566_6c69_6768, k1: 0x742d_6c69_6e6b_2d30)
        h0.addField(configuration.secret)
        var h1 = SipHash24(k0: 0x7072_6566_6c69_6768, k1: 0x742d_6c69_6e6b_2d31)
        h1.addField(configuration.secret)
        k0 = h0.finalize()
        k1 = h1.finalize()
    }

    /// Checks a tracking domain and returns it in lowercase ASCII: a host name of two or more
    /// labels on a real top-level domain, not a public shortener and not under one.
    /// - Throws: ``LinkError/invalidTrackingDomain(_:)`` or ``LinkError/trackingDomainIsPublicShortener(_:shortener:)``.
    public static func validateTrackingDomain(_ domain: String, detector: LinkDetector) throws(LinkError) -> String {
        guard let ascii = DomainList.normalizedDomain(domain),
              let dot = ascii.lastIndex(of: "."), detector.topLevelDomains.contains(String(ascii[ascii.index(after: dot)...]))
        else { throw .invalidTrackingDomain(domain) }
        if let shortener = detector.publicShortener(containing: ascii) {
            throw .trackingDomainIsPublicShortener(domain, shortener: shortener)
        }
        return ascii
    }

    /// The code of `url` for `campaign` (and `recipient` in the recipient scope); `attempt` 0 is
    /// the first candidate, later ones are used after collisions.
    public func code(for url: String, campaign: String, recipient: String?, attempt: Int = 0) -> String {
        var base = SipHash24(k0: k0, k1: k1)
        base.addField(url)
        base.addField(campaign)
        base.addField(configuration.scope == .recipient ? recipient ?? "" : "")
        base.addField(String(attempt))
        var code: [UInt8] = []
        code.reserveCapacity(configuration.codeLength)
        var block: UInt8 = 0
        while code.count < configuration.codeLength {
            var h = base
            h.add(block)
            Base62.append(h.finalize(), digits: min(10, configuration.codeLength - code.count), to: &code)
            block += 1
        }
        return String(decoding: code, as: UTF8.self)
    }

    /// `https://{domain}/{code}`.
    public func shortURL(code: String) -> String { "https://\(domain)/\(code)" }

    /// One message of a batch given to ``rewrite(_:campaign:store:now:)``.
    public struct Message: Sendable, Hashable {
        /// The message text.
        public var text: String
        /// The links ``LinkDetector/links(in:)`` found in this very `text`.
        public var links: [DetectedLink]
        /// The recipient, for the recipient scope.
        public var recipient: String?

        /// Creates a message.
        public init(text: String, links: [DetectedLink], recipient: String? = nil) {
            self.text = text
            self.links = links
            self.recipient = recipient
        }
    }

    /// Replaces each link of `text` with its short link and stores the new mappings.
    ///
    /// Links already on the tracking domain (or a subdomain of it) are left as they are.
    /// - Parameters:
    ///   - text: the message.
    ///   - links: the links ``LinkDetector/links(in:)`` found in this very `text` (a link of another
    ///     text is a programming error and stops the program).
    ///   - campaign: the campaign name.
    ///   - recipient: the recipient, for the recipient scope.
    ///   - store: where mappings are kept.
    ///   - now: the creation date of new mappings.
    /// - Throws: ``LinkError/store(_:)`` or ``LinkError/codeSpaceExhausted(url:)``.
    public func rewrite(
        _ text: String, links: [DetectedLink], campaign: String, recipient: String? = nil, store: some LinkStore,
        now: Date = Date()
    ) throws(LinkError) -> RewriteResult {
        try rewrite([Message(text: text, links: links, recipient: recipient)], campaign: campaign, store: store, now: now)[0]
    }

    /// Rewrites a batch of messages of one campaign with one store transaction (plus one per round
    /// of collisions): the same results as rewriting them one by one, with far fewer commits.
    /// - Throws: ``LinkError/store(_:)`` or ``LinkError/codeSpaceExhausted(url:)``.
    public func rewrite(
        _ messages: [Message], campaign: String, store: some LinkStore, now: Date = Date()
    ) throws(LinkError) -> [RewriteResult] {
        // Every link to replace, as (message, link), in text order within each message.
        var targets: [(message: Int, link: DetectedLink)] = []
        for (m, message) in messages.enumerated() {
            for link in message.links.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
            where !DomainList.host(link.host, isUnder: domain) {
                precondition(
                    link.range.upperBound <= message.text.endIndex && message.text[link.range] == link.text,
                    "link \(link.text) is not in the text")
                targets.append((m, link))
            }
        }
        let expires = configuration.lifetime.map { now.addingTimeInterval($0) }
        func rowRecipient(_ t: Int) -> String? {
            configuration.scope == .recipient ? messages[targets[t].message].recipient : nil
        }
        var attempts = [Int](repeating: 0, count: targets.count)
        var stored = [ShortLink?](repeating: nil, count: targets.count)
        var pending = Array(targets.indices)
        while !pending.isEmpty {
            let batch = pending.map { t in
                ShortLink(
                    code: code(for: targets[t].link.url, campaign: campaign, recipient: rowRecipient(t), attempt: attempts[t]),
                    url: targets[t].link.url, campaign: campaign, recipient: rowRecipient(t), createdAt: now, expiresAt: expires)
            }
            let claimed = try store.claim(batch)
            var collided: [Int] = []
            for (k, t) in pending.enumerated() {
                if k < claimed.count, claimed[k].isSameMapping(as: batch[k]) {
                    stored[t] = claimed[k]
                } else {
                    attempts[t] += 1
                    if attempts[t] >= Self.maximumAttempts { throw .codeSpaceExhausted(url: targets[t].link.url) }
                    collided.append(t)
                }
            }
            pending = collided
        }

        var results: [RewriteResult] = []
        results.reserveCapacity(messages.count)
        var t = 0
        for (m, message) in messages.enumerated() {
            let text = message.text
            var out = ""
            out.reserveCapacity(text.utf8.count)
            var rewritten: [RewrittenLink] = []
            var cursor = text.startIndex
            while t < targets.count, targets[t].message == m {
                let link = targets[t].link
                if let row = stored[t] {
                    let short = shortURL(code: row.code)
                    out += text[cursor..<link.range.lowerBound]
                    out += short
                    cursor = link.range.upperBound
                    rewritten.append(RewrittenLink(url: row.url, shortUrl: short, code: row.code))
                }
                t += 1
            }
            out += text[cursor...]
            results.append(RewriteResult(text: out, links: rewritten, originalLength: text.count, rewrittenLength: out.count))
        }
        return results
    }
}
