import Foundation

// Glue between the pre-send check and SMSProviders: a checked request becomes an
// `OutboundMessage`, and `Preflight.prepare` runs the check and builds the provider requests.

/// A checked request and the provider requests that send it.
public struct PreparedSend: Sendable {
    /// The pre-send check.
    public var report: Report
    /// The provider requests; nil when the check blocked the message.
    public var payload: Payload?

    /// Every finding: the check's, then the payload step's.
    public var diagnostics: [Diagnostic] { report.diagnostics + (payload?.diagnostics ?? []) }

    /// Whether the requests may be sent: the check did not block and the payload has no error.
    public var isReady: Bool { report.verdict != .block && payload.map { !$0.hasErrors } == true }
}

extension Report {
    /// The checked message as the payload step takes it; nil when there is no text.
    /// - Parameters:
    ///   - request: the request the report is about (senders, reference, schedule, settings).
    ///   - settings: provider settings from a settings file; the request's `account.settings` win.
    public func outboundMessage(for request: SendRequest, settings: [String: String] = [:]) -> OutboundMessage? {
        guard let text else { return nil }
        let parser = PhoneNumberParser()
        let single = self.recipients.count == 1
        let recipients = self.recipients.enumerated().compactMap { index, recipient -> OutboundRecipient? in
            guard let e164 = recipient.e164, let number = try? parser.parse(e164) else { return nil }
            return OutboundRecipient(
                number: number, text: recipient.text.flatMap { $0 == text ? nil : $0 },
                unicode: recipient.encoding.map { $0.encoding == .ucs2 }, parts: recipient.encoding?.partCount,
                field: single ? "to" : "to[\(index)]")
        }
        var message = OutboundMessage(recipients: recipients, text: text, unicode: encoding?.encoding == .ucs2)
        message.parts = encoding?.partCount
        message.from = request.from
        message.senderMask = request.senderMask
        message.campaignRef = request.campaignRef
        message.linkTracking = request.clickTracking.map { $0 == .provider }
        message.scheduledAt = request.scheduledAt.flatMap(ScheduledTime.init(iso8601:))
        message.settings = settings.merging(request.account?.settings ?? [:]) { _, fromRequest in fromRequest }
        return message
    }
}

extension Preflight {
    /// Checks a request and, unless the check blocks, builds the requests that send it through `provider`.
    ///
    /// The request's `provider` is set to the provider's name for the check (link tracking by
    /// the provider depends on it).
    /// - Parameters:
    ///   - request: what is about to be sent.
    ///   - provider: the provider definition (see ``ProviderRegistry``).
    ///   - settings: provider settings from a settings file; the request's `account.settings` win.
    ///   - credentials: credential values, or nil for `${NAME}` placeholders.
    ///   - now: the current time (schedule checks and signatures).
    public func prepare(
        _ request: SendRequest, provider: ProviderDefinition, settings: [String: String] = [:],
        credentials: ProviderCredentials? = nil, now: Date = Date()
    ) -> PreparedSend {
        var request = request
        request.provider = provider.name
        let report = check(request, now: now)
        guard report.verdict != .block, let message = report.outboundMessage(for: request, settings: settings) else {
            return PreparedSend(report: report, payload: nil)
        }
        return PreparedSend(report: report, payload: provider.payload(for: message, credentials: credentials, now: now))
    }
}
