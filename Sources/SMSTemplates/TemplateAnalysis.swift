import Foundation
import PreflightCore
import SMSEncoding

/// What can be known about a template without rendering it: declaration problems, the worst-case
/// length and parts, whether it can become UCS-2 and why, and an example render.
public struct TemplateAnalysis: Sendable {
    /// Static findings: `template.undefined_variable` (used but not declared, when the front matter
    /// declares variables), `template.unused_variable`, `template.unbounded_variable`.
    public var diagnostics: [Diagnostic]
    /// The longest message the template can produce; `nil` when a variable is unbounded.
    public var worstCase: WorstCase?
    /// Variables whose length has no bound (no `maxLength`, no `truncate`).
    public var unboundedVariables: [String]
    /// Characters of the literal text that force UCS-2 (the message is always UCS-2 when not empty).
    public var literalUCS2: [LiteralCharacter]
    /// Variables whose values can turn the message into UCS-2, each with the reason.
    public var variableUCS2: [VariableUCS2]
    /// The message rendered with the declared `example` values, when every required variable has one.
    public var example: EncodingReport?

    /// Whether some message from this template can be UCS-2.
    public var canBeUCS2: Bool { !literalUCS2.isEmpty || !variableUCS2.isEmpty }
}

/// The worst case of a template.
public struct WorstCase: Sendable, Hashable {
    /// The encoding of the worst case.
    public var encoding: MessageEncoding
    /// Characters (UTF-16 code units for UCS-2, septets for GSM-7) of the worst case.
    public var units: Int
    /// Parts of the worst case.
    public var parts: Int
    /// Units per part of the worst case.
    public var unitsPerPart: [Int]
}

/// A literal character of a template, with its place in the file.
public struct LiteralCharacter: Sendable, Hashable {
    /// The character.
    public var character: String
    /// Where it is.
    public var location: SourceLocation
}

/// A variable that can make the message UCS-2.
public struct VariableUCS2: Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// Why, for example "charset any" or "upper can turn à into À".
    public var reason: String
    /// The first use of the variable.
    public var location: SourceLocation
}

extension Template {
    /// The encoding options a template implies: national shift tables of its locale's language (a
    /// `tr_TR` template may use the Turkish tables), normalization on, no smart encoding.
    public var defaultEncodingOptions: EncodingOptions {
        guard let language = frontMatter.locale.flatMap({ Locale(identifier: $0).language.languageCode?.identifier }),
            let table = NationalLanguage(rawValue: language)
        else { return EncodingOptions() }
        return EncodingOptions(shiftTables: [table])
    }

