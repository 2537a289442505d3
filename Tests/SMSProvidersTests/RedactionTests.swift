import Foundation
import Testing
@testable import SMSProviders

/// Credentials reach the request and nothing else: not diagnostics, descriptions, mirrors or logs.
struct RedactionTests {
    static let secret = "c2VjcmV0LWtleQ=="  // base64, so it also works as an Azure access key

    struct Case: CustomTestStringConvertible, Sendable {
        var provider: String
        var credentials: [String]
        var settings: [String: String]
        var from: String? = "+14155550100"
        var testDescription: String { provider }
    }

    static let cases = [
        Case(provider: "twilio", credentials: ["TWILIO_AUTH_TOKEN"], settings: ["accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"]),
        Case(provider: "vonage", credentials: ["VONAGE_API_KEY", "VONAGE_API_SECRET"], settings: [:]),
        Case(provider: "antryk", credentials: ["ANTRYK_ACCESS_KEY", "ANTRYK_SECRET_KEY"],
             settings: ["serviceId": "3f1c2b7e-9a4d-4c1e-8b2a-5d6e7f809a1b"], from: nil),
        Case(provider: "infobip", credentials: ["INFOBIP_API_KEY"], settings: ["baseUrl": "xxxx.api.infobip.com"]),
        Case(provider: "aws-sns", credentials: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], settings: [:]),
        Case(provider: "azure", credentials: ["AZURE_COMMUNICATION_ACCESS_KEY"], settings: ["resource": "contoso"]),
    ]

    /// Every form the secret can take in a request.
    static var forms: [String] {
        [secret, Form.encode(secret), Data(secret.utf8).base64EncodedString()]
    }

    @Test(arguments: cases)
    func secretsStayInTheRequest(_ c: Case) throws {
        let definition = try Support.provider(c.provider)
        #expect(definition.credentials == c.credentials)
        let credentials = ProviderCredentials(Dictionary(uniqueKeysWithValues: c.credentials.map { ($0, Self.secret) }))
        let message = try Support.message(to: ["+14155552671"], text: "Hello", from: c.from, settings: c.settings)
        let payload = definition.payload(for: message, credentials: credentials, now: Support.now)
        let request = try #require(payload.requests.first, "\(payload.diagnostics)")
        #expect(request.containsCredentials)
        let wire = ([request.url, request.body] + request.headers.map(\.value)).joined(separator: "\n")
        if definition.auth.signatureName == nil {
            #expect(Self.forms.contains { wire.contains($0) } || wire.contains(Data("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:\(Self.secret)".utf8).base64EncodedString()))
        }
        let redacted = request.redacted
        let shown = [request.description, String(describing: redacted), redacted.curlCommand, redacted.httpMessage,
                     String(reflecting: credentials), "\(credentials)", payload.diagnostics.map(\.description).joined()]
            + payload.diagnostics.map(\.fix)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in shown + [dumped] {
            for form in Self.forms { #expect(!text.contains(form), "secret in: \(text)") }
        }
        #expect(!redacted.containsCredentials)
        for name in c.credentials where definition.auth.signatureName == nil {
            #expect(redacted.httpMessage.contains("${\(name)}"))
        }
    }

    /// A missing credential is named; the others' values are not shown.
    @Test func missingCredentialIsNamedOnly() throws {
        let credentials = ProviderCredentials(["VONAGE_API_KEY": Self.secret])
        let message = try Support.message(to: ["+14155552671"], text: "Hello", from: "+14155550100")
        let payload = try Support.provider("vonage").payload(for: message, credentials: credentials, now: Support.now)
        #expect(payload.requests.isEmpty)
        let diagnostic = try #require(payload.diagnostics.first { $0.code == ProviderCode.credentialMissing })
        #expect(diagnostic.message == "the credential VONAGE_API_SECRET is not set")
        #expect(!diagnostic.message.contains(Self.secret) && !diagnostic.fix.contains(Self.secret))
    }

    /// Without credentials the request holds placeholders and prints as it is.
    @Test func placeholdersWithoutCredentials() throws {
        let message = try Support.message(to: ["+14155552671"], text: "Hello", from: "+14155550100")
        let request = try #require(try Support.provider("vonage").payload(for: message).requests.first)
        #expect(!request.containsCredentials)
        #expect(request.redacted == request)
        #expect(request.body.hasPrefix("api_key=${VONAGE_API_KEY}&api_secret=${VONAGE_API_SECRET}&"))
        #expect(request.curlCommand.contains(#"'api_key='"${VONAGE_API_KEY}"'&api_secret='"${VONAGE_API_SECRET}"'&from="#))
    }
}
