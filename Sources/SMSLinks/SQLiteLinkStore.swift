import Foundation
import GRDB

/// The embedded link store: one SQLite file, through GRDB.
///
/// The store creates and migrates its own schema (table `short_link`: `code` primary key, `url`,
/// `campaign`, `recipient`, `created_at`, `expires_at`, `clicks`) with GRDB's `DatabaseMigrator`,
/// so any file path works, new or old. The database runs in WAL mode with `synchronous=NORMAL`
/// (committed links survive a crash of the program; a power loss may undo the last ones) and a
/// 10-second busy timeout, so several threads and several processes can write at once:
/// ``claim(_:)`` runs `INSERT … ON CONFLICT(code) DO NOTHING` and reads the row back in one
/// immediate transaction, so a code is never stored twice and never replaced.
///
/// Dates are stored as UTC text with millisecond precision, `2026-01-01 09:30:00.000` (the format
/// of GRDB and of SQLite's date functions).
public final class SQLiteLinkStore: LinkStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (and creates or migrates, when needed) the store at `path`.
    /// - Throws: ``LinkError/store(_:)`` when the file cannot be opened or migrated.
    public init(path: String) throws(LinkError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "SMSLinks.SQLiteLinkStore"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw .store("cannot open \(path): \(Self.describe(error))")
        }
        try Self.migrate(pool, path: path)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: short_link") { db in
            try db.create(table: "short_link") { t in
                t.primaryKey("code", .text)
                t.column("url", .text).notNull()
                t.column("campaign", .text).notNull()
                t.column("recipient", .text)
                t.column("created_at", .datetime).notNull()
                t.column("expires_at", .datetime)
                t.column("clicks", .integer).notNull().defaults(to: 0)
            }
            try db.create(index: "short_link_campaign", on: "short_link", columns: ["campaign", "created_at"])
        }
        return migrator
    }

    private static func migrate(_ pool: DatabasePool, path: String) throws(LinkError) {
        let migrator = migrator
        do {
            try migrator.migrate(pool)
        } catch {
            // Another process may have applied the same migration between GRDB's check and ours
            // (the loser's CREATE TABLE then fails); that is success.
            let done = (try? pool.read { try migrator.hasCompletedMigrations($0) }) ?? false
            if !done { throw .store("cannot migrate \(path): \(describe(error))") }
        }
    }

    private static let columns = "code, url, campaign, recipient, created_at, expires_at, clicks"

    /// Stores each link whose code is free; see ``LinkStore/claim(_:)``.
    public func claim(_ links: [ShortLink]) throws(LinkError) -> [ShortLink] {
        if links.isEmpty { return [] }
        return try access("write") {
            try pool.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO short_link (code, url, campaign, recipient, created_at, expires_at, clicks)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO NOTHING
                    """)
                let select = try db.cachedStatement(sql: "SELECT \(Self.columns) FROM short_link WHERE code = ?")
                var dates = DateTextCache()
                return try links.map { link in
                    try insert.execute(arguments: [
                        link.code, link.url, link.campaign, link.recipient, dates.text(link.createdAt),
                        link.expiresAt.map { dates.text($0) }, link.clicks,
                    ])
                    if db.changesCount == 1 { return link }
                    guard let row = try Row.fetchOne(select, arguments: [link.code]) else { return link }
                    return try Self.link(row)
                }
            }
        }
    }

    /// The link stored under `code`, or `nil`.
    public func resolve(_ code: String) throws(LinkError) -> ShortLink? {
        try access("read") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM short_link WHERE code = ?", arguments: [code])
                    .map { try Self.link($0) }
            }
        }
    }

    /// The stored links, oldest first (then by code); only those of `campaign` when it is given.
    public func list(campaign: String?) throws(LinkError) -> [ShortLink] {
        try access("read") {
            try pool.read { db in
                let rows: [Row]
                if let campaign {
                    rows = try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns) FROM short_link WHERE campaign = ? ORDER BY created_at, code",
                        arguments: [campaign])
                } else {
                    rows = try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM short_link ORDER BY created_at, code")
                }
                return try rows.map { try Self.link($0) }
            }
        }
    }

    /// Totals of the store.
    public func stats() throws(LinkError) -> LinkStats {
        try access("read") {
            try pool.read { db in
                let total = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*), COALESCE(SUM(clicks), 0), COUNT(CASE WHEN clicks > 0 THEN 1 END) FROM short_link
                    """)
                let campaigns = try Row.fetchAll(db, sql: """
                    SELECT campaign, COUNT(*), COALESCE(SUM(clicks), 0) FROM short_link GROUP BY campaign ORDER BY campaign
                    """)
                return try LinkStats(
                    links: total?.decode(atIndex: 0) ?? 0, clicks: total?.decode(atIndex: 1) ?? 0,
                    clickedLinks: total?.decode(atIndex: 2) ?? 0,
                    campaigns: campaigns.map {
                        try LinkStats.Campaign(campaign: $0.decode(atIndex: 0), links: $0.decode(atIndex: 1), clicks: $0.decode(atIndex: 2))
                    })
            }
        }
    }

    /// Adds one click to the link stored under `code`.
    public func recordClick(_ code: String) throws(LinkError) -> ShortLink? {
        try access("write") {
            try pool.write { db in
                try db.execute(sql: "UPDATE short_link SET clicks = clicks + 1 WHERE code = ?", arguments: [code])
                return try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM short_link WHERE code = ?", arguments: [code])
                    .map { try Self.link($0) }
            }
        }
    }

    /// A row as a link; a value of the wrong type (a file edited by hand) is an error, not a crash.
    private static func link(_ row: Row) throws -> ShortLink {
        try ShortLink(
            code: row.decode(forColumn: "code"), url: row.decode(forColumn: "url"),
            campaign: row.decode(forColumn: "campaign"), recipient: row.decode(forColumn: "recipient"),
            createdAt: row.decode(forColumn: "created_at"), expiresAt: row.decode(forColumn: "expires_at"),
            clicks: row.decode(forColumn: "clicks"))
    }

    private func access<T>(_ what: String, _ body: () throws -> T) throws(LinkError) -> T {
        do {
            return try body()
        } catch {
            throw .store("cannot \(what) \(path): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? db.description }
        return "\(error)"
    }
}

/// Formats dates as `yyyy-MM-dd HH:mm:ss.SSS` in UTC, remembering the last one (a batch shares its
/// dates). Written out because `DateFormatter` took an eighth of the time of a batch insert.
struct DateTextCache {
    private var last: (date: Date, text: String)?

    mutating func text(_ date: Date) -> String {
        if let last, last.date == date { return last.text }
        let text = Self.format(date)
        last = (date, text)
        return text
    }

    /// The proleptic Gregorian date and UTC time of `date`, milliseconds rounded down.
    static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        // Civil date from days since 1970-01-01 (H. Hinnant's days-to-civil algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(msOfDay / 3_600_000, 2)):"
            + "\(pad(msOfDay / 60000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))"
    }
}
