import Foundation
import Preflight
import Testing

@testable import PreflightServer

/// Every route over a real loopback connection; every reply is also checked against openapi.yaml.
@Suite("Routes")
struct RouteTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates").standardized.path

    /// The check answers exactly what `Preflight.check` gives for the same request, status 200
    /// whatever the verdict.
    struct CheckCase: Sendable, CustomTestStringConvertible {
        var id: String
        var json: String
        var verdict: String
        var encoding: String
        var unitsPerPart: [Int]
        var codes: [String]
        var testDescription: String { id }
    }

    static let checkCases: [CheckCase] = [
        // 19 GSM-7 septets, one part.
        CheckCase(
            id: "UK OTP passes",
            json: #"{"to": "+447400123456", "senderMask": "Acme", "category": "otp", "body": "Your code is 482913", "scheduledAt": "\#(noon)"}"#,
            verdict: "pass", encoding: "GSM-7", unitsPerPart: [19], codes: []),
        // compliance.md: the US takes no alphanumeric sender IDs. 161 septets: 153 + 8 (TS 23.040 concatenation).
        CheckCase(
            id: "US alphanumeric sender blocks, 161 septets in two parts",
            json: #"{"to": "+14155552671", "senderMask": "ACME", "body": "\#(String(repeating: "a", count: 161))", "scheduledAt": "\#(noon)"}"#,
            verdict: "block", encoding: "GSM-7", unitsPerPart: [153, 8], codes: ["sender.alphanumeric_not_allowed"]),
        // Cyrillic forces UCS-2: 71 UTF-16 units are two parts of 67 + 4 (an info finding says why).
        CheckCase(
            id: "UCS-2 over 70 units",
            json: #"{"to": "+447400123456", "body": "\#(String(repeating: "Ж", count: 71))", "scheduledAt": "\#(noon)"}"#,
            verdict: "pass", encoding: "UCS-2", unitsPerPart: [67, 4], codes: ["encoding.ucs2"]),
        // A template of the server, by name: Templates/otp.sms with these values, all GSM-7 basic
        // characters (one septet each), one part.
        CheckCase(
            id: "server template",
            json: #"{"to": "+447400123456", "template": "otp.sms", "variables": {"code": "482913", "brand": "Acme", "minutes": 10}, "scheduledAt": "\#(noon)"}"#,
            verdict: "pass", encoding: "GSM-7",
            unitsPerPart: ["482913 is your Acme verification code. It expires in 10 minutes. Never share it with anyone.".count], codes: []),
    ]

    @Test(arguments: checkCases)
    func check(_ c: CheckCase) async throws {
        try await TestServer { $0.templatesDirectory = Self.templates }.run { session in
            let reply = try await session.call(.post, "/v1/check", json: c.json)
            #expect(reply.status == 200)
            #expect(reply.json["verdict"]?.string == c.verdict)
            #expect(reply.json["encoding"]?.string == c.encoding)
            #expect(reply.json["unitsPerPart"]?.array?.compactMap(\.int) == c.unitsPerPart)
            for code in c.codes {
                #expect(reply.json["diagnostics"]?.array?.contains { $0["code"]?.string == code } == true, "\(code) in \(reply)")
            }
            // The same report as the library gives for the same request.
            let engine = session.server.store.engine
            let request = try RequestError.decode(Data(c.json.utf8))
            #expect(reply.text == engine.preflight.check(request).json)
        }
    }

    @Test func inspectAnswersTheEncodingReport() async throws {
        try await TestServer().run { session in
            // TS 23.038: '€' is in the extension table (two septets); '’' is not GSM and is smart-encoded to '\''.
            let reply = try await session.call(.post, "/v1/inspect", json: #"{"text": "It’s 5€", "smart": "punctuation"}"#)
            #expect(reply.status == 200)
            #expect(reply.json["encoding"]?.string == "GSM-7")
            #expect(reply.json["text"]?.string == "It's 5€")
            #expect(reply.json["units"]?.int == 8)
            #expect(reply.text == SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("It’s 5€").json)
            // Turkish locking + single shift: 'ş' and 'ğ' become GSM-7 with the tables (annex A.3).
            let turkish = try await session.call(.post, "/v1/inspect", json: #"{"text": "Şifreniz değişti", "shift": ["tr"]}"#)
            #expect(turkish.json["encoding"]?.string == "GSM-7")
            let tables = [turkish.json["shiftTables"]?["locking"]?.string, turkish.json["shiftTables"]?["single"]?.string]
            #expect(tables.contains("tr"))
            let plain = try await session.call(.post, "/v1/inspect", json: #"{"text": "Şifreniz değişti", "normalize": false}"#)
            #expect(plain.json["encoding"]?.string == "UCS-2")
        }
    }

    @Test func renderAnswersTheRenderReport() async throws {
        try await TestServer { $0.templatesDirectory = Self.templates }.run { session in
            let named = try await session.call(.post, "/v1/render", json: #"{"template": "otp.sms", "examples": true}"#)
            #expect(named.status == 200)
            #expect(named.json["text"]?.string?.hasPrefix("482913") == true)
            let inline = try await session.call(.post, "/v1/render", json: #"{"templateSource": "Hi <<name | upper>>!", "variables": {"name": "ana"}}"#)
            #expect(inline.json["text"]?.string == "Hi ANA!")
            let expected = RenderReport(template: .success(try Template(source: "Hi <<name | upper>>!", file: "templateSource")), values: ["name": .string("ana")])
            #expect(inline.text == expected.json)
            // Template errors are findings with positions, status 200, text null.
            let broken = try await session.call(.post, "/v1/render", json: #"{"templateSource": "Hi <<name | shout>>"}"#)
            #expect(broken.status == 200)
            #expect(broken.json["text"] == .null)
            #expect(broken.json["diagnostics"]?[0]?["code"]?.string == "template.unknown_filter")
            #expect(broken.json["diagnostics"]?[0]?["column"]?.int == 13)
        }
    }

    @Test func rulesHealthAndDocuments() async throws {
        try await TestServer { $0.templatesDirectory = Self.templates }.run { session in
            let rules = try await session.call(.get, "/v1/rules")
            #expect(rules.json["generation"]?.int == 1)
            // countries.csv: the United Kingdom's calling code is 44; GB sender IDs take at most 11 characters.
            #expect(rules.json["countries"]?["GB"]?["callingCode"]?.int == 44)
            #expect(rules.json["countries"]?["GB"]?["sender"]?["maxLength"]?.int == 11)
            #expect(rules.json["templates"]?.array?.compactMap { $0["name"]?.string }.contains("otp.sms") == true)
            let health = try await session.call(.get, "/healthz")
            #expect(health.json == .object(["status": .string("ok"), "generation": .int(1), "loadedAt": health.json["loadedAt"]!]))
            let openAPI = try await session.call(.get, "/openapi.yaml")
            #expect(openAPI.text == ServerResources.openAPI)
            #expect(openAPI.text.hasPrefix("openapi: 3.1"))
            let page = try await session.call(.get, "/")
            #expect(page.contentType == "text/html; charset=utf-8")
            #expect(page.text.contains("/v1/check"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func reloadWithoutChangesGivesTheNextGeneration() async throws {
        try await TestServer().run { session in
            let reply = try await session.call(.post, "/v1/reload")
            #expect(reply.status == 200)
            #expect(reply.json["generation"]?.int == 2)
            #expect(reply.json["countries"]?.int == (try RuleSet.shipped()).countries.count)
            #expect(try await session.call(.get, "/healthz").json["generation"]?.int == 2)
        }
    }

    /// The repository's openapi.yaml is the served document (a link to the embedded file).
    @Test func repositoryDocumentIsTheServedOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../openapi.yaml").standardized
        #expect(try String(contentsOf: root, encoding: .utf8) == ServerResources.openAPI)
    }

    /// Every operation of the document is a route of the server, and every route is in the document.
    @Test func documentAndRoutesAgree() {
        let served = Set(Route.allCases.map { "\($0.method.rawValue) \($0.path)" })
        #expect(OpenAPIDocument.shared.operations == served)
        #expect(OpenAPIDocument.shared.root["openapi"]?.string == "3.1.0")
    }

    /// The document's lists of names are the code's: shift-table languages, categories, click
    /// tracking modes, encodings.
    @Test func documentEnumsAreTheCodes() {
        let schemas = OpenAPIDocument.shared.root["components"]?["schemas"]
        func names(_ value: JSONValue?) -> [String] { value?.array?.compactMap(\.string) ?? [] }
        #expect(names(schemas?["ShiftLanguage"]?["enum"]) == NationalLanguage.allCases.map(\.rawValue))
        #expect(names(schemas?["SendRequest"]?["properties"]?["category"]?["enum"]) == MessageCategory.allCases.map(\.rawValue))
        #expect(names(schemas?["Report"]?["properties"]?["category"]?["enum"]) == MessageCategory.allCases.map(\.rawValue))
        #expect(names(schemas?["SendRequest"]?["properties"]?["clickTracking"]?["oneOf"]?.array?.last?["enum"]) == ClickTracking.allCases.map(\.rawValue))
        #expect(names(schemas?["Encoding"]?["enum"]) == MessageEncoding.allCases.map(\.rawValue))
    }
}

/// Payloads and providers (providers.md: Twilio's Message resource takes a form-encoded POST to
/// /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic authentication).
@Suite("Payloads")
struct PayloadRouteTests {
    @Test func twilioPayloadWithSettingsFromTheServerAndPlaceholdersForSecrets() async throws {
        try await withTemporaryDirectory { dir in
            let settings = dir.appendingPathComponent("settings.yaml")
            try "twilio:\n  accountSid: AC0123456789abcdef0123456789abcdef\n".write(to: settings, atomically: true, encoding: .utf8)
            try await TestServer { $0.providerSettingsFile = settings.path }.run { session in
                let request = #"{"to": "+447400123456", "senderMask": "Acme", "body": "Your code is 482913", "provider": "twilio", "scheduledAt": "\#(noon)"}"#
                let reply = try await session.call(.post, "/v1/payload", json: request)
                #expect(reply.status == 200)
                #expect(reply.json["provider"]?.string == "twilio")
                let sent = try #require(reply.json["requests"]?[0])
                #expect(sent["method"]?.string == "POST")
                #expect(sent["url"]?.string == "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json")
                #expect(sent["contentType"]?.string?.hasPrefix("application/x-www-form-urlencoded") == true)
                let body = sent["body"]?.string ?? ""
                #expect(body.contains("To=%2B447400123456"))
                #expect(body.contains("Body=Your"))
                // The auth token is a placeholder, never a value.
                #expect(reply.text.contains("TWILIO_AUTH_TOKEN"))
                // The same as the library gives.
                let engine = session.server.store.engine
                let prepared = engine.preflight.prepare(
                    try RequestError.decode(Data(request.utf8)), provider: try #require(engine.providers.provider(named: "twilio")),
                    settings: ["accountSid": "AC0123456789abcdef0123456789abcdef"])
                #expect(reply.json["requests"]?.array?.count == prepared.payload?.requests.count)
            }
        }
    }

    @Test func blockedMessagesGetNoRequestAndUnknownProvidersA422() async throws {
        try await TestServer().run { session in
            // compliance.md: no alphanumeric sender IDs to the United States.
            let blocked = try await session.call(
                .post, "/v1/payload",
                json: #"{"to": "+14155552671", "senderMask": "ACME", "body": "Hi", "provider": "twilio", "scheduledAt": "\#(noon)"}"#)
            #expect(blocked.status == 200)
            #expect(blocked.json["requests"] == .array([]))
            #expect(blocked.json["diagnostics"]?.array?.contains { $0["code"]?.string == "sender.alphanumeric_not_allowed" } == true)
            let unknown = try await session.call(.post, "/v1/payload", json: #"{"to": "+447400123456", "body": "Hi", "provider": "twillio"}"#)
            #expect(unknown.status == 422)
            #expect(unknown.errorCode == "unknown_provider")
            #expect(unknown.json["error"]?["fix"]?.string?.contains("twilio") == true)
            let missing = try await session.call(.post, "/v1/payload", json: #"{"to": "+447400123456", "body": "Hi"}"#)
            #expect(missing.status == 422)
            #expect(missing.json["error"]?["message"]?.string?.contains("provider") == true)
        }
    }

    @Test func providersListsTheDefinitionsWithoutSecrets() async throws {
        try await TestServer().run { session in
            let reply = try await session.call(.get, "/v1/providers")
            let providers = try #require(reply.json.array)
            #expect(providers.compactMap { $0["name"]?.string } == (try ProviderRegistry.shipped()).names)
            let twilio = try #require(providers.first { $0["name"]?.string == "twilio" })
            #expect(twilio["auth"]?.string == "basic")
            #expect(twilio["encoding"]?.string == "form")
            #expect(twilio["credentials"]?.array?.compactMap(\.string) == ["TWILIO_AUTH_TOKEN"])
        }
    }
}

/// `POST /v1/estimate`: the recipient CSV streamed through the estimator.
@Suite("Estimate")
struct EstimateRouteTests {
    static let query = "templateSource=Hi%20%3C%3Cname%3E%3E%2C%20your%20order%20shipped.&scheduledAt=2026-11-23T12:00:00Z&senderMask=Acme"

    @Test func answersWhatTheEstimatorGives() async throws {
        let csv = "phone,name\n+447400123456,Ana\n+447400123457,Łukasz\nhello,Ben\n"
        try await TestServer().run { session in
            let reply = try await session.call(.post, "/v1/estimate?\(Self.query)", body: csv, contentType: "text/csv")
            #expect(reply.status == 200, "\(reply)")
            #expect(reply.json["recipients"]?.int == 3)
            #expect(reply.json["sendable"]?.int == 2)
            #expect(reply.json["excluded"]?["recipient.invalid"]?.int == 1)
            // "Łukasz": Ł is not in the GSM 7-bit alphabet, so that message is UCS-2.
            #expect(reply.json["messagesByEncoding"]?["UCS-2"]?.int == 1)
            var options = EstimateOptions()
            options.senderMask = "Acme"
            options.sendAt = try Date.ISO8601FormatStyle().parse("2026-11-23T12:00:00Z")
            let engine = session.server.store.engine
            let estimator = try Estimator(
                preflight: engine.preflight, template: Template(source: "Hi <<name>>, your order shipped.", file: "templateSource"),
                pricing: engine.pricing, options: options)
            #expect(reply.text == (try estimator.run(.bytes(Array(csv.utf8)))).json)
        }
    }

    @Test func bigUploadsAreNotHeldToTheBodyLimit() async throws {
        let csv = "phone,name\n" + (0..<20_000).map { "+4474001\(String(format: "%05d", $0)),Ana\n" }.joined()
        try await TestServer { $0.limits.bodyBytes = 4096 }.run { session in
            let reply = try await session.call(.post, "/v1/estimate?\(Self.query)", body: csv, contentType: "text/csv")
            #expect(reply.status == 200)
            #expect(reply.json["recipients"]?.int == 20_000)
        }
    }

    @Test func badUploadsAndParameters() async throws {
        try await TestServer().run { session in
            let header = try await session.call(.post, "/v1/estimate?\(Self.query)", body: "number,name\n+447400123456,Ana\n", contentType: "text/csv")
            #expect(header.status == 422)
            #expect(header.errorCode == "invalid_csv")
            #expect(header.json["error"]?["message"]?.string?.contains("/dev/fd") == false)
            let empty = try await session.call(.post, "/v1/estimate?\(Self.query)", body: "", contentType: "text/csv")
            #expect(empty.status == 422)
            let unknown = try await session.call(.post, "/v1/estimate?\(Self.query)&color=red", body: "phone\n", contentType: "text/csv")
            #expect(unknown.errorCode == "invalid_request")
            let noTemplate = try await session.call(.post, "/v1/estimate", body: "phone\n", contentType: "text/csv")
            #expect(noTemplate.errorCode == "invalid_request")
            let category = try await session.call(.post, "/v1/estimate?\(Self.query)&category=promo", body: "phone\n", contentType: "text/csv")
            #expect(category.json["error"]?["message"]?.string?.contains("category") == true)
            let json = try await session.call(.post, "/v1/estimate?\(Self.query)", json: "{}")
            #expect(json.status == 415)
        }
    }
}
