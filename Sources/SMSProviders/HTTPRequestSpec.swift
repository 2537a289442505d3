import Foundation
import PreflightCore

/// One HTTP header.
public struct HTTPHeader: Sendable, Hashable {
    /// The name, as the provider documents it.
    public var name: String
    /// The value.
    public var value: String

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A ready-to-send HTTP request for one provider call.
///
/// Credentials appear as `${NAME}` placeholders unless they were given; a request that holds real
/// credentials prints redacted (``description``, ``redacted``), so it can be logged.
public struct HTTPRequestSpec: Sendable, Hashable, CustomStringConvertible {
    /// `POST` or `PUT`.
    public var method: String
    /// The full URL.
    public var url: String
    /// The headers in order, `Content-Type` excluded.
    public var headers: [HTTPHeader]
    /// The `Content-Type` of the body.
    public var contentType: String
    /// The body, exactly as it must be sent (UTF-8).
    public var body: String
    /// The response field that holds the provider's message id, if documented (`sid`, `messages[0].message-id`).
    public var messageIdField: String?
    /// The recipients of this request, in E.164.
    public var recipients: [String]
    /// How credentials still have to be applied, when they were not given.
    var pendingAuth: PendingAuth?
    /// The same request with placeholders instead of credentials, when it holds credentials.
    private var placeholderForm: [String]?

    /// Whether credential values (not placeholders) are in the request.
    public var containsCredentials: Bool { placeholderForm != nil }

    init(method: String, url: String, headers: [HTTPHeader], contentType: String, body: String, messageIdField: String?,
         recipients: [String], pendingAuth: PendingAuth?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.contentType = contentType
        self.body = body
        self.messageIdField = messageIdField
        self.recipients = recipients
        self.pendingAuth = pendingAuth
    }

    /// Marks the request as holding credentials; `placeholders` is the same request built without them.
    mutating func holdCredentials(placeholders: HTTPRequestSpec) {
        let signatureHeaders = Set(headers.map(\.name)).subtracting(placeholders.headers.map(\.name))
        placeholderForm = [placeholders.url, placeholders.body]
            + placeholders.headers.flatMap { [$0.name, $0.value] }
            + headers.filter { signatureHeaders.contains($0.name) }.flatMap { [$0.name, "<redacted signature>"] }
    }

    /// The request with every credential replaced by its `${NAME}` placeholder and signatures
    /// replaced by `<redacted signature>`: safe to log.
    public var redacted: HTTPRequestSpec {
        guard let form = placeholderForm else { return self }
        var copy = self
        copy.placeholderForm = nil
        copy.url = form[0]
        copy.body = form[1]
        copy.headers = stride(from: 2, to: form.count, by: 2).map { HTTPHeader(name: form[$0], value: form[$0 + 1]) }
        return copy
    }

    /// The redacted request in the `.http` format.
    public var description: String { redacted.httpMessage }

    /// Writes `{"method", "url", "headers": {name: value}, "contentType", "body"}`.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("method", method)
        writer.field("url", url)
        writer.key("headers")
        writer.beginObject()
        for header in headers { writer.field(header.name, header.value) }
        writer.endObject()
        writer.field("contentType", contentType)
        writer.field("body", body)
        writer.endObject()
    }

    /// The request as an HTTP message in the `.http` file format editors run: request line with
    /// the full URL, headers, a blank line and the body.
    public var httpMessage: String {
        var lines = ["\(method) \(url) HTTP/1.1", "Content-Type: \(contentType)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        if let note = pendingAuth?.note { lines.insert("# \(note)", at: 0) }
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    /// The request as a `curl` command for a POSIX shell. `${NAME}` placeholders are left to the
    /// shell (set the environment variables); a pending AWS signature uses curl's `--aws-sigv4`.
    public var curlCommand: String {
        var words = ["curl", "-X", method, ShellWord.quote(url), "-H", ShellWord.quote("Content-Type: \(contentType)")]
        for header in headers {
            if case .basic? = pendingAuth, header.name.lowercased() == "authorization" { continue }
            words += ["-H", ShellWord.quote("\(header.name): \(header.value)")]
        }
        switch pendingAuth {
        case .basic(let user, let password)?:
            words += ["-u", ShellWord.quote("\(user):\(password)")]
        case .awsSigV4(let service, let region, let accessKeyId, let secretAccessKey)?:
            words += ["--aws-sigv4", ShellWord.quote("aws:amz:\(region):\(service)"), "-u", ShellWord.quote("\(accessKeyId):\(secretAccessKey)")]
        default:
            break
        }
        words += ["--data-binary", ShellWord.quote(body)]
        let command = words.joined(separator: " ")
        if case .azureHMAC? = pendingAuth, let note = pendingAuth?.note { return "# \(note)\n" + command }
        return command
    }
}

/// Authentication left to the sender because the credentials were not given.
enum PendingAuth: Sendable, Hashable {
    /// HTTP Basic with these (placeholder) user and password.
    case basic(user: String, password: String)
    /// An AWS Signature Version 4 for this service and region.
    case awsSigV4(service: String, region: String, accessKeyId: String, secretAccessKey: String)
    /// An Azure HMAC-SHA256 signature.
    case azureHMAC

    /// A comment for the text formats, when one helps.
    var note: String? {
        switch self {
        case .basic: nil
        case .awsSigV4(let service, let region, _, _): "unsigned: needs AWS Signature Version 4 (service \(service), region \(region))"
        case .azureHMAC: "unsigned: needs an Azure HMAC-SHA256 signature (x-ms-date, x-ms-content-sha256, Authorization)"
        }
    }
}

/// Quoting for POSIX shells that leaves `${NAME}` placeholders to the shell.
enum ShellWord {
    /// `text` as one shell word: literal parts in single quotes, placeholders in double quotes.
    static func quote(_ text: String) -> String {
        var word = ""
        var literal = ""
        func flush() {
            guard !literal.isEmpty else { return }
            word += "'" + literal.replacingOccurrences(of: "'", with: "'\\''") + "'"
            literal = ""
        }
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}"),
               TextTemplate.isName(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close])) {
                flush()
                word += "\"" + rest[...close] + "\""
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(rest.removeFirst())
            }
        }
        flush()
        return word.isEmpty ? "''" : word
    }
}
