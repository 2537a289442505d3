import Foundation
import PreflightCore
import Yams
import YAMLSupport

/// The declared type of a template variable.
public enum VariableType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any text.
    case string
    /// A number (JSON number or numeric text).
    case number
    /// A date: ISO 8601 text (`2026-11-23`, `2026-11-23T14:30:00+01:00`) or epoch seconds.
    case date
    /// A phone number that libphonenumber parses.
    case phone
}

/// Which characters a variable's values may hold.
public enum VariableCharset: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only characters of the GSM 7-bit default alphabet and its extension table.
    case gsm
    /// Any character (the value may turn the message into UCS-2).
    case any
}

/// A variable declared in the front matter.
public struct VariableDeclaration: Sendable, Hashable {
    /// The (dotted) name.
    public var name: String
    /// The declared type (default `string`).
    public var type: VariableType = .string
    /// The longest value in Unicode code points; `nil` means unbounded.
    public var maxLength: Int?
    /// The characters values may hold (default `any`).
    public var charset: VariableCharset = .any
    /// Whether a value must be given (default `true`); a missing optional value renders as empty text.
    public var required: Bool = true
    /// An example value, used for the example render.
    public var example: String?
    /// Where the declaration is.
    public var location: SourceLocation?
}

/// A template file's YAML front matter, between `---` lines at the top of the file.
public struct FrontMatter: Sendable, Hashable {
    /// A short name.
    public var name: String?
    /// What the template is for.
    public var description: String?
    /// The message category (`otp`, `transactional`, `marketing`, `alert`).
    public var category: MessageCategory?
    /// The locale for `upper`, `lower`, `date` and `number` (for example `tr_TR`).
    public var locale: String?
    /// The time zone for `date` (an IANA name such as `Europe/Istanbul`).
    public var timeZone: String?
    /// The declared variables, in file order; `nil` when the front matter declares none.
    public var variables: [VariableDeclaration]?

    /// An empty front matter (a template without one).
    public init() {}

    /// The declaration of `name`, if any.
    public func declaration(_ name: String) -> VariableDeclaration? {
        variables?.first { $0.name == name }
    }
}

/// Splits a template source into front matter and body, and reads the front matter.
enum FrontMatterReader {
    /// The locale identifiers Foundation knows, computed once.
    static let knownLocales = Set(Locale.availableIdentifiers)

    /// The front matter text, the line its body starts on, and the body.
    struct Split {
        var yaml: String?
        var yamlFirstLine: Int
        var body: String
        var bodyFirstLine: Int
    }

    /// Splits `source`: front matter starts when the first line is exactly `---`. Lines end with LF
    /// or CR LF (scanned as Unicode scalars: in Swift, CR LF is one `Character`).
    static func split(_ source: String, file: String) -> Result<Split, Unterminated> {
        let noFrontMatter = Split(yaml: nil, yamlFirstLine: 1, body: source, bodyFirstLine: 1)
        guard source.utf8.starts(with: [0x2D, 0x2D, 0x2D]) else { return .success(noFrontMatter) }
        let scalars = source.unicodeScalars
        func line(from start: String.Index) -> (text: Substring.UnicodeScalarView, next: String.Index?) {
            let end = scalars[start...].firstIndex(of: "\n")
            var text = scalars[start..<(end ?? scalars.endIndex)]
            if text.last == "\r" { text.removeLast() }
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return (text, end.map { scalars.index(after: $0) })
        }
        let first = line(from: scalars.startIndex)
        guard String(first.text) == "---" else { return .success(noFrontMatter) }
        guard var index = first.next else { return .failure(unterminated(file)) }
        let yamlStart = index
        var lineNumber = 2
        while true {
            let current = line(from: index)
            if String(current.text) == "---" {
                let yaml = String(scalars[yamlStart..<index])
                let body = current.next.map { String(scalars[$0...]) } ?? ""
                return .success(Split(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
            }
            guard let next = current.next else { return .failure(unterminated(file)) }
            index = next
            lineNumber += 1
        }
    }

    /// Front matter without its closing `---` line.
    struct Unterminated: Error {
        let diagnostic: Diagnostic
    }

    private static func unterminated(_ file: String) -> Unterminated {
        Unterminated(diagnostic: Diagnostic(
            code: "template.front_matter", severity: .error,
            message: "front matter opened with `---` on line 1 is never closed",
            fix: "end the front matter with a line holding only ---",
            location: SourceLocation(file: file, line: 1, column: 1)))
    }

    /// Reads the YAML text into a ``FrontMatter``, collecting every problem.
    static func read(_ yaml: String, firstLine: Int, file: String) -> (FrontMatter, [Diagnostic]) {
        var reader = NodeReader(file: file, lineOffset: firstLine - 1)
        var result = FrontMatter()
        let root: Node?
        switch YAMLDocument.compose(yaml) {
        case .success(let node): root = node
        case .failure(let problem):
            reader.yamlProblem(problem)
            return (result, reader.diagnostics)
        }
        guard let root else { return (result, []) }
        guard let mapping = root.mapping else {
            reader.problem(root, "front matter must be a mapping of keys to values", fix: "write key: value lines")
            return (result, reader.diagnostics)
        }
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "name": result.name = reader.string(value)
            case "description": result.description = reader.string(value)
            case "category":
                result.category = reader.enumeration(value, MessageCategory.self, what: "category")
            case "locale":
                if let id = reader.string(value) {
                    if Self.knownLocales.contains(id) || Self.knownLocales.contains(id.replacingOccurrences(of: "-", with: "_")) {
                        result.locale = id
                    } else {
                        reader.problem(value, "unknown locale `\(id)`", fix: "use a locale identifier such as en_US, tr_TR or th_TH")
                    }
                }
            case "timeZone":
                if let id = reader.string(value) {
                    if TimeZone(identifier: id) != nil {
                        result.timeZone = id
                    } else {
                        reader.problem(value, "unknown time zone `\(id)`", fix: "use an IANA name such as Europe/Istanbul or UTC")
                    }
                }
            case "variables":
                result.variables = readVariables(value, &reader)
            default:
                reader.problem(
                    key, "unknown front matter key `\(key.string ?? "?")`",
                    fix: "known keys: name, description, category, locale, timeZone, variables")
            }
        }
        return (result, reader.diagnostics)
    }

