import Foundation
import PreflightCore
import SMSEncoding

/// One render's state: the diagnostics found so far and lazily made formatters.
struct Renderer {
    let template: Template
    let options: RenderOptions
    var diagnostics: [Diagnostic] = []
    private var checked: Set<String> = []

    init(template: Template, options: RenderOptions) {
        self.template = template
        self.options = options
    }

    /// The locale for case mapping: the call's, else the template's, else none (root rules).
    var caseLocale: Locale? { options.locale ?? template.locale }
    /// The locale for dates and numbers: the call's, else the template's, else `en_US_POSIX`.
    var formatLocale: Locale { options.locale ?? template.locale ?? Locale(identifier: "en_US_POSIX") }
    /// The time zone for dates: the call's, else the template's, else UTC.
    var formatTimeZone: TimeZone { options.timeZone ?? template.timeZone ?? TimeZone(identifier: "UTC")! }

    /// A value flowing through a tag's filters.
    enum Piped {
        case missing
        case value(TemplateValue)
    }

    mutating func append(_ index: Int, values: [String: TemplateValue], to out: inout String) {
        let use = template.variables[index]
        var piped = lookup(use, values)
        if case .value(let value) = piped, let declaration = template.declarations[index] {
            validate(value, against: declaration, at: use)
        }
        if use.filters.isEmpty, case .value(.string(let s)) = piped {
            out += s
            return
        }
        for filter in use.filters {
            guard let next = apply(filter, to: piped, use: use) else { return }
            piped = next
        }
        switch piped {
        case .missing:
            if template.declarations[index]?.required == false { return }
            fail(
                "template.undefined_variable", use,
                "undefined variable `\(use.name)`",
                fix: "pass a value for `\(use.name)` (--var \(use.name)=…) or give a default: <<\(use.name) | default:\"…\">>")
        case .value(let value):
            if let text = insertable(value, use: use) { out += text }
        }
    }

    /// Looks a dotted name up; `null` counts as missing.
    private mutating func lookup(_ use: VariableUse, _ values: [String: TemplateValue]) -> Piped {
        guard var value = values[use.path[0]] else { return .missing }
        for (depth, key) in use.path.dropFirst().enumerated() {
            guard case .object(let object) = value else {
                if case .null = value { return .missing }
                let prefix = use.path[...depth].joined(separator: ".")
                fail("template.type_mismatch", use, "`\(prefix)` is \(quotedDescription(value)), not an object with `\(key)`",
                     fix: "pass `\(prefix)` as an object, for example {\"\(prefix)\": {\"\(key)\": …}}")
                return .value(.string(""))
            }
            guard let inner = object[key] else { return .missing }
            value = inner
        }
        if case .null = value { return .missing }
        return .value(value)
    }

    private mutating func insertable(_ value: TemplateValue, use: VariableUse) -> String? {
        if let text = value.text { return text }
        fail("template.type_mismatch", use, "`\(use.name)` is \(value.description) and cannot be inserted",
             fix: "insert one of its fields (<<\(use.name).field>>) or pass text")
        return nil
    }

    private mutating func text(_ value: TemplateValue, _ filter: Filter, _ use: VariableUse) -> String? {
        if let text = value.text { return text }
        fail("template.type_mismatch", use, "`\(filter.name)` needs text, but `\(use.name)` is \(value.description)",
             fix: "pass text for `\(use.name)`")
        return nil
    }

    /// Applies one filter; `nil` after recording a diagnostic.
    private mutating func apply(_ filter: Filter, to piped: Piped, use: VariableUse) -> Piped? {
        if case .defaultValue(let fallback) = filter {
            switch piped {
            case .missing: return .value(.string(fallback))
            case .value(let v): return v.text == "" ? .value(.string(fallback)) : piped
            }
        }
        guard case .value(let value) = piped else { return piped }
        switch filter {
        case .defaultValue:
            return piped
        case .upper:
            return text(value, filter, use).map { .value(.string($0.uppercased(with: caseLocale))) }
        case .lower:
            return text(value, filter, use).map { .value(.string($0.lowercased(with: caseLocale))) }
        case .capitalize:
            return text(value, filter, use).map { s in
                guard let first = s.first else { return .value(.string(s)) }
                return .value(.string(String(first).uppercased(with: caseLocale) + s.dropFirst()))
            }
        case .trim:
            return text(value, filter, use).map { .value(.string($0.trimmingWhitespace())) }
        case .truncate(let length, let ellipsis):
            return text(value, filter, use).map { s in
                s.count <= length ? .value(.string(s)) : .value(.string(String(s.prefix(length - ellipsis.count)) + ellipsis))
            }
        case .gsm:
            return text(value, filter, use).map { .value(.string(GSMTransliteration.apply($0))) }
        case .date(let pattern):
            guard let date = Self.date(from: value, timeZone: formatTimeZone) else {
                fail("template.type_mismatch", use, "`date` needs a date, but `\(use.name)` is \(quotedDescription(value))",
                     fix: "pass ISO 8601 text such as 2026-11-23 or 2026-11-23T14:30:00+01:00, or epoch seconds")
                return nil
            }
            let formatter = DateFormatter()
            formatter.locale = formatLocale
            formatter.timeZone = formatTimeZone
            formatter.dateFormat = pattern
            return .value(.string(formatter.string(from: date)))
        case .number(let digits):
            guard let number = Self.decimal(from: value) else {
                fail("template.type_mismatch", use, "`number` needs a number, but `\(use.name)` is \(quotedDescription(value))",
                     fix: "pass a JSON number or numeric text such as 12.5")
                return nil
            }
            return .value(.string(Self.format(number, digits: digits, locale: formatLocale)))
        case .e164, .national:
            guard let raw = value.text, let formatted = PhoneFormatting.format(raw, national: filter == .national, defaultRegion: options.defaultRegion) else {
                fail("template.type_mismatch", use, "`\(filter.name)` needs a phone number, but `\(use.name)` is \(quotedDescription(value))",
                     fix: "pass a number with its country code (+14155552671) or set the default region")
                return nil
            }
            return .value(.string(formatted))
        }
    }

