import Foundation
import PhoneNumbers
import PreflightCore
import Testing
@testable import SMSProviders

/// Shared helpers of the SMSProviders tests.
enum Support {
    /// The shipped providers (decoded once per process by the library).
    static var shipped: ProviderRegistry {
        get throws { try ProviderRegistry.shipped() }
    }

    /// A shipped provider by name.
    static func provider(_ name: String) throws -> ProviderDefinition {
        try #require(try shipped.provider(named: name), "no shipped provider \(name)")
    }

    /// A parsed number.
    static func number(_ e164: String) throws -> PhoneNumber {
        try PhoneNumberParser().parse(e164)
    }

    /// A message to `to` with the given values.
    static func message(
        to: [String], text: String, unicode: Bool = false, from: String? = nil, senderMask: String? = nil,
        campaignRef: String? = nil, linkTracking: Bool? = nil, scheduledAt: String? = nil, parts: Int? = nil,
        settings: [String: String] = [:]
    ) throws -> OutboundMessage {
        var message = OutboundMessage(
            recipients: try to.enumerated().map { index, e164 in
                OutboundRecipient(number: try number(e164), field: to.count == 1 ? "to" : "to[\(index)]")
            },
            text: text, unicode: unicode)
        message.from = from
        message.senderMask = senderMask
        message.campaignRef = campaignRef
        message.linkTracking = linkTracking
        message.scheduledAt = try scheduledAt.map { try #require(ScheduledTime(iso8601: $0)) }
        message.parts = parts
        message.settings = settings
        return message
    }

    /// 2026-11-23T12:00:00Z, the "now" of the tests.
    static let now = ScheduledTime(iso8601: "2026-11-23T12:00:00Z")!.date

    /// The text of a golden file in `Golden/`.
    static func golden(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Decodes a provider file from text; the problems on failure.
    static func decode(_ yaml: String, file: String = "custom.yaml") -> Result<ProviderDefinition, ProviderFileError> {
        do throws(ProviderFileError) {
            return .success(try ProviderRegistry.decode(yaml, file: file))
        } catch {
            return .failure(error)
        }
    }

    /// The requests of a payload in the `.http` format, separated by `###` lines.
    static func http(_ payload: Payload) -> String {
        payload.requests.map(\.httpMessage).joined(separator: "\n\n###\n\n") + "\n"
    }
}
