import Crypto
import Foundation

/// AWS Signature Version 4 (header form), as AWS's signing documentation and test suite define it.
public enum AWSSignatureV4 {
    /// Lowercase hexadecimal.
    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The signing key: HMAC chain over `AWS4` + secret, the date (`20150830`), region, service, `aws4_request`.
    public static func signingKey(secretAccessKey: String, date: String, region: String, service: String) -> [UInt8] {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        var result: [UInt8] = []
        for part in [date, region, service, "aws4_request"] {
            result = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
            key = SymmetricKey(data: result)
        }
        return result
    }

    /// The canonical request and the signed header names for `headers` (host must be among them).
    public static func canonicalRequest(method: String, url: URL, headers: [HTTPHeader], body: [UInt8]) -> (text: String, signedHeaders: String) {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        var pairs: [(name: String, value: String)] = []
        for item in components?.queryItems ?? [] {
            pairs.append((Form.encodeComponent(item.name), Form.encodeComponent(item.value ?? "")))
        }
        pairs.sort { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        let query = pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        var byName: [String: [String]] = [:]
        for header in headers {
            let value = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            byName[header.name.lowercased(), default: []].append(value)
        }
        let names = byName.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(byName[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let payloadHash = hex(SHA256.hash(data: body))
        return ([method, path, query, canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n"), signedHeaders)
    }

    /// The `X-Amz-Date` and `Authorization` headers for a request.
    /// - Parameters:
    ///   - headers: the headers to sign besides `host` and `x-amz-date` (for example `content-type`, `x-amz-target`).
    ///   - date: the signing time.
    public static func sign(
        method: String, url: URL, headers: [HTTPHeader], body: [UInt8], accessKeyId: String, secretAccessKey: String,
        region: String, service: String, date: Date
    ) -> [HTTPHeader] {
        let amzDate = TimeText.amzDate(date)
        let day = String(amzDate.prefix(8))
        let host = url.port.map { "\(url.host ?? ""):\($0)" } ?? (url.host ?? "")
        let signed = [HTTPHeader(name: "host", value: host), HTTPHeader(name: "x-amz-date", value: amzDate)] + headers
        let (canonical, signedHeaders) = canonicalRequest(method: method, url: url, headers: signed, body: body)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, hex(SHA256.hash(data: Array(canonical.utf8)))].joined(separator: "\n")
        let key = SymmetricKey(data: signingKey(secretAccessKey: secretAccessKey, date: day, region: region, service: service))
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        return [
            HTTPHeader(name: "X-Amz-Date", value: amzDate),
            HTTPHeader(name: "Authorization",
                       value: "AWS4-HMAC-SHA256 Credential=\(accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"),
        ]
    }
}

/// The HMAC-SHA256 access-key signature of Azure Communication Services.
public enum AzureHMACSignature {
    /// Base64 of the SHA-256 of the body (`x-ms-content-sha256`).
    public static func contentHash(_ body: [UInt8]) -> String {
        Data(SHA256.hash(data: body)).base64EncodedString()
    }

    /// Base64 of HMAC-SHA256 over `text` with the base64-decoded `accessKey`; nil when the key is not base64.
    public static func signature(of text: String, accessKey: String) -> String? {
        guard let key = Data(base64Encoded: accessKey) else { return nil }
        return Data(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: key))).base64EncodedString()
    }

    /// The `x-ms-date`, `x-ms-content-sha256` and `Authorization` headers; nil when the key is not base64.
    public static func sign(method: String, url: URL, body: [UInt8], accessKey: String, date: Date) -> [HTTPHeader]? {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let pathAndQuery = (components?.percentEncodedPath ?? "") + (components?.percentEncodedQuery.map { "?\($0)" } ?? "")
        let host = url.port.map { "\(url.host ?? ""):\($0)" } ?? (url.host ?? "")
        let stamp = TimeText.rfc1123(date)
        let hash = contentHash(body)
        guard let signature = signature(of: "\(method)\n\(pathAndQuery)\n\(stamp);\(host);\(hash)", accessKey: accessKey) else { return nil }
        return [
            HTTPHeader(name: "x-ms-date", value: stamp),
            HTTPHeader(name: "x-ms-content-sha256", value: hash),
            HTTPHeader(name: "Authorization", value: "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=\(signature)"),
        ]
    }
}
