import PreflightCore

/// One use of a variable in a template body: `<<order.id | default:"–">>`.
public struct VariableUse: Sendable, Hashable {
    /// The dotted name, for example `order.id`.
    public let name: String
    /// The name split at dots.
    public let path: [String]
    /// The filters, in order.
    public let filters: [Filter]
    /// Where the tag's `<<` is.
    public let location: SourceLocation
    /// The tag's length in characters, `<<` and `>>` included (for underlining).
    public let length: Int
}

/// A comment, `<<# text >>`: removed at compile time; it may carry a lint directive.
public struct TemplateComment: Sendable, Hashable {
    /// The text between `<<#` and `>>`, trimmed.
    public let text: String
    /// Where the comment's `<<` is.
    public let location: SourceLocation
    /// The comment's last line (a directive on a comment that spans lines applies after it).
    public let endLine: Int
}

/// A piece of a compiled template body.
enum TemplateNode: Sendable, Hashable {
    case text(String)
    case variable(Int)  // index into the template's variable uses
}

/// Where a run of literal bytes starts in the source: UTF-8 offset into the text node, 1-based line
/// and column.
struct LiteralAnchor: Sendable, Hashable {
    let offset: Int
    let line: Int
    let column: Int
}

/// Parses a template body (everything after the front matter) in one pass over its UTF-8 bytes.
struct TemplateParser {
    /// More tags than this is not a message template; compile stops with an error.
    static let maxTags = 1_000
    /// Compile errors reported at most; the rest are counted in a last diagnostic.
    static let maxDiagnostics = 100

    private let bytes: [UInt8]
    private let file: String
    private var i = 0
    private var line: Int
    private var lineStart = 0

    private(set) var nodes: [TemplateNode] = []
    private(set) var uses: [VariableUse] = []
    private(set) var comments: [TemplateComment] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var suppressed = 0
    private var literal: [UInt8] = []
    private var anchors: [LiteralAnchor] = []
    private var lastSource = -2
    /// The text nodes' source positions, in node order (for locating literal characters).
    private(set) var textAnchors: [[LiteralAnchor]] = []

    /// - Parameters:
    ///   - body: the template body.
    ///   - file: the file name used in locations.
    ///   - firstLine: the file line the body starts on (after front matter).
    init(body: String, file: String, firstLine: Int) {
        bytes = Array(body.utf8)
        self.file = file
        line = firstLine
    }

