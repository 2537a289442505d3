import Foundation
import Hummingbird
import Testing

@testable import PreflightServer

/// Bearer tokens (RFC 6750): read from a file, compared in constant time, 401 with a challenge.
@Suite("Authentication")
struct AuthTests {
    static let token = "3f9a0c5e7b2d4f6a8c1e3b5d7f9a1c3e"
    static let other = "0123456789abcdef0123456789abcdef"

    @Test func tokenFileSkipsCommentsAndBlankLines() async throws {
        try await withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("tokens")
            try "# service A\n\n  \(Self.token)  \n# service B\n\(Self.other)\n".write(to: file, atomically: true, encoding: .utf8)
            let tokens = try BearerTokens(contentsOf: file.path)
            #expect(tokens.count == 2)
            #expect(tokens.accepts(Array(Self.token.utf8)))
            #expect(tokens.accepts(Array(Self.other.utf8)))
            #expect(!tokens.accepts(Array("# service A".utf8)))
            // The description never shows a token (configurations end up in debug logs).
            #expect("\(tokens)" == "BearerTokens(2 tokens)")
            #expect(!"\(ServerConfiguration())".contains(Self.token))
        }
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var id: String
        var content: String
        var message: String
        var testDescription: String { id }
    }

    static let badFiles: [BadFile] = [
        BadFile(id: "empty", content: "", message: "no token"),
        BadFile(id: "comments only", content: "# nothing\n", message: "no token"),
        BadFile(id: "short", content: "short\n", message: "16 to 4096"),
        BadFile(id: "space inside", content: "abcdefgh ijklmnopq\n", message: "printable ASCII"),
        BadFile(id: "non-ASCII", content: "päßwörtpäßwörtpäßwört\n", message: "printable ASCII"),
    ]

    @Test(arguments: badFiles)
    func badTokenFiles(_ c: BadFile) async throws {
        try await withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("tokens")
            try c.content.write(to: file, atomically: true, encoding: .utf8)
            #expect { try BearerTokens(contentsOf: file.path) } throws: { error in
                (error as? TokenFileError)?.message.contains(c.message) == true
            }
        }
        #expect(throws: TokenFileError.self) { try BearerTokens(contentsOf: "/nonexistent/tokens") }
    }

    struct EqualityCase: Sendable, CustomTestStringConvertible {
        var a: String
        var b: String
        var equal: Bool
        var testDescription: String { "\(a) vs \(b)" }
    }

    @Test(arguments: [
        EqualityCase(a: "abc", b: "abc", equal: true),
        EqualityCase(a: "abc", b: "abd", equal: false),
        EqualityCase(a: "abc", b: "abcd", equal: false),
        EqualityCase(a: "abcd", b: "abc", equal: false),
        EqualityCase(a: "", b: "a", equal: false),
        EqualityCase(a: "", b: "", equal: true),
        // A prefix padded with the byte the comparison pads with must still differ.
        EqualityCase(a: "ab", b: "ab\u{7F}", equal: false),
    ])
    func constantTimeComparison(_ c: EqualityCase) {
        #expect(BearerTokens.constantTimeEqual(Array(c.a.utf8), Array(c.b.utf8)) == (c.equal ? 1 : 0))
    }

    @Test func protectedRoutesNeedAToken() async throws {
        try await TestServer { $0.tokens = try! BearerTokens([Self.token]) }.run { session in
            let check = #"{"to": "+447400123456", "body": "hi", "scheduledAt": "\#(noon)"}"#
            let missing = try await session.call(.post, "/v1/check", json: check)
            #expect(missing.status == 401)
            #expect(missing.errorCode == "unauthorized")
            #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrong = try await session.call(.post, "/v1/check", json: check, token: Self.other)
            #expect(wrong.status == 401)
            #expect(wrong.errorCode == "invalid_token")
            #expect(wrong.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            let basic = try await session.call(.get, "/metrics", headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(basic.status == 401)
            #expect(try await session.call(.post, "/v1/check", json: check, token: Self.token).status == 200)
            #expect(try await session.call(.get, "/v1/rules", token: Self.token).status == 200)
            #expect(try await session.call(.post, "/v1/reload", token: Self.token).status == 200)
            #expect(try await session.call(.get, "/metrics", token: Self.token).status == 200)
            for route in Route.allCases where route.needsToken {
                let reply = try await session.call(route.method, route.path, json: route.method == .post ? "{}" : nil)
                #expect(reply.status == 401, "\(route.path)")
            }
            // The page, the document and the health check stay open.
            for path in ["/", "/openapi.yaml", "/healthz"] {
                #expect(try await session.call(.get, path).status == 200, "\(path)")
            }
            // The token is checked before the body is read: a wrong token never reaches the parser.
            #expect(try await session.call(.post, "/v1/check", json: "{{{", token: Self.other).status == 401)
        }
    }
}
