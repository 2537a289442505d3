import Foundation
import Testing
@testable import SMSLinks

/// A database path in a fresh temporary folder, removed with its WAL files afterwards.
struct TemporaryDatabase: ~Copyable {
    let folder: URL
    var path: String { folder.appendingPathComponent("links.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, memory
}

@Suite("Link store")
struct LinkStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    func link(_ code: String, _ url: String, campaign: String = "spring", recipient: String? = nil, at offset: TimeInterval = 0) -> ShortLink {
        ShortLink(code: code, url: url, campaign: campaign, recipient: recipient, createdAt: t0.addingTimeInterval(offset),
                  expiresAt: t0.addingTimeInterval(offset + 86_400))
    }

    func withStore(_ kind: StoreKind, _ body: (any LinkStore) throws -> Void) throws {
        switch kind {
        case .memory:
            try body(InMemoryLinkStore())
        case .sqlite:
            let db = try TemporaryDatabase()
            try body(SQLiteLinkStore(path: db.path))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func roundTrip(_ kind: StoreKind) throws {
        try withStore(kind) { (store: any LinkStore) throws in
            let a = link("aaaaaaa", "https://example.com/a", recipient: "+14155550100")
            let b = link("bbbbbbb", "https://example.com/b", at: 1)
            let c = link("ccccccc", "https://example.org/", campaign: "summer", at: 2)
            #expect(try store.claim([a, b, c]) == [a, b, c])
            #expect(try store.resolve("aaaaaaa") == a)
            #expect(try store.resolve("zzzzzzz") == nil)
            #expect(try store.list(campaign: nil) == [a, b, c])
            #expect(try store.list(campaign: "spring") == [a, b])
            #expect(try store.list(campaign: "winter") == [])

            var clicked = b
            clicked.clicks = 2
            _ = try store.recordClick("bbbbbbb")
            #expect(try store.recordClick("bbbbbbb") == clicked)
            #expect(try store.recordClick("zzzzzzz") == nil)
            #expect(try store.stats() == LinkStats(
                links: 3, clicks: 2, clickedLinks: 1,
                campaigns: [.init(campaign: "spring", links: 2, clicks: 2), .init(campaign: "summer", links: 1, clicks: 0)]))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func claimNeverReplaces(_ kind: StoreKind) throws {
        try withStore(kind) { (store: any LinkStore) throws in
            let first = link("aaaaaaa", "https://example.com/a")
            let other = link("aaaaaaa", "https://evil.example.com/", at: 5)
            #expect(try store.claim([first]) == [first])
            #expect(try store.claim([other, first]) == [first, first])
            #expect(try store.list(campaign: nil) == [first])
            #expect(try store.claim([]) == [])
        }
    }

    /// Dates as SQLite's date functions read them (UTC); values from the proleptic Gregorian calendar.
    @Test(arguments: [
        (0.0, "1970-01-01 00:00:00.000"),
        (951_782_400.5, "2000-02-29 00:00:00.500"),
        (1_767_225_599.999, "2025-12-31 23:59:59.999"),
        (-1.0, "1969-12-31 23:59:59.000"),
        (4_107_542_400.0, "2100-03-01 00:00:00.000"),
    ])
    func dateText(_ seconds: Double, _ text: String) {
        #expect(DateTextCache.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func emptyStoreStats() throws {
        let db = try TemporaryDatabase()
        #expect(try SQLiteLinkStore(path: db.path).stats() == LinkStats(links: 0, clicks: 0, clickedLinks: 0, campaigns: []))
    }

    @Test func dataSurvivesReopening() throws {
        let db = try TemporaryDatabase()
        let a = link("aaaaaaa", "https://example.com/a")
        do {
            let store = try SQLiteLinkStore(path: db.path)
            _ = try store.claim([a])
        }
        let reopened = try SQLiteLinkStore(path: db.path)
        #expect(try reopened.resolve("aaaaaaa") == a)
    }

    @Test func unusablePathIsAnError() throws {
        let db = try TemporaryDatabase()
        let missingFolder = db.folder.appendingPathComponent("no/such/folder/links.sqlite").path
        #expect(throws: LinkError.self) { try SQLiteLinkStore(path: missingFolder) }
        let garbage = db.folder.appendingPathComponent("garbage.sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        do throws(LinkError) {
            _ = try SQLiteLinkStore(path: garbage)
            Issue.record("a file that is not a database was accepted")
        } catch {
            #expect(error.code == "link.store_failed")
            #expect(error.message.contains(garbage))
        }
    }

    /// Eight writers, each with its own store on the same file (as separate processes would have),
    /// claim the same 50 links and 50 links of their own, all at once.
    @Test func concurrentWritersOnOneFile() throws {
        let db = try TemporaryDatabase()
        let path = db.path
        _ = try SQLiteLinkStore(path: path)
        let shared = (0..<50).map { link("s\($0)", "https://example.com/shared/\($0)") }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            do {
                let store = try SQLiteLinkStore(path: path)
                let own = (0..<50).map { link("w\(worker)-\($0)", "https://example.com/\(worker)/\($0)") }
                for k in 0..<50 {
                    let got = try store.claim([shared[k], own[k]])
                    if got != [shared[k], own[k]] { failures.add("worker \(worker) got \(got)") }
                }
            } catch {
                failures.add("worker \(worker): \(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let store = try SQLiteLinkStore(path: path)
        #expect(try store.stats().links == 50 + 8 * 50)
    }

    /// Four threads share one store and rewrite the same messages: same codes, one row per link.
    @Test func concurrentRewritesShareCodes() throws {
        let db = try TemporaryDatabase()
        let store = try SQLiteLinkStore(path: db.path)
        let rw = try rewriter()
        let messages = (0..<20).map { "Deal \($0): example.com/deal/\($0) and example.org/x" }
        let results = Results()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for text in messages {
                do {
                    let r = try rw.rewrite(text, links: detector.links(in: text), campaign: "c", store: store)
                    results.add(text, r.text)
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(results.distinctOutputsPerInput == 1)
        #expect(try store.stats().links == 21)
    }
}

/// Thread-safe collectors for the concurrency tests.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [String: Set<String>] = [:]
    func add(_ input: String, _ output: String) { lock.withLock { outputs[input, default: []].insert(output) } }
    var distinctOutputsPerInput: Int { lock.withLock { outputs.values.map(\.count).max() ?? 0 } }
}
