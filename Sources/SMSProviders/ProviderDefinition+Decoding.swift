import Foundation
import YAMLSupport

// Decoding provider files into `ProviderDefinition`. Each type checks its own values; the
// definition then checks what spans sections (settings that are used but not declared,
// transforms that do not fit their value, the recipient field and the recipient mode).

extension TextTemplate: Decodable {
    /// Decodes and parses a template scalar.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            try decoder.problem("\(error.message) in '\(text)'", fix: "Write {setting} for a setting and ${CREDENTIAL} for a credential.",
                                columnOffset: error.offset)
            throw RecordedProblem()
        }
    }
}

/// A mapping whose keys are data (header names, field paths, setting names), in file order.
struct OrderedMapping<Value: Decodable>: Decodable {
    var entries: [(key: String, value: Value)] = []

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: YAMLKey.self)
        for key in container.allKeys {
            if let value = try container.decodeIfPresent(Value.self, forKey: key) { entries.append((key.stringValue, value)) }
        }
    }
}

/// One value source or a list of them (`when: scheduledAt`, `when: [from, senderMask]`).
struct SourceList: Decodable {
    var sources: [ValueSource] = []

    init(from decoder: any Decoder) throws {
        let names: [String]
        let single = (try? decoder.singleValueContainer().decode(String.self)).map { [$0] }
        names = try single ?? [String](from: decoder)
        for (index, name) in names.enumerated() {
            if let source = ValueSource(name: name), source != .recipient {
                sources.append(source)
            } else {
                try decoder.problem(
                    "'\(name)' cannot be tested", fix: "Use one of: \(ValueSource.messageValueNames.dropFirst().joined(separator: ", ")), setting.NAME.",
                    at: single == nil ? [YAMLKey(intValue: index)] : [])
            }
        }
    }
}

/// One way of filling a field: `source | transform`, or a mapping with `value` or `fixed` and conditions.
struct AlternativeSpec: Decodable {
    var alternative: FieldAlternative

    enum CodingKeys: String, CodingKey, CaseIterable {
        case value, fixed, when, unless
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            alternative = FieldAlternative(value: try Self.expression(text, decoder: decoder, key: nil))
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let when = try container.decodeIfPresent(SourceList.self, forKey: .when)?.sources ?? []
        let unless = try container.decodeIfPresent(SourceList.self, forKey: .unless)?.sources ?? []
        let text = try container.decodeIfPresent(String.self, forKey: .value)
        let fixed = try container.decodeIfPresent(FieldValue.self, forKey: .fixed)
        switch (text, fixed) {
        case (let text?, nil):
            alternative = FieldAlternative(value: try Self.expression(text, decoder: decoder, key: CodingKeys.value), when: when, unless: unless)
        case (nil, let fixed?):
            alternative = FieldAlternative(value: ValueExpression(source: .fixed(fixed)), when: when, unless: unless)
        default:
            try decoder.problem(text == nil ? "give 'value' or 'fixed'" : "give 'value' or 'fixed', not both",
                                fix: "Write {value: text} for a message value or {fixed: sendsms} for a constant.")
            throw RecordedProblem()
        }
    }

    static func expression(_ text: String, decoder: any Decoder, key: CodingKeys?) throws -> ValueExpression {
        do {
            return try ValueExpression(parsing: text)
        } catch {
            try decoder.problem(error.message, fix: error.fix, at: key.map { [$0] } ?? [])
            throw RecordedProblem()
        }
    }
}

/// A field's value: one alternative, or a list of them (the first that applies wins).
struct FieldSpec: Decodable {
    var alternatives: [FieldAlternative]

    init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            alternatives = try [AlternativeSpec](from: decoder).map(\.alternative)
            if alternatives.isEmpty {
                try decoder.problem("an empty list of alternatives", fix: "Give at least one value.")
                throw RecordedProblem()
            }
        } else {
            alternatives = [try AlternativeSpec(from: decoder).alternative]
        }
    }
}

