import Foundation
import Logging
import Preflight
import ServiceLifecycle
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import PreflightServer

/// A plain TCP connection to the server, for requests sent in pieces.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything until the server closes the connection or the headers' Content-Length is read.
    func receive() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
            let text = String(decoding: data, as: UTF8.self)
            if let split = text.range(of: "\r\n\r\n"),
               let length = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
               text.utf8.count - text[..<split.upperBound].utf8.count >= length {
                break
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Metrics, logs, timeouts and graceful shutdown.
@Suite("Service")
struct ServiceTests {
    @Test func metricsCountRequestsLatenciesVerdictsAndCodes() async throws {
        try await TestServer().run { session in
            let pass = #"{"to": "+447400123456", "body": "Your code is 482913", "scheduledAt": "\#(noon)"}"#
            let block = #"{"to": "+14155552671", "senderMask": "ACME", "body": "Your code is 482913", "scheduledAt": "\#(noon)"}"#
            for _ in 0..<3 { try await session.call(.post, "/v1/check", json: pass) }
            try await session.call(.post, "/v1/check", json: block)
            try await session.call(.post, "/v1/check", json: "{")
            try await session.call(.get, "/no/such/route")
            let reply = try await session.call(.get, "/metrics")
            #expect(reply.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let lines = reply.text.split(separator: "\n").map(String.init)
            // Exposition format: comments, or `name{labels} value`.
            let sample = /^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+-]+$/
            for line in lines where !line.hasPrefix("#") { #expect(line.wholeMatch(of: sample) != nil, "\(line)") }
            func value(_ series: String) -> Double? {
                lines.first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
            }
            #expect(value(#"preflight_http_requests_total{route="/v1/check",method="POST",status="200"}"#) == 4)
            #expect(value(#"preflight_http_requests_total{route="/v1/check",method="POST",status="400"}"#) == 1)
            #expect(value(#"preflight_http_requests_total{route="unmatched",method="GET",status="404"}"#) == 1)
            #expect(value(#"preflight_check_verdicts_total{verdict="pass"}"#) == 3)
            #expect(value(#"preflight_check_verdicts_total{verdict="block"}"#) == 1)
            #expect(value(#"preflight_check_findings_total{code="sender.alphanumeric_not_allowed",severity="error"}"#) == 1)
            // The histogram: cumulative buckets, +Inf equal to the count.
            let buckets = lines.filter { $0.hasPrefix(#"preflight_http_request_duration_seconds_bucket{route="/v1/check""#) }
                .compactMap { Double($0.split(separator: " ").last!) }
            #expect(buckets.count == Metrics.buckets.count + 1)
            #expect(buckets == buckets.sorted())
            #expect(buckets.last == value(#"preflight_http_request_duration_seconds_count{route="/v1/check"}"#))
            #expect(buckets.last == 5)
        }
    }

    /// Logs carry route, status, verdict and codes, never bodies, numbers, texts or tokens,
    /// whatever the level.
    @Test func logsNeverCarryBodiesOrCredentials() async throws {
        let capture = LogCapture()
        let token = "tok-9a8b7c6d5e4f3a2b1c0d"
        let secrets = ["Kx7-SECRET-BODY", "+447400123456", "7400 123456", token, "SECRET-QUERY"]
        try await TestServer { $0.tokens = try! BearerTokens([token]) }.run(logger: capture.logger) { session in
            try await session.call(.post, "/v1/check", json: #"{"to": "+447400123456", "body": "Kx7-SECRET-BODY", "scheduledAt": "\#(noon)"}"#, token: token)
            try await session.call(.post, "/v1/check", json: #"{"to": "07400 123456", "body": "Kx7-SECRET-BODY""#, token: token)
            try await session.call(.post, "/v1/inspect", json: #"{"text": "Kx7-SECRET-BODY"}"#, token: token)
            try await session.call(.post, "/v1/render", json: #"{"templateSource": "Kx7-SECRET-BODY <<x>>"}"#, token: token)
            try await session.call(.post, "/v1/check", json: #"{"to": "x"}"#, token: token + "x")
            try await session.call(.get, "/nothing?key=SECRET-QUERY")
        }
        let logs = capture.text
        for secret in secrets { #expect(!logs.contains(secret), "\(secret) in the logs") }
        #expect(logs.contains("http.route=/v1/check"))
        #expect(logs.contains("verdict=pass"))
        #expect(logs.contains("error.code=invalid_token"))
        #expect(logs.contains("http.path=/nothing"))
    }

    @Test func jsonLogLines() throws {
        let lines = try Self.logLines { output in
            var logger = Logger(label: "preflight") { PreflightLogHandler(label: $0, format: .json, output: output) }
            logger.logLevel = .info
            logger.info("request", metadata: ["http.status": "200", "codes": .array(["a", "b"])])
            logger.debug("not written")
        }
        #expect(lines.count == 1)
        let line = try JSONValue.parse(try #require(lines.first))
        #expect(line["level"]?.string == "info")
        #expect(line["message"]?.string == "request")
        #expect(line["metadata"] == .object(["http.status": .string("200"), "codes": .array([.string("a"), .string("b")])]))
        #expect(line["time"]?.string?.hasSuffix("Z") == true)
    }

    /// The text format: swift-log's stream format, metadata sorted by key, an attached error by its
    /// type only.
    @Test func textLogLines() throws {
        struct Leak: Error, CustomStringConvertible { var description: String { "SECRET-BODY" } }
        let lines = try Self.logLines { output in
            var logger = Logger(label: "preflight") { PreflightLogHandler(label: $0, format: .text, output: output) }
            logger.logLevel = .info
            logger[metadataKey: "hb.request.id"] = "42"
            logger.info("request", metadata: ["http.status": "200", "codes": .array(["a", "b"])])
            logger.debug("not written")
            logger.error("failed", error: Leak())
        }
        #expect(lines.count == 2)
        let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info preflight: codes=\["a", "b"\] hb.request.id=42 http.status=200 \[PreflightServerTests\] request$/#
        #expect(lines[0].wholeMatch(of: pattern) != nil, "\(lines[0])")
        #expect(lines[1].contains(" error preflight: error.type=PreflightServerTests."), "\(lines[1])")
        #expect(lines[1].hasSuffix("Leak hb.request.id=42 [PreflightServerTests] failed"), "\(lines[1])")
        #expect(!lines[1].contains("SECRET-BODY"))
    }

    /// The lines a logger writes through a pipe (each must end with a line break).
    static func logLines(_ body: (LineOutput) -> Void) throws -> [String] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        body(LineOutput(fd: fds[1]))
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fds[0], &buffer, buffer.count)
        let text = String(decoding: buffer[0..<max(n, 0)], as: UTF8.self)
        #expect(text.isEmpty || text.hasSuffix("\n"), "a line without its end")
        return text.split(separator: "\n").map(String.init)
    }

    /// A body that stops arriving gets a 408 after the request timeout.
    @Test func slowBodyTimesOut() async throws {
        try await TestServer { $0.limits.requestTimeout = .seconds(1) }.run { session in
            let connection = try RawConnection(port: session.port)
            connection.send("POST /v1/inspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"text\":")
            try await Task.sleep(for: .milliseconds(1300))
            connection.send("\"abcdefghij\"")
            let answer = try await offPool { connection.receive() }
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
            #expect(answer.contains("request_timeout"))
        }
    }

    /// A body that stops arriving altogether: the connection is closed after the idle timeout.
    @Test func stalledBodyIsCutAfterTheIdleTimeout() async throws {
        try await TestServer { $0.limits.idleTimeout = .seconds(1) }.run { session in
            let connection = try RawConnection(port: session.port)
            connection.send("POST /v1/inspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{")
            let answer = try await offPool { connection.receive() }
            // Closed without an answer (recv returned 0), well before the 20 s socket timeout.
            #expect(answer.isEmpty)
        }
    }

    /// Graceful shutdown (what SIGTERM triggers): the request under way is answered, then the
    /// service group ends.
    @Test func gracefulShutdownAnswersTheRequestUnderWay() async throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = try PreflightServer(configuration: configuration, logger: TestServer.quiet)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = server.serviceGroup(shutdownSignals: []) { continuation.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let connection = try RawConnection(port: port)
            let body = #"{"text": "Hello"}"#
            connection.send("POST /v1/inspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            try await Task.sleep(for: .milliseconds(200))
            await group.triggerGracefulShutdown()
            try await Task.sleep(for: .milliseconds(200))
            connection.send(body)
            let answer = try await offPool { connection.receive() }
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
            #expect(answer.contains(#""encoding":"GSM-7""#))
            // The service group ends once the answer is out.
            try await tasks.waitForAll()
        }
    }
}
