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
/// keep their elements by position and drop empty positions when written.
indirect enum BodyNode: Sendable {
    case object(keys: [String], children: [String: BodyNode])
    case list([Int: BodyNode])
    case leaf(BodyValue)

    static let empty = BodyNode.object(keys: [], children: [:])

    /// Puts `value` at `path`, `each` standing for the position of `[]`.
    mutating func insert(_ value: BodyValue, at path: ArraySlice<FieldPath.Segment>, each: Int) {
        guard let segment = path.first else {
            self = .leaf(value)
            return
        }
        guard case .object(var keys, var children) = self else { return }
        var child: BodyNode
        if let index = segment.index {
            var elements: [Int: BodyNode] = [:]
            if case .list(let existing)? = children[segment.key] { elements = existing }
            let position = index == .each ? each : { if case .at(let n) = index { n } else { 0 } }()
            var element = elements[position] ?? .empty
            element.insert(value, at: path.dropFirst(), each: each)
            elements[position] = element
            child = .list(elements)
        } else {
            child = children[segment.key] ?? .empty
            child.insert(value, at: path.dropFirst(), each: each)
        }
        if children[segment.key] == nil { keys.append(segment.key) }
        children[segment.key] = child
        self = .object(keys: keys, children: children)
    }

    /// The body as compact JSON.
    var json: String {
        var writer = JSONWriter()
        write(into: &writer)
        return writer.string
    }

    private func write(into writer: inout JSONWriter) {
        switch self {
        case .object(let keys, let children):
            writer.beginObject()
            for key in keys {
                writer.key(key)
                children[key]!.write(into: &writer)
            }
            writer.endObject()
        case .list(let elements):
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
        switch self {
        case .object(let keys, let children):
            for key in keys { children[key]!.flatten(prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &pairs) }
        case .list(let elements):
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