/// A duration: seconds, or a number with `s`, `m`, `h` or `d`.
struct DurationSpec: Decodable {
    var seconds: Int

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(text)
        var unit = 1
        if let last = text.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard let count = Int(digits), count >= 0, digits.allSatisfy(\.isASCII), count < Int.max / 86400 else {
            try decoder.problem("'\(text)' is not a duration", fix: "Write seconds or a number with s, m, h or d (5m, 35d).")
            throw RecordedProblem()
        }
        seconds = count * unit
    }
}

/// A whole number of at least 1.
struct PositiveInt: Decodable {
    var value: Int

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
        guard value >= 1 else {
            try decoder.problem("\(value) is not a positive number", fix: "Write a number of at least 1.")
            throw RecordedProblem()
        }
    }
}

extension RecipientRule: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case mode, separator, max, group
    }

    /// Decodes `recipients:`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try c.decode(RecipientMode.self, forKey: .mode)
        let separator = try c.decodeIfPresent(String.self, forKey: .separator)
        let max = try c.decodeIfPresent(PositiveInt.self, forKey: .max)?.value
        let group = try c.decodeIfPresent(Bool.self, forKey: .group) ?? false
        if mode == .joined, separator?.isEmpty ?? true {
            try decoder.problem("joined recipients need a separator", fix: "Add 'separator: \",\"' (or the provider's separator).", at: CodingKeys.mode)
        }
        if mode != .joined, separator != nil {
            try decoder.problem("a separator only applies to mode joined", fix: "Remove 'separator' or use 'mode: joined'.", at: CodingKeys.separator, atKey: true)
        }
        if mode == .single, let max, max != 1 {
            try decoder.problem("mode single sends one recipient per request", fix: "Remove 'max' or use mode array or joined.", at: CodingKeys.max)
        }
        if group, mode != .array {
            try decoder.problem("only a list can be a group conversation", fix: "Use 'mode: array' with 'group: true'.", at: CodingKeys.group)
        }
        self.init(mode: mode, separator: separator, maxPerRequest: mode == .single ? 1 : max, group: group)
    }
}

extension RequestDefinition: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, url, encoding, contentType, headers
    }

    /// One URL of a list: a template, or `{url: template, when: value}`.
    struct URLSpec: Decodable {
        var choice: URLChoice

        enum CodingKeys: String, CodingKey, CaseIterable {
            case url, when
        }

        init(from decoder: any Decoder) throws {
            if (try? decoder.singleValueContainer().decode(String.self)) != nil {
                choice = URLChoice(template: try TextTemplate(from: decoder), when: [])
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            choice = URLChoice(
                template: try c.decode(TextTemplate.self, forKey: .url),
                when: try c.decodeIfPresent(SourceList.self, forKey: .when)?.sources ?? [])
        }
    }

    /// Decodes `request:`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? "POST"
        if !["POST", "PUT"].contains(method) {
            try decoder.problem("method '\(method)' is not supported", fix: "Use POST or PUT.", at: CodingKeys.method)
        }
        if (try? c.nestedUnkeyedContainer(forKey: .url)) != nil {
            urls = try c.decode([URLSpec].self, forKey: .url).map(\.choice)
        } else {
            urls = [URLChoice(template: try c.decode(TextTemplate.self, forKey: .url), when: [])]
        }
        for (index, choice) in urls.enumerated() {
            let text = choice.template.description
            if !(text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("{")) {
                try decoder.problem("the URL '\(text)' does not start with https://", fix: "Write the full URL, or a {setting} of format url.",
                                    at: urls.count == 1 ? [CodingKeys.url] : [CodingKeys.url, YAMLKey(intValue: index)])
            }
        }
        if urls.dropLast().contains(where: \.when.isEmpty) || urls.last?.when.isEmpty == false {
            try decoder.problem("only the last URL of the list may have no 'when', and it must have none",
                                fix: "List the conditional URLs first and end with the default URL.", at: CodingKeys.url)
        }
        encoding = try c.decode(BodyEncoding.self, forKey: .encoding)
        contentType = try c.decodeIfPresent(String.self, forKey: .contentType)
        headers = try c.decodeIfPresent(OrderedMapping<TextTemplate>.self, forKey: .headers)?.entries.map {
            HeaderTemplate(name: $0.key, value: $0.value)
        } ?? []
        for header in headers where ["content-type", "authorization"].contains(header.name.lowercased()) {
            try decoder.problem("'\(header.name)' is set by 'contentType' and 'auth', not here", fix: "Remove the header.",
                                at: [CodingKeys.headers, YAMLKey(stringValue: header.name)], atKey: true)
        }
    }
}

