internal import PhoneShim

/// The kind of line a number belongs to, as libphonenumber's metadata classifies it.
///
/// The raw values are a stable contract (JSON output, rule files).
public enum PhoneNumberType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A mobile number.
    case mobile
    /// A landline; most cannot receive SMS.
    case fixedLine = "fixed_line"
    /// The numbering plan does not tell fixed lines from mobiles (United States, Canada and the
    /// rest of the North American Numbering Plan).
    case fixedLineOrMobile = "fixed_line_or_mobile"
    /// A freephone number.
    case tollFree = "toll_free"
    /// A premium-rate number.
    case premiumRate = "premium_rate"
    /// A voice-over-IP number.
    case voip
    /// A shared-cost number.
    case sharedCost = "shared_cost"
    /// A personal number that routes to a fixed line or a mobile.
    case personal
    /// A pager.
    case pager
    /// A universal access (company) number.
    case uan
    /// A voicemail access number.
    case voicemail
    /// The number matches no range of its region (an invalid number).
    case unknown

    /// The shim's `PHONE_TYPE_*` value.
    var shimValue: Int32 {
        (0...PHONE_TYPE_UNKNOWN).first { PhoneNumberType(shim: $0) == self } ?? PHONE_TYPE_UNKNOWN
    }

    /// The type for a `PHONE_TYPE_*` value of the shim.
    init(shim value: Int32) {
        switch value {
        case PHONE_TYPE_FIXED_LINE: self = .fixedLine
        case PHONE_TYPE_MOBILE: self = .mobile
        case PHONE_TYPE_FIXED_LINE_OR_MOBILE: self = .fixedLineOrMobile
        case PHONE_TYPE_TOLL_FREE: self = .tollFree
        case PHONE_TYPE_PREMIUM_RATE: self = .premiumRate
        case PHONE_TYPE_SHARED_COST: self = .sharedCost
        case PHONE_TYPE_VOIP: self = .voip
        case PHONE_TYPE_PERSONAL: self = .personal
        case PHONE_TYPE_PAGER: self = .pager
        case PHONE_TYPE_UAN: self = .uan
        case PHONE_TYPE_VOICEMAIL: self = .voicemail
        default: self = .unknown
        }
    }
}

/// Whether a number has a length that numbers of its country calling code can have
/// (libphonenumber's `IsPossibleNumberWithReason`). A length check only: see
/// ``PhoneNumber/isValid`` for the full range check.
public enum PhoneNumberPossibility: String, Sendable, Hashable, Codable, CaseIterable {
    /// The length matches numbers of the region.
    case possible
    /// The length matches only numbers dialled locally, without an area code; such a number
    /// cannot be reached from elsewhere (and cannot receive SMS from a gateway).
    case localOnly = "local_only"
    /// The country calling code is not one the metadata knows.
    case invalidCountryCode = "invalid_country_code"
    /// Shorter than every number of the region.
    case tooShort = "too_short"
    /// Between the shortest and the longest numbers of the region, but no number has this length.
    case invalidLength = "invalid_length"
    /// Longer than every number of the region.
    case tooLong = "too_long"

    /// libphonenumber's `IsPossibleNumber`: true for ``possible`` and ``localOnly``.
    public var isPossible: Bool { self == .possible || self == .localOnly }

    /// A short phrase that follows "the number is", for example "too short".
    public var phrase: String {
        switch self {
        case .possible: "of a possible length"
        case .localOnly: "a local number without its area code"
        case .invalidCountryCode: "under an unknown country calling code"
        case .tooShort: "too short"
        case .invalidLength: "of a length no number of its country has"
        case .tooLong: "too long"
        }
    }

    init(shim value: Int32) {
        switch value {
        case PHONE_POSSIBLE: self = .possible
        case PHONE_POSSIBLE_LOCAL_ONLY: self = .localOnly
        case PHONE_IMPOSSIBLE_COUNTRY_CODE: self = .invalidCountryCode
        case PHONE_IMPOSSIBLE_TOO_SHORT: self = .tooShort
        case PHONE_IMPOSSIBLE_TOO_LONG: self = .tooLong
        default: self = .invalidLength
        }
    }
}

/// How to write a number.
public enum PhoneNumberFormat: String, Sendable, Hashable, CaseIterable {
    /// `+66812345678`.
    case e164
    /// `66812345678`: E.164 without the plus, as many SMS gateways want it.
    case e164WithoutPlus = "e164_without_plus"
    /// `081 234 5678`: as dialled inside the number's country.
    case national
    /// `+66 81 234 5678`: E.164 with the country's grouping.
    case international
}

/// A phone number parsed by libphonenumber.
///
/// Two values are equal when they are the same number, whatever the input looked like.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number in E.164, for example `+66812345678`.
    public let e164: String
    /// The country calling code, for example 66.
    public let countryCode: Int
    /// The national significant number: the digits after the country code, with any leading
    /// zeros that belong to it (Italy), for example `812345678`.
    public let nationalNumber: String
    /// The ISO 3166-1 region of the number (`GG` for some `+44` blocks, `CA` for Canadian `+1`
    /// numbers), `001` for non-geographic numbers, or nil when the number matches no region.
    public let regionCode: String?
    /// The kind of line; ``PhoneNumberType/unknown`` when the number is not valid.
    public let type: PhoneNumberType
    /// True when the number lies in a range the installed metadata lists for its region
    /// (libphonenumber's `IsValidNumber`). The metadata may be older than the numbering plan.
    public let isValid: Bool
    /// The length check of the number.
    public let possibility: PhoneNumberPossibility

    /// libphonenumber's `IsPossibleNumber`: the length fits (``PhoneNumberPossibility/localOnly`` counts).
    public var isPossible: Bool { possibility.isPossible }

    /// The E.164 form.
    public var description: String { e164 }

    /// The number written in `format`.
    public func formatted(_ format: PhoneNumberFormat) -> String {
        switch format {
        case .e164: return e164
        case .e164WithoutPlus: return String(e164.dropFirst())
        case .national: return libraryFormat(PHONE_FORMAT_NATIONAL)
        case .international: return libraryFormat(PHONE_FORMAT_INTERNATIONAL)
        }
    }

    private func libraryFormat(_ style: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBufferPointer {
            phone_format(Int32(countryCode), nationalNumber, style, $0.baseAddress, Int32($0.count))
        }
        return n < 0 ? e164 : PhoneNumberParser.string(buffer)
    }

    /// The E.164 digits as an integer (E.164 has at most 15 digits, libphonenumber at most 20),
    /// or nil when they do not fit in 64 bits.
    var e164Value: UInt64? { Self.value(e164: e164) }

    /// The digits of an E.164 string as an integer, or nil when they do not fit in 64 bits.
    static func value(e164: String) -> UInt64? {
        var value: UInt64 = 0
        for b in e164.utf8.dropFirst() {
            guard (0x30...0x39).contains(b) else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(b - 0x30))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }
}
