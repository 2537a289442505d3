/// A template source that shows what a lint rule reports (or accepts).
public struct LintExample: Sendable, Hashable {
    /// The template file's text as people read it.
    public var source: String
    /// The file's bytes, when they are not the UTF-8 of ``source`` (an example of invalid input).
    public var bytes: [UInt8]?
    /// A `policy.yaml` laid over the shipped rules for this example (brand domains, part limits), if
    /// the rule needs one.
    public var policy: String?

    /// Creates an example.
    public init(_ source: String, bytes: [UInt8]? = nil, policy: String? = nil) {
        self.source = source
        self.bytes = bytes
        self.policy = policy
    }

    /// The bytes of the example file.
    public var fileBytes: [UInt8] { bytes ?? Array(source.utf8) }
}

/// One diagnostic code of `preflight lint`: what it finds, why it matters, how serious it is by
/// default, and a failing and a passing example.
///
/// ``LintRules/all`` is the single source of this information: `preflight rules` prints it, the
/// SARIF report carries it as rule metadata, and a test lints every example.
public struct LintRule: Sendable, Hashable, Identifiable {
    /// The stable dotted code, for example `encoding.ucs2`.
    public var code: String
    /// One line: what the rule reports.
    public var summary: String
    /// What exactly is reported, and where.
    public var description: String
    /// Why it matters for an SMS.
    public var rationale: String
    /// The severity when the configuration does not set one.
    public var defaultSeverity: LintSeverity
    /// Whether `preflight lint --fix` repairs it.
    public var fixable: Bool
    /// A template that the rule reports.
    public var failing: LintExample
    /// A template that the rule accepts.
    public var passing: LintExample

    /// The code, as the identity of the rule.
    public var id: String { code }

    /// Creates a rule description.
    public init(
        code: String, summary: String, description: String, rationale: String, defaultSeverity: LintSeverity,
        fixable: Bool = false, failing: LintExample, passing: LintExample
    ) {
        self.code = code
        self.summary = summary
        self.description = description
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.fixable = fixable
        self.failing = failing
        self.passing = passing
    }

    /// Whether the rule can be disabled by an inline directive (compile errors cannot: the
    /// directives of a template that does not compile are not read).
    public var isSuppressible: Bool { !LintRules.compileCodes.contains(code) }
}

/// A severity as the lint configuration writes it: `off`, `warning` or `error`.
public enum LintSeverity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Not checked.
    case off
    /// Reported; fails the run only under `--strict` or past `--max-warnings`.
    case warning
    /// Reported; fails the run.
    case error

    /// The diagnostic severity, or `nil` for `off`.
    public var diagnosticSeverity: Severity? {
        switch self {
        case .off: nil
        case .warning: .warning
        case .error: .error
        }
    }

    private var rank: Int {
        switch self {
        case .off: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs.rank < rhs.rank }
}

extension LintExample {
    /// ``source`` with the characters nobody can see written as escapes: `\r`, `\t`, and
    /// `\u{200B}` for invisible characters and bidi controls (for printing the examples).
    public var visibleSource: String {
        var out = ""
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x0A: out += "\n"
            case 0..<0x20, 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                if scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isBidiControl {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
