import Foundation
import Testing

/// `preflight payload`: the JSON contract, the text formats, and the exit codes.
struct PayloadCommandTests {
    static let now = ["--now", "2026-11-23T20:00:00Z"]

    /// Runs the binary with extra environment variables.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }

    static func request(_ json: String) throws -> String {
        try CLI.temporaryFile(Array(json.utf8))
    }

    static let twilioRequest = #"""
        {"to": "+14155552671", "from": "+14155550100", "body": "Your code is 482193", "category": "otp",
         "account": {"settings": {"accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}}}
        """#

    @Test func jsonContract() throws {
        let path = try Self.request(Self.twilioRequest)
        let result = try Self.run(["payload", path, "--provider", "twilio"] + Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["provider", "requests", "diagnostics"])
        #expect(object["provider"] as? String == "twilio")
        let requests = try #require(object["requests"] as? [[String: Any]])
        #expect(requests.count == 1)
        #expect(Set(requests[0].keys) == ["method", "url", "headers", "contentType", "body"])
        #expect(requests[0]["method"] as? String == "POST")
        #expect(requests[0]["url"] as? String == "https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json")
        #expect(requests[0]["headers"] as? [String: String] == ["Authorization": "Basic base64(ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:${TWILIO_AUTH_TOKEN})"])
        #expect(requests[0]["contentType"] as? String == "application/x-www-form-urlencoded")
        #expect(requests[0]["body"] as? String == "To=%2B14155552671&From=%2B14155550100&Body=Your+code+is+482193")
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
    }

    /// `--provider` falls back to the request's `provider`.
    @Test func providerFromTheRequest() throws {
        let path = try Self.request(#"{"to": "+14155552671", "body": "Hi", "category": "otp", "provider": "sinch", "account": {"settings": {"servicePlanId": "p"}}}"#)
        let result = try Self.run(["payload", path] + Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(#"{"provider":"sinch","requests":[{"method":"POST","url":"https://us.sms.api.sinch.com/xms/v1/p/batches""#))
    }

    /// A request the check blocks: exit 1, no requests, the diagnostics.
    @Test func blockedByTheCheck() throws {
        let path = try Self.request(#"{"to": "12", "body": "Hello", "provider": "twilio"}"#)
        let result = try Self.run(["payload", path] + Self.now)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["requests"] as? [Any])?.isEmpty == true)
        let codes = (object["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["recipient.invalid"])
        #expect(result.stderr.contains("the check blocks this message"))
    }

    /// The provider cannot take the message: exit 1 with its diagnostic.
    @Test func refusedByTheProvider() throws {
        let path = try Self.request(#"{"to": "+14155552671", "from": "+14155550100", "body": "Hi", "category": "otp"}"#)
        let result = try Self.run(["payload", path, "--provider", "twilio", "--format", "curl"] + Self.now)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("[provider.setting_missing]"))
    }

    @Test func unknownProvider() throws {
        let path = try Self.request(Self.twilioRequest)
        let result = try Self.run(["payload", path, "--provider", "twillio"] + Self.now)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown provider `twillio` [provider.unknown]"))
        #expect(result.stderr.contains("did you mean `twilio`?"))
    }

    @Test func noProvider() throws {
        let path = try Self.request(#"{"to": "+14155552671", "body": "Hi"}"#)
        let result = try Self.run(["payload", path] + Self.now)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no provider"))
    }

    @Test func curlAndHTTP() throws {
        let path = try Self.request(Self.twilioRequest)
        let curl = try Self.run(["payload", path, "--provider", "twilio", "--format", "curl"] + Self.now)
        #expect(curl.status == 0)
        #expect(curl.stdout == """
            curl -X POST 'https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json' \
            -H 'Content-Type: application/x-www-form-urlencoded' -u 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:'"${TWILIO_AUTH_TOKEN}" \
            --data-binary 'To=%2B14155552671&From=%2B14155550100&Body=Your+code+is+482193'

            """)
        let http = try Self.run(["payload", path, "--provider", "twilio", "--format", "http"] + Self.now)
        #expect(http.stdout.hasPrefix("POST https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json HTTP/1.1\n"))
    }

    /// `--resolve-env` puts the credentials in and signs AWS requests.
    @Test func resolveEnvironment() throws {
        let path = try Self.request(#"{"to": "+14155552671", "from": "+14155550100", "body": "Hi", "category": "otp", "account": {"settings": {"region": "eu-west-1"}}}"#)
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"]
        let signed = try Self.run(["payload", path, "--provider", "aws-sms", "--resolve-env"] + Self.now, environment: environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains(#""X-Amz-Date":"20261123T200000Z","Authorization":"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/eu-west-1/sms-voice/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="#))
        #expect(!signed.stdout.contains("wJalrXUtnFEMI"))
        let unsigned = try Self.run(["payload", path, "--provider", "aws-sms"] + Self.now)
        #expect(unsigned.status == 0)
        #expect(unsigned.stdout.contains(#""code":"provider.unsigned","severity":"warning""#))
        let missing = try Self.run(["payload", path, "--provider", "aws-sms", "--resolve-env"] + Self.now,
                                   environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains(#""message":"the credential AWS_SECRET_ACCESS_KEY is not set""#))
    }

    /// `--settings FILE` and `--providers DIR`.
    @Test func settingsAndProviderFiles() throws {
        let path = try Self.request(#"{"to": "+14155552671", "body": "Hi", "category": "otp"}"#)
        let settings = try CLI.temporaryFile(Array("custom:\n  region: eu\n".utf8))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            version: 1
            name: custom
            request: {url: "https://{region}.example.com/send", encoding: json}
            auth: {style: header, headers: {X-Key: "${CUSTOM_KEY}"}}
            settings:
              region: {required: true}
            recipients: {mode: single}
            fields:
              number: recipient | e164_without_plus
              message: text
            """.write(to: directory.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let result = try Self.run(["payload", path, "--provider", "custom", "--providers", directory.path, "--settings", settings] + Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"provider":"custom","requests":[{"method":"POST","url":"https://eu.example.com/send","headers":{"X-Key":"${CUSTOM_KEY}"},"contentType":"application/json","body":"{\"number\":\"14155552671\",\"message\":\"Hi\"}"}],"diagnostics":[]}"# + "\n")

        try "version: 1\nname: custom\nrequest: {url: x}\n".write(to: directory.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["payload", path, "--provider", "custom", "--providers", directory.path] + Self.now)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("custom.yaml:3:10: error: request: missing key 'encoding' [provider.invalid_file]"))
        #expect(broken.stderr.contains("custom.yaml:3:16: error: request.url: the URL 'x' does not start with https://"))
    }
}
