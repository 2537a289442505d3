import Foundation
import Hummingbird
import Testing

@testable import PreflightServer

/// Bad requests get `{"error": {"code", "message", "fix"}}` with the right 4xx (RFC 9110 §15.5),
/// and the server keeps answering.
@Suite("Errors")
struct ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var method: HTTPRequest.Method = .post
        var path: String = "/v1/check"
        var body: String?
        var contentType: String? = "application/json"
        var status: Int
        var code: String
        /// Words the message must contain.
        var message: String = ""
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "unknown route", method: .get, path: "/v2/check", contentType: nil, status: 404, code: "not_found", message: "/v2/check"),
        Case(id: "trailing slash is another path", method: .get, path: "/healthz/", contentType: nil, status: 404, code: "not_found"),
        Case(id: "GET on a POST route", method: .get, contentType: nil, status: 405, code: "method_not_allowed", message: "does not take GET"),
        Case(id: "DELETE on a GET route", method: .delete, path: "/v1/rules", contentType: nil, status: 405, code: "method_not_allowed"),
        Case(id: "no content type", body: "{}", contentType: nil, status: 415, code: "unsupported_media_type", message: "no Content-Type"),
        Case(id: "form content type", body: "to=1", contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type"),
        Case(id: "text/plain on inspect", path: "/v1/inspect", body: #"{"text": "hi"}"#, contentType: "text/plain", status: 415, code: "unsupported_media_type"),
        Case(id: "JSON with charset is fine, empty body is not", body: "", contentType: "application/json; charset=utf-8", status: 400, code: "malformed_json", message: "empty"),
        Case(id: "cut-short object", body: #"{"to": "+447400123456","#, status: 400, code: "malformed_json", message: "end of file"),
        Case(id: "single quotes", body: "{'to': 1}", status: 400, code: "malformed_json"),
        Case(id: "trailing garbage", body: #"{"to": "1"}}"#, status: 400, code: "malformed_json"),
        Case(id: "a JSON string, not an object", body: #""hello""#, status: 422, code: "invalid_request"),
        Case(id: "missing to", body: #"{"body": "hi"}"#, status: 422, code: "invalid_request", message: "`to`"),
        Case(id: "unknown field", body: #"{"to": "+447400123456", "body": "hi", "sender": "x"}"#, status: 422, code: "invalid_request", message: "sender"),
        Case(id: "wrong type", body: #"{"to": "+447400123456", "body": 5}"#, status: 422, code: "invalid_request", message: "body"),
        Case(id: "template the server does not have", body: #"{"to": "+447400123456", "template": "../../etc/passwd"}"#, status: 422, code: "unknown_template"),
        Case(id: "inspect without text", path: "/v1/inspect", body: "{}", status: 422, code: "invalid_request", message: "`text`"),
        Case(id: "inspect unknown shift language", path: "/v1/inspect", body: #"{"text": "a", "shift": "xx"}"#, status: 422, code: "invalid_request", message: "shift"),
        Case(id: "inspect smart level", path: "/v1/inspect", body: #"{"text": "a", "smart": "max"}"#, status: 422, code: "invalid_request", message: "smart"),
        Case(id: "render with both sources", path: "/v1/render", body: #"{"template": "a.sms", "templateSource": "b"}"#, status: 422, code: "invalid_request"),
        Case(id: "render unknown locale", path: "/v1/render", body: #"{"templateSource": "b", "locale": "xx_YY"}"#, status: 422, code: "invalid_request", message: "locale"),
        Case(id: "render unknown time zone", path: "/v1/render", body: #"{"templateSource": "b", "timeZone": "Mars/Base"}"#, status: 422, code: "invalid_request", message: "time zone"),
    ]

    @Test(arguments: cases)
    func answers(_ c: Case) async throws {
        try await TestServer().run { session in
            let reply = try await session.call(c.method, c.path, body: c.body, contentType: c.contentType)
            #expect(reply.status == c.status, "\(reply)")
            #expect(reply.errorCode == c.code, "\(reply)")
            #expect(c.message.isEmpty || reply.json["error"]?["message"]?.string?.contains(c.message) == true, "\(reply)")
            if c.status == 405 { #expect(reply.headers[.allow] != nil) }
            // The server still answers on the same connection.
            #expect(try await session.call(.get, "/healthz").status == 200)
        }
    }

    /// HEAD is GET without the content (RFC 9110 §9.3.2) on every GET route, and is refused on POST routes.
    @Test func headAnswersLikeGetWithoutContent() async throws {
        try await TestServer().run { session in
            for path in ["/healthz", "/v1/rules", "/v1/providers", "/openapi.yaml", "/metrics", "/"] {
                let get = try await session.call(.get, path)
                let head = try await session.call(.head, path)
                #expect(head.status == get.status, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                #expect(head.text.isEmpty, "\(path)")
            }
            let refused = try await session.call(.head, "/v1/check")
            #expect(refused.status == 405)
            #expect(refused.headers[.allow] == "POST")
            #expect(try await session.call(.delete, "/healthz").headers[.allow] == "GET, HEAD")
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await TestServer { $0.limits.bodyBytes = 4096 }.run { session in
            let text = String(repeating: "a", count: 5000)
            let reply = try await session.call(.post, "/v1/inspect", json: #"{"text": "\#(text)"}"#)
            #expect(reply.status == 413)
            #expect(reply.errorCode == "body_too_large")
            // Just under the limit is fine.
            let fits = String(repeating: "a", count: 4000)
            #expect(try await session.call(.post, "/v1/inspect", json: #"{"text": "\#(fits)"}"#).status == 200)
        }
    }

    @Test func defaultLimitIsOneMebibyte() async throws {
        #expect(ServerConfiguration().limits.bodyBytes == 1_048_576)
        try await TestServer().run { session in
            let over = try await session.call(.post, "/v1/check", json: String(repeating: " ", count: 1_048_577))
            #expect(over.status == 413)
        }
    }

    /// Many malformed and hostile bodies: always a 4xx JSON error or a 200, never a dropped connection.
    @Test func neverCrashes() async throws {
        let bodies = [
            "{", "}", "[]", "null", "true", "0", "\u{0}", String(repeating: "[", count: 10_000), String(repeating: "{\"a\":", count: 5_000),
            #"{"to": []}"#, #"{"to": [""], "body": ""}"#, #"{"to": "+", "body": "\u0000"}"#, #"{"to": "\ud800", "body": "x"}"#,
            #"{"to": "+447400123456", "templateSource": "<<"}"#, #"{"to": "+447400123456", "body": "x", "scheduledAt": "never"}"#,
            #"{"to": "+447400123456", "body": "x", "clickTracking": true}"#, #"{"to": "+447400123456", "body": "x", "variables": {"a": [1, {"b": null}]}}"#,
        ]
        try await TestServer().run { session in
            for path in ["/v1/check", "/v1/inspect", "/v1/render"] {
                for body in bodies {
                    let reply = try await session.call(.post, path, json: body)
                    #expect(reply.status == 200 || (400..<500).contains(reply.status), "\(path) \(body.prefix(40)): \(reply)")
                }
            }
        }
    }
}

/// Content types the JSON and CSV routes take (RFC 9110 §8.3: case-insensitive type, parameters).
@Suite("Content types")
struct ContentTypeTests {
    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("Application/JSON", true),
        (" application/json ;charset=UTF-8", true), ("application/merge-patch+json", true),
        ("text/json", false), ("application/jsonx", false), ("application/x-www-form-urlencoded", false), ("", false),
    ])
    func json(_ header: String, _ accepted: Bool) {
        #expect(BodyType.json.accepts(header) == accepted)
    }

    @Test(arguments: [("text/csv", true), ("text/csv; header=present", true), ("application/csv", true), ("text/plain", false)])
    func csv(_ header: String, _ accepted: Bool) {
        #expect(BodyType.csv.accepts(header) == accepted)
    }

    /// The responder reads a header as the `HTTPFields` subscript does: absent, once, or repeated
    /// (joined with ", ", so two content types are refused like any unknown one).
    @Test func headerValues() {
        let cases: [HTTPFields] = [
            [:],
            [.contentType: "application/json"],
            [.userAgent: "x", .contentLength: "12", .contentType: "text/csv"],
            HTTPFields([HTTPFields.Element(name: .contentType, value: "application/json"), HTTPFields.Element(name: .userAgent, value: "x"),
                        HTTPFields.Element(name: .contentType, value: "text/csv")]),
        ]
        for fields in cases {
            for name in [HTTPFields.Element.Name.contentType, .contentLength, .authorization] {
                #expect(ServiceResponder.header(name, in: fields) == fields[name], "\(name) in \(fields)")
            }
        }
        let twice = cases[3]
        #expect(ServiceResponder.header(.contentType, in: twice) == "application/json, text/csv")
        #expect(!BodyType.json.accepts("application/json, text/csv"))
    }
}
