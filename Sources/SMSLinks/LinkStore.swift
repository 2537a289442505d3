import Foundation

/// One short link: the code under the tracking domain and the long URL it redirects to.
public struct ShortLink: Sendable, Hashable, Codable {
    /// The base62 code, unique in the store (`https://{domain}/{code}`).
    public var code: String
    /// The long (normalized) URL the code redirects to.
    public var url: String
    /// The campaign the link was created for.
    public var campaign: String
    /// The recipient, when codes are made per recipient; `nil` when they are shared by a campaign.
    public var recipient: String?
    /// When the code was first stored.
    public var createdAt: Date
    /// When the redirect may stop working; `nil` for never.
    public var expiresAt: Date?
    /// How many clicks were recorded.
    public var clicks: Int

    /// Creates a short link.
    public init(
        code: String, url: String, campaign: String, recipient: String? = nil, createdAt: Date, expiresAt: Date? = nil,
        clicks: Int = 0
    ) {
        self.code = code
        self.url = url
        self.campaign = campaign
        self.recipient = recipient
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.clicks = clicks
    }

    /// Whether the link has expired at `date`.
    public func isExpired(at date: Date) -> Bool { expiresAt.map { $0 <= date } ?? false }

    /// Whether `other` is the same mapping (code, URL, campaign and recipient), whatever its dates
    /// and clicks.
    public func isSameMapping(as other: ShortLink) -> Bool {
        code == other.code && url == other.url && campaign == other.campaign && recipient == other.recipient
    }
}

/// Totals of a link store.
public struct LinkStats: Sendable, Hashable, Codable {
    /// Totals of one campaign.
    public struct Campaign: Sendable, Hashable, Codable {
        /// The campaign name.
        public var campaign: String
        /// Short links stored for it.
        public var links: Int
        /// Clicks recorded on them.
        public var clicks: Int

        /// Creates campaign totals.
        public init(campaign: String, links: Int, clicks: Int) {
            self.campaign = campaign
            self.links = links
            self.clicks = clicks
        }
    }

    /// Short links stored.
    public var links: Int
    /// Clicks recorded.
    public var clicks: Int
    /// Short links with at least one click.
    public var clickedLinks: Int
    /// Per campaign, sorted by campaign name.
    public var campaigns: [Campaign]

    /// Creates totals.
    public init(links: Int, clicks: Int, clickedLinks: Int, campaigns: [Campaign]) {
        self.links = links
        self.clicks = clicks
        self.clickedLinks = clickedLinks
        self.campaigns = campaigns
    }
}

/// Where short links are kept, so that a redirect service can resolve them and count clicks.
///
/// Implementations must be safe to call from several threads at once. ``claim(_:)`` is the only
/// way links get in: it never replaces a stored link, which is what makes rewriting the same
/// message twice give the same codes and never a second row.
public protocol LinkStore: Sendable {
    /// Stores each link whose code is free and returns, in the same order, the link stored under
    /// each code afterwards: the given one, or the one that was there before (with its own URL,
    /// campaign and dates). All links are claimed in one transaction.
    /// - Throws: ``LinkError/store(_:)`` when the store cannot be read or written.
    func claim(_ links: [ShortLink]) throws(LinkError) -> [ShortLink]

    /// The link stored under `code`, or `nil`.
    func resolve(_ code: String) throws(LinkError) -> ShortLink?

    /// The stored links, oldest first (then by code); only those of `campaign` when it is given.
    func list(campaign: String?) throws(LinkError) -> [ShortLink]

    /// Totals of the store.
    func stats() throws(LinkError) -> LinkStats

    /// Adds one click to the link stored under `code` and returns it updated, or `nil` when there
    /// is no such code.
    func recordClick(_ code: String) throws(LinkError) -> ShortLink?
}

extension LinkStore {
    /// Totals computed from a list of links (for stores without a query language).
    static func stats(of links: [ShortLink]) -> LinkStats {
        var campaigns: [String: LinkStats.Campaign] = [:]
        for link in links {
            campaigns[link.campaign, default: .init(campaign: link.campaign, links: 0, clicks: 0)].links += 1
            campaigns[link.campaign]?.clicks += link.clicks
        }
        return LinkStats(
            links: links.count, clicks: links.reduce(0) { $0 + $1.clicks }, clickedLinks: links.count { $0.clicks > 0 },
            campaigns: campaigns.values.sorted { $0.campaign < $1.campaign })
    }
}

/// A link store in memory, for tests and dry runs (`--links-db` not given). Thread-safe.
public final class InMemoryLinkStore: LinkStore, @unchecked Sendable {
    // @unchecked: every access to `links` holds `lock`.
    private let lock = NSLock()
    private var links: [String: ShortLink] = [:]

    /// Creates an empty store.
    public init() {}

    /// Stores each link whose code is free; see ``LinkStore/claim(_:)``.
    public func claim(_ batch: [ShortLink]) -> [ShortLink] {
        lock.withLock {
            batch.map { link in
                if let existing = links[link.code] { return existing }
                links[link.code] = link
                return link
            }
        }
    }

    /// The link stored under `code`, or `nil`.
    public func resolve(_ code: String) -> ShortLink? { lock.withLock { links[code] } }

    /// The stored links, oldest first (then by code); only those of `campaign` when it is given.
    public func list(campaign: String?) -> [ShortLink] {
        lock.withLock { links.values.filter { campaign == nil || $0.campaign == campaign } }
            .sorted { ($0.createdAt, $0.code) < ($1.createdAt, $1.code) }
    }

    /// Totals of the store.
    public func stats() -> LinkStats { Self.stats(of: list(campaign: nil)) }

    /// Adds one click to the link stored under `code`.
    public func recordClick(_ code: String) -> ShortLink? {
        lock.withLock {
            links[code]?.clicks += 1
            return links[code]
        }
    }
}
