import Foundation
import PreflightCore

/// One send request: what a service is about to send, checked by ``Preflight/check(_:now:)``.
///
/// JSON form (every field but `to` and one of `body`/`template`/`templateSource` is optional; unknown
/// fields are errors):
///
/// ```json
/// {"to": "+14155552671", "defaultRegion": "US", "senderMask": "ACME", "from": "+14155550100",
///  "body": "…" | "template": "Templates/otp.sms" | "templateSource": "Hi <<name>>",
///  "variables": {"name": "Ana"}, "category": "marketing", "campaignRef": "C-42",
///  "clickTracking": true, "scheduledAt": "2026-11-23T14:30:00+01:00", "provider": "twilio",
///  "account": {"enforceCampaignCheck": true, "linkDomain": "go.example.com"}}
/// ```
public struct SendRequest: Sendable, Hashable, Codable {
    /// The recipients: one number or a list, in any format libphonenumber accepts.
    public var to: [String]
    /// The region (ISO 3166 code) for numbers written without a country code.
    public var defaultRegion: String?
    /// A numeric sender (long code, short code or toll-free number).
    public var from: String?
    /// An alphanumeric sender ID (at most 11 characters).
    public var senderMask: String?
    /// The message text.
    public var body: String?
    /// A template file path, rendered with ``variables``.
    public var template: String?
    /// A template given inline, rendered with ``variables``.
    public var templateSource: String?
    /// Values for the template.
    public var variables: [String: TemplateValue]?
    /// The message category (`otp`, `transactional`, `marketing`, `alert`); a template's own
    /// category applies when this is absent.
    public var category: MessageCategory?
    /// The campaign reference (10DLC campaign ID or the account's own).
    public var campaignRef: String?
    /// Click tracking: `true` (or `"branded"`) rewrites links to the account's short domain,
    /// `"provider"` leaves them for a provider that shortens links itself, `false` leaves them alone.
    public var clickTracking: ClickTracking?
    /// When the message will be sent: ISO 8601 with an offset (`2026-11-23T14:30:00+01:00`);
    /// absent means now.
    public var scheduledAt: String?
    /// The provider the payload is for (see `preflight providers`).
    public var provider: String?
    /// Per-request overrides of the policy's account settings.
    public var account: AccountOverrides?

    /// Creates a request.
    public init(to: [String], body: String? = nil) {
        self.to = to
        self.body = body
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case to, defaultRegion, from, senderMask, body, template, templateSource, variables, category, campaignRef
        case clickTracking, scheduledAt, provider, account
    }

    /// Decodes a request; unknown fields are errors, `to` may be one string or a list.
    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let one = try? c.decode(String.self, forKey: .to) {
            to = [one]
        } else if (try? c.nestedUnkeyedContainer(forKey: .to)) != nil {
            to = try c.decode([String].self, forKey: .to)  // a list: an error names the item at fault
        } else if c.contains(.to) {
            throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "expected a phone number (a string) or a list of them")
        } else {
            throw DecodingError.keyNotFound(CodingKeys.to, .init(codingPath: c.codingPath, debugDescription: "no recipient"))
        }
        defaultRegion = try c.decodeIfPresent(String.self, forKey: .defaultRegion)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        senderMask = try c.decodeIfPresent(String.self, forKey: .senderMask)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        template = try c.decodeIfPresent(String.self, forKey: .template)
        templateSource = try c.decodeIfPresent(String.self, forKey: .templateSource)
        variables = try c.decodeIfPresent([String: TemplateValue].self, forKey: .variables)
        category = try c.decodeIfPresent(MessageCategory.self, forKey: .category)
        campaignRef = try c.decodeIfPresent(String.self, forKey: .campaignRef)
        clickTracking = try c.decodeIfPresent(ClickTracking.self, forKey: .clickTracking)
        scheduledAt = try c.decodeIfPresent(String.self, forKey: .scheduledAt)
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        account = try c.decodeIfPresent(AccountOverrides.self, forKey: .account)
    }
}

