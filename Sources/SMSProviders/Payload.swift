import Foundation
import PhoneNumbers
import PreflightCore

/// The requests that send one message through one provider, and what was found on the way.
public struct Payload: Sendable {
    /// The provider's name.
    public var provider: String
    /// The requests, in order; empty when a diagnostic is an error.
    public var requests: [HTTPRequestSpec]
    /// Findings: errors stop the payload; warnings and notes come with it.
    public var diagnostics: [Diagnostic]

    /// Whether a finding is an error (then there are no requests).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The diagnostic codes of the payload step.
public enum ProviderCode {
    /// The request uses a feature the provider lacks (scheduling, sender ID, campaign reference, link tracking).
    public static let unsupportedFeature = "provider.unsupported_feature"
    /// The text is longer than the provider takes.
    public static let bodyTooLong = "provider.body_too_long"
    /// No provider has this name.
    public static let unknown = "provider.unknown"
    /// A required provider setting is missing.
    public static let settingMissing = "provider.setting_missing"
    /// A provider setting has a value the provider does not take.
    public static let settingInvalid = "provider.setting_invalid"
    /// A request value the provider needs is missing (`from`, a sender).
    public static let fieldMissing = "provider.field_missing"
    /// The sender ID is longer than the provider takes.
    public static let senderTooLong = "provider.sender_too_long"
    /// The campaign or client reference is longer than the provider takes.
    public static let referenceTooLong = "provider.reference_too_long"
    /// The send time is outside the provider's scheduling window.
    public static let scheduleWindow = "provider.schedule_window"
    /// Credentials were asked for but are not set.
    public static let credentialMissing = "provider.credential_missing"
    /// A credential has the wrong form (an Azure access key that is not base64).
    public static let credentialInvalid = "provider.credential_invalid"
    /// The requests still need a signature (no credentials were given).
    public static let unsigned = "provider.unsigned"
    /// The recipients were split over several requests.
    public static let chunked = "provider.chunked"
}

extension ProviderDefinition {
    /// Builds the requests that send `message` through this provider.
    ///
    /// Recipients are split into as many requests as the provider's maximum per request needs
    /// (never cut), and grouped by text when recipients have their own text. Without
    /// `credentials`, credentials are `${NAME}` placeholders and signed providers get unsigned
    /// requests and a `provider.unsigned` warning. Diagnostics never contain credential values.
    /// - Parameters:
    ///   - message: the checked message; `message.settings` holds the provider settings.
    ///   - credentials: the credential values, or nil for placeholders.
    ///   - now: the current time (schedule window, signatures).
    public func payload(for message: OutboundMessage, credentials: ProviderCredentials? = nil, now: Date = Date()) -> Payload {
        var builder = PayloadBuilder(definition: self, message: message, now: now)
        return builder.run(credentials: credentials)
    }
}

/// The recipients and text of one or more requests.
private struct TextGroup {
    var text: String
    var unicode: Bool
    var recipients: [OutboundRecipient]
}

/// A value ready for the body: one for the request, or one per recipient.
private enum Evaluated {
    case one(BodyValue)
    case each([BodyValue])
}

private struct PayloadBuilder {
    let definition: ProviderDefinition
    let message: OutboundMessage
    let now: Date
    var diagnostics: [Diagnostic] = []
    var settings: [String: String] = [:]
    var scheduled: ScheduledTime?

    init(definition: ProviderDefinition, message: OutboundMessage, now: Date) {
        self.definition = definition
        self.message = message
        self.now = now
        if let time = message.scheduledAt, time.date > now { scheduled = time }
    }

    private var name: String { definition.name }

