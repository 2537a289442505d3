import Foundation

/// A constant value in a provider file (`fixed: sendsms`): text, a Boolean or an integer.
///
/// Only plain `true`/`false` are Booleans and only plain decimal numbers integers; anything
/// quoted is text.
public enum FieldValue: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// Text.
    case string(String)
    /// A Boolean.
    case bool(Bool)
    /// An integer.
    case int(Int)

    /// Decodes a scalar.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// The value as it reads in a provider file.
    public var description: String {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        }
    }
}

/// Where a field's value comes from: the checked message, a provider setting or a constant.
public enum ValueSource: Sendable, Hashable, CustomStringConvertible {
    /// The recipient (one number, or the chunk of numbers in `array` and `joined` modes).
    case recipient
    /// The final text to send.
    case text
    /// The numeric sender (`from` of the request).
    case from
    /// The alphanumeric sender ID (`senderMask` of the request).
    case senderMask
    /// The campaign or client reference (`campaignRef` of the request).
    case campaignRef
    /// True when the provider should shorten and track links (`clickTracking: "provider"`),
    /// false when the request turned tracking off or tracked links itself.
    case linkTracking
    /// The send time (`scheduledAt` of the request).
    case scheduledAt
    /// True when the text needs UCS-2.
    case unicode
    /// A provider setting, by name.
    case setting(String)
    /// A constant.
    case fixed(FieldValue)

    /// The names of the message values, as written in provider files.
    public static let messageValueNames = ["recipient", "text", "from", "senderMask", "campaignRef", "linkTracking", "scheduledAt", "unicode"]

    /// Parses `recipient`, `text`, …, or `setting.NAME`.
    public init?(name: String) {
        switch name {
        case "recipient": self = .recipient
        case "text": self = .text
        case "from": self = .from
        case "senderMask": self = .senderMask
        case "campaignRef": self = .campaignRef
        case "linkTracking": self = .linkTracking
        case "scheduledAt": self = .scheduledAt
        case "unicode": self = .unicode
        default:
            guard name.hasPrefix("setting."), TextTemplate.isName(String(name.dropFirst(8))) else { return nil }
            self = .setting(String(name.dropFirst(8)))
        }
    }

    /// The source as written in a provider file.
    public var description: String {
        switch self {
        case .recipient: "recipient"
        case .text: "text"
        case .from: "from"
        case .senderMask: "senderMask"
        case .campaignRef: "campaignRef"
        case .linkTracking: "linkTracking"
        case .scheduledAt: "scheduledAt"
        case .unicode: "unicode"
        case .setting(let name): "setting.\(name)"
        case .fixed(let value): "fixed \(value)"
        }
    }

    /// The kind of value the source gives.
    var kind: ValueKind {
        switch self {
        case .recipient: .phone
        case .scheduledAt: .time
        case .linkTracking, .unicode: .boolean
        case .text, .from, .senderMask, .campaignRef, .setting: .text
        case .fixed(let value):
            switch value {
            case .bool: .boolean
            case .int: .number
            case .string: .text
            }
        }
    }

    /// The request feature a field with this source carries, if any.
    var feature: ProviderFeature? {
        switch self {
        case .scheduledAt: .schedule
        case .senderMask: .senderMask
        case .from: .from
        case .campaignRef: .campaignRef
        case .linkTracking: .linkTracking
        default: nil
        }
    }
}

/// The kinds of values a field can hold before and after a transform.
enum ValueKind: String, Sendable {
    case phone = "a phone number", time = "a time", boolean = "a Boolean", text = "text", number = "a number"
}

/// How a value is written.
public enum ValueTransform: String, Sendable, Hashable, CaseIterable {
    /// `+14155552671` (the default for phone numbers).
    case e164
    /// `14155552671`.
    case e164WithoutPlus = "e164_without_plus"
    /// The national number as dialled in its country, digits only: `0812345678`.
    case national
    /// ISO 8601 in UTC, `2026-11-23T13:30:00Z` (the default for times).
    case iso8601
    /// ISO 8601 with the request's own UTC offset, `2026-11-23T20:30:00+07:00`.
    case iso8601Offset = "iso8601_offset"
    /// Seconds since 1970-01-01T00:00:00Z, as a number.
    case epochSeconds = "epoch_seconds"
    /// A Boolean as the text `"true"` or `"false"`.
    case boolString = "bool_string"
    /// A Boolean as the number 1 or 0.
    case boolInt = "bool_int"
    /// Text `true`/`false` (a setting) as a Boolean.
    case bool

