import PreflightCore

/// A value in a request body.
enum BodyValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case number(Int)
    /// Text with credential placeholders, written without escaping the `${NAME}` parts.
    case placeholders([TextTemplate.Part])

    /// The value as form text.
    var formText: String {
        switch self {
        case .text(let text): Form.encode(text)
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): String(number)
        case .placeholders(let parts):
            parts.map { part in
                switch part {
                case .literal(let text): Form.encode(text)
                case .setting(let name): Form.encode(name)
                case .credential(let name): "${\(name)}"
                }
            }.joined()
        }
    }

    /// Writes the value as JSON.
    func write(into writer: inout JSONWriter) {
        switch self {
        case .text(let text): writer.value(text)
        case .bool(let flag): writer.value(flag)
        case .number(let number): writer.value(number)
        case .placeholders(let parts):
            var json = "\""
            for part in parts {
                switch part {
                case .literal(let text), .setting(let text):
                    var piece = JSONWriter()
                    piece.value(text)
                    json += piece.string.dropFirst().dropLast()
                case .credential(let name):
                    json += "${\(name)}"
                }
            }
            writer.raw(json + "\"")
        }
    }
}

/// A request body under construction: objects keep the order keys were first written, lists
/// keep their elements by position and drop empty positions when written. A reference type, so
/// that filling a list of a million recipients does not copy it once per element.
final class BodyNode {
    private enum Kind {
        case object
        case list
        case leaf(BodyValue)
    }

    private var kind: Kind
    private var keys: [String] = []
    private var children: [String: BodyNode] = [:]
    private var elements: [Int: BodyNode] = [:]

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// An empty object.
    static func object() -> BodyNode { BodyNode(.object) }

    /// Puts `value` at `path` below this object, `each` standing for the position of `[]`.
    func insert(_ value: BodyValue, at path: ArraySlice<FieldPath.Segment>, each: Int) {
        guard let segment = path.first, case .object = kind else { return }
        let rest = path.dropFirst()
        var child = children[segment.key]
        if child == nil {
            let created = BodyNode(segment.index == nil ? (rest.isEmpty ? .leaf(value) : .object) : .list)
            keys.append(segment.key)
            children[segment.key] = created
            child = created
        }
        guard let child else { return }
        if let index = segment.index {
            let position: Int
            switch index {
            case .each: position = each
            case .at(let fixed): position = fixed
            }
            let element = child.elements[position] ?? {
                let created = BodyNode(rest.isEmpty ? .leaf(value) : .object)
                child.elements[position] = created
                return created
            }()
            if rest.isEmpty { element.kind = .leaf(value) } else { element.insert(value, at: rest, each: each) }
        } else if rest.isEmpty {
            child.kind = .leaf(value)
        } else {
            child.insert(value, at: rest, each: each)
        }
    }

    /// The body as compact JSON.
    var json: String {
        var writer = JSONWriter(reservingCapacity: 1024)
        write(into: &writer)
        return writer.string
    }

    private func write(into writer: inout JSONWriter) {
        switch kind {
        case .object:
            writer.beginObject()
            for key in keys {
                writer.key(key)
                children[key]!.write(into: &writer)
            }
            writer.endObject()
        case .list:
            writer.beginArray()
            for position in elements.keys.sorted() { elements[position]!.write(into: &writer) }
            writer.endArray()
        case .leaf(let value):
            value.write(into: &writer)
        }
    }

    /// The body as `application/x-www-form-urlencoded`: nested keys joined with dots, list
    /// elements numbered from 1.
    var form: String {
        var pairs: [String] = []
        flatten(prefix: "", into: &pairs)
        return pairs.joined(separator: "&")
    }

    private func flatten(prefix: String, into pairs: inout [String]) {
        switch kind {
        case .object:
            for key in keys { children[key]!.flatten(prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &pairs) }
        case .list:
            for (number, position) in elements.keys.sorted().enumerated() {
                elements[position]!.flatten(prefix: "\(prefix).\(number + 1)", into: &pairs)
            }
        case .leaf(let value):
            pairs.append(Form.encode(prefix) + "=" + value.formText)
        }
    }
}

/// Percent-encoding.
enum Form {
    /// `application/x-www-form-urlencoded` (WHATWG): letters, digits and `*-._` stay, space is `+`.
    static func encode(_ text: String) -> String {
        percentEncode(text, keeping: "*-._", spaceAsPlus: true)
    }

    /// RFC 3986 unreserved characters stay (`A-Z a-z 0-9 - . _ ~`), everything else is `%XX`.
    static func encodeComponent(_ text: String) -> String {
        percentEncode(text, keeping: "-._~", spaceAsPlus: false)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// UTF-8 bytes as `%XX`, except ASCII letters, digits and the bytes of `kept`.
    private static func percentEncode(_ text: String, keeping kept: String, spaceAsPlus: Bool) -> String {
        let keep = Set(kept.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let alphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if alphanumeric || keep.contains(byte) {
                out.append(byte)
            } else if byte == 0x20 && spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
