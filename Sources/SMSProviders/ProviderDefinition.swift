import Foundation

/// What a provider can carry from a send request; a request that uses a feature the provider
/// lacks gets `provider.unsupported_feature`.
public enum ProviderFeature: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A send time in the future (`scheduledAt`).
    case schedule
    /// An alphanumeric sender ID (`senderMask`).
    case senderMask
    /// A numeric sender (`from`).
    case from
    /// A campaign or client reference (`campaignRef`).
    case campaignRef
    /// Link shortening and click tracking by the provider (`clickTracking: "provider"`).
    case linkTracking

    /// How the feature reads in a sentence.
    public var phrase: String {
        switch self {
        case .schedule: "scheduling"
        case .senderMask: "an alphanumeric sender ID"
        case .from: "a numeric sender (from)"
        case .campaignRef: "a campaign reference"
        case .linkTracking: "link tracking"
        }
    }

    /// The request field that uses the feature.
    public var requestField: String {
        switch self {
        case .schedule: "scheduledAt"
        case .senderMask: "senderMask"
        case .from: "from"
        case .campaignRef: "campaignRef"
        case .linkTracking: "clickTracking"
        }
    }

    /// Declaration order: schedule, senderMask, from, campaignRef, linkTracking.
    public static func < (lhs: ProviderFeature, rhs: ProviderFeature) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a request body is written.
public enum BodyEncoding: String, Sendable, Hashable, CaseIterable, Decodable {
    /// A compact JSON object, keys in the order of the provider file.
    case json
    /// `application/x-www-form-urlencoded`: nested keys joined with dots, list items numbered
    /// from 1 (`MessageAttributes.entry.1.Name`, the AWS query style).
    case form

    /// The default content type.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .form: "application/x-www-form-urlencoded"
        }
    }
}

/// How recipients go into requests.
public enum RecipientMode: String, Sendable, Hashable, CaseIterable, Decodable {
    /// One request per recipient.
    case single
    /// A list of recipients per request (the recipient field's path has `[]`).
    case array
    /// Recipients joined into one text with a separator (Plivo `<`, Textmagic `,`).
    case joined
}

/// How many recipients a request takes and how they are written.
public struct RecipientRule: Sendable, Hashable {
    /// One per request, a list, or joined text.
    public var mode: RecipientMode
    /// The separator of `joined` mode.
    public var separator: String?
    /// The most recipients per request (nil: no documented maximum); longer lists are split into
    /// several requests, never cut.
    public var maxPerRequest: Int?
    /// The list means one group conversation (Bandwidth), so a broadcast is one request per recipient.
    public var group: Bool

    /// Creates a rule.
    public init(mode: RecipientMode, separator: String? = nil, maxPerRequest: Int? = nil, group: Bool = false) {
        self.mode = mode
        self.separator = separator
        self.maxPerRequest = maxPerRequest
        self.group = group
    }

    /// The recipients one request takes: 1 for `single` and group lists.
    public var chunkSize: Int? { mode == .single || group ? 1 : maxPerRequest }
}

/// One way of filling a field, with the conditions under which it applies.
public struct FieldAlternative: Sendable, Hashable {
    /// The value.
    public var value: ValueExpression
    /// Values that must be present (and true, for Booleans) for this alternative to apply.
    public var when: [ValueSource]
    /// Values that must be absent (or false) for this alternative to apply.
    public var unless: [ValueSource]

    /// Creates an alternative.
    public init(value: ValueExpression, when: [ValueSource] = [], unless: [ValueSource] = []) {
        self.value = value
        self.when = when
        self.unless = unless
    }
}

/// A body field: where it goes and the alternatives that can fill it (the first that applies
/// and has a value wins; none: the field is left out).
public struct FieldRule: Sendable, Hashable {
    /// Where the value goes.
    public var path: FieldPath
    /// The candidates, in order.
    public var alternatives: [FieldAlternative]

