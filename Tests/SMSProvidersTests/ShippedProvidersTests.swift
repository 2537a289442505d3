import Foundation
import PreflightCore
import Testing
@testable import SMSProviders

/// The shipped provider files against the facts of `providers.md` and the seed documents.
struct ShippedProvidersTests {
    /// The provider names of issue #7.
    static let names = [
        "africastalking", "antryk", "aws-sms", "aws-sns", "azure", "bandwidth", "bird", "clickatell", "infobip", "me-sms", "pingram",
        "plivo", "sinch", "skycore", "telnyx", "textmagic", "twilio", "vonage", "vonage-messages",
    ]

    @Test func everyProviderIsShipped() throws {
        let registry = try Support.shipped
        #expect(registry.names == Self.names)
        for definition in registry.providers {
            #expect(definition.docs?.hasPrefix("https://") == true, "\(definition.name)")
            #expect(definition.file == "Rules/providers/\(definition.name).yaml")
            #expect(definition.title != definition.name)
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var url: String
        var contentType: String
        var auth: AuthStyle
        var mode: RecipientMode
        var perRequest: Int?
        var bodyLength: Int?
        var features: Set<ProviderFeature>
        var testDescription: String { name }
    }

    /// Tables 1, 2a and 2b of providers.md: endpoint, body encoding, auth, recipients per
    /// request, documented text limit, and which of schedule / sender ID / from / campaign
    /// reference / link tracking the request can carry.
    static let cases: [Case] = [
        Case(name: "antryk", url: "https://ses.antryk.com/api/v1/sms/send", contentType: "application/json", auth: .header, mode: .single,
             perRequest: 1, bodyLength: 1600, features: []),
        Case(name: "skycore", url: "{endpointUrl}", contentType: "application/json", auth: .header, mode: .single, perRequest: 1,
             features: [.senderMask, .from, .campaignRef, .linkTracking]),
        Case(name: "me-sms", url: "https://me-sms.com/api/v2/sms/send", contentType: "application/json", auth: .header, mode: .array,
             perRequest: 2_000_000, bodyLength: 1000, features: [.schedule, .senderMask]),
        Case(name: "pingram", url: "https://{host}/sms", contentType: "application/json", auth: .bearer, mode: .single, perRequest: 1,
             features: [.schedule, .from]),
        Case(name: "twilio", url: "https://api.twilio.com/2010-04-01/Accounts/{accountSid}/Messages.json",
             contentType: "application/x-www-form-urlencoded", auth: .basic, mode: .single, perRequest: 1, bodyLength: 1600,
             features: [.schedule, .senderMask, .from, .linkTracking]),
        Case(name: "vonage", url: "https://rest.nexmo.com/sms/json", contentType: "application/x-www-form-urlencoded", auth: .inBody,
             mode: .single, perRequest: 1, features: [.senderMask, .from, .campaignRef]),
        Case(name: "vonage-messages", url: "https://{host}/v1/messages", contentType: "application/json", auth: .basic, mode: .single,
             perRequest: 1, bodyLength: 1000, features: [.senderMask, .from, .campaignRef]),
        Case(name: "aws-sms", url: "https://sms-voice.{region}.amazonaws.com/", contentType: "application/x-amz-json-1.0", auth: .awsSigV4,
             mode: .single, perRequest: 1, bodyLength: 1600, features: [.senderMask, .from, .campaignRef]),
        Case(name: "aws-sns", url: "https://sns.{region}.amazonaws.com/", contentType: "application/x-www-form-urlencoded", auth: .awsSigV4,
             mode: .single, perRequest: 1, features: [.senderMask, .from]),
        Case(name: "telnyx", url: "https://api.telnyx.com/v2/messages", contentType: "application/json", auth: .bearer, mode: .single,
             perRequest: 1, bodyLength: 1600, features: [.schedule, .senderMask, .from]),
        Case(name: "plivo", url: "https://api.plivo.com/v1/Account/{authId}/Message/", contentType: "application/json", auth: .basic,
             mode: .joined, perRequest: 1000, bodyLength: 1600, features: [.senderMask, .from]),
        Case(name: "sinch", url: "https://{region}.sms.api.sinch.com/xms/v1/{servicePlanId}/batches", contentType: "application/json",
             auth: .bearer, mode: .array, perRequest: 1000, bodyLength: 2000, features: [.schedule, .senderMask, .from, .campaignRef]),
        Case(name: "infobip", url: "https://{baseUrl}/sms/3/messages", contentType: "application/json", auth: .bearer, mode: .array,
             perRequest: nil, features: [.schedule, .senderMask, .from, .campaignRef, .linkTracking]),
        Case(name: "bird", url: "https://api.bird.com/workspaces/{workspaceId}/channels/{channelId}/messages", contentType: "application/json",
             auth: .bearer, mode: .single, perRequest: 1, features: [.campaignRef, .linkTracking]),
        Case(name: "clickatell", url: "https://platform.clickatell.com/v1/message", contentType: "application/json", auth: .bearer,
             mode: .array, perRequest: 200, features: [.from, .campaignRef]),
        Case(name: "bandwidth", url: "https://messaging.bandwidth.com/api/v2/users/{accountId}/messages", contentType: "application/json",
             auth: .basic, mode: .array, perRequest: 1, bodyLength: 2048, features: [.from, .campaignRef]),
        Case(name: "textmagic", url: "https://rest.textmagic.com/api/v2/messages", contentType: "application/x-www-form-urlencoded",
             auth: .header, mode: .joined, perRequest: nil, features: [.schedule, .senderMask, .from, .campaignRef]),
        Case(name: "africastalking", url: "https://{host}/version1/messaging", contentType: "application/x-www-form-urlencoded",
             auth: .header, mode: .joined, perRequest: nil, features: [.senderMask, .from]),
        Case(name: "azure", url: "https://{resource}.communication.azure.com/sms?api-version=2021-03-07", contentType: "application/json",
             auth: .azureHMAC, mode: .array, perRequest: 100, features: [.from, .campaignRef]),
    ]

    @Test(arguments: cases)
    func matchesProvidersMd(_ c: Case) throws {
        let definition = try Support.provider(c.name)
        #expect(definition.request.urls.last?.template.description == c.url)
        #expect(definition.request.method == "POST")
        #expect(definition.request.effectiveContentType == c.contentType)
        #expect(definition.auth.style == c.auth)
        #expect(definition.recipients.mode == c.mode)
        #expect(definition.recipients.chunkSize == c.perRequest)
        #expect(definition.limits.bodyLength == c.bodyLength)
        #expect(definition.features == c.features)
    }

    /// Providers that shorten links themselves, as the check knows them (`clickTracking: "provider"`).
    @Test func linkTrackingProviders() throws {
        let tracking = try Support.shipped.providers.filter { $0.features.contains(.linkTracking) }.map(\.name)
        #expect(Set(tracking) == ["twilio", "infobip", "skycore", "bird"])
    }

    @Test func signatures() throws {
        #expect(try Support.provider("aws-sms").auth.signatureName == "AWS Signature Version 4 (signing name sms-voice)")
        #expect(try Support.provider("aws-sns").auth.signatureName == "AWS Signature Version 4 (signing name sns)")
        #expect(try Support.provider("azure").auth.signatureName?.hasPrefix("Azure HMAC-SHA256") == true)
    }

    /// `preflight providers` JSON is valid and lists every provider.
    @Test func listingJSON() throws {
        var writer = JSONWriter()
        writer.beginArray()
        for definition in try Support.shipped.providers { definition.writeJSON(into: &writer) }
        writer.endArray()
        let list = try #require(try JSONSerialization.jsonObject(with: Data(writer.string.utf8)) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == Self.names)
        let plivo = try #require(list.first { $0["name"] as? String == "plivo" })
        #expect((plivo["recipients"] as? [String: Any])?["separator"] as? String == "<")
        #expect((plivo["limits"] as? [String: Any])?["bodyLengthUCS2"] as? Int == 737)
    }
}
