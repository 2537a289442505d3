import PreflightCore

/// The result of checking a recipient number: the number when it parses, and the findings.
public struct PhoneCheck: Sendable, Hashable {
    /// The parsed number, or nil when the input is not a phone number.
    public var number: PhoneNumber?
    /// Why parsing failed, when it did.
    public var error: PhoneNumberError?
    /// `recipient.invalid` (error), `recipient.unknown_range` or `recipient.landline` (warnings);
    /// empty for a valid number that can receive SMS.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(number: PhoneNumber?, error: PhoneNumberError?, diagnostics: [Diagnostic]) {
        self.number = number
        self.error = error
        self.diagnostics = diagnostics
    }

    /// Why the number is not valid, in one phrase, or nil when it is valid.
    public var problem: String? {
        if let error { return error.description }
        guard let number, !number.isValid else { return nil }
        if !number.isPossible || number.possibility == .localOnly { return number.possibility.phrase }
        return "not in any number range of the installed metadata"
    }
}

/// The stable codes of the diagnostics of ``PhoneNumberParser/check(_:defaultRegion:field:)``
/// and ``NumberList``.
public enum PhoneDiagnosticCode {
    /// Error: the recipient is not a phone number, or one that cannot exist.
    public static let invalid = "recipient.invalid"
    /// Warning: a possible number outside every range of the installed metadata.
    public static let unknownRange = "recipient.unknown_range"
    /// Warning: a fixed-line number.
    public static let landline = "recipient.landline"
    /// Warning: a line of a number list that is not a phone number (the line is skipped).
    public static let badListEntry = "list.bad_entry"
}

extension PhoneNumberParser {
    /// Parses and judges a recipient number for sending an SMS.
    ///
    /// - `recipient.invalid` (error): not a phone number, an impossible length, a local number
    ///   without its area code, or an unknown default region.
    /// - `recipient.unknown_range` (warning): possible, but in no range of the installed
    ///   metadata, which may be older than the numbering plan.
    /// - `recipient.landline` (warning): a fixed line (`fixed_line_or_mobile` is not flagged).
    ///
    /// `field` names the request field in the diagnostics, for example `to` or `to[2]`.
    public func check(_ input: String, defaultRegion: String? = nil, field: String = "to") -> PhoneCheck {
        let number: PhoneNumber
        do {
            number = try parse(input, defaultRegion: defaultRegion)
        } catch {
            let message: String
            if case .unknownRegion = error {
                message = "cannot read \(Self.quoted(input)): \(error.description)"
            } else {
                message = "\(Self.quoted(input)) is not a phone number: \(error.description)"
            }
            let diagnostic = Diagnostic(
                code: PhoneDiagnosticCode.invalid, severity: .error, message: message, fix: error.fix, field: field)
            return PhoneCheck(number: nil, error: error, diagnostics: [diagnostic])
        }
        return PhoneCheck(number: number, error: nil, diagnostics: Self.diagnostics(for: number, input: input, field: field))
    }

    static func diagnostics(for number: PhoneNumber, input: String, field: String) -> [Diagnostic] {
        // Most numbers have no finding: nothing is formatted for them.
        if number.possibility != .localOnly, number.isPossible, number.isValid, number.type != .fixedLine { return [] }
        let plus = "+\(number.countryCode)"
        let finding: (code: String, severity: Severity, message: String, fix: String)
        if number.possibility == .localOnly {
            finding = (PhoneDiagnosticCode.invalid, .error, "\(quoted(input)) is a local number without its area code",
                       "write the full number in international format: \(plus), the area code and the number")
        } else if !number.isPossible {
            finding = (PhoneDiagnosticCode.invalid, .error,
                       "\(quoted(input)) cannot be a \(plus) number: it is \(number.possibility.phrase)",
                       "check the number for missing or extra digits and the country code")
        } else if !number.isValid {
            finding = (PhoneDiagnosticCode.unknownRange, .warning,
                       "\(number.e164) is not in any number range the installed libphonenumber metadata knows for \(plus)",
                       "check the number; if the range is new, update libphonenumber (its metadata may be older than the numbering plan)")
        } else if number.type == .fixedLine {
            finding = (PhoneDiagnosticCode.landline, .warning,
                       "\(number.e164) is a fixed-line number\(number.regionCode.map { " (\($0))" } ?? ""); most landlines cannot receive SMS",
                       "use the recipient's mobile number")
        } else {
            return []
        }
        return [Diagnostic(code: finding.code, severity: finding.severity, message: finding.message, fix: finding.fix, field: field)]
    }

    /// The input in quotes, shortened to 40 characters.
    static func quoted(_ input: String) -> String {
        let short = input.count > 40 ? input.prefix(39) + "…" : Substring(input)
        return "\"\(short)\""
    }
}