    /// Every value source the field reads, conditions included.
    var sources: [ValueSource] {
        alternatives.flatMap { [$0.value.source] + $0.when + $0.unless + ($0.value.transform.flatMap { step in
            if case .chosenBy(let name) = step { [ValueSource.setting(name)] } else { nil }
        } ?? []) }
    }
}

/// A header whose value is a template.
public struct HeaderTemplate: Sendable, Hashable {
    /// The header name.
    public var name: String
    /// The value.
    public var value: TextTemplate
}

/// A URL, used when its conditions hold.
public struct URLChoice: Sendable, Hashable {
    /// The URL template.
    public var template: TextTemplate
    /// Values that must be present for this URL to apply.
    public var when: [ValueSource]
}

/// The HTTP side of a provider: method, URL, body encoding, fixed headers.
public struct RequestDefinition: Sendable, Hashable {
    /// `POST` (the default) or `PUT`.
    public var method: String
    /// The URL candidates; the first whose conditions hold is used.
    public var urls: [URLChoice]
    /// How the body is written.
    public var encoding: BodyEncoding
    /// The content type, when not the encoding's default (`application/x-amz-json-1.0`).
    public var contentType: String?
    /// Headers sent with every request, in order (besides authentication and `Content-Type`).
    public var headers: [HeaderTemplate]

    /// The content type sent.
    public var effectiveContentType: String { contentType ?? encoding.contentType }
}

/// How a provider authenticates requests.
public enum AuthDefinition: Sendable, Hashable {
    /// No authentication.
    case none
    /// Credentials in headers (`x-api-key: ${SKYCORE_API_KEY}`).
    case headers([HeaderTemplate])
    /// HTTP Basic.
    case basic(username: TextTemplate, password: TextTemplate)
    /// `Authorization: {scheme} {token}` (`Bearer`, `App`, `AccessKey`; an empty scheme sends the token alone).
    case bearer(scheme: String, token: TextTemplate)
    /// Credentials as body fields (Vonage `api_key`/`api_secret`).
    case inBody([BodyCredential])
    /// AWS Signature Version 4.
    case awsSigV4(service: String, region: TextTemplate, accessKeyId: TextTemplate, secretAccessKey: TextTemplate)
    /// Azure Communication Services HMAC-SHA256 with the resource's access key (base64).
    case azureHMAC(accessKey: TextTemplate)

    /// The style name as written in provider files.
    public var style: AuthStyle {
        switch self {
        case .none: .none
        case .headers: .header
        case .basic: .basic
        case .bearer: .bearer
        case .inBody: .inBody
        case .awsSigV4: .awsSigV4
        case .azureHMAC: .azureHMAC
        }
    }

    /// Every template of the definition.
    var templates: [TextTemplate] {
        switch self {
        case .none: []
        case .headers(let headers): headers.map(\.value)
        case .basic(let username, let password): [username, password]
        case .bearer(_, let token): [token]
        case .inBody(let fields): fields.map(\.value)
        case .awsSigV4(_, let region, let accessKeyId, let secretAccessKey): [region, accessKeyId, secretAccessKey]
        case .azureHMAC(let accessKey): [accessKey]
        }
    }

    /// The signature a request needs, for messages: nil for unsigned styles.
    public var signatureName: String? {
        switch self {
        case .awsSigV4(let service, _, _, _): "AWS Signature Version 4 (signing name \(service))"
        case .azureHMAC: "Azure HMAC-SHA256 (x-ms-date;host;x-ms-content-sha256)"
        default: nil
        }
    }
}

/// The authentication styles of provider files.
public enum AuthStyle: String, Sendable, Hashable, CaseIterable, Decodable {
    /// No authentication.
    case none
    /// Credentials in headers.
    case header
    /// HTTP Basic.
    case basic
    /// `Authorization` with a scheme and a token.
    case bearer
    /// Credentials as body fields.
    case inBody = "in-body"
    /// AWS Signature Version 4.
    case awsSigV4 = "aws-sigv4"
    /// Azure HMAC-SHA256.
    case azureHMAC = "azure-hmac"
}

/// A credential that goes into the body.
public struct BodyCredential: Sendable, Hashable {
    /// The body field.
    public var path: FieldPath
    /// The value (`${VONAGE_API_SECRET}`).
    public var value: TextTemplate
}