    /// The kind of value the transform takes.
    var input: ValueKind {
        switch self {
        case .e164, .e164WithoutPlus, .national: .phone
        case .iso8601, .iso8601Offset, .epochSeconds: .time
        case .boolString, .boolInt: .boolean
        case .bool: .text
        }
    }
}

/// A transform, given by name or chosen by a setting (`recipient | setting.numberFormat`).
public enum TransformStep: Sendable, Hashable, CustomStringConvertible {
    /// A named transform.
    case transform(ValueTransform)
    /// The transform named by a setting's value (its `allowed` values are transform names).
    case chosenBy(setting: String)

    /// The step as written.
    public var description: String {
        switch self {
        case .transform(let transform): transform.rawValue
        case .chosenBy(let setting): "setting.\(setting)"
        }
    }
}

/// A value: a source and an optional transform, written `source` or `source | transform`.
public struct ValueExpression: Sendable, Hashable, CustomStringConvertible {
    /// Where the value comes from.
    public var source: ValueSource
    /// How it is written, when not the default for its kind.
    public var transform: TransformStep?

    /// Creates an expression.
    public init(source: ValueSource, transform: TransformStep? = nil) {
        self.source = source
        self.transform = transform
    }

    /// Parses `source` or `source | transform`.
    /// - Throws: a message naming what is wrong and a fix.
    init(parsing text: String) throws(ExpressionError) {
        let pieces = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count <= 2 else {
            throw ExpressionError(message: "'\(text)' has more than one transform", fix: "Write 'source' or 'source | transform'.")
        }
        guard let source = ValueSource(name: pieces[0]) else {
            throw ExpressionError(
                message: "unknown value '\(pieces[0])'",
                fix: "Use one of: \(ValueSource.messageValueNames.joined(separator: ", ")), setting.NAME, or {fixed: VALUE}.")
        }
        self.source = source
        guard pieces.count == 2 else { return }
        if let transform = ValueTransform(rawValue: pieces[1]) {
            self.transform = .transform(transform)
        } else if case .setting(let name)? = ValueSource(name: pieces[1]) {
            self.transform = .chosenBy(setting: name)
        } else {
            throw ExpressionError(
                message: "unknown transform '\(pieces[1])'",
                fix: "Use one of: \(ValueTransform.allCases.map(\.rawValue).joined(separator: ", ")), or setting.NAME.")
        }
    }

    /// The expression as written.
    public var description: String {
        transform.map { "\(source) | \($0)" } ?? source.description
    }
}

/// A malformed value expression.
struct ExpressionError: Error {
    var message: String
    var fix: String
}

/// A place in a request body: dotted keys, `[]` for one element per recipient, `[N]` for a fixed
/// element (`messages[0].destinations[].to`).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One key of a path.
    public struct Segment: Sendable, Hashable {
        /// The object key.
        public var key: String
        /// The array element under the key, if the key holds an array.
        public var index: Index?
    }

    /// An array element.
    public enum Index: Sendable, Hashable {
        /// One element per recipient of the request.
        case each
        /// The element at a 0-based position (empty positions are dropped when the body is written).
        case at(Int)
    }

    /// The keys, outermost first.
    public let segments: [Segment]
    /// The path as written.
    public let description: String

    /// Parses a path.
    init(parsing text: String) throws(ExpressionError) {
        var segments: [Segment] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: false) {
            var key = Substring(piece)
            var index: Index?
            if key.hasSuffix("]") {
                guard let open = key.lastIndex(of: "[") else {
                    throw ExpressionError(message: "'\(text)': ']' without '['", fix: "Write key[] or key[0].")
                }
                let inside = key[key.index(after: open)..<key.index(before: key.endIndex)]
                if inside.isEmpty {
                    index = .each
                } else if let position = Int(inside), position >= 0, position < 1000, inside.allSatisfy(\.isASCII) {
                    index = .at(position)
                } else {
                    throw ExpressionError(message: "'\(text)': '[\(inside)]' is not an array index", fix: "Write [] (one element per recipient) or [0].")
                }
                key = key[..<open]
            }
            guard !key.isEmpty, !key.contains("["), !key.contains("]") else {
                throw ExpressionError(message: "'\(text)' has an empty or malformed key", fix: "Write keys separated by dots, like content.text.")
            }
            segments.append(Segment(key: String(key), index: index))
        }
        guard segments.filter({ $0.index == .each }).count <= 1 else {
            throw ExpressionError(message: "'\(text)' has more than one []", fix: "Use [] once: it repeats the element per recipient.")
        }
        self.segments = segments
        self.description = text
    }

    /// Whether an element is repeated per recipient.
    public var repeatsPerRecipient: Bool { segments.contains { $0.index == .each } }
}