    /// Analyzes the template statically.
    /// - Parameters:
    ///   - options: the encoding options messages will be sent with (default: ``defaultEncodingOptions``).
    ///   - includeExample: whether to render the example (``TemplateAnalysis/example``); linters that
    ///     do not show it skip the work.
    ///   - cache: results that do not depend on the template (the longest text of a date pattern in a
    ///     locale), shared across analyses; `nil` computes them each time.
    public func analyze(options: EncodingOptions? = nil, includeExample: Bool = true, cache: AnalysisCache? = nil) -> TemplateAnalysis {
        let options = options ?? defaultEncodingOptions
        let encoder = SMSEncoder(options: options)
        var diagnostics: [Diagnostic] = []

        // Declarations against uses.
        if let declared = frontMatter.variables {
            let names = Set(declared.map(\.name))
            var reported = Set<String>()
            for use in variables where !names.contains(use.name) && reported.insert(use.name).inserted {
                diagnostics.append(
                    Diagnostic(
                        code: "template.undefined_variable", severity: .error,
                        message: "`\(use.name)` is used but not declared in the front matter",
                        fix: "declare `\(use.name)` under variables: (with its type and maxLength), or fix the name",
                        location: use.location))
            }
            let used = Set(variables.map(\.name))
            for declaration in declared where !used.contains(declaration.name) {
                diagnostics.append(
                    Diagnostic(
                        code: "template.unused_variable", severity: .warning,
                        message: "`\(declaration.name)` is declared but never used",
                        fix: "remove the declaration or use <<\(declaration.name)>> in the body",
                        location: declaration.location))
            }
        }

        // Each use's worst-case value.
        var fill = ""
        var unbounded: [String] = []
        var variableUCS2: [VariableUCS2] = []
        var textIndex = 0
        for node in nodes {
            switch node {
            case .text(let text):
                fill += text
                textIndex += 1
            case .variable(let index):
                let use = variables[index]
                let bound = ValueBound.of(use, declaration: declarations[index], template: self, check: GSMCheck(encoder: encoder, cache: cache))
                if let length = bound.length {
                    fill += String(repeating: bound.gsmOnly ? "€" : "😀", count: length)
                } else if !unbounded.contains(use.name) {
                    unbounded.append(use.name)
                    diagnostics.append(
                        Diagnostic(
                            code: "template.unbounded_variable", severity: .warning,
                            message: "`\(use.name)` has no maxLength, so the message length has no upper bound",
                            fix: "declare maxLength for `\(use.name)` in the front matter, or bound it with | truncate:N",
                            location: use.location))
                }
                if !bound.gsmOnly, !variableUCS2.contains(where: { $0.name == use.name }) {
                    variableUCS2.append(VariableUCS2(name: use.name, reason: bound.reason, location: use.location))
                }
            }
        }

        // Literal characters that force UCS-2 under these options.
        var literalUCS2: [LiteralCharacter] = []
        let literalText = literals.joined()
        if encoder.analyze(literalText).encoding == .ucs2 {
            for (scalar, location) in literalScalars where !encoder.analyze(String(scalar)).encoding.isGSM {
                literalUCS2.append(LiteralCharacter(character: String(scalar), location: location))
            }
        }

        var worstCase: WorstCase?
        if unbounded.isEmpty {
            let report = encoder.analyze(fill)
            worstCase = WorstCase(
                encoding: report.encoding, units: report.units, parts: report.partCount, unitsPerPart: report.unitsPerPart)
        }

        // Example render from the declared examples.
        var example: EncodingReport?
        let values = exampleValues
        if includeExample, let text = try? render(values) {
            example = encoder.analyze(text)
        }
        return TemplateAnalysis(
            diagnostics: diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) },
            worstCase: worstCase, unboundedVariables: unbounded, literalUCS2: literalUCS2,
            variableUCS2: variableUCS2, example: example)
    }

    /// The declared `example` values, nested by dotted name: what ``analyze(options:)`` renders
    /// the example with, and what `preflight render --examples` fills in.
    public var exampleValues: [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        for declaration in frontMatter.variables ?? [] {
            guard let value = declaration.example else { continue }
            let path = declaration.name.split(separator: ".").map(String.init)
            values = Self.setting(value, at: path[...], in: values)
        }
        return values
    }

    private static func setting(_ value: String, at path: ArraySlice<String>, in dict: [String: TemplateValue]) -> [String: TemplateValue] {
        var dict = dict
        let head = path.first!
        if path.count == 1 {
            dict[head] = .string(value)
        } else {
            var inner: [String: TemplateValue] = [:]
            if case .object(let o) = dict[head] { inner = o }
            dict[head] = .object(setting(value, at: path.dropFirst(), in: inner))
        }
        return dict
    }
}

extension MessageEncoding {
    var isGSM: Bool { self == .gsm7 }
}

/// The longest value a tag can insert, in code points, and whether it is always GSM-7.
///
/// Assumptions (documented in the README): a value of charset `gsm` costs at most two septets per
/// character (an extension-table character; `ß` upper-cased to `SS` costs the same); any other value
/// costs two UTF-16 units per character (a supplementary-plane character), times 1.5 after case
/// mapping (`ﬃ` → `FFI`); `truncate` counts one code point per cluster; `gsm` writes at most six GSM
/// characters per input character (`庄` → `zhuang`).
struct ValueBound {
    var length: Int?
    var gsmOnly: Bool
    var reason: String