/// How links are tracked.
public enum ClickTracking: String, Sendable, Hashable, Codable, CaseIterable {
    /// Links stay as they are.
    case off
    /// Links become `https://{account.linkDomain}/{code}`, stored in the link store.
    case branded
    /// The provider shortens and tracks links itself (Twilio, Infobip, Skycore, Bird); the text is
    /// left alone and the part count is an estimate.
    case provider

    /// Decodes `true`/`false` or `"off"`, `"branded"`, `"provider"`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            self = flag ? .branded : .off
            return
        }
        let text = try c.decode(String.self)
        guard let value = ClickTracking(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "clickTracking must be true, false, \"branded\" or \"provider\", not \"\(text)\"")
        }
        self = value
    }
}

/// Per-request overrides of the policy's `account` settings, plus provider settings that are not
/// credentials (`serviceId`, `accountSid`, …) for the payload step.
public struct AccountOverrides: Sendable, Hashable, Codable {
    /// Requires a campaign reference on every message.
    public var enforceCampaignCheck: Bool?
    /// Sender masks registered for the account.
    public var registeredSenders: [String]?
    /// Brand names a sender mask must not imitate.
    public var protectedBrands: [String]?
    /// The branded short-link domain for click tracking.
    public var linkDomain: String?
    /// Domains that count as the account's own.
    public var brandDomains: [String]?
    /// Provider settings that are not secrets, by name.
    public var settings: [String: String]?

    /// No overrides.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enforceCampaignCheck, registeredSenders, protectedBrands, linkDomain, brandDomains, settings
    }

    /// Decodes overrides; unknown fields are errors.
    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enforceCampaignCheck = try c.decodeIfPresent(Bool.self, forKey: .enforceCampaignCheck)
        registeredSenders = try c.decodeIfPresent([String].self, forKey: .registeredSenders)
        protectedBrands = try c.decodeIfPresent([String].self, forKey: .protectedBrands)
        linkDomain = try c.decodeIfPresent(String.self, forKey: .linkDomain)
        brandDomains = try c.decodeIfPresent([String].self, forKey: .brandDomains)
        settings = try c.decodeIfPresent([String: String].self, forKey: .settings)
    }
}

/// Rejects JSON object keys that a type does not know.
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func check(_ decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            let path = (decoder.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + [key],
                    debugDescription: "unknown field `\(path)`; known fields: \(known.joined(separator: ", "))"))
        }
    }
}

/// Errors reading a send request.
public struct RequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    public var description: String { message }

    /// Decodes a request from JSON bytes, with messages that name the field at fault.
    /// - Throws: ``RequestError``.
    public static func decode(_ data: Data, source: String = "request") throws(RequestError) -> SendRequest {
        do {
            return try JSONDecoder().decode(SendRequest.self, from: data)
        } catch let error as DecodingError {
            throw RequestError(
                message: "\(source): \(describe(error))",
                fix: "see the request format in the README (fields: \(SendRequest.CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")))")
        } catch {
            throw RequestError(message: "\(source): \(error)", fix: "send a JSON object")
        }
    }

    /// A decoding error in the words of JSON: "`to[1]`: expected a string",
    /// "`account.enforceCampaignCheck`: expected true or false, found null" (the field as a JSON
    /// path, the kind of value in JSON's terms, never a Swift type name).
    package static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the body" : "`\(DocumentPath.text(codingPath, root: ""))`"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing required field"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(kind(type))"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): expected \(kind(type)), found null"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// A Swift type as the JSON value it is read from.
    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type: "a number"
        default: type is any Collection.Type && !(type is any JSONObjectType.Type) ? "a list" : "an object"
        }
    }
}

/// Marks dictionaries, which are collections but JSON objects.
private protocol JSONObjectType {}
extension Dictionary: JSONObjectType {}