extension AuthDefinition: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case style, headers, username, password, scheme, token, fields, service, region, accessKeyId, secretAccessKey, accessKey
    }

    /// The keys each style takes (besides `style`); the first list is required.
    private static func keys(of style: AuthStyle) -> (required: [CodingKeys], optional: [CodingKeys]) {
        switch style {
        case .none: ([], [])
        case .header: ([.headers], [])
        case .basic: ([.username, .password], [])
        case .bearer: ([.token], [.scheme])
        case .inBody: ([.fields], [])
        case .awsSigV4: ([.service, .region, .accessKeyId, .secretAccessKey], [])
        case .azureHMAC: ([.accessKey], [])
        }
    }

    /// Decodes `auth:`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let style = try c.decode(AuthStyle.self, forKey: .style)
        let (required, optional) = Self.keys(of: style)
        var missing = false
        for key in required where !c.contains(key) {
            try decoder.problem("auth style \(style.rawValue) needs '\(key.rawValue)'", fix: "Add '\(key.rawValue):'.", at: CodingKeys.style)
            missing = true
        }
        for key in c.allKeys where key != .style && !required.contains(key) && !optional.contains(key) {
            try decoder.problem("'\(key.rawValue)' does not apply to auth style \(style.rawValue)",
                                fix: "Remove it, or use the style it belongs to.", at: key, atKey: true)
        }
        if missing { throw RecordedProblem() }
        func template(_ key: CodingKeys) throws -> TextTemplate { try c.decode(TextTemplate.self, forKey: key) }
        switch style {
        case .none:
            self = .none
        case .header:
            self = .headers(try c.decode(OrderedMapping<TextTemplate>.self, forKey: .headers).entries.map {
                HeaderTemplate(name: $0.key, value: $0.value)
            })
        case .basic:
            self = .basic(username: try template(.username), password: try template(.password))
        case .bearer:
            self = .bearer(scheme: try c.decodeIfPresent(String.self, forKey: .scheme) ?? "Bearer", token: try template(.token))
        case .inBody:
            var fields: [BodyCredential] = []
            for entry in try c.decode(OrderedMapping<TextTemplate>.self, forKey: .fields).entries {
                do {
                    fields.append(BodyCredential(path: try FieldPath(parsing: entry.key), value: entry.value))
                } catch {
                    try decoder.problem(error.message, fix: error.fix, at: [CodingKeys.fields, YAMLKey(stringValue: entry.key)], atKey: true)
                }
            }
            self = .inBody(fields)
        case .awsSigV4:
            self = .awsSigV4(service: try c.decode(String.self, forKey: .service), region: try template(.region),
                             accessKeyId: try template(.accessKeyId), secretAccessKey: try template(.secretAccessKey))
        case .azureHMAC:
            self = .azureHMAC(accessKey: try template(.accessKey))
        }
    }
}

extension SettingDefinition {
    struct Spec: Decodable {
        var description: String?
        var required: Bool
        var defaultValue: String?
        var allowed: [String]?
        var format: SettingFormat?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case description, required, `default`, allowed, format
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            description = try c.decodeIfPresent(String.self, forKey: .description)
            required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
            defaultValue = try c.decodeIfPresent(String.self, forKey: .default)
            allowed = try c.decodeIfPresent([String].self, forKey: .allowed)
            format = try c.decodeIfPresent(SettingFormat.self, forKey: .format)
            if required, defaultValue != nil {
                try decoder.problem("a required setting has no default", fix: "Remove 'default' or 'required'.", at: CodingKeys.default, atKey: true)
            }
            if let allowed, let defaultValue, !allowed.contains(defaultValue) {
                try decoder.problem("the default '\(defaultValue)' is not one of the allowed values", fix: "Use one of: \(allowed.joined(separator: ", ")).",
                                    at: CodingKeys.default)
            }
            if let defaultValue, let format, let problem = format.problem(with: defaultValue) {
                try decoder.problem("the default \(problem)", fix: format.fix, at: CodingKeys.default)
            }
        }
    }
}

