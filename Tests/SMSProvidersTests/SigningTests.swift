import Foundation
import Testing
@testable import SMSProviders

/// Request signing against the published test vectors: AWS's Signature Version 4 test suite
/// (`aws-sig-v4-test-suite`, credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service
/// `service`) and worked IAM example, and the cross-language vectors of the Azure
/// Communication Services SDKs.
struct SigningTests {
    static let accessKeyId = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let suiteDate = ScheduledTime(iso8601: "2015-08-30T12:36:00Z")!.date

    struct AWSCase: CustomTestStringConvertible, Sendable {
        var name: String
        var method: String
        var url: String
        var headers: [HTTPHeader]
        var body: String
        var service = "service"
        var authorization: String
        var testDescription: String { name }
    }

    static let awsCases: [AWSCase] = [
        AWSCase(
            name: "get-vanilla", method: "GET", url: "https://example.amazonaws.com/", headers: [], body: "",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        AWSCase(
            name: "get-vanilla-query-order-key-case", method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1",
            headers: [], body: "",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        AWSCase(
            name: "post-x-www-form-urlencoded", method: "POST", url: "https://example.amazonaws.com/",
            headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: "Param1=value1",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        AWSCase(
            name: "IAM ListUsers example", method: "GET", url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
            headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")], body: "", service: "iam",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
    ]

    @Test(arguments: awsCases)
    func awsTestSuite(_ c: AWSCase) throws {
        let headers = AWSSignatureV4.sign(
            method: c.method, url: try #require(URL(string: c.url)), headers: c.headers, body: Array(c.body.utf8),
            accessKeyId: Self.accessKeyId, secretAccessKey: Self.secret, region: "us-east-1", service: c.service, date: Self.suiteDate)
        #expect(headers == [HTTPHeader(name: "X-Amz-Date", value: "20150830T123600Z"), HTTPHeader(name: "Authorization", value: c.authorization)])
    }

    /// The IAM example publishes the derived signing key too.
    @Test func awsSigningKey() {
        let key = AWSSignatureV4.signingKey(secretAccessKey: Self.secret, date: "20150830", region: "us-east-1", service: "iam")
        #expect(AWSSignatureV4.hex(key) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    /// get-vanilla's canonical request (`get-vanilla.creq`).
    @Test func awsCanonicalRequest() throws {
        let url = try #require(URL(string: "https://example.amazonaws.com/"))
        let (text, signed) = AWSSignatureV4.canonicalRequest(
            method: "GET", url: url,
            headers: [HTTPHeader(name: "Host", value: "example.amazonaws.com"), HTTPHeader(name: "X-Amz-Date", value: "20150830T123600Z")], body: [])
        #expect(text == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(signed == "host;x-amz-date")
    }

    struct AzureCase: CustomTestStringConvertible, Sendable {
        var text: String
        var hash: String
        var hmac: String
        var testDescription: String { text }
    }

    /// Cross-language vectors of the Azure SDKs (key `pw==`).
    static let azureCases = [
        AzureCase(text: "banana", hash: "tJPUg2Sv5E0RwBZc9HCkFk0eJgmRHvmYvoaNRq3j3k4=", hmac: "88EC05aAS9iXnaimtNO78JLjiPtfWryQB/5QYEzEsu8="),
        AzureCase(text: "😀", hash: "8EQ6NCxe9UeDoRG1G6Vsk45HTDIyTZDDpgycjjo34tk=", hmac: "1rudJKjn2Zi+3hRrBG29wIF6pD6YyAeQR1ZcFtXoKAU="),
    ]

    @Test(arguments: azureCases)
    func azureHashAndHMAC(_ c: AzureCase) {
        #expect(AzureHMACSignature.contentHash(Array(c.text.utf8)) == c.hash)
        #expect(AzureHMACSignature.signature(of: c.text, accessKey: "pw==") == c.hmac)
    }

    /// The static-date vector of the Azure SDK for iOS (`HMACAuthenticationPolicyTests`).
    @Test func azureRequestSignature() throws {
        let date = try #require(ScheduledTime(iso8601: "2020-10-07T18:16:02Z")).date
        let url = try #require(URL(string: "https://localhost?id=b93a5ef4-f622-44d8-a80b-ff983122554e"))
        let headers = try #require(AzureHMACSignature.sign(
            method: "POST", url: url,
            body: Array(#"{"propName":"name", "propValue": "value"}"#.utf8),
            accessKey: "68810419818922fb0263dd6ee4b9c56537dbad914aa7324a119fce26778a286e", date: date))
        #expect(headers == [
            HTTPHeader(name: "x-ms-date", value: "Wed, 07 Oct 2020 18:16:02 GMT"),
            HTTPHeader(name: "x-ms-content-sha256", value: "YjVxGFu++f6tLM9YEVQVRmchZiYyxQ+8Bi3PXTJz2C4="),
            HTTPHeader(name: "Authorization",
                       value: "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=KZD9UN4LsktsEX2e9cRp+LS2opjAtEVKqt+OzFCHh9o="),
        ])
    }

    @Test func azureKeyThatIsNotBase64() throws {
        #expect(AzureHMACSignature.signature(of: "x", accessKey: "not base64!") == nil)
    }

    /// Payloads with credentials carry the signature headers, scoped to the provider's service and region.
    @Test func signedPayloads() throws {
        let credentials = ProviderCredentials(["AWS_ACCESS_KEY_ID": Self.accessKeyId, "AWS_SECRET_ACCESS_KEY": Self.secret])
        let message = try Support.message(to: ["+14155552671"], text: "Hi", from: "+14155550100", settings: ["region": "eu-west-1"])
        let payload = try Support.provider("aws-sms").payload(for: message, credentials: credentials, now: Support.now)
        let request = try #require(payload.requests.first)
        #expect(payload.diagnostics.isEmpty)
        #expect(request.headers.first { $0.name == "X-Amz-Date" }?.value == "20261123T120000Z")
        let authorization = try #require(request.headers.first { $0.name == "Authorization" }?.value)
        #expect(authorization.hasPrefix(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/eu-west-1/sms-voice/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="))

        let azure = try Support.provider("azure").payload(
            for: try Support.message(to: ["+14255550123"], text: "Hi", from: "+18445550100", settings: ["resource": "contoso"]),
            credentials: ProviderCredentials(["AZURE_COMMUNICATION_ACCESS_KEY": "pw=="]), now: Support.now)
        let signed = try #require(azure.requests.first)
        #expect(signed.headers.map(\.name) == ["x-ms-date", "x-ms-content-sha256", "Authorization"])
        #expect(signed.headers[0].value == "Mon, 23 Nov 2026 12:00:00 GMT")
        #expect(signed.headers[1].value == AzureHMACSignature.contentHash(Array(signed.body.utf8)))
    }
}