    static func of(_ use: VariableUse, declaration: VariableDeclaration?, template: Template, check: GSMCheck) -> ValueBound {
        var bound: ValueBound
        switch declaration?.type {
        case .number?, .phone?:
            bound = ValueBound(length: declaration?.maxLength, gsmOnly: true, reason: "")
        case .string?, .date?:
            let gsm = declaration?.charset == .gsm
            bound = ValueBound(length: declaration?.maxLength, gsmOnly: gsm, reason: gsm ? "" : "charset any")
        case nil:
            bound = ValueBound(length: nil, gsmOnly: false, reason: "not declared (any character)")
        }
        let locale = template.locale ?? Locale(identifier: "en_US_POSIX")
        let caseLocale = template.locale
        for filter in use.filters {
            switch filter {
            case .defaultValue(let text):
                bound.length = bound.length.map { max($0, text.unicodeScalars.count) }
                if !check.isGSM(text), bound.gsmOnly {
                    bound.gsmOnly = false
                    bound.reason = "its default \"\(text)\" is not GSM-7"
                }
            case .upper, .lower, .capitalize:
                if bound.gsmOnly {
                    if let (from, to) = check.caseMappingLeavingGSM(filter, locale: caseLocale) {
                        bound.gsmOnly = false
                        bound.reason = "\(filter.name) can turn \(from) into \(to), which is not GSM-7"
                    }
                } else {
                    bound.length = bound.length.map { ($0 * 3 + 1) / 2 }
                }
            case .trim:
                break
            case .truncate(let n, _):
                bound.length = min(bound.length ?? n, n)
            case .gsm:
                if !bound.gsmOnly { bound.length = bound.length.map { $0 * GSMTransliteration.maxExpansion } }
                bound.gsmOnly = true
                bound.reason = ""
            case .date(let pattern):
                let (length, sample) = check.longestDate(pattern: pattern, locale: locale)
                bound.length = length
                bound.gsmOnly = sample == nil
                bound.reason = sample.map { "date:\"\(pattern)\" writes \"\($0)\", which is not GSM-7" } ?? ""
            case .number(let digits):
                let sample = Renderer.format(Decimal(string: "1234567.5")!, digits: digits, locale: locale)
                let separatorsGSM = check.isGSM(sample)
                bound.length = bound.length.map { $0 + $0 / 3 + digits + 2 }
                bound.gsmOnly = separatorsGSM
                bound.reason = separatorsGSM ? "" : "number formats as \"\(sample)\" in \(locale.identifier), which is not GSM-7"
            case .e164:
                bound = ValueBound(length: 16, gsmOnly: true, reason: "")
            case .national:
                bound = ValueBound(length: 24, gsmOnly: true, reason: "")
            }
        }
        return bound
    }
}

/// GSM-7 membership tests under the analysis' encoding options (shift tables included).
struct GSMCheck {
    /// Default alphabet and extension table only, no normalization.
    static let plain = GSMCheck(encoder: SMSEncoder(options: EncodingOptions(normalize: false)), cache: nil)

    let encoder: SMSEncoder
    let cache: AnalysisCache?

    func isGSM(_ text: String) -> Bool { encoder.analyze(text).encoding == .gsm7 }

    /// A GSM character that the case mapping turns into a non-GSM one, if any (`à` → `À`).
    func caseMappingLeavingGSM(_ filter: Filter, locale: Locale?) -> (String, String)? {
        for unit in GSMAlphabet.basic + Array(GSMAlphabet.extensionTable.values) {
            guard let scalar = Unicode.Scalar(unit), unit != 0x1B else { continue }
            let s = String(scalar)
            let mapped = filter == .lower ? s.lowercased(with: locale) : s.uppercased(with: locale)
            if !isGSM(mapped) { return (s, mapped) }
        }
        return nil
    }

    /// The longest text a date pattern writes in `locale` (over every month and weekday, morning and
    /// evening), in code points, and a sample that is not GSM-7 if there is one.
    func longestDate(pattern: String, locale: Locale) -> (Int, String?) {
        guard let cache else { return computeLongestDate(pattern: pattern, locale: locale) }
        let key = "\(pattern)\u{0}\(locale.identifier)\u{0}\(encoder.options.shiftTables.map(\.rawValue).sorted())"
        return cache.value(for: key) { computeLongestDate(pattern: pattern, locale: locale) }
    }

    private func computeLongestDate(pattern: String, locale: Locale) -> (Int, String?) {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var longest = 0
        var nonGSM: String?
        for month in 1...12 {
            for day in [1, 2, 3, 4, 5, 6, 7, 28] {
                for hour in [9, 23] {
                    guard let date = calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: 59, second: 59))
                    else { continue }
                    let text = formatter.string(from: date)
                    longest = max(longest, text.unicodeScalars.count)
                    if nonGSM == nil, !isGSM(text) { nonGSM = text }
                }
            }
        }
        return (longest, nonGSM)
    }
}

/// Results of the static analysis that do not depend on the template, shared across analyses (a
/// linter creates one per run): the longest text of a date pattern in a locale.
public final class AnalysisCache: @unchecked Sendable {
    private let lock = NSLock()
    private var dates: [String: (Int, String?)] = [:]

    /// An empty cache.
    public init() {}

    func value(for key: String, _ make: () -> (Int, String?)) -> (Int, String?) {
        lock.lock()
        if let hit = dates[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let value = make()
        lock.lock()
        dates[key] = value
        lock.unlock()
        return value
    }
}
