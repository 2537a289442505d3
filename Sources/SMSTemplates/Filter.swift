/// A filter in a tag, `<<name | truncate:20,"…">>`, checked at compile time.
public enum Filter: Sendable, Hashable, CustomStringConvertible {
    /// `default:"text"`: the text when the value is missing, null or empty.
    case defaultValue(String)
    /// `upper`: uppercases with the locale's rules (Turkish `i` → `İ`).
    case upper
    /// `lower`: lowercases with the locale's rules (Turkish `I` → `ı`).
    case lower
    /// `capitalize`: uppercases the first character (locale rules) and leaves the rest.
    case capitalize
    /// `trim`: removes white space and line breaks at both ends.
    case trim
    /// `truncate:N` or `truncate:N,"…"`: at most `N` characters (extended grapheme clusters,
    /// ellipsis included); the ellipsis is added only when the value was cut.
    case truncate(Int, ellipsis: String)
    /// `gsm`: smart-encoding transliteration to the GSM 7-bit alphabet (`’` → `'`, `é` kept, `ł` → `l`);
    /// what cannot be transliterated becomes `?`, so the output always fits GSM-7.
    case gsm
    /// `date:"pattern"`: formats a date (ISO 8601 text or epoch seconds) with a Unicode (ICU) date
    /// pattern in the template's locale and time zone.
    case date(String)
    /// `number:N`: formats a number with `N` fraction digits in the template's locale.
    case number(Int)
    /// `e164`: formats a phone number as E.164 (`+14155552671`).
    case e164
    /// `national`: formats a phone number in its country's national format.
    case national

    /// The filter's name as written in templates.
    public var name: String {
        switch self {
        case .defaultValue: "default"
        case .upper: "upper"
        case .lower: "lower"
        case .capitalize: "capitalize"
        case .trim: "trim"
        case .truncate: "truncate"
        case .gsm: "gsm"
        case .date: "date"
        case .number: "number"
        case .e164: "e164"
        case .national: "national"
        }
    }

    /// The filter as written in a template, for example `truncate:20,"…"`.
    public var description: String {
        switch self {
        case .defaultValue(let s): "default:\(Self.quoted(s))"
        case .truncate(let n, let e): e.isEmpty ? "truncate:\(n)" : "truncate:\(n),\(Self.quoted(e))"
        case .date(let p): "date:\(Self.quoted(p))"
        case .number(let n): "number:\(n)"
        default: name
        }
    }

    /// Every filter name, for messages and suggestions.
    public static let names = [
        "default", "upper", "lower", "capitalize", "trim", "truncate", "gsm", "date", "number", "e164", "national",
    ]

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A filter argument as written: a quoted string or an integer.
enum FilterArgument: Hashable {
    case string(String)
    case integer(Int)

    var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        }
    }
}

extension Filter {
    /// Builds a filter from its name and arguments, or says what is wrong.
    static func make(name: String, arguments: [FilterArgument]) -> Result<Filter, FilterProblem> {
        func none(_ f: Filter) -> Result<Filter, FilterProblem> {
            arguments.isEmpty ? .success(f) : .failure(.badArgument("`\(name)` takes no arguments"))
        }
        switch name {
        case "upper": return none(.upper)
        case "lower": return none(.lower)
        case "capitalize": return none(.capitalize)
        case "trim": return none(.trim)
        case "gsm": return none(.gsm)
        case "e164": return none(.e164)
        case "national": return none(.national)
        case "default":
            guard arguments.count == 1 else {
                return .failure(.badArgument("`default` takes one argument, the text to use (default:\"there\")"))
            }
            switch arguments[0] {
            case .string(let s): return .success(.defaultValue(s))
            case .integer(let n): return .success(.defaultValue(String(n)))
            }
        case "truncate":
            guard (1...2).contains(arguments.count), case .integer(let n) = arguments[0] else {
                return .failure(.badArgument("`truncate` takes a length and an optional ellipsis (truncate:20 or truncate:20,\"…\")"))
            }
            guard (1...10_000).contains(n) else {
                return .failure(.badArgument("`truncate` length must be between 1 and 10000, not \(n)"))
            }
            var ellipsis = ""
            if arguments.count == 2 {
                guard case .string(let e) = arguments[1] else {
                    return .failure(.badArgument("the ellipsis of `truncate` must be a string, not \(arguments[1].kind)"))
                }
                guard e.count < n else {
                    return .failure(.badArgument("the ellipsis \"\(e)\" is not shorter than the length \(n)"))
                }
                ellipsis = e
            }
            return .success(.truncate(n, ellipsis: ellipsis))
        case "date":
            guard arguments.count == 1, case .string(let pattern) = arguments[0], !pattern.isEmpty else {
                return .failure(.badArgument("`date` takes one string argument, the pattern (date:\"yyyy-MM-dd\")"))
            }
            return .success(.date(pattern))
        case "number":
            guard arguments.count == 1, case .integer(let n) = arguments[0] else {
                return .failure(.badArgument("`number` takes one integer argument, the fraction digits (number:2)"))
            }
            guard (0...10).contains(n) else {
                return .failure(.badArgument("`number` fraction digits must be between 0 and 10, not \(n)"))
            }
            return .success(.number(n))
        default:
            return .failure(.unknown)
        }
    }
}

/// Why a filter could not be built.
enum FilterProblem: Error {
    case unknown
    case badArgument(String)
}