    private static func readVariables(_ node: Node, _ reader: inout NodeReader) -> [VariableDeclaration] {
        guard let mapping = node.mapping else {
            reader.problem(node, "`variables` must map each variable name to its declaration",
                           fix: "write variables:, then indented `name: {type: string, maxLength: 20}` lines")
            return []
        }
        var result: [VariableDeclaration] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard isValidName(name) else {
                reader.problem(key, "`\(name)` is not a valid variable name",
                               fix: "names are letters, digits and _, with dots for nested values")
                continue
            }
            var declaration = VariableDeclaration(name: name, location: reader.location(key))
            if let fields = value.mapping {
                for (field, fieldValue) in fields {
                    switch field.string ?? "" {
                    case "type":
                        declaration.type = reader.enumeration(fieldValue, VariableType.self, what: "type") ?? .string
                    case "maxLength":
                        declaration.maxLength = reader.integer(fieldValue, in: 1...100_000, what: "maxLength")
                    case "charset":
                        declaration.charset = reader.enumeration(fieldValue, VariableCharset.self, what: "charset") ?? .any
                    case "required":
                        declaration.required = reader.boolean(fieldValue) ?? true
                    case "example":
                        declaration.example = reader.string(fieldValue)
                    default:
                        reader.problem(
                            field, "unknown key `\(field.string ?? "?")` in the declaration of `\(name)`",
                            fix: "known keys: type, maxLength, charset, required, example")
                    }
                }
            } else if value.string.map({ $0.isEmpty || $0 == "~" || $0 == "null" }) != true {
                reader.problem(value, "the declaration of `\(name)` must be a mapping",
                               fix: "write `\(name): {type: string, maxLength: 20}`")
            }
            result.append(declaration)
        }
        return result
    }

    static func isValidName(_ name: String) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && segments.allSatisfy { segment in
            guard let first = segment.utf8.first, first == 0x5F || (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else {
                return false
            }
            return segment.utf8.allSatisfy { $0 == 0x5F || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }
        }
    }
}

/// Typed reads from Yams nodes that record a `template.front_matter` diagnostic, with the node's file
/// line and column, for every value of the wrong shape.
struct NodeReader {
    let file: String
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    mutating func problem(_ node: Node, _ message: String, fix: String) {
        diagnostics.append(
            Diagnostic(code: "template.front_matter", severity: .error, message: message, fix: fix, location: location(node)))
    }

    mutating func yamlProblem(_ problem: YAMLDocument.Problem) {
        diagnostics.append(
            Diagnostic(
                code: "template.front_matter", severity: .error, message: problem.message, fix: problem.fix,
                location: SourceLocation(file: file, line: problem.line + lineOffset, column: problem.column)))
    }

    mutating func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else {
            problem(node, "expected a text value", fix: "write a plain or quoted string")
            return nil
        }
        return scalar.string
    }

    mutating func boolean(_ node: Node) -> Bool? {
        switch node.string {
        case "true": return true
        case "false": return false
        default:
            problem(node, "expected true or false, not `\(node.string ?? "a collection")`", fix: "write true or false")
            return nil
        }
    }

    mutating func integer(_ node: Node, in range: ClosedRange<Int>, what: String) -> Int? {
        guard let text = node.string, let value = Int(text), range.contains(value) else {
            problem(node, "`\(what)` must be an integer from \(range.lowerBound) to \(range.upperBound), not `\(node.string ?? "a collection")`",
                    fix: "write a whole number such as 20")
            return nil
        }
        return value
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, _: E.Type, what: String) -> E?
    where E.RawValue == String {
        guard let text = node.string, let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            problem(node, "`\(node.string ?? "a collection")` is not a valid \(what)", fix: "use one of: \(allowed)")
            return nil
        }
        return value
    }
}
