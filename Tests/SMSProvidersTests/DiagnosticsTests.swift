import Foundation
import PreflightCore
import Testing
@testable import SMSProviders

/// What the payload step reports, and that an error leaves no request.
struct DiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var provider: String
        var to = ["+14155552671"]
        var text = "Hello"
        var unicode = false
        var parts: Int?
        var from: String? = "+14155550100"
        var senderMask: String?
        var campaignRef: String?
        var linkTracking: Bool?
        var scheduledAt: String?
        var settings: [String: String] = [:]
        var code: String?
        var severity: Severity = .error
        var field: String?
        var message: String?
        var testDescription: String { name }
    }

    static let twilio = ["accountSid": "AC1"]
    static let twilioService = ["accountSid": "AC1", "messagingServiceSid": "MG1"]
    static let antryk = ["serviceId": "3f1c2b7e-9a4d-4c1e-8b2a-5d6e7f809a1b"]
    static let skycore = ["endpointUrl": "https://sms.example/api"]

    static let cases: [Case] = [
        Case(name: "no scheduling", provider: "vonage", scheduledAt: "2026-11-24T09:00:00Z", code: ProviderCode.unsupportedFeature,
             field: "scheduledAt", message: "vonage does not take scheduling"),
        Case(name: "no sender ID", provider: "antryk", from: nil, senderMask: "ACME", settings: antryk, code: ProviderCode.unsupportedFeature,
             field: "senderMask"),
        Case(name: "no campaign reference (warning)", provider: "antryk", from: nil, campaignRef: "C-1", settings: antryk,
             code: ProviderCode.unsupportedFeature, severity: .warning, field: "campaignRef"),
        Case(name: "no link tracking", provider: "plivo", linkTracking: true, settings: ["authId": "MA1"], code: ProviderCode.unsupportedFeature,
             field: "clickTracking"),
        Case(name: "link tracking off is fine", provider: "plivo", linkTracking: false, settings: ["authId": "MA1"]),
        Case(name: "body over 1,600", provider: "antryk", text: String(repeating: "a", count: 1601), from: nil, settings: antryk,
             code: ProviderCode.bodyTooLong, field: "body", message: "the text has 1,601 characters (UTF-16 code units); antryk takes at most 1,600"),
        Case(name: "body of exactly 1,600", provider: "antryk", text: String(repeating: "a", count: 1600), from: nil, settings: antryk),
        Case(name: "ME-SMS content over 1,000", provider: "me-sms", text: String(repeating: "a", count: 1001), from: nil, code: ProviderCode.bodyTooLong),
        Case(name: "Plivo UCS-2 over 737", provider: "plivo", text: String(repeating: "ж", count: 738), unicode: true, settings: ["authId": "MA1"],
             code: ProviderCode.bodyTooLong, message: "at most 737 in UCS-2"),
        Case(name: "Plivo UCS-2 of 737", provider: "plivo", text: String(repeating: "ж", count: 737), unicode: true, settings: ["authId": "MA1"]),
        Case(name: "SNS over 1,600 bytes", provider: "aws-sns", text: String(repeating: "é", count: 801), code: ProviderCode.bodyTooLong,
             message: "1,602 bytes"),
        Case(name: "Textmagic over 6 parts", provider: "textmagic", parts: 7, settings: ["username": "u"], code: ProviderCode.bodyTooLong),
        Case(name: "missing account SID", provider: "twilio", code: ProviderCode.settingMissing, field: "account.settings.accountSid"),
        Case(name: "service id not UUID v4", provider: "antryk", from: nil, settings: ["serviceId": "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"],
             code: ProviderCode.settingInvalid, field: "account.settings.serviceId"),
        Case(name: "unknown Sinch region", provider: "sinch", settings: ["servicePlanId": "p", "region": "mars"], code: ProviderCode.settingInvalid,
             message: "`mars` is not a value of sinch's setting `region`"),
        Case(name: "Twilio schedule too soon", provider: "twilio", scheduledAt: "2026-11-23T12:01:00Z", settings: twilioService,
             code: ProviderCode.scheduleWindow, message: "the send time is 1 minute from now; twilio schedules from 5 minutes up to 35 days ahead"),
        Case(name: "Twilio schedule too late", provider: "twilio", scheduledAt: "2026-12-29T12:00:00Z", settings: twilioService,
             code: ProviderCode.scheduleWindow),
        Case(name: "Twilio schedule in the window", provider: "twilio", scheduledAt: "2026-12-28T12:00:00Z", settings: twilioService),
        Case(name: "Telnyx schedule after 5 days", provider: "telnyx", scheduledAt: "2026-11-28T12:00:01Z", code: ProviderCode.scheduleWindow),
        Case(name: "Twilio schedule needs a Messaging Service", provider: "twilio", scheduledAt: "2026-11-24T12:00:00Z", settings: twilio,
             code: ProviderCode.settingMissing, field: "account.settings.messagingServiceSid"),
        Case(name: "Twilio needs a sender", provider: "twilio", from: nil, settings: twilio, code: ProviderCode.fieldMissing),
        Case(name: "Skycore sender ID for a US number", provider: "skycore", to: ["+447700900123", "+14155552671"], senderMask: "ACME",
             settings: skycore, code: ProviderCode.unsupportedFeature, field: "senderMask",
             message: "skycore takes no alphanumeric sender ID for numbers in US (to[1])"),
        Case(name: "Skycore sender ID over 11", provider: "skycore", to: ["+447700900123"], senderMask: "Dunder Mifflin", settings: skycore,
             code: ProviderCode.senderTooLong),
        Case(name: "Skycore needs from", provider: "skycore", to: ["+447700900123"], from: nil, settings: skycore, code: ProviderCode.fieldMissing),
        Case(name: "Vonage client-ref over 100", provider: "vonage", campaignRef: String(repeating: "r", count: 101), code: ProviderCode.referenceTooLong),
        Case(name: "AWS without credentials", provider: "aws-sms", code: ProviderCode.unsigned, severity: .warning),
    ]

    @Test(arguments: cases)
    func reports(_ c: Case) throws {
        let message = try Support.message(
            to: c.to, text: c.text, unicode: c.unicode, from: c.from, senderMask: c.senderMask, campaignRef: c.campaignRef,
            linkTracking: c.linkTracking, scheduledAt: c.scheduledAt, parts: c.parts, settings: c.settings)
        let payload = try Support.provider(c.provider).payload(for: message, now: Support.now)
        guard let code = c.code else {
            #expect(payload.diagnostics.allSatisfy { $0.severity != .error }, "\(payload.diagnostics)")
            #expect(!payload.requests.isEmpty)
            return
        }
        let found = try #require(payload.diagnostics.first { $0.code == code }, "\(payload.diagnostics)")
        #expect(found.severity == c.severity)
        if let field = c.field { #expect(found.field == field) }
        if let text = c.message { #expect(found.message.contains(text), "\(found.message)") }
        #expect(!found.fix.isEmpty)
        #expect(payload.requests.isEmpty == (c.severity == .error))
    }

    @Test func noRecipient() throws {
        let message = OutboundMessage(recipients: [], text: "x")
        let payload = try Support.provider("sinch").payload(for: message)
        #expect(payload.requests.isEmpty)
        #expect(payload.hasErrors)
    }

    @Test func azureKeyThatIsNotBase64() throws {
        let message = try Support.message(to: ["+14255550123"], text: "Hi", from: "+18445550100", settings: ["resource": "contoso"])
        let payload = try Support.provider("azure").payload(
            for: message, credentials: ProviderCredentials(["AZURE_COMMUNICATION_ACCESS_KEY": "not base64!"]))
        #expect(payload.diagnostics.map(\.code) == [ProviderCode.credentialInvalid])
        #expect(!payload.diagnostics[0].message.contains("not base64!"))
    }
}
