import Yams

/// One YAML document of Preflight's data files (rule files, provider definitions and settings,
/// price lists, template front matter, lint configuration), composed with the same guards
/// everywhere:
///
/// - an alias, an explicit key (`? `) or a list or mapping used as a mapping key is refused
///   before parsing: Yams hashes keys to find duplicates, and an alias key can stand for an
///   exponentially large tree, so composing such a file could take hours;
/// - a document whose anchors and aliases expand to more than a bound of values is refused
///   (readers walk the expanded tree);
/// - every Yams error is turned into a message with the line and column it points at.
public enum YAMLDocument {
    /// Why a document cannot be read, at a 1-based line and column of the text.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// How to put it right.
        public var fix: String
        /// 1-based line in the text given to ``compose(_:valueLimit:)``.
        public var line: Int
        /// 1-based column (Unicode scalars).
        public var column: Int

        /// Creates a problem.
        public init(message: String, fix: String, line: Int, column: Int) {
            self.message = message
            self.fix = fix
            self.line = line
            self.column = column
        }

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The values a document may expand to by default (through anchors and aliases).
    public static let defaultValueLimit = 200_000

    /// Composes `text` into its node tree (nil for an empty document).
    public static func compose(_ text: String, valueLimit: Int = defaultValueLimit) -> Result<Node?, Problem> {
        if let key = complexKey(in: text) {
            return .failure(Problem(
                message: "\(key.what) cannot be used as a mapping key", fix: "use plain words as keys",
                line: key.line, column: key.column))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return .failure(problem(error, in: text))
        }
        if let node, !fits(node, limit: valueLimit) {
            return .failure(Problem(
                message: "the document expands to more than \(valueLimit) values (anchors and aliases?)",
                fix: "write the values out instead of nesting aliases", line: 1, column: 1))
        }
        return .success(node)
    }

    /// A Yams error (or any other) as a problem at the line and column it points at.
    public static func problem(_ error: any Error, in text: String) -> Problem {
        let fix = "fix the YAML at this line and column"
        guard let error = error as? YamlError else {
            return Problem(message: "the YAML cannot be read: \(error)", fix: fix, line: 1, column: 1)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return Problem(message: "YAML syntax error: \(problem)\(during)", fix: fix, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Problem(
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in the mapping that starts here",
                fix: "keep one of the duplicate keys", line: context.mark.line, column: context.mark.column)
        case .reader(let problem, let offset, _, _):
            let (line, column) = position(ofByte: offset ?? 0, in: text)
            return Problem(message: "YAML cannot read the text: \(problem)", fix: fix, line: line, column: column)
        default:
            return Problem(message: "YAML error: \(error)", fix: fix, line: 1, column: 1)
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        let before = text.utf8.prefix(max(0, offset))
        let lines = before.split(separator: 0x0A, omittingEmptySubsequences: false)
        let last = lines.last.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (lines.count, last.unicodeScalars.count + 1)
    }

    /// The first alias, explicit key (`? `) or list or mapping used as a mapping key, with its
    /// 1-based line and column. The scan is rough on purpose (quoted text is skipped line by line,
    /// comments are not), so it may refuse a harmless line, but it misses no such key.
    public static func complexKey(in text: String) -> (line: Int, column: Int, what: String)? {
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var quote: Unicode.Scalar?
            var depth = 0
            var i = 0
            while i < scalars.count {
                let scalar = scalars[i]
                defer { i += 1 }
                if let open = quote {
                    if open == "\"", scalar == "\\" { i += 1 } else if scalar == open { quote = nil }
                    continue
                }
                let boundary = i == 0 || " \t[{,".unicodeScalars.contains(scalars[i - 1])
                if (scalar == "\"" || scalar == "'") && boundary {
                    quote = scalar
                    continue
                }
                let rest = scalars[(i + 1)...]
                let afterSpaces = rest.drop { $0 == " " || $0 == "\t" }
                var what: String?
                switch scalar {
                case "*" where boundary:
                    let name = rest.prefix { !" \t:,[]{}".unicodeScalars.contains($0) }
                    if !name.isEmpty, rest.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" }).first == ":" {
                        what = "an alias"
                    }
                case "?" where boundary && (rest.isEmpty || rest.first == " " || rest.first == "\t"):
                    what = "an explicit key ('? ')"
                case "[" where boundary || depth > 0, "{" where boundary || depth > 0:
                    depth += 1
                case "]" where depth > 0, "}" where depth > 0:
                    depth -= 1
                    if afterSpaces.first == ":" { what = "a list or mapping" }
                default:
                    break
                }
                if let what { return (lineIndex + 1, i + 1, what) }
            }
        }
        return nil
    }

    /// Whether the tree, aliases expanded, has at most `limit` nodes; stops counting past it.
    static func fits(_ node: Node, limit: Int) -> Bool {
        var left = limit
        var stack: [Node] = [node]
        while let next = stack.popLast() {
            left -= 1
            if left < 0 { return false }
            switch next {
            case .scalar, .alias: break
            case .sequence(let sequence): stack.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            }
        }
        return true
    }
}
