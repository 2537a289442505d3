import PreflightCore
import YAMLSupport

/// The code of a policy check: a stable contract that users enable, disable and re-grade in
/// `policy.yaml` under `checks`, and that appears as ``Diagnostic/code``.
public enum CheckCode: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable, Comparable {
    /// The sender ID is longer than the recipient country allows (11 characters by default).
    case senderMaskTooLong = "sender.mask_too_long"
    /// The sender ID is empty, has no letter, or has characters the country does not allow.
    case senderMaskInvalid = "sender.mask_invalid"
    /// The recipient's country does not deliver alphanumeric sender IDs.
    case senderAlphanumericNotAllowed = "sender.alphanumeric_not_allowed"
    /// The recipient's country requires the sender ID to be registered, and it is not.
    case senderRegistrationRequired = "sender.registration_required"
    /// The sender ID can be confused with a protected brand name.
    case senderConfusable = "sender.confusable"
    /// The account enforces campaign checks and the request has no campaign reference.
    case campaignRefRequired = "campaign.ref_required"
    /// The recipient number cannot be parsed or is impossible.
    case recipientInvalid = "recipient.invalid"
    /// The recipient number is possible but not in a known range of the installed metadata.
    case recipientUnknownRange = "recipient.unknown_range"
    /// The recipient number is a fixed line.
    case recipientLandline = "recipient.landline"
    /// The recipient is on a blocklist or opt-out list.
    case recipientBlocked = "recipient.blocked"
    /// The body is empty.
    case bodyEmpty = "body.empty"
    /// The body has more characters than allowed.
    case bodyTooLong = "body.too_long"
    /// The body needs more parts than allowed.
    case bodyTooManyParts = "body.too_many_parts"
    /// A message that needs opt-out language (marketing) has none.
    case optOutLanguageMissing = "optout.language_missing"
    /// A link uses a public URL shortener.
    case linkPublicShortener = "link.public_shortener"
    /// A link's domain is not one of the brand's domains.
    case linkUnbrandedDomain = "link.unbranded_domain"
    /// A link uses plain `http`.
    case linkInsecure = "link.insecure"
    /// A link points at an IP address.
    case linkIPAddress = "link.ip_address"
    /// The click-tracking domain is not usable.
    case linkTrackingDomainInvalid = "link.tracking_domain_invalid"
    /// The send time is outside the allowed window in the recipient's local time.
    case timeQuietHours = "time.quiet_hours"
    /// The body mentions restricted content.
    case contentRestricted = "content.restricted"
    /// The body needs UCS-2 (which characters force it and what it costs).
    case encodingUCS2 = "encoding.ucs2"

    /// The coding key for use as a dictionary key.
    public var codingKey: any CodingKey { YAMLKey(stringValue: rawValue) }

    /// The check for a dictionary key; nil for an unknown code.
    public init?<T: CodingKey>(codingKey: T) {
        self.init(rawValue: codingKey.stringValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The check's position in ``allCases`` (a table index: no hashing).
    var position: Int {
        switch self {
        case .senderMaskTooLong: 0
        case .senderMaskInvalid: 1
        case .senderAlphanumericNotAllowed: 2
        case .senderRegistrationRequired: 3
        case .senderConfusable: 4
        case .campaignRefRequired: 5
        case .recipientInvalid: 6
        case .recipientUnknownRange: 7
        case .recipientLandline: 8
        case .recipientBlocked: 9
        case .bodyEmpty: 10
        case .bodyTooLong: 11
        case .bodyTooManyParts: 12
        case .optOutLanguageMissing: 13
        case .linkPublicShortener: 14
        case .linkUnbrandedDomain: 15
        case .linkInsecure: 16
        case .linkIPAddress: 17
        case .linkTrackingDomainInvalid: 18
        case .timeQuietHours: 19
        case .contentRestricted: 20
        case .encodingUCS2: 21
        }
    }
}

/// The setting of every check, indexed by ``CheckCode/position``. A class, so that the checks of
/// one message can refer to it without a reference count (see ``Findings``).
final class CheckTable: Sendable {
    private let settings: [CheckSetting]

    init(_ checks: [CheckCode: CheckSetting]) {
        settings = CheckCode.allCases.map { checks[$0] ?? CheckSetting() }
    }

    subscript(code: CheckCode) -> CheckSetting { settings[code.position] }
}

/// How one check is configured: on or off, and an optional severity that replaces the default.
public struct CheckSetting: Sendable, Hashable, Codable {
    /// False turns the check off.
    public let enabled: Bool
    /// The severity to report with instead of the check's own; nil keeps the check's own.
    public let severity: Severity?

    /// Creates a setting (enabled, default severity, unless told otherwise).
    public init(enabled: Bool = true, severity: Severity? = nil) {
        self.enabled = enabled
        self.severity = severity
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, severity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        severity = try container.decodeIfPresent(Severity.self, forKey: .severity)
    }
}
