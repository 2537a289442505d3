import Foundation

/// A value bound to a template variable: what `--var`, `--vars values.json` and a request's
/// `variables` object carry.
///
/// Values are inserted verbatim and never parsed as template text: a value containing `<<x>>` stays
/// literal.
public enum TemplateValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Text.
    case string(String)
    /// A number, kept exact (`12.50` stays `12.5`, never `12.4999…`).
    case number(Decimal)
    /// A boolean, inserted as `true` or `false`.
    case bool(Bool)
    /// Nested values, reached with dotted names such as `<<order.id>>`.
    case object([String: TemplateValue])
    /// A list. Lists cannot be inserted (there are no loops); using one is a type mismatch.
    case array([TemplateValue])
    /// JSON `null`: treated as a missing value (so `default` applies).
    case null

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let d = try? container.decode(Decimal.self) {
            self = .number(d)
        } else if let o = try? container.decode([String: TemplateValue].self) {
            self = .object(o)
        } else if let a = try? container.decode([TemplateValue].self) {
            self = .array(a)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes as the JSON value it came from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .number(let d): try container.encode(d)
        case .bool(let b): try container.encode(b)
        case .object(let o): try container.encode(o)
        case .array(let a): try container.encode(a)
        case .null: try container.encodeNil()
        }
    }

    /// The text inserted for a scalar value; `nil` for objects, arrays and null.
    public var text: String? {
        switch self {
        case .string(let s): s
        case .number(let d): d.description
        case .bool(let b): b ? "true" : "false"
        case .object, .array, .null: nil
        }
    }

    /// A short description for messages: the text, or `an object`, `a list`, `null`.
    public var description: String {
        switch self {
        case .object: "an object"
        case .array: "a list"
        case .null: "null"
        default: text ?? ""
        }
    }

    /// Builds nested values from `key=value` assignments (`--var order.id=42`): dotted keys create
    /// objects; every value is a string.
    /// - Throws: ``TemplateValueError`` for an assignment without `=`, an empty or malformed key, or a
    ///   key that is both a value and an object.
    public static func assignments(_ pairs: [String]) throws(TemplateValueError) -> [String: TemplateValue] {
        var result: [String: TemplateValue] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else { throw .missingEquals(pair) }
            let key = String(pair[..<eq])
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !key.isEmpty, path.allSatisfy({ !$0.isEmpty }) else { throw .badKey(pair) }
            try insert(.string(String(pair[pair.index(after: eq)...])), at: path[...], into: &result, key: key)
        }
        return result
    }

    private static func insert(
        _ value: TemplateValue, at path: ArraySlice<String>, into dict: inout [String: TemplateValue], key: String
    ) throws(TemplateValueError) {
        let head = path.first!
        if path.count == 1 {
            if case .object = dict[head] { throw .conflict(key) }
            dict[head] = value
            return
        }
        var inner: [String: TemplateValue]
        switch dict[head] {
        case nil: inner = [:]
        case .object(let o): inner = o
        default: throw .conflict(key)
        }
        try insert(value, at: path.dropFirst(), into: &inner, key: key)
        dict[head] = .object(inner)
    }
}

/// Errors building values from `key=value` assignments.
public enum TemplateValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An assignment without `=`.
    case missingEquals(String)
    /// An empty key or an empty segment in a dotted key.
    case badKey(String)
    /// A key that was given both as a value and as an object (`a=1` and `a.b=2`).
    case conflict(String)

    public var description: String {
        switch self {
        case .missingEquals(let s): "'\(s)' is not a key=value assignment"
        case .badKey(let s): "'\(s)' has an empty key or an empty part in a dotted key"
        case .conflict(let key): "'\(key)' is given both as a value and as an object"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .missingEquals: "write --var name=value"
        case .badKey: "write --var name=value or --var order.id=value"
        case .conflict: "give either the value or its fields, not both"
        }
    }
}
