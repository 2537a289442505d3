import Foundation
import Hummingbird

/// The routes of the service: one path, one method each (the OpenAPI document lists the same).
enum Route: String, Sendable, CaseIterable {
    /// `GET /`: the playground page.
    case playground
    /// `GET /openapi.yaml`: the OpenAPI 3.1 document.
    case openAPI
    /// `GET /healthz`: liveness.
    case health
    /// `GET /metrics`: Prometheus text format.
    case metrics
    /// `POST /v1/check`: the pre-send check of a send request.
    case check
    /// `POST /v1/inspect`: encoding and parts of a text.
    case inspect
    /// `POST /v1/render`: render a template.
    case render
    /// `POST /v1/payload`: check a send request and build the provider's HTTP requests.
    case payload
    /// `GET /v1/providers`: the provider definitions.
    case providers
    /// `POST /v1/estimate`: a recipient CSV, streamed; the campaign's recipients, parts and cost.
    case estimate
    /// `GET /v1/rules`: the rules in force.
    case rules
    /// `POST /v1/reload`: reload rules and templates.
    case reload

    /// The URL path.
    var path: String {
        switch self {
        case .playground: "/"
        case .openAPI: "/openapi.yaml"
        case .health: "/healthz"
        case .metrics: "/metrics"
        case .check: "/v1/check"
        case .inspect: "/v1/inspect"
        case .render: "/v1/render"
        case .payload: "/v1/payload"
        case .providers: "/v1/providers"
        case .estimate: "/v1/estimate"
        case .rules: "/v1/rules"
        case .reload: "/v1/reload"
        }
    }

    /// The HTTP method.
    var method: HTTPRequest.Method {
        switch self {
        case .check, .inspect, .render, .payload, .estimate, .reload: .post
        case .playground, .openAPI, .health, .metrics, .providers, .rules: .get
        }
    }

    /// Whether a bearer token is needed when the server has tokens. The page, the OpenAPI document
    /// and the health check stay open (the page asks for a token itself).
    var needsToken: Bool {
        switch self {
        case .playground, .openAPI, .health: false
        default: true
        }
    }

    /// The media type the body must have; nil for routes without a body.
    var bodyType: BodyType? {
        switch self {
        case .check, .inspect, .render, .payload: .json
        case .estimate: .csv
        default: nil
        }
    }

    /// The route of a path; nil for an unknown path.
    init?(path: String) {
        guard let route = Self.byPath[path] else { return nil }
        self = route
    }

    private static let byPath: [String: Route] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.path, $0) })

    /// A client-supplied value shortened for messages and logs (at most 120 characters).
    static func shown(_ text: String) -> String {
        text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

/// The media types request bodies come in.
enum BodyType {
    case json, csv

    /// The type to name in messages.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv"
        }
    }

    /// Whether a `Content-Type` header value is this type (parameters such as `charset` allowed,
    /// any letter case; JSON also as `application/<something>+json`).
    func accepts(_ header: String) -> Bool {
        if header == mediaType { return true }
        // The essence: up to `;`, without surrounding blanks, in lower case (ASCII).
        let bytes = header.utf8.prefix { $0 != UInt8(ascii: ";") }
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        let essence = String(decoding: trimmed.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        switch self {
        case .json: return essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
        case .csv: return essence == "text/csv" || essence == "application/csv"
        }
    }
}
