import Foundation
import Preflight
import ServiceLifecycle
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import PreflightServer

/// Rules compiled once, reloaded atomically; a broken file keeps the old rules and says why.
@Suite("Reload")
struct ReloadTests {
    static let maskRequest = #"{"to": "+447400123456", "senderMask": "Acme1234", "body": "Your code is 482913", "category": "otp", "scheduledAt": "\#(noon)"}"#

    static func writeCountries(_ dir: URL, maxLength: Int) throws {
        try "version: 1\ncountries:\n  GB:\n    sender:\n      maxLength: \(maxLength)\n"
            .write(to: dir.appendingPathComponent("countries.yaml"), atomically: true, encoding: .utf8)
    }

    static func codes(_ reply: Reply) -> [String] {
        reply.json["diagnostics"]?.array?.compactMap { $0["code"]?.string } ?? []
    }

    @Test func reloadSwapsTheRulesAndABrokenFileKeepsThem() async throws {
        try await withTemporaryDirectory { dir in
            try Self.writeCountries(dir, maxLength: 11)
            try await TestServer { $0.rulesDirectory = dir.path }.run { session in
                // "Acme1234" has 8 characters: within 11.
                #expect(!Self.codes(try await session.call(.post, "/v1/check", json: Self.maskRequest)).contains("sender.mask_too_long"))
                // A valid change: GB sender IDs of at most 6 characters.
                try Self.writeCountries(dir, maxLength: 6)
                let reloaded = try await session.call(.post, "/v1/reload")
                #expect(reloaded.status == 200)
                #expect(reloaded.json["generation"]?.int == 2)
                #expect(Self.codes(try await session.call(.post, "/v1/check", json: Self.maskRequest)).contains("sender.mask_too_long"))
                #expect(try await session.call(.get, "/v1/rules").json["countries"]?["GB"]?["sender"]?["maxLength"]?.int == 6)
                // A broken file: YAML that does not parse, and a value out of range on line 5.
                try "version: 1\ncountries:\n  GB:\n    sender:\n      maxLength: 40\n".write(
                    to: dir.appendingPathComponent("countries.yaml"), atomically: true, encoding: .utf8)
                let failed = try await session.call(.post, "/v1/reload")
                #expect(failed.status == 422)
                #expect(failed.errorCode == "rules_invalid")
                let problem = try #require(failed.json["error"]?["diagnostics"]?[0])
                #expect(problem["code"]?.string == "rules.invalid")
                #expect(problem["file"]?.string?.hasSuffix("countries.yaml") == true)
                #expect(problem["line"]?.int == 5)
                // The old rules (generation 2, at most 6 characters) stay in force.
                #expect(try await session.call(.get, "/healthz").json["generation"]?.int == 2)
                #expect(Self.codes(try await session.call(.post, "/v1/check", json: Self.maskRequest)).contains("sender.mask_too_long"))
                let metrics = try await session.call(.get, "/metrics").text
                #expect(metrics.contains("preflight_rules_reloads_total{result=\"failed\"} 1"))
                #expect(metrics.contains("preflight_rules_reloads_total{result=\"ok\"} 1"))
                #expect(metrics.contains("preflight_rules_generation 2"))
            }
        }
    }

    @Test func templatesAreCompiledAtLoadAndABrokenOneFailsTheReload() async throws {
        try await withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("hello.sms")
            try "Hello <<name>>".write(to: file, atomically: true, encoding: .utf8)
            try await TestServer { $0.templatesDirectory = dir.path }.run { session in
                let render = try await session.call(.post, "/v1/render", json: #"{"template": "hello.sms", "variables": {"name": "Ana"}}"#)
                #expect(render.json["text"]?.string == "Hello Ana")
                // An edit on disk changes nothing until a reload: the template was compiled at start.
                try "Goodbye <<name>>".write(to: file, atomically: true, encoding: .utf8)
                let check = #"{"to": "+447400123456", "template": "hello.sms", "variables": {"name": "Ana"}, "scheduledAt": "\#(noon)"}"#
                #expect(try await session.call(.post, "/v1/check", json: check).json["text"]?.string == "Hello Ana")
                #expect(try await session.call(.post, "/v1/reload").status == 200)
                #expect(try await session.call(.post, "/v1/check", json: check).json["text"]?.string == "Goodbye Ana")
                // A template that does not compile: the reload fails with its position, the old ones stay.
                try "Hi <<name | shout>>".write(to: file, atomically: true, encoding: .utf8)
                let failed = try await session.call(.post, "/v1/reload")
                #expect(failed.status == 422)
                #expect(failed.json["error"]?["diagnostics"]?[0]?["code"]?.string == "template.unknown_filter")
                #expect(try await session.call(.post, "/v1/check", json: check).json["text"]?.string == "Goodbye Ana")
            }
        }
    }

    @Test func aBrokenRulesDirectoryStopsTheStart() async throws {
        try await withTemporaryDirectory { dir in
            try "version: 1\ncountries: [\n".write(to: dir.appendingPathComponent("countries.yaml"), atomically: true, encoding: .utf8)
            var configuration = ServerConfiguration()
            configuration.rulesDirectory = dir.path
            #expect { try PreflightServer(configuration: configuration, logger: TestServer.quiet) } throws: { error in
                (error as? LoadError)?.diagnostics.first?.code == "rules.invalid"
            }
            configuration.rulesDirectory = dir.appendingPathComponent("missing").path
            #expect(throws: LoadError.self) { try PreflightServer(configuration: configuration, logger: TestServer.quiet) }
        }
    }

    /// SIGHUP reloads (the reloader traps it; a signal that comes before is ignored, not fatal).
    @Test func hangupReloads() async throws {
        signal(SIGHUP, SIG_IGN)
        let server = try PreflightServer(configuration: ServerConfiguration(), logger: TestServer.quiet)
        let group = ServiceGroup(configuration: .init(services: [HangupReloader(server: server)], logger: TestServer.quiet))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for _ in 0..<100 where server.generation == 1 {
                kill(getpid(), SIGHUP)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(server.generation >= 2)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
