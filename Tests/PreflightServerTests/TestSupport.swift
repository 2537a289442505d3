import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Preflight
import Testing
import Yams

@testable import PreflightServer

/// A JSON value as JSONDecoder reads it (so `true` and `1` stay apart).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// A value from Yams' untyped output.
    init(yaml: Any) {
        switch yaml {
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init(yaml:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(yaml:)))
        case let o as [AnyHashable: Any]: self = .object(Dictionary(uniqueKeysWithValues: o.map { ("\($0.key)", JSONValue(yaml: $0.value)) }))
        default: self = .null
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let i) = self { i } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[\(a.map(\.description).joined(separator: ","))]"
        case .object(let o): "{\(o.keys.sorted().map { "\"\($0)\":\(o[$0]!)" }.joined(separator: ","))}"
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// An answer of the server.
struct Reply: CustomStringConvertible {
    var status: Int
    var headers: HTTPFields
    var text: String

    var contentType: String { headers[.contentType] ?? "" }
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }
    var errorCode: String? { json["error"]?["code"]?.string }
    var description: String { "\(status) \(text.prefix(300))" }
}

/// The OpenAPI document, parsed, and a validator for the subset of JSON Schema it uses.
struct OpenAPIDocument {
    let root: JSONValue

    static let shared: OpenAPIDocument = {
        let yaml = try! Yams.load(yaml: ServerResources.openAPI)!
        return OpenAPIDocument(root: JSONValue(yaml: yaml))
    }()

    /// Every (method, path) the document declares.
    var operations: Set<String> {
        var result = Set<String>()
        for (path, item) in root["paths"]?.object ?? [:] {
            for method in (item.object ?? [:]).keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                result.insert("\(method.uppercased()) \(path)")
            }
        }
        return result
    }

    /// The problems of a reply against the document: the operation's response for its status (or
    /// `default`), the media type and the JSON schema. Unknown operations are held to the error schema.
    func problems(method: String, path: String, reply: Reply) -> [String] {
        let operation = root["paths"]?[path]?[method.lowercased()]
        guard let operation else {
            return validate(reply.json, against: .object(["$ref": .string("#/components/schemas/Error")]), at: "body")
                + (reply.status >= 400 ? [] : ["\(method) \(path) is not in the document but answered \(reply.status)"])
        }
        guard var response = operation["responses"]?["\(reply.status)"] ?? operation["responses"]?["default"] else {
            return ["\(method) \(path): status \(reply.status) is not documented"]
        }
        if let ref = response["$ref"]?.string { response = resolve(ref) }
        guard let content = response["content"]?.object else { return [] }
        let mediaType = reply.contentType.split(separator: ";").first.map(String.init) ?? ""
        guard let media = content[mediaType] else {
            return ["\(method) \(path) \(reply.status): media type \(mediaType) not in \(content.keys.sorted())"]
        }
        guard mediaType == "application/json", let schema = media["schema"] else { return [] }
        return validate(reply.json, against: schema, at: "body")
    }

    func resolve(_ ref: String) -> JSONValue {
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    func validate(_ value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        if let ref = schema["$ref"]?.string { return validate(value, against: resolve(ref), at: path) }
        var problems: [String] = []
        if let options = schema["oneOf"]?.array {
            let matching = options.filter { validate(value, against: $0, at: path).isEmpty }.count
            if matching != 1 { problems.append("\(path): \(matching) of the oneOf alternatives match \(value)") }
        }
        if let constant = schema["const"], constant != value { problems.append("\(path): \(value) is not \(constant)") }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) { problems.append("\(path): \(value) is not one of \(allowed)") }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            if !types.contains(where: { Self.matches(value, type: $0) }) {
                problems.append("\(path): \(value.description.prefix(80)) is not \(types.joined(separator: " or "))")
                return problems
            }
        }
        if let minimum = schema["minimum"]?.int, let n = value.int, n < minimum { problems.append("\(path): \(n) < \(minimum)") }
        if case .object(let object) = value {
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where object[key] == nil {
                problems.append("\(path): missing \(key)")
            }
            let properties = schema["properties"]?.object ?? [:]
            for (key, item) in object {
                if let property = properties[key] {
                    problems += validate(item, against: property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) { problems.append("\(path): unexpected \(key)") }
                    else if additional.object != nil { problems += validate(item, against: additional, at: "\(path).\(key)") }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { problems += validate(item, against: itemSchema, at: "\(path)[\(index)]") }
        }
        return problems
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
             ("string", .string), ("array", .array), ("object", .object): true
        default: false
        }
    }
}

/// A swift-log handler that keeps every line (message and metadata) in memory.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var logger: Logger {
        var logger = Logger(label: "test") { label in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.append("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}

/// Runs a server on a loopback port for the length of `body`.
struct TestServer {
    var configuration: ServerConfiguration

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configure(&configuration)
        self.configuration = configuration
    }

    static let quiet: Logger = {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()

    func run(logger: Logger = TestServer.quiet, _ body: @Sendable (Session) async throws -> Void) async throws {
        let server = try PreflightServer(configuration: configuration, logger: logger)
        try await server.makeApplication().test(.live) { client in
            try await body(Session(client: client, server: server))
        }
    }
}

/// A client of a running test server; every reply is checked against the OpenAPI document.
struct Session: Sendable {
    let client: any TestClientProtocol
    let server: PreflightServer

    var port: Int { client.port ?? 0 }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, body: String? = nil, contentType: String? = nil,
        token: String? = nil, headers extra: HTTPFields = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var headers = extra
        if json != nil { headers[.contentType] = contentType ?? "application/json" } else if let contentType { headers[.contentType] = contentType }
        if let token { headers[.authorization] = "Bearer \(token)" }
        let payload = (json ?? body).map { ByteBuffer(string: $0) }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: payload)
        let reply = Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
        if method == .head {
            // HEAD is GET without its content (RFC 9110 §9.3.2): the document lists the GET.
            #expect(reply.text.isEmpty, "HEAD \(path) → \(reply)", sourceLocation: sourceLocation)
            if reply.status < 400 {
                #expect(OpenAPIDocument.shared.operations.contains("GET \(path)"), "HEAD \(path)", sourceLocation: sourceLocation)
            }
            return reply
        }
        let problems = OpenAPIDocument.shared.problems(method: method.rawValue, path: path.split(separator: "?").first.map(String.init) ?? path, reply: reply)
        #expect(problems.isEmpty, "\(method) \(path) → \(reply): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
        if reply.status >= 400 {
            #expect(reply.contentType.hasPrefix("application/json"), sourceLocation: sourceLocation)
            #expect(reply.json["error"]?["fix"]?.string?.isEmpty == false, "\(reply)", sourceLocation: sourceLocation)
        }
        return reply
    }
}

/// A temporary directory removed at the end of the scope.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A fixed send time inside every default quiet-hours window (12:00 UTC on a Monday).
let noon = "2026-11-23T12:00:00Z"

/// Runs blocking work (socket and pipe reads) on a thread of its own, so the cooperative pool that
/// runs the test server (two threads on a two-core machine) is never held up by the test itself.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
