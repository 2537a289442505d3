import Foundation
import Hummingbird
import Preflight

/// An error answered to an HTTP client as `{"error": {"code", "message", "fix"}}` with a 4xx or 5xx status.
///
/// `code` is a stable, machine-readable name (`malformed_json`, `body_too_large`, …); `message`
/// says what is wrong and `fix` what to do about it. Rule-file errors add `diagnostics`.
struct APIError: Error, Sendable, Hashable {
    /// The HTTP status code.
    var status: Int
    /// The stable error name.
    var code: String
    /// What is wrong.
    var message: String
    /// How to fix it.
    var fix: String
    /// Positioned findings behind the error (rule or template files that do not load).
    var diagnostics: [Diagnostic] = []
    /// The `Allow` header of a 405.
    var allow: String?
    /// The `WWW-Authenticate` header of a 401.
    var challenge: String?

    /// Creates an error.
    init(status: Int, code: String, message: String, fix: String, diagnostics: [Diagnostic] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.fix = fix
        self.diagnostics = diagnostics
    }

    /// The JSON body.
    var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.field("code", code)
        w.field("message", message)
        w.field("fix", fix)
        if !diagnostics.isEmpty {
            w.key("diagnostics")
            diagnostics.writeJSON(into: &w)
        }
        w.endObject()
        w.endObject()
        return w.string
    }

    /// The HTTP response.
    var response: Response {
        var response = Response.json(json, status: status)
        if let allow { response.headers[.allow] = allow }
        if let challenge { response.headers[.wwwAuthenticate] = challenge }
        return response
    }
}

extension APIError {
    static func notFound(_ path: String) -> APIError {
        APIError(
            status: 404, code: "not_found", message: "no route for \(Route.shown(path))",
            fix: "see GET /openapi.yaml for the routes: \(Route.allCases.map(\.path).joined(separator: ", "))")
    }

    static func methodNotAllowed(_ method: String, route: Route) -> APIError {
        var error = APIError(
            status: 405, code: "method_not_allowed", message: "\(route.path) does not take \(method)",
            fix: "use \(route.method.rawValue) \(route.path)")
        error.allow = route.method == .get ? "GET, HEAD" : route.method.rawValue
        return error
    }

    static func unsupportedMediaType(_ given: String?, expected: String) -> APIError {
        APIError(
            status: 415, code: "unsupported_media_type",
            message: given.map { "the body is \(Route.shown($0)), not \(expected)" } ?? "the request has no Content-Type",
            fix: "send the body with Content-Type: \(expected)")
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            status: 413, code: "body_too_large", message: "the body is larger than \(limit) bytes",
            fix: "send at most \(limit) bytes (the server's --body-limit)")
    }

    static func bodyTimeout(_ seconds: Int) -> APIError {
        APIError(
            status: 408, code: "request_timeout", message: "the body did not arrive within \(seconds) seconds",
            fix: "send the whole body at once, or raise the server's --request-timeout")
    }

    static func malformedJSON(_ detail: String) -> APIError {
        APIError(status: 400, code: "malformed_json", message: "the body is not valid JSON: \(detail)", fix: "send one JSON object")
    }

    static func invalidRequest(_ message: String, fix: String) -> APIError {
        APIError(status: 422, code: "invalid_request", message: message, fix: fix)
    }

    static var unauthorized: APIError {
        var error = APIError(
            status: 401, code: "unauthorized", message: "this server needs a bearer token",
            fix: "send Authorization: Bearer <token> with a token from the server's --token-file")
        error.challenge = "Bearer realm=\"preflight\""
        return error
    }

    static var invalidToken: APIError {
        var error = APIError(
            status: 401, code: "invalid_token", message: "the bearer token is not one this server accepts",
            fix: "use a token listed in the server's --token-file (reload the server after changing the file)")
        error.challenge = "Bearer realm=\"preflight\", error=\"invalid_token\""
        return error
    }

    static func `internal`(_ error: any Error) -> APIError {
        APIError(
            status: 500, code: "internal", message: "the server could not answer: \(type(of: error))",
            fix: "retry; if it persists, report it with the server log's request id")
    }
}

extension Response {
    /// A JSON response.
    static func json(_ text: String, status: Int = 200) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A response with a body of the given media type.
    static func text(_ text: String, contentType: String, status: Int = 200) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
