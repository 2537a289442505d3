import ICUShim
import SMSEncoding

/// Errors found while converting a domain name with UTS #46 (the `UIDNA_ERROR_*` bits of ICU).
public struct IDNAErrors: OptionSet, Sendable, Hashable {
    /// The raw bits, as ICU reports them.
    public let rawValue: UInt32
    /// Creates a set from raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A label is empty (`a..b`), or the name is empty.
    public static let emptyLabel = IDNAErrors(rawValue: 0x1)
    /// A label is longer than 63 bytes in ASCII form.
    public static let labelTooLong = IDNAErrors(rawValue: 0x2)
    /// The name is longer than 253 bytes in ASCII form.
    public static let domainNameTooLong = IDNAErrors(rawValue: 0x4)
    /// A label starts with a hyphen.
    public static let leadingHyphen = IDNAErrors(rawValue: 0x8)
    /// A label ends with a hyphen.
    public static let trailingHyphen = IDNAErrors(rawValue: 0x10)
    /// A label has hyphens in its third and fourth positions but is not valid punycode.
    public static let hyphen3and4 = IDNAErrors(rawValue: 0x20)
    /// A label starts with a combining mark.
    public static let leadingCombiningMark = IDNAErrors(rawValue: 0x40)
    /// A character that IDNA does not allow in domain names.
    public static let disallowed = IDNAErrors(rawValue: 0x80)
    /// An `xn--` label is not valid punycode.
    public static let punycode = IDNAErrors(rawValue: 0x100)
    /// A label contains a dot after conversion.
    public static let labelHasDot = IDNAErrors(rawValue: 0x200)
    /// An `xn--` label does not decode to a valid label.
    public static let invalidACELabel = IDNAErrors(rawValue: 0x400)
    /// The name breaks the Bidi rule of RFC 5893 (right-to-left labels).
    public static let bidi = IDNAErrors(rawValue: 0x800)
    /// A zero-width joiner or non-joiner where RFC 5892 does not allow it.
    public static let contextJ = IDNAErrors(rawValue: 0x1000)
    /// Punctuation that RFC 5892 allows only in context (such as a middle dot), out of context.
    public static let contextOPunctuation = IDNAErrors(rawValue: 0x2000)
    /// Arabic-Indic digits mixed with extended Arabic-Indic digits.
    public static let contextODigits = IDNAErrors(rawValue: 0x4000)
}

/// A domain name converted by ``IDNA``.
public struct IDNAResult: Sendable, Hashable {
    /// The converted name (even when `errors` is not empty, as far as ICU could convert it).
    public var name: String
    /// What is wrong with the name; empty when it is valid.
    public var errors: IDNAErrors

    /// Whether the name converted without errors.
    public var isValid: Bool { errors.isEmpty }

    /// Creates a result.
    public init(name: String, errors: IDNAErrors) {
        self.name = name
        self.errors = errors
    }
}

/// Internationalized domain names with ICU's UTS #46 implementation (nontransitional processing,
/// with the Bidi and ContextJ checks, as browsers do).
public enum IDNA {
    /// The ASCII form of a domain name: lowercase, Unicode labels as punycode
    /// (`Пример.рф` → `xn--e1afmkfd.xn--p1ai`, `faß.de` → `xn--fa-hia.de`).
    public static func toASCII(_ name: String) -> IDNAResult { convert(name, toASCII: true) }

    /// The Unicode form of a domain name (`xn--mnchen-3ya.de` → `münchen.de`).
    public static func toUnicode(_ name: String) -> IDNAResult { convert(name, toASCII: false) }

    private static func convert(_ name: String, toASCII: Bool) -> IDNAResult {
        if name.isEmpty { return IDNAResult(name: "", errors: .emptyLabel) }
        var bits: UInt32 = 0
        let converted = icuUTF8Output(name, function: "IDNA") { s, n, dst, cap, err in
            toASCII
                ? icutext_idna_to_ascii(s, n, dst, cap, &bits, &err)
                : icutext_idna_to_unicode(s, n, dst, cap, &bits, &err)
        }
        return IDNAResult(name: converted, errors: IDNAErrors(rawValue: bits))
    }
}
