import Foundation
import Testing

@Suite("preflight links")
struct LinksCommandTests {
    @Test func checkStoresCodesThatLinksResolves() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString).sqlite").path
        let request = try CLI.temporaryFile(Array(#"""
            {"to": "+447400123456", "body": "Reset: https://accounts.example.com/reset?t=1", "clickTracking": true,
             "campaignRef": "c1", "account": {"linkDomain": "go.example.com"}}
            """#.utf8))
        let first = try CLI.run(["check", request, "--links-db", db, "--format", "json"])
        #expect(first.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let link = try #require((object["links"] as? [[String: Any]])?.first)
        let code = try #require(link["code"] as? String)
        #expect(link["shortUrl"] as? String == "https://go.example.com/\(code)")
        _ = try CLI.run(["check", request, "--links-db", db])  // again: same code, no new row

        let resolve = try CLI.run(["links", "resolve", code, "--links-db", db])
        #expect(resolve.status == 0)
        #expect(resolve.stdout == "https://accounts.example.com/reset?t=1\n")
        let list = try CLI.run(["links", "list", "--campaign", "c1", "--links-db", db, "--format", "json"])
        let rows = try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let stats = try CLI.run(["links", "stats", "--links-db", db, "--format", "json"])
        let counts = try #require(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(counts["links"] as? Int == 1)
        #expect(counts["clicks"] as? Int == 0)
        let unknown = try CLI.run(["links", "resolve", "nope123", "--links-db", db])
        #expect(unknown.status == 1)
    }

    @Test func withoutAStoreItIsAUsageError() throws {
        let r = try CLI.run(["links", "stats"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--links-db"))
    }
}