    private mutating func add(_ code: String, _ severity: Severity, _ message: String, fix: String, field: String? = nil) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, fix: fix, field: field))
    }

    mutating func run(credentials: ProviderCredentials?) -> Payload {
        resolveSettings()
        checkFeatures()
        checkLimits()
        checkRequirements()
        checkCredentials(credentials)
        if message.recipients.isEmpty {
            add(ProviderCode.fieldMissing, .error, "the message has no recipient", fix: "give at least one number in `to`", field: "to")
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Payload(provider: name, requests: [], diagnostics: diagnostics)
        }
        var requests: [HTTPRequestSpec] = []
        let groups = textGroups()
        let size = definition.recipients.chunkSize ?? Int.max
        for group in groups {
            var start = 0
            while start < group.recipients.count {
                let chunk = Array(group.recipients[start..<min(start + size, group.recipients.count)])
                start += chunk.count
                let placeholders = request(group: group, chunk: chunk, secrets: nil)
                if let credentials {
                    var real = request(group: group, chunk: chunk, secrets: credentials.all)
                    real.holdCredentials(placeholders: placeholders)
                    requests.append(real)
                } else {
                    requests.append(placeholders)
                }
            }
        }
        let count = message.recipients.count
        if definition.recipients.group, count > 1 {
            add(ProviderCode.chunked, .info, "\(name)'s recipient list makes one group conversation, so the \(count) recipients get one request each",
                fix: "nothing to do: send the requests one by one", field: "to")
        } else if size > 1, requests.count > 1 {
            add(ProviderCode.chunked, .info,
                "the \(count) recipients go in \(requests.count) requests"
                    + (size < Int.max ? " (\(name) takes at most \(size.formatted()) per request)" : " (one per distinct text)"),
                fix: "nothing to do: send every request", field: "to")
        }
        return Payload(provider: name, requests: requests, diagnostics: diagnostics)
    }

    // MARK: Checks

    private mutating func resolveSettings() {
        for setting in definition.settings {
            let given = message.settings[setting.name].flatMap { $0.isEmpty ? nil : $0 }
            guard let value = given ?? setting.defaultValue else {
                if setting.required {
                    add(ProviderCode.settingMissing, .error,
                        "\(name) needs the setting `\(setting.name)`" + (setting.description.map { ": \($0)" } ?? ""),
                        fix: "add \"account\": {\"settings\": {\"\(setting.name)\": \"…\"}} to the request, or set it in the settings file",
                        field: "account.settings.\(setting.name)")
                }
                continue
            }
            if let allowed = setting.allowed, !allowed.contains(value) {
                add(ProviderCode.settingInvalid, .error, "`\(value)` is not a value of \(name)'s setting `\(setting.name)`",
                    fix: "use one of: \(allowed.joined(separator: ", "))", field: "account.settings.\(setting.name)")
                continue
            }
            if let format = setting.format, let problem = format.problem(with: value) {
                add(ProviderCode.settingInvalid, .error, "\(name)'s setting `\(setting.name)`: \(problem)", fix: format.fix.lowercasedFirst,
                    field: "account.settings.\(setting.name)")
                continue
            }
            settings[setting.name] = value
        }
    }

    private mutating func checkFeatures() {
        let supported = definition.features
        let asked: [(ProviderFeature, Bool)] = [
            (.schedule, scheduled != nil), (.senderMask, !(message.senderMask ?? "").isEmpty), (.from, !(message.from ?? "").isEmpty),
            (.campaignRef, !(message.campaignRef ?? "").isEmpty), (.linkTracking, message.linkTracking == true),
        ]
        for (feature, used) in asked where used && !supported.contains(feature) {
            let severity: Severity = feature == .from || feature == .campaignRef ? .warning : .error
            let consequence = switch feature {
            case .schedule: "the message would go out at once"
            case .senderMask: "recipients would see another sender"
            case .from: "it is left out; the provider chooses the sender"
            case .campaignRef: "it is left out of the request"
            case .linkTracking: "links would not be shortened or tracked"
            }
            add(ProviderCode.unsupportedFeature, severity, "\(name) does not take \(feature.phrase): \(consequence)",
                fix: severity == .error ? "remove `\(feature.requestField)` or use a provider that supports it (see `preflight providers`)"
                    : "remove `\(feature.requestField)`, or keep it knowing \(name) ignores it",
                field: feature.requestField)
        }
    }

    private mutating func checkLimits() {
        let limits = definition.limits
        for group in textGroups() {
            let length = group.text.utf16.count
            var limit = limits.bodyLength
            if group.unicode, let ucs2 = limits.bodyLengthUCS2 { limit = min(limit ?? ucs2, ucs2) }
            if let limit, length > limit {
                add(ProviderCode.bodyTooLong, .error,
                    "the text has \(length.formatted()) characters (UTF-16 code units); \(name) takes at most \(limit.formatted())"
                        + (group.unicode && limits.bodyLengthUCS2 != nil ? " in UCS-2" : ""),
                    fix: "shorten the text by \((length - limit).formatted()) characters", field: "body")
            }
            let bytes = group.text.utf8.count
            if let limit = limits.bodyBytes, bytes > limit {
                add(ProviderCode.bodyTooLong, .error, "the text has \(bytes.formatted()) bytes in UTF-8; \(name) takes at most \(limit.formatted())",
                    fix: "shorten the text by \((bytes - limit).formatted()) bytes", field: "body")
            }
        }
        if let maxParts = limits.maxParts {
            let parts = message.recipients.compactMap(\.parts).max() ?? message.parts ?? 0
            if parts > maxParts {
                add(ProviderCode.bodyTooLong, .error, "the text takes \(parts) parts; \(name) sends at most \(maxParts)",
                    fix: "shorten the text to \(maxParts) parts", field: "body")
            }
        }
        if let mask = message.senderMask, !mask.isEmpty, definition.features.contains(.senderMask) {
            if let limit = limits.senderMaskLength, mask.count > limit {
                add(ProviderCode.senderTooLong, .error, "the sender ID `\(mask)` has \(mask.count) characters; \(name) takes at most \(limit)",
                    fix: "use a sender ID of at most \(limit) characters", field: "senderMask")
            }
            let refused = Set(limits.senderMaskNotIn)
            let affected = message.recipients.filter { refused.contains($0.number.regionCode ?? "") }
            for region in unique(affected.compactMap(\.number.regionCode)) {
                let fields = affected.filter { $0.number.regionCode == region }.compactMap(\.field)
                add(ProviderCode.unsupportedFeature, .error,
                    "\(name) takes no alphanumeric sender ID for numbers in \(region)" + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))"),
                    fix: "send to \(region) without `senderMask`, from a number", field: "senderMask")
            }
        }
        if let reference = message.campaignRef, let limit = limits.referenceLength, reference.count > limit {
            add(ProviderCode.referenceTooLong, .error, "the campaign reference has \(reference.count) characters; \(name) takes at most \(limit)",
                fix: "shorten `campaignRef` to \(limit) characters", field: "campaignRef")
        }
        if let scheduled, definition.features.contains(.schedule) {
            let lead = Int(scheduled.date.timeIntervalSince(now).rounded(.down))
            let window = "\(name) schedules " + [limits.scheduleMinimum.map { "from \(Self.duration($0))" }, limits.scheduleMaximum.map { "up to \(Self.duration($0))" }]
                .compactMap { $0 }.joined(separator: " ") + " ahead"
            if let minimum = limits.scheduleMinimum, lead < minimum {
                add(ProviderCode.scheduleWindow, .error, "the send time is \(Self.duration(lead)) from now; \(window)",
                    fix: "schedule at least \(Self.duration(minimum)) ahead, or send now without `scheduledAt`", field: "scheduledAt")
            }
            if let maximum = limits.scheduleMaximum, lead > maximum {
                add(ProviderCode.scheduleWindow, .error, "the send time is \(Self.duration(lead)) from now; \(window)",
                    fix: "schedule at most \(Self.duration(maximum)) ahead", field: "scheduledAt")
            }
        }
    }

    /// `5 minutes`, `35 days`, `1 hour 30 minutes`.
    static func duration(_ seconds: Int) -> String {
        let units = [(86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")]
        var rest = max(0, seconds)
        var words: [String] = []
        for (size, unit) in units where rest >= size && words.count < 2 {
            let count = rest / size
            rest %= size
            words.append("\(count) \(unit)\(count == 1 ? "" : "s")")
        }
        return words.isEmpty ? "0 seconds" : words.joined(separator: " ")
    }

    private mutating func checkRequirements() {
        for requirement in definition.requires where requirement.when.allSatisfy({ present($0, unicode: message.unicode) }) {
            guard !requirement.anyOf.contains(where: { present($0, unicode: message.unicode) }) else { continue }
            let names = requirement.anyOf.map { source -> String in
                if case .setting(let setting) = source { return "the setting `\(setting)`" }
                return "`\(source)`"
            }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
            let condition = requirement.when.isEmpty ? "" : " when `\(requirement.when.map(\.description).joined(separator: "`, `"))` is given"
            let onlySettings = requirement.anyOf.allSatisfy { if case .setting = $0 { true } else { false } }
            let firstSetting: String? = requirement.anyOf.lazy.compactMap { if case .setting(let s) = $0 { s } else { nil } }.first
            add(onlySettings ? ProviderCode.settingMissing : ProviderCode.fieldMissing, .error,
                "\(name) needs \(list)\(condition)" + (requirement.reason.map { ": \($0)" } ?? ""),
                fix: onlySettings ? "add it to `account.settings` of the request or to the settings file" : "add \(list) to the request",
                field: onlySettings ? firstSetting.map { "account.settings.\($0)" } : requirement.anyOf.first.map(\.description))
        }
    }

    private mutating func checkCredentials(_ credentials: ProviderCredentials?) {
        guard let credentials else {
            if let signature = definition.auth.signatureName {
                add(ProviderCode.unsigned, .warning, "\(name) requests must be signed with \(signature); these are unsigned",
                    fix: "pass the credentials (--resolve-env reads \(definition.credentials.joined(separator: ", "))) to get signed requests")
            }
            return
        }
        let missing = definition.credentials.filter { credentials[$0] == nil }
        if !missing.isEmpty {
            add(ProviderCode.credentialMissing, .error,
                "the credential\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not set",
                fix: "set the environment variable\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")), or leave credentials out to get ${NAME} placeholders")
        }
        if case .azureHMAC(let key) = definition.auth, missing.isEmpty,
           Data(base64Encoded: key.render(settings: settings, secrets: credentials.all)) == nil {
            add(ProviderCode.credentialInvalid, .error, "the access key in \(key.credentials.joined(separator: ", ")) is not base64",
                fix: "copy the access key of the Communication Services resource (Keys page) as it is")
        }
    }

    // MARK: Values

    /// Whether a value is there (and true, for Booleans and Boolean settings).
    private func present(_ source: ValueSource, unicode: Bool) -> Bool {
        switch source {
        case .recipient: !message.recipients.isEmpty
        case .text: true
        case .from: !(message.from ?? "").isEmpty
        case .senderMask: !(message.senderMask ?? "").isEmpty
        case .campaignRef: !(message.campaignRef ?? "").isEmpty
        case .linkTracking: message.linkTracking == true
        case .scheduledAt: scheduled != nil
        case .unicode: unicode
        case .setting(let name): settings[name].map { !$0.isEmpty && $0 != "false" } ?? false
        case .fixed: true
        }
    }

    private func textGroups() -> [TextGroup] {
        var groups: [TextGroup] = []
        for recipient in message.recipients {
            let text = recipient.text ?? message.text
            let unicode = recipient.unicode ?? message.unicode
            if let index = groups.firstIndex(where: { $0.text == text && $0.unicode == unicode }) {
                groups[index].recipients.append(recipient)
            } else {
                groups.append(TextGroup(text: text, unicode: unicode, recipients: [recipient]))
            }
        }
        return groups.isEmpty ? [TextGroup(text: message.text, unicode: message.unicode, recipients: [])] : groups
    }

    private func evaluate(_ expression: ValueExpression, group: TextGroup, chunk: [OutboundRecipient]) -> Evaluated? {
        var transform: ValueTransform?
        switch expression.transform {
        case .transform(let named)?: transform = named
        case .chosenBy(let setting)?: transform = settings[setting].flatMap(ValueTransform.init(rawValue:))
        case nil: break
        }
        func text(_ value: String?) -> Evaluated? {
            guard let value, !value.isEmpty else { return nil }
            if transform == .bool {
                guard value == "true" || value == "false" else { return nil }
                return .one(.bool(value == "true"))
            }
            return .one(.text(value))
        }
        func flag(_ value: Bool?) -> Evaluated? {
            guard let value else { return nil }
            switch transform {
            case .boolString: return .one(.text(value ? "true" : "false"))
            case .boolInt: return .one(.number(value ? 1 : 0))
            default: return .one(.bool(value))
            }
        }
        switch expression.source {
        case .recipient:
            return .each(chunk.map { .text(Self.phone($0.number, transform ?? .e164)) })
        case .text: return text(group.text)
        case .from: return text(message.from)
        case .senderMask: return text(message.senderMask)
        case .campaignRef: return text(message.campaignRef)
        case .linkTracking: return flag(message.linkTracking)
        case .unicode: return flag(group.unicode)
        case .setting(let name): return text(settings[name])
        case .scheduledAt:
            guard let scheduled else { return nil }
            switch transform {
            case .iso8601Offset: return .one(.text(scheduled.local))
            case .epochSeconds: return .one(.number(scheduled.epochSeconds))
            default: return .one(.text(scheduled.utc))
            }
        case .fixed(let value):
            switch value {
            case .string(let string): return text(string)
            case .bool(let bool): return flag(bool)
            case .int(let number): return .one(.number(number))
            }
        }
    }

    /// A number written with a phone transform.
    static func phone(_ number: PhoneNumber, _ transform: ValueTransform) -> String {
        switch transform {
        case .e164WithoutPlus: number.formatted(.e164WithoutPlus)
        case .national: String(number.formatted(.national).filter(\.isASCIIDigit))
        default: number.e164
        }
    }

    // MARK: Requests

    /// The URL: settings of format url and host as they are, other values percent-encoded.
    private func renderURL(_ template: TextTemplate, secrets: [String: String]?) -> String {
        template.parts.map { part in
            switch part {
            case .literal(let text): return text
            case .credential(let name): return secrets?[name].map(Form.encodeComponent) ?? "${\(name)}"
            case .setting(let name):
                let value = settings[name] ?? ""
                switch definition.setting(name)?.format {
                case .url?: return value.hasSuffix("/") && template.parts.count > 1 ? String(value.dropLast()) : value
                case .host?: return value
                default: return Form.encodeComponent(value)
                }
            }
        }.joined()
    }

    private func request(group: TextGroup, chunk: [OutboundRecipient], secrets: [String: String]?) -> HTTPRequestSpec {
        let body = BodyNode.object()
        for credential in definition.auth.bodyCredentials {
            let value: BodyValue = secrets != nil
                ? .text(credential.value.render(settings: settings, secrets: secrets))
                : .placeholders(credential.value.parts.map { part in
                    if case .setting(let setting) = part { return .literal(settings[setting] ?? "") }
                    return part
                })
            body.insert(value, at: credential.path.segments[...], each: 0)
        }
        for field in definition.fields {
            var chosen: Evaluated?
            for alternative in field.alternatives
            where alternative.when.allSatisfy({ present($0, unicode: group.unicode) })
                && !alternative.unless.contains(where: { present($0, unicode: group.unicode) }) {
                if let value = evaluate(alternative.value, group: group, chunk: chunk) {
                    chosen = value
                    break
                }
            }
            let path = field.path.segments[...]
            switch chosen {
            case nil:
                continue
            case .each(let values)?:
                if field.path.repeatsPerRecipient {
                    for (index, value) in values.enumerated() { body.insert(value, at: path, each: index) }
                } else if definition.recipients.mode == .joined {
                    let joined = values.map { if case .text(let t) = $0 { t } else { "" } }.joined(separator: definition.recipients.separator ?? ",")
                    body.insert(.text(joined), at: path, each: 0)
                } else if let first = values.first {
                    body.insert(first, at: path, each: 0)
                }
            case .one(let value)?:
                if field.path.repeatsPerRecipient {
                    for index in chunk.indices { body.insert(value, at: path, each: index) }
                } else {
                    body.insert(value, at: path, each: 0)
                }
            }
        }
        let bodyText = definition.request.encoding == .json ? body.json : body.form
        let unicode = group.unicode
        let choice = definition.request.urls.first { $0.when.allSatisfy { source in present(source, unicode: unicode) } }
            ?? definition.request.urls.last!
        let url = renderURL(choice.template, secrets: secrets)
        var headers = definition.request.headers.map {
            HTTPHeader(name: $0.name, value: $0.value.render(settings: settings, secrets: secrets))
        }
        var pending: PendingAuth?
        let contentType = definition.request.effectiveContentType
        switch definition.auth {
        case .none, .inBody:
            break
        case .headers(let list):
            headers += list.map { HTTPHeader(name: $0.name, value: $0.value.render(settings: settings, secrets: secrets)) }
        case .basic(let user, let password):
            let u = user.render(settings: settings, secrets: secrets)
            let p = password.render(settings: settings, secrets: secrets)
            if secrets != nil {
                headers.append(HTTPHeader(name: "Authorization", value: "Basic " + Data("\(u):\(p)".utf8).base64EncodedString()))
            } else {
                headers.append(HTTPHeader(name: "Authorization", value: "Basic base64(\(u):\(p))"))
                pending = .basic(user: u, password: p)
            }
        case .bearer(let scheme, let token):
            let value = token.render(settings: settings, secrets: secrets)
            headers.append(HTTPHeader(name: "Authorization", value: scheme.isEmpty ? value : "\(scheme) \(value)"))
        case .awsSigV4(let service, let region, let accessKeyId, let secretAccessKey):
            let regionText = region.render(settings: settings, secrets: secrets)
            if let secrets, let parsed = URL(string: url) {
                let signed = [HTTPHeader(name: "content-type", value: contentType)] + headers
                headers += AWSSignatureV4.sign(
                    method: definition.request.method, url: parsed, headers: signed, body: Array(bodyText.utf8),
                    accessKeyId: accessKeyId.render(settings: settings, secrets: secrets),
                    secretAccessKey: secretAccessKey.render(settings: settings, secrets: secrets),
                    region: regionText, service: service, date: now)
            } else {
                pending = .awsSigV4(service: service, region: regionText, accessKeyId: accessKeyId.render(settings: settings, secrets: nil),
                                    secretAccessKey: secretAccessKey.render(settings: settings, secrets: nil))
            }
        case .azureHMAC(let accessKey):
            if let secrets, let parsed = URL(string: url),
               let signed = AzureHMACSignature.sign(method: definition.request.method, url: parsed, body: Array(bodyText.utf8),
                                                    accessKey: accessKey.render(settings: settings, secrets: secrets), date: now) {
                headers += signed
            } else {
                pending = .azureHMAC
            }
        }
        return HTTPRequestSpec(
            method: definition.request.method, url: url, headers: headers, contentType: contentType, body: bodyText,
            messageIdField: definition.messageIdField, recipients: chunk.map(\.number.e164), pendingAuth: pending)
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