    mutating func parse() {
        let n = bytes.count
        literal.reserveCapacity(n)
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                appendLiteral(b, from: i)
                i += 1
                line += 1
                lineStart = i
            } else if b == 0x5C, i + 2 < n, bytes[i + 1] == 0x3C, bytes[i + 2] == 0x3C {
                appendLiteral(0x3C, from: i + 1)
                appendLiteral(0x3C, from: i + 2)
                i += 3
            } else if b == 0x3C, i + 1 < n, bytes[i + 1] == 0x3C {
                if i + 2 < n, bytes[i + 2] == 0x23 {
                    parseComment()
                } else {
                    parseTag()
                }
                if uses.count > Self.maxTags {
                    error(
                        "template.syntax", at: i, "the template has more than \(Self.maxTags) tags",
                        fix: "an SMS template needs a few variables; split the file or generate the text elsewhere")
                    nodes.removeAll()
                    return
                }
            } else {
                appendLiteral(b, from: i)
                i += 1
            }
        }
        flushLiteral()
        if suppressed > 0 {
            diagnostics.append(
                Diagnostic(
                    code: "template.syntax", severity: .error,
                    message: "\(suppressed) more errors not shown", fix: "fix the errors above first",
                    location: SourceLocation(file: file, line: line, column: 1)))
        }
    }

    // MARK: - Comments

    private mutating func parseComment() {
        let start = i
        let location = self.location(at: start)
        var j = i + 3
        var closed = false
        var endLine = line
        var endLineStart = lineStart
        while j < bytes.count {
            if bytes[j] == 0x3E, j + 1 < bytes.count, bytes[j + 1] == 0x3E {
                closed = true
                break
            }
            if bytes[j] == 0x0A {
                endLine += 1
                endLineStart = j + 1
            }
            j += 1
        }
        guard closed else {
            error(
                "template.syntax", at: start, "comment `<<#` is not closed with `>>`",
                fix: "end the comment with >>")
            i = bytes.count
            literal.removeAll()
            anchors.removeAll()
            return
        }
        let text = String(decoding: bytes[(start + 3)..<j], as: UTF8.self).trimmingWhitespace()
        comments.append(TemplateComment(text: text, location: location, endLine: endLine))
        line = endLine
        lineStart = endLineStart
        i = j + 2
        // A comment alone on its line takes the line with it (it must not leave a blank line in the SMS).
        var k = i
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        let endsLine = k == bytes.count || bytes[k] == 0x0A || (bytes[k] == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A)
        if startsLine(start) && endsLine {
            while let last = literal.last, last == 0x20 || last == 0x09 { literal.removeLast() }
            anchors.removeAll { $0.offset >= literal.count }
            if k < bytes.count {
                i = bytes[k] == 0x0D ? k + 2 : k + 1
                line += 1
                lineStart = i
            } else {
                i = k
            }
        }
    }

    /// Whether only spaces and tabs stand between the start of its line and `index`.
    private func startsLine(_ index: Int) -> Bool {
        var k = index
        while k > 0 {
            let b = bytes[k - 1]
            if b == 0x0A { return true }
            if b != 0x20 && b != 0x09 { return false }
            k -= 1
        }
        return true
    }

    // MARK: - Tags

    private mutating func parseTag() {
        let start = i
        if i + 2 < bytes.count, bytes[i + 2] == 0x3E, !(i + 3 < bytes.count && bytes[i + 3] == 0x3E) {
            fail(start, at: start, "`<<>` is reserved for partials, which are not supported",
                 fix: "write \\<< for a literal <<")
            return
        }
        var close = i + 2
        while close < bytes.count, bytes[close] != 0x0A, !atClose(close) { close += 1 }
        guard atClose(close) else {
            fail(start, at: start, "tag `<<` is not closed with `>>` on the same line",
                 fix: "close the tag with >>, or write \\<< for a literal <<")
            return
        }
        var j = i + 2
        skipBlanks(&j)
        // The name.
        var path: [String] = []
        while true {
            let segmentStart = j
            guard j < bytes.count, isNameStart(bytes[j]) else {
                if j < bytes.count, isDigit(bytes[j]) {
                    fail(start, at: j, "a variable name cannot start with a digit",
                         fix: "names are letters, digits and _, starting with a letter or _")
                } else if path.isEmpty {
                    if atClose(j) || j >= bytes.count || bytes[j] == 0x7C || bytes[j] == 0x0A {
                        fail(start, at: start, "empty variable name in tag",
                             fix: "write a name such as <<first_name>>, or \\<< for a literal <<")
                    } else {
                        unexpected(start, at: j)
                    }
                } else {
                    fail(start, at: j, "a dot must be followed by a name (`order.id`)",
                         fix: "remove the dot or complete the nested name")
                }
                return
            }
            while j < bytes.count, isNameStart(bytes[j]) || isDigit(bytes[j]) { j += 1 }
            path.append(String(decoding: bytes[segmentStart..<j], as: UTF8.self))
            if j < bytes.count, bytes[j] == 0x2E {
                j += 1
                continue
            }
            break
        }
        // Filters.
        var filters: [Filter] = []
        while true {
            skipBlanks(&j)
            if atClose(j) { break }
            guard j < bytes.count, bytes[j] != 0x0A else {
                fail(start, at: start, "tag `<<` is not closed with `>>` on the same line",
                     fix: "close the tag with >>, or write \\<< for a literal <<")
                return
            }
            if bytes[j] == 0x3C, j + 1 < bytes.count, bytes[j + 1] == 0x3C {
                fail(start, at: j, "`<<` inside a tag: the tag opened before it is not closed",
                     fix: "close the tag with >> first, or write \\<< for a literal <<")
                return
            }
            guard bytes[j] == 0x7C else {
                unexpected(start, at: j)
                return
            }
            j += 1
            skipBlanks(&j)
            let nameStart = j
            while j < bytes.count, isNameStart(bytes[j]) || isDigit(bytes[j]) { j += 1 }
            guard j > nameStart else {
                fail(start, at: j, "a filter name must follow `|`",
                     fix: "write a filter such as | upper, or remove the |")
                return
            }
            let filterName = String(decoding: bytes[nameStart..<j], as: UTF8.self)
            var arguments: [FilterArgument] = []
            skipBlanks(&j)
            if j < bytes.count, bytes[j] == 0x3A {
                j += 1
                while true {
                    skipBlanks(&j)
                    guard let argument = parseArgument(start, &j) else { return }
                    arguments.append(argument)
                    skipBlanks(&j)
                    if j < bytes.count, bytes[j] == 0x2C {
                        j += 1
                        continue
                    }
                    break
                }
            }
            switch Filter.make(name: filterName, arguments: arguments) {
            case .success(let filter):
                filters.append(filter)
            case .failure(.unknown):
                let suggestion = Filter.names.min { editDistance($0, filterName) < editDistance($1, filterName) }!
                let fix = editDistance(suggestion, filterName) <= 2
                    ? "did you mean `\(suggestion)`? Filters: \(Filter.names.joined(separator: ", "))"
                    : "use one of: \(Filter.names.joined(separator: ", "))"
                fail(start, at: nameStart, "unknown filter `\(filterName)`", fix: fix,
                     code: "template.unknown_filter")
                return
            case .failure(.badArgument(let message)):
                fail(start, at: nameStart, message, fix: "see the filter table in the README",
                     code: "template.bad_argument")
                return
            }
        }
        let end = j + 2
        flushLiteral()
        uses.append(
            VariableUse(
                name: path.joined(separator: "."), path: path, filters: filters, location: location(at: start),
                length: scalarCount(start, end)))
        nodes.append(.variable(uses.count - 1))
        i = end
    }

    private mutating func parseArgument(_ tagStart: Int, _ j: inout Int) -> FilterArgument? {
        guard j < bytes.count else {
            fail(tagStart, at: j, "a filter argument must follow `:` or `,`", fix: "write a quoted string or an integer")
            return nil
        }
        if bytes[j] == 0x22 {
            let quote = j
            j += 1
            var value: [UInt8] = []
            while true {
                guard j < bytes.count, bytes[j] != 0x0A else {
                    fail(tagStart, at: quote, "string argument is not closed with `\"`",
                         fix: "close the string with \"", code: "template.syntax")
                    return nil
                }
                let c = bytes[j]
                if c == 0x22 {
                    j += 1
                    return .string(String(decoding: value, as: UTF8.self))
                }
                if c == 0x5C {
                    guard j + 1 < bytes.count, bytes[j + 1] == 0x22 || bytes[j + 1] == 0x5C else {
                        fail(tagStart, at: j, "unknown escape in string argument (only \\\" and \\\\ are allowed)",
                             fix: "write \\\\ for a backslash")
                        return nil
                    }
                    value.append(bytes[j + 1])
                    j += 2
                    continue
                }
                value.append(c)
                j += 1
            }
        }
        let numberStart = j
        if bytes[j] == 0x2D { j += 1 }
        let digitsStart = j
        while j < bytes.count, isDigit(bytes[j]) { j += 1 }
        guard j > digitsStart else {
            fail(tagStart, at: numberStart, "a filter argument must be a quoted string or an integer",
                 fix: "quote text arguments: default:\"there\"", code: "template.bad_argument")
            return nil
        }
        guard let value = Int(String(decoding: bytes[numberStart..<j], as: UTF8.self)), abs(value) < 1_000_000_000 else {
            fail(tagStart, at: numberStart, "integer argument out of range", fix: "use a smaller number",
                 code: "template.bad_argument")
            return nil
        }
        return .integer(value)
    }

    // MARK: - Helpers

    private func atClose(_ j: Int) -> Bool { j + 1 < bytes.count && bytes[j] == 0x3E && bytes[j + 1] == 0x3E }
    private func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F }
    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private func skipBlanks(_ j: inout Int) {
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
    }

    /// Appends a literal byte taken from source byte `source`, anchoring the literal to its source
    /// position where the copy is not contiguous (after a tag, escape or comment) or starts a line.
    private mutating func appendLiteral(_ b: UInt8, from source: Int) {
        if source != lastSource + 1 || source == lineStart {
            anchors.append(LiteralAnchor(offset: literal.count, line: line, column: scalarCount(lineStart, source) + 1))
        }
        lastSource = source
        literal.append(b)
    }

    private mutating func flushLiteral() {
        if literal.isEmpty { return }
        nodes.append(.text(String(decoding: literal, as: UTF8.self)))
        textAnchors.append(anchors)
        literal.removeAll(keepingCapacity: true)
        anchors.removeAll()
    }

    private func scalarCount(_ from: Int, _ to: Int) -> Int {
        var count = 0
        for k in from..<min(to, bytes.count) where bytes[k] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The location of byte `index` on the current line (columns count Unicode code points).
    private func location(at index: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: scalarCount(lineStart, index) + 1)
    }

    private mutating func unexpected(_ tagStart: Int, at j: Int) {
        let scalarEnd = j + 1 + (bytes[(j + 1)...].prefix { $0 & 0xC0 == 0x80 }.count)
        let character = String(decoding: bytes[j..<min(scalarEnd, bytes.count)], as: UTF8.self)
        fail(tagStart, at: j, "unexpected `\(character)` in tag",
             fix: "names are letters, digits and _ with dots for nested values; filters follow |; close with >>")
    }

    /// Records an error at byte `at` and skips the rest of the broken tag: to its `>>` on the same
    /// line, else to the end of the line. The tag's text is kept out of the output.
    private mutating func fail(
        _ tagStart: Int, at: Int, _ message: String, fix: String, code: String = "template.syntax"
    ) {
        error(code, at: at, message, fix: fix)
        var k = max(at, tagStart + 2)
        while k < bytes.count, bytes[k] != 0x0A, !atClose(k) {
            if bytes[k] == 0x3C, k + 1 < bytes.count, bytes[k + 1] == 0x3C, k > tagStart + 1 { break }
            k += 1
        }
        i = atClose(k) ? k + 2 : k
    }

    private mutating func error(_ code: String, at index: Int, _ message: String, fix: String) {
        if diagnostics.count >= Self.maxDiagnostics {
            suppressed += 1
            return
        }
        diagnostics.append(
            Diagnostic(code: code, severity: .error, message: message, fix: fix, location: location(at: index)))
    }
}

extension String {
    /// The string without white space and line breaks at both ends.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short names.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8)
    let b = Array(b.utf8)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for (x, ca) in a.enumerated() {
        current[0] = x + 1
        for (y, cb) in b.enumerated() {
            current[y + 1] = min(previous[y + 1] + 1, current[y] + 1, previous[y] + (ca == cb ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
