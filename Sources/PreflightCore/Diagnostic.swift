/// How serious a ``Diagnostic`` is.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Informational: nothing is wrong, but the sender should know (for example the cost of UCS-2).
    case info
    /// Something is probably wrong or costs more than it should; sending is still possible.
    case warning
    /// The message must not be sent as it is.
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A position in a file: 1-based line and column (columns count Unicode characters).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path as the user gave it, or a name such as `<stdin>`.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and CI annotations understand.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A finding about a message, a template, a rule file or a request.
///
/// `code` is a stable dotted identifier (for example `encoding.ucs2`) that users configure and
/// suppress; it never changes meaning. Every diagnostic carries a human message and a `fix` hint.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable dotted code, for example `sender.mask_too_long`.
    public var code: String
    /// How serious the finding is.
    public var severity: Severity
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it.
    public var fix: String
    /// Where in a file the finding is, when it comes from a file.
    public var location: SourceLocation?
    /// The request field the finding concerns (for example `from` or `body`), when it comes from a request.
    public var field: String?

    /// Creates a diagnostic.
    public init(
        code: String, severity: Severity, message: String, fix: String,
        location: SourceLocation? = nil, field: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.fix = fix
        self.location = location
        self.field = field
    }

    /// `file:line:column: severity: message [code]` (the location part only when there is one).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? field.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message) [\(code)]"
    }
}
