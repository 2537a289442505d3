internal import PhoneShim

/// Why a text could not be parsed as a phone number.
public enum PhoneNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input is empty or only spaces.
    case empty
    /// The input is longer than ``PhoneNumberParser/maximumInputLength`` bytes.
    case inputTooLong(bytes: Int)
    /// libphonenumber found no phone number in the text.
    case notANumber
    /// There is no `+` country code and no usable default region, or the `+` code is unknown.
    case invalidCountryCode
    /// An international prefix (`00`, `011`…) is followed by too few digits.
    case tooShortAfterIDD
    /// Fewer than two digits remain after the country code.
    case tooShort
    /// More than seventeen digits remain after the country code.
    case tooLong
    /// The default region is not an ISO 3166-1 alpha-2 code the metadata knows.
    case unknownRegion(String)
    /// libphonenumber failed internally (it threw, for example out of memory).
    case libraryFailure

    /// The error for a `PHONE_ERR_*` code of the shim.
    init(shim code: Int32, bytes: Int) {
        switch code {
        case PHONE_ERR_EMPTY: self = .empty
        case PHONE_ERR_INPUT_TOO_LONG: self = .inputTooLong(bytes: bytes)
        case PHONE_ERR_INVALID_COUNTRY_CODE: self = .invalidCountryCode
        case PHONE_ERR_TOO_SHORT_AFTER_IDD: self = .tooShortAfterIDD
        case PHONE_ERR_TOO_SHORT_NSN: self = .tooShort
        case PHONE_ERR_TOO_LONG_NSN: self = .tooLong
        case PHONE_ERR_NOT_A_NUMBER: self = .notANumber
        default: self = .libraryFailure
        }
    }

    /// What went wrong, in one phrase.
    public var description: String {
        switch self {
        case .empty: "the number is empty"
        case .inputTooLong(let bytes):
            "the input is \(bytes) bytes long; a phone number has at most \(PhoneNumberParser.maximumInputLength)"
        case .notANumber: "no phone number found in the text"
        case .invalidCountryCode: "the country calling code is missing or unknown"
        case .tooShortAfterIDD: "too few digits after the international prefix"
        case .tooShort: "too few digits after the country code"
        case .tooLong: "too many digits after the country code"
        case .unknownRegion(let region): "unknown region code \"\(region)\""
        case .libraryFailure: "libphonenumber failed while parsing"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .empty: "give the recipient's number, for example +66812345678"
        case .inputTooLong: "pass only the phone number, not a whole text"
        case .notANumber: "write the number with digits, for example +66812345678"
        case .invalidCountryCode:
            "write the number in international format (+, country code, number: +66812345678) or give the default region of national numbers (for example TH)"
        case .tooShortAfterIDD: "check the digits after the international prefix, or write + and the country code instead"
        case .tooShort: "check the number for missing digits"
        case .tooLong: "check the number for extra digits or two numbers run together"
        case .unknownRegion: "use an ISO 3166-1 alpha-2 region code such as TH, US or GB"
        case .libraryFailure: "retry; if it persists, report it with the input"
        }
    }
}