extension Requirement: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case when, anyOf, reason
    }

    /// Decodes one entry of `requires:`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        when = try c.decodeIfPresent(SourceList.self, forKey: .when)?.sources ?? []
        anyOf = try c.decode(SourceList.self, forKey: .anyOf).sources
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        if anyOf.isEmpty { throw RecordedProblem() }
    }
}

extension ProviderLimits: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case bodyLength, bodyLengthUCS2, bodyBytes, maxParts, senderMaskLength, senderMaskNotIn, referenceLength, scheduleWindow
    }

    struct Window: Decodable {
        var minimum: Int?
        var maximum: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case min, max
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minimum = try c.decodeIfPresent(DurationSpec.self, forKey: .min)?.seconds
            maximum = try c.decodeIfPresent(DurationSpec.self, forKey: .max)?.seconds
            if let minimum, let maximum, minimum > maximum {
                try decoder.problem("the window ends before it starts", fix: "Make 'min' smaller than 'max'.", at: CodingKeys.max)
            }
        }
    }

    /// Decodes `limits:`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        bodyLength = try c.decodeIfPresent(PositiveInt.self, forKey: .bodyLength)?.value
        bodyLengthUCS2 = try c.decodeIfPresent(PositiveInt.self, forKey: .bodyLengthUCS2)?.value
        bodyBytes = try c.decodeIfPresent(PositiveInt.self, forKey: .bodyBytes)?.value
        maxParts = try c.decodeIfPresent(PositiveInt.self, forKey: .maxParts)?.value
        senderMaskLength = try c.decodeIfPresent(PositiveInt.self, forKey: .senderMaskLength)?.value
        senderMaskNotIn = try c.decodeIfPresent([String].self, forKey: .senderMaskNotIn) ?? []
        referenceLength = try c.decodeIfPresent(PositiveInt.self, forKey: .referenceLength)?.value
        let window = try c.decodeIfPresent(Window.self, forKey: .scheduleWindow)
        scheduleMinimum = window?.minimum
        scheduleMaximum = window?.maximum
        for (index, region) in senderMaskNotIn.enumerated() where region.count != 2 || !region.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            try decoder.problem("'\(region)' is not an ISO 3166 region code", fix: "Write two capital letters, like US.",
                                at: [CodingKeys.senderMaskNotIn, YAMLKey(intValue: index)])
        }
    }
}

extension SettingFormat {
    /// What is wrong with `value`, or nil when it passes.
    func problem(with value: String) -> String? {
        switch self {
        case .uuidV4:
            let hex = Set("0123456789abcdefABCDEF")
            let groups = value.split(separator: "-", omittingEmptySubsequences: false)
            let shaped = groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(hex.contains) }
            guard shaped, groups[2].first == "4", let variant = groups[3].first, "89abAB".contains(variant) else {
                return "'\(value)' is not a UUID version 4"
            }
            return nil
        case .url:
            guard value.hasPrefix("https://") || value.hasPrefix("http://"), let url = URL(string: value), url.host != nil,
                  url.query == nil, url.fragment == nil, !value.contains(where: \.isWhitespace) else {
                return "'\(value)' is not an http(s) URL without query or fragment"
            }
            return nil
        case .host:
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
            guard !value.isEmpty, value.count <= 253, value.allSatisfy(allowed.contains), !value.hasPrefix("."), !value.hasPrefix("-") else {
                return "'\(value)' is not a host name"
            }
            return nil
        case .boolean:
            return value == "true" || value == "false" ? nil : "'\(value)' is not true or false"
        }
    }

    /// How to write a value of this format.
    var fix: String {
        switch self {
        case .uuidV4: "Write the UUID as xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx (hexadecimal, y one of 8, 9, a, b)."
        case .url: "Write the whole endpoint URL, starting with https://."
        case .host: "Write a host name such as xxxx.api.infobip.com, without https://."
        case .boolean: "Write true or false."
        }
    }
}

