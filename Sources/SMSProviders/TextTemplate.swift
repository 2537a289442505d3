/// A string with placeholders, as used in provider URLs, headers and credentials:
/// `{name}` is a provider setting (not secret), `${NAME}` a credential (secret).
///
/// `https://api.twilio.com/2010-04-01/Accounts/{accountSid}/Messages.json` has one setting;
/// `${TWILIO_AUTH_TOKEN}` is one credential. Literal braces cannot be written: no provider needs them.
public struct TextTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a template.
    public enum Part: Sendable, Hashable {
        /// Text used as it is.
        case literal(String)
        /// A provider setting, by name.
        case setting(String)
        /// A credential, by name (an environment variable name such as `TWILIO_AUTH_TOKEN`).
        case credential(String)
    }

    /// The pieces, in order.
    public let parts: [Part]

    /// Creates a template from its pieces.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Parses `text`.
    /// - Throws: ``TemplateSyntaxError`` with the 0-based character offset of the problem.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var index = text.startIndex
        var offset = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
        }
        while index < text.endIndex {
            let character = text[index]
            let isCredential = character == "$" && text.index(after: index) < text.endIndex && text[text.index(after: index)] == "{"
            if character == "{" || isCredential {
                let open = isCredential ? text.index(index, offsetBy: 2) : text.index(after: index)
                guard let close = text[open...].firstIndex(of: "}") else {
                    throw TemplateSyntaxError(message: "unclosed placeholder", offset: offset)
                }
                let name = String(text[open..<close])
                guard Self.isName(name) else {
                    throw TemplateSyntaxError(
                        message: name.isEmpty ? "empty placeholder" : "'\(name)' is not a placeholder name (letters, digits, '_' and '-')",
                        offset: offset)
                }
                flush()
                parts.append(isCredential ? .credential(name) : .setting(name))
                offset += text.distance(from: index, to: close) + 1
                index = text.index(after: close)
                continue
            }
            if character == "}" {
                throw TemplateSyntaxError(message: "'}' without '{'", offset: offset)
            }
            literal.append(character)
            index = text.index(after: index)
            offset += 1
        }
        flush()
        self.parts = parts
    }

    /// Whether `name` can name a setting or a credential.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The settings the template uses, in order of first use.
    public var settings: [String] { unique(parts.compactMap { if case .setting(let n) = $0 { n } else { nil } }) }

    /// The credentials the template uses, in order of first use.
    public var credentials: [String] { unique(parts.compactMap { if case .credential(let n) = $0 { n } else { nil } }) }

    /// The template as written.
    public var description: String {
        parts.map { part in
            switch part {
            case .literal(let text): text
            case .setting(let name): "{\(name)}"
            case .credential(let name): "${\(name)}"
            }
        }.joined()
    }

    /// The text with settings filled in and credentials either filled in (when `secrets` has
    /// them) or left as `${NAME}`; `encode` is applied to the filled-in setting values only.
    func render(settings: [String: String], secrets: [String: String]?, encode: (String) -> String = { $0 }) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .setting(let name): text += encode(settings[name] ?? "")
            case .credential(let name): text += secrets?[name] ?? "${\(name)}"
            }
        }
        return text
    }
}

/// A malformed ``TextTemplate``.
public struct TemplateSyntaxError: Error, Sendable, Hashable {
    /// What is wrong.
    public var message: String
    /// The 0-based character offset of the problem in the template text.
    public var offset: Int
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

/// The elements of `items` without repeats, in order of first appearance.
func unique<T: Hashable>(_ items: [T]) -> [T] {
    var seen = Set<T>()
    return items.filter { seen.insert($0).inserted }
}