/// The checks a setting's value must pass.
public enum SettingFormat: String, Sendable, Hashable, CaseIterable, Decodable {
    /// A UUID version 4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, y one of 8, 9, a, b).
    case uuidV4 = "uuid-v4"
    /// An `https://` URL, used whole (a per-account endpoint).
    case url
    /// A host name (`xxxx.api.infobip.com`), used as it is.
    case host
    /// `true` or `false`.
    case boolean
}

/// A provider setting that is not a credential (`serviceId`, `accountSid`, `region`).
public struct SettingDefinition: Sendable, Hashable {
    /// The name, as in `account.settings` of a request.
    public var name: String
    /// What the setting is.
    public var description: String?
    /// Whether a request without it is refused (`provider.setting_missing`).
    public var required: Bool
    /// The value when none is given.
    public var defaultValue: String?
    /// The values accepted, when the list is closed.
    public var allowed: [String]?
    /// The check a value must pass.
    public var format: SettingFormat?
}

/// A rule that some value must be present (`from` or the `messagingServiceSid` setting).
public struct Requirement: Sendable, Hashable {
    /// Values that must be present for the rule to apply (empty: always).
    public var when: [ValueSource]
    /// At least one of these must be present.
    public var anyOf: [ValueSource]
    /// Why, for the diagnostic.
    public var reason: String?
}

/// A provider's documented limits.
public struct ProviderLimits: Sendable, Hashable {
    /// The most characters (UTF-16 code units) in the body.
    public var bodyLength: Int?
    /// The most characters when the text needs UCS-2 (Plivo 737).
    public var bodyLengthUCS2: Int?
    /// The most UTF-8 bytes in the body (AWS SNS 1,600).
    public var bodyBytes: Int?
    /// The most parts a message may have (Textmagic 6).
    public var maxParts: Int?
    /// The longest alphanumeric sender ID.
    public var senderMaskLength: Int?
    /// Regions (ISO 3166) where the provider takes no alphanumeric sender ID (Skycore: US).
    public var senderMaskNotIn: [String]
    /// The longest campaign or client reference.
    public var referenceLength: Int?
    /// The earliest a scheduled message may be sent, in seconds from now.
    public var scheduleMinimum: Int?
    /// The latest a scheduled message may be sent, in seconds from now.
    public var scheduleMaximum: Int?

    /// No limits.
    public init() {
        senderMaskNotIn = []
    }
}

/// One provider, as a provider file defines it.
public struct ProviderDefinition: Sendable, Hashable {
    /// The name used on the command line and in requests (`twilio`).
    public var name: String
    /// The provider and API, for people.
    public var title: String
    /// The documentation page the definition follows.
    public var docs: String?
    /// Facts that are uncertain or missing in the sources, and choices made.
    public var notes: [String]
    /// Method, URL, encoding, headers.
    public var request: RequestDefinition
    /// Authentication.
    public var auth: AuthDefinition
    /// Settings that are not credentials.
    public var settings: [SettingDefinition]
    /// How recipients go into requests.
    public var recipients: RecipientRule
    /// The body fields, in order.
    public var fields: [FieldRule]
    /// Values that must be present.
    public var requires: [Requirement]
    /// Documented limits.
    public var limits: ProviderLimits
    /// The response field that holds the provider's message id (a dotted path, `[0]` for list items).
    public var messageIdField: String?
    /// The file the definition was read from.
    public var file: String?

    /// The features the definition's fields carry.
    public var features: Set<ProviderFeature> {
        Set(fields.flatMap { $0.alternatives.compactMap { $0.value.source.feature } })
    }

    /// The credential names the definition uses, in order of first use.
    public var credentials: [String] {
        let templates = request.urls.map(\.template) + request.headers.map(\.value) + auth.templates
        return unique(templates.flatMap(\.credentials))
    }

    /// The setting with a name.
    public func setting(_ name: String) -> SettingDefinition? {
        settings.first { $0.name == name }
    }
}