extension ProviderDefinition: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, docs, notes, request, auth, settings, recipients, fields, requires, limits, response
    }

    struct ResponseSpec: Decodable {
        var messageId: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case messageId
        }
    }

    /// The provider file format version this code reads.
    public static let formatVersion = 1

    /// Decodes a provider file and checks it as a whole.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(Int.self, forKey: .version)
        if version != Self.formatVersion {
            try decoder.problem("unsupported version \(version); this Preflight reads version \(Self.formatVersion)",
                                fix: "Write 'version: \(Self.formatVersion)'.", at: CodingKeys.version)
            throw RecordedProblem()
        }
        let name = try c.decode(String.self, forKey: .name)
        if !Self.isValidName(name) {
            try decoder.problem("'\(name)' is not a provider name", fix: "Use lowercase letters, digits and '-', starting with a letter.", at: CodingKeys.name)
        }
        let title = try c.decodeIfPresent(String.self, forKey: .title)
        let docs = try c.decodeIfPresent(String.self, forKey: .docs)
        let notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        let request = try c.decodeIfPresent(RequestDefinition.self, forKey: .request)
        let auth = try c.decodeIfPresent(AuthDefinition.self, forKey: .auth)
        let settings = try c.decodeIfPresent(OrderedMapping<SettingDefinition.Spec>.self, forKey: .settings)?.entries.map {
            SettingDefinition(name: $0.key, description: $0.value.description, required: $0.value.required,
                              defaultValue: $0.value.defaultValue, allowed: $0.value.allowed, format: $0.value.format)
        } ?? []
        for setting in settings where !TextTemplate.isName(setting.name) {
            try decoder.problem("'\(setting.name)' is not a setting name", fix: "Use letters, digits, '_' and '-'.",
                                at: [CodingKeys.settings, YAMLKey(stringValue: setting.name)], atKey: true)
        }
        let recipients = try c.decodeIfPresent(RecipientRule.self, forKey: .recipients)
        var fields: [FieldRule] = []
        for entry in try c.decodeIfPresent(OrderedMapping<FieldSpec>.self, forKey: .fields)?.entries ?? [] {
            do {
                fields.append(FieldRule(path: try FieldPath(parsing: entry.key), alternatives: entry.value.alternatives))
            } catch {
                try decoder.problem(error.message, fix: error.fix, at: [CodingKeys.fields, YAMLKey(stringValue: entry.key)], atKey: true)
            }
        }
        let requires = try c.decodeIfPresent([Requirement].self, forKey: .requires) ?? []
        let limits = try c.decodeIfPresent(ProviderLimits.self, forKey: .limits) ?? ProviderLimits()
        let response = try c.decodeIfPresent(ResponseSpec.self, forKey: .response)
        for key in [CodingKeys.request, .auth, .recipients, .fields] where !c.contains(key) {
            try decoder.problem("missing key '\(key.rawValue)'", fix: "Add '\(key.rawValue):' (see the provider file format in the README).")
        }
        guard let request, let auth, let recipients, c.contains(.fields) else { throw RecordedProblem() }
        self.init(
            name: name, title: title ?? name, docs: docs, notes: notes, request: request, auth: auth, settings: settings,
            recipients: recipients, fields: fields, requires: requires, limits: limits, messageIdField: response?.messageId, file: nil)
        try check(decoder)
    }

    /// Whether `name` can name a provider: `[a-z][a-z0-9-]*`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The checks that span sections.
    private func check(_ decoder: any Decoder) throws {
        let declared = Set(settings.map(\.name))
        func fieldKey(_ field: FieldRule) -> [any CodingKey] { [CodingKeys.fields, YAMLKey(stringValue: field.path.description)] }
        // Settings must be declared; those in the URL, headers and auth need a value every time.
        let templated = request.urls.map { ($0.template, [CodingKeys.request] as [any CodingKey]) }
            + request.headers.map { ($0.value, [CodingKeys.request] as [any CodingKey]) }
            + auth.templates.map { ($0, [CodingKeys.auth] as [any CodingKey]) }
        for (template, keys) in templated {
            for name in template.settings {
                if let setting = setting(name) {
                    if !setting.required, setting.defaultValue == nil {
                        try decoder.problem("setting '\(name)' is used in '\(template)' but has no default and is not required",
                                            fix: "Add 'required: true' or a 'default' to the setting.",
                                            at: [CodingKeys.settings, YAMLKey(stringValue: name)], atKey: true)
                    }
                } else {
                    try decoder.problem("'\(template)' uses setting '\(name)', which is not declared", fix: "Declare it under 'settings:'.", at: keys)
                }
            }
        }
        for field in fields {
            for case .setting(let name) in field.sources where !declared.contains(name) {
                try decoder.problem("setting '\(name)' is not declared", fix: "Declare it under 'settings:'.", at: fieldKey(field))
            }
            for alternative in field.alternatives {
                if let problem = transformProblem(alternative.value) {
                    try decoder.problem(problem.message, fix: problem.fix, at: fieldKey(field))
                }
            }
        }
        for (index, requirement) in requires.enumerated() {
            for case .setting(let name) in requirement.when + requirement.anyOf where !declared.contains(name) {
                try decoder.problem("setting '\(name)' is not declared", fix: "Declare it under 'settings:'.",
                                    at: [CodingKeys.requires, YAMLKey(intValue: index)])
            }
        }
        // The recipient field and the recipient mode.
        let recipientFields = fields.filter { $0.alternatives.contains { $0.value.source == .recipient } }
        if recipientFields.isEmpty {
            try decoder.problem("no field takes the recipient", fix: "Map a field to 'recipient', like 'to: recipient | e164'.", at: [CodingKeys.fields], atKey: true)
        }
        for field in recipientFields {
            if recipients.mode == .array, !field.path.repeatsPerRecipient {
                try decoder.problem("mode array needs [] in the recipient field's path", fix: "Write '\(field.path)[]'.", at: fieldKey(field), atKey: true)
            }
        }
        if recipients.mode == .joined {
            for field in fields where field.path.repeatsPerRecipient {
                try decoder.problem("[] repeats per recipient, but mode joined sends the recipients as one text",
                                    fix: "Use mode array, or drop the [].", at: fieldKey(field), atKey: true)
            }
        }
        // No path may be inside another one's value.
        let paths = (auth.bodyCredentials.map(\.path) + fields.map(\.path))
        for (i, a) in paths.enumerated() {
            for b in paths[(i + 1)...] where a.conflicts(with: b) {
                try decoder.problem("'\(b)' and '\(a)' would both write the same place", fix: "Give each field its own path.",
                                    at: [CodingKeys.fields, YAMLKey(stringValue: b.description)], atKey: true)
            }
        }
    }

    /// Why a value's transform does not fit it, if it does not.
    private func transformProblem(_ value: ValueExpression) -> (message: String, fix: String)? {
        let kind = value.source.kind
        switch value.transform {
        case nil:
            return nil
        case .transform(let transform):
            guard transform.input != kind else { return nil }
            let fitting = ValueTransform.allCases.filter { $0.input == kind }.map(\.rawValue)
            return ("transform '\(transform.rawValue)' takes \(transform.input.rawValue), but '\(value.source)' is \(kind.rawValue)",
                    fitting.isEmpty ? "Remove the transform." : "Use one of: \(fitting.joined(separator: ", ")).")
        case .chosenBy(let name):
            guard let setting = setting(name) else { return nil }
            let names = setting.allowed ?? []
            let valid = !names.isEmpty && names.allSatisfy { ValueTransform(rawValue: $0)?.input == kind }
            guard valid, setting.defaultValue != nil || setting.required else {
                return ("setting '\(name)' chooses the transform, so it needs 'allowed' transform names for \(kind.rawValue) and a default",
                        "List the transforms under 'allowed' and give a 'default'.")
            }
            return nil
        }
    }
}

extension AuthDefinition {
    /// The body fields of in-body authentication.
    var bodyCredentials: [BodyCredential] {
        if case .inBody(let fields) = self { return fields }
        return []
    }
}

extension FieldPath {
    /// Whether the two paths write overlapping places (one is the other, or lies inside it).
    func conflicts(with other: FieldPath) -> Bool {
        for (a, b) in zip(segments, other.segments) {
            guard a.key == b.key else { return false }
            switch (a.index, b.index) {
            case (nil, nil), (.each, .each): continue
            case (.at(let x), .at(let y)): if x != y { return false }
            case (.each, .at), (.at, .each): return true
            default: return true
            }
        }
        return true
    }
}
