import Foundation
import Preflight

/// The common send request — a flat object of strings (and `to` as a list, `clickTracking` as a
/// Boolean) — read without Foundation's JSON decoder, which costs as much as the check itself.
///
/// It answers only for input whose meaning is certain: a known key, a value of the one type that
/// key takes, a category or click-tracking value that exists. Anything else (nested `variables` or
/// `account`, numbers, unknown keys, duplicate keys, malformed JSON) gives nil, and the caller uses
/// ``RequestError/decode(_:source:)``, which also words the errors. So a non-nil result is always
/// the request the decoder would give; the tests compare the two.
enum SendRequestFastPath {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> SendRequest? {
        guard let fields = FlatJSON.parseObject(bytes) else { return nil }
        var request = SendRequest(to: [])
        var sawTo = false
        for (key, value) in fields {
            switch (key, value) {
            case ("to", .string(let one)): request.to = [one]; sawTo = true
            case ("to", .strings(let list)): request.to = list; sawTo = true
            case ("clickTracking", .bool(let on)): request.clickTracking = on ? .branded : .off
            case ("clickTracking", .string(let name)):
                guard let mode = ClickTracking(rawValue: name) else { return nil }
                request.clickTracking = mode
            case ("category", .string(let name)):
                guard let category = MessageCategory(rawValue: name) else { return nil }
                request.category = category
            case ("defaultRegion", .string(let text)): request.defaultRegion = text
            case ("from", .string(let text)): request.from = text
            case ("senderMask", .string(let text)): request.senderMask = text
            case ("body", .string(let text)): request.body = text
            case ("template", .string(let text)): request.template = text
            case ("templateSource", .string(let text)): request.templateSource = text
            case ("campaignRef", .string(let text)): request.campaignRef = text
            case ("scheduledAt", .string(let text)): request.scheduledAt = text
            case ("provider", .string(let text)): request.provider = text
            case (_, .null):
                // An explicit null is an absent optional field; `to` has no such reading.
                guard key != "to", optionalFields.contains(key) else { return nil }
            default:
                return nil
            }
        }
        return sawTo ? request : nil
    }

    /// The fields that may be null (every field but `to`).
    private static let optionalFields: Set<String> = [
        "defaultRegion", "from", "senderMask", "body", "template", "templateSource", "variables", "category",
        "campaignRef", "clickTracking", "scheduledAt", "provider", "account",
    ]
}