    /// Checks a value against its front matter declaration (once per name and render).
    private mutating func validate(_ value: TemplateValue, against declaration: VariableDeclaration, at use: VariableUse) {
        guard checked.insert(declaration.name).inserted else { return }
        let name = declaration.name
        switch declaration.type {
        case .string:
            break
        case .number:
            if Self.decimal(from: value) == nil {
                fail("template.type_mismatch", use, "`\(name)` is declared as a number, but the value is \(quotedDescription(value))",
                     fix: "pass a number for `\(name)`")
                return
            }
        case .date:
            if Self.date(from: value, timeZone: formatTimeZone) == nil {
                fail("template.type_mismatch", use, "`\(name)` is declared as a date, but the value is \(quotedDescription(value))",
                     fix: "pass ISO 8601 text such as 2026-11-23T14:30:00+01:00, or epoch seconds")
                return
            }
        case .phone:
            if value.text.flatMap({ PhoneFormatting.format($0, national: false, defaultRegion: options.defaultRegion) }) == nil {
                fail("template.type_mismatch", use, "`\(name)` is declared as a phone number, but the value is \(quotedDescription(value))",
                     fix: "pass a number with its country code (+14155552671) or set the default region")
                return
            }
        }
        guard let text = value.text else {
            fail("template.type_mismatch", use, "`\(name)` is \(value.description), but it is declared as \(declaration.type.rawValue)",
                 fix: "pass a \(declaration.type.rawValue) for `\(name)`")
            return
        }
        if let max = declaration.maxLength {
            let length = text.unicodeScalars.count
            if length > max {
                fail("template.type_mismatch", use, "the value of `\(name)` is \(length) characters; its declared maxLength is \(max)",
                     fix: "shorten the value, or raise maxLength (the worst-case length grows with it)")
            }
        }
        if declaration.charset == .gsm {
            let report = SMSEncoder().analyze(text)
            if report.encoding == .ucs2 {
                let characters = report.nonGSM.map(\.char).prefix(5).joined(separator: " ")
                fail("template.type_mismatch", use, "the value of `\(name)` has characters outside GSM-7 (\(characters)), but it is declared charset: gsm",
                     fix: "pass the value through | gsm, or declare charset: any (the message may become UCS-2)")
            }
        }
    }

    private mutating func fail(_ code: String, _ use: VariableUse, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(code: code, severity: .error, message: message, fix: fix, location: use.location))
    }

    private func quotedDescription(_ value: TemplateValue) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return value.description
    }

    // MARK: - Value conversions

    /// A date from ISO 8601 text (date-time with offset, or a date at midnight in `timeZone`) or epoch seconds.
    static func date(from value: TemplateValue, timeZone: TimeZone) -> Date? {
        switch value {
        case .number(let seconds):
            return Date(timeIntervalSince1970: NSDecimalNumber(decimal: seconds).doubleValue)
        case .string(let text):
            let iso = ISO8601DateFormatter()
            if let date = iso.date(from: text) { return date }
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = iso.date(from: text) { return date }
            iso.formatOptions = [.withFullDate]
            iso.timeZone = timeZone
            if text.utf8.count == 10, let date = iso.date(from: text) { return date }
            return nil
        default:
            return nil
        }
    }

    /// An exact number from a JSON number or numeric text (`12`, `-3.50`, `1e3`).
    static func decimal(from value: TemplateValue) -> Decimal? {
        switch value {
        case .number(let d): return d
        case .string(let s):
            let trimmed = s.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) }) else { return nil }
            return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    /// `number` rounded half up (away from zero) to `digits` fraction digits, with the locale's
    /// separators. The rounding is exact (decimal); the formatter only places separators.
    static func format(_ number: Decimal, digits: Int, locale: Locale) -> String {
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, digits, .plain)
        guard abs(rounded) < Decimal(sign: .plus, exponent: 15, significand: 1) else { return rounded.description }
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        return formatter.string(from: NSDecimalNumber(decimal: rounded)) ?? rounded.description
    }
}

/// The `gsm` filter: smart-encoding transliteration, then `?` for what still does not fit GSM-7.
enum GSMTransliteration {
    static let encoder = SMSEncoder(options: EncodingOptions(smart: .letters))

    /// At most this many characters per input code point (`庄` → `zhuang`); longer transliterations
    /// (a handful of ligature code points such as U+FDFA) are cut, so the worst case stays a bound.
    static let maxExpansion = 6

    static func apply(_ text: String) -> String {
        let report = encoder.analyze(text)
        var out: String
        if report.encoding == .gsm7 {
            out = report.text
        } else {
            out = ""
            for character in report.text {
                let s = String(character)
                out += GSMCheck.plain.isGSM(s) ? s : "?"
            }
        }
        let limit = text.unicodeScalars.count * maxExpansion
        return out.unicodeScalars.count <= limit ? out : String(String.UnicodeScalarView(out.unicodeScalars.prefix(limit)))
    }
}
