import Foundation
import Hummingbird
import Logging
import Preflight

/// Answers every request: finds the route, checks the method, the token, the content type and the
/// body size, runs the handler, and turns every failure into a JSON error. It never throws, so
/// no request ends without an answer; it counts and logs each one.
struct ServiceResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let handlers: Handlers
    let metrics: Metrics
    let tokens: BearerTokens?
    let limits: ServerConfiguration.Limits

    /// What a handler reports for the access log (never message text, numbers or credentials).
    struct Outcome {
        var verdict: Verdict?
        var codes: [String] = []
        var error: String?
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let route = Route(path: request.uri.path)
        var outcome = Outcome()
        var response: Response
        do {
            response = try await answer(request, route: route, outcome: &outcome)
        } catch let error as APIError {
            outcome.error = error.code
            response = error.response
        } catch {
            outcome.error = "internal"
            context.logger.error("handler failed", metadata: ["error.type": "\(type(of: error))"])
            response = APIError.internal(error).response
        }
        if request.method == .head {
            // RFC 9110 §9.3.2: the answer of GET without its content (health checks use HEAD).
            response.body = ResponseBody()
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let status = response.status.code
        metrics.record(route: route?.path ?? "unmatched", method: Self.methodLabel(request.method), status: status, seconds: seconds)
        let level: Logger.Level = status >= 500 ? .error : status >= 400 ? .info : .debug
        context.logger.log(level: level, "request", metadata: {
            var metadata: Logger.Metadata = [
                "http.method": "\(request.method.rawValue)",
                "http.route": "\(route?.path ?? "unmatched")",
                "http.status": "\(status)",
                "duration_ms": "\(String(format: "%.3f", seconds * 1000))",
            ]
            if route == nil { metadata["http.path"] = "\(Route.shown(request.uri.path))" }
            if let verdict = outcome.verdict { metadata["verdict"] = "\(verdict.rawValue)" }
            if !outcome.codes.isEmpty { metadata["codes"] = "\(outcome.codes.joined(separator: ","))" }
            if let error = outcome.error { metadata["error.code"] = "\(error)" }
            return metadata
        }())
        return response
    }

    /// The method as a metrics label: the standard ones by name, any other as `other` (clients
    /// must not be able to grow the label set).
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .post, .put, .delete, .patch, .head, .options: method.rawValue
        default: "other"
        }
    }

    /// Routing, method, token and content type, then the handler.
    func answer(_ request: Request, route: Route?, outcome: inout Outcome) async throws -> Response {
        guard let route else { throw APIError.notFound(request.uri.path) }
        guard request.method == route.method || (request.method == .head && route.method == .get) else {
            throw APIError.methodNotAllowed(request.method.rawValue, route: route)
        }
        if route.needsToken, let tokens {
            try authorize(request, tokens: tokens)
        }
        var body = ByteBuffer()
        if let type = route.bodyType {
            guard let contentType = Self.header(.contentType, in: request.headers) else { throw APIError.unsupportedMediaType(nil, expected: type.mediaType) }
            guard type.accepts(contentType) else { throw APIError.unsupportedMediaType(contentType, expected: type.mediaType) }
            if type == .json {
                body = try await collect(request.body, declaredLength: Self.header(.contentLength, in: request.headers))
            }
        }
        switch route {
        case .playground:
            var page = Response.text(handlers.playground, contentType: "text/html; charset=utf-8")
            page.headers[.contentSecurityPolicy] =
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
            return page
        case .openAPI: return Response.text(handlers.openAPI, contentType: "application/yaml; charset=utf-8")
        case .health: return handlers.health()
        case .metrics: return handlers.metrics(metrics)
        case .check: return try handlers.check(body, outcome: &outcome, metrics: metrics)
        case .inspect: return try handlers.inspect(body)
        case .render: return try handlers.render(body)
        case .payload: return try handlers.payload(body, outcome: &outcome, metrics: metrics)
        case .providers: return handlers.providers()
        case .estimate: return try await handlers.estimate(request)
        case .rules: return handlers.rules()
        case .reload: return try handlers.reload(metrics: metrics)
        }
    }

    /// A header's value, its values joined with ", " when it comes more than once (what the
    /// `HTTPFields` subscript gives), without that subscript's lazily joined sequence for the
    /// usual single value.
    static func header(_ name: HTTPFields.Element.Name, in fields: HTTPFields) -> String? {
        var value: String?
        for field in fields where field.name == name {
            value = value.map { $0 + ", " + field.value } ?? field.value
        }
        return value
    }

    /// Throws unless the request carries one of the tokens.
    func authorize(_ request: Request, tokens: BearerTokens) throws(APIError) {
        guard let header = Self.header(.authorization, in: request.headers) else { throw APIError.unauthorized }
        guard let token = BearerTokens.token(fromAuthorization: Substring(header)) else { throw APIError.unauthorized }
        guard tokens.accepts(token.utf8) else { throw APIError.invalidToken }
    }

    /// The whole body, refused when it is larger than the limit (by its declared length before
    /// reading anything) or arrives slower than the request timeout.
    func collect(_ body: RequestBody, declaredLength: String?) async throws -> ByteBuffer {
        let limit = limits.bodyBytes
        if let declaredLength, let length = Int(declaredLength), length > limit { throw APIError.bodyTooLarge(limit: limit) }
        let deadline = ContinuousClock.now + limits.requestTimeout
        var collected = ByteBuffer()
        do {
            for try await var chunk in body {
                guard collected.readableBytes + chunk.readableBytes <= limit else { throw APIError.bodyTooLarge(limit: limit) }
                collected.writeBuffer(&chunk)
                if ContinuousClock.now > deadline { throw APIError.bodyTimeout(Int(limits.requestTimeout.components.seconds)) }
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: 400, code: "body_unreadable", message: "the body could not be read", fix: "send the body again")
        }
        return collected
    }
}
