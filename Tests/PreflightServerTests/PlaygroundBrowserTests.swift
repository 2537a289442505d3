import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import PreflightServer

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// JSON messages ending in NUL on file descriptors 3 and 4).
final class Browser: @unchecked Sendable {
    /// The Chromium binary: `$CHROMIUM`, else Debian's `chromium`, else nil (the test is skipped).
    static let path: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let pid: pid_t
    private let commands: Int32
    private let responses: Int32
    private let profile: URL
    private var nextID = 0
    private var pending: [UInt8] = []
    private var session: String?

    init(path: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-chromium-\(UUID().uuidString)")
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure(description: "pipe failed") }
        // Only the duplicates on 3 and 4 reach the browser.
        for fd in toBrowser + fromBrowser { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            path, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)", "about:blank",
        ]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, nil, &argv, environ)
        close(toBrowser[0])
        close(fromBrowser[1])
        guard spawned == 0 else { throw Failure(description: "cannot start \(path): error \(spawned)") }
        pid = child
        commands = toBrowser[1]
        responses = fromBrowser[0]
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(commands)
        close(responses)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends a command and waits for its result (events in between are skipped); the blocking
    /// pipe work runs off the cooperative pool.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], inPage: Bool = true) async throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if inPage, let session { message["sessionId"] = session }
        let bytes = Array(try JSONSerialization.data(withJSONObject: message)) + [0]
        let reply = try await offPool { try self.exchange(bytes, id: id) }
        let object = try JSONSerialization.jsonObject(with: reply) as? [String: Any] ?? [:]
        if let error = object["error"] { throw Failure(description: "\(method): \(error)") }
        return object["result"] as? [String: Any] ?? [:]
    }

    /// Writes a command and reads messages until the one with its id.
    private func exchange(_ bytes: [UInt8], id: Int) throws -> Data {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
            offset += n
        }
        while true {
            let data = try readMessage()
            if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], object["id"] as? Int == id { return data }
        }
    }

    private func readMessage() throws -> Data {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let data = Data(pending[..<end])
                pending.removeSubrange(...end)
                return data
            }
            var poller = pollfd(fd: responses, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 30_000) > 0 else { throw Failure(description: "no answer from the browser in 30 s") }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(responses, &buffer, buffer.count)
            guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
            pending += buffer[0..<n]
        }
    }

    /// Opens a page in a new tab and attaches to it.
    func open(_ url: String) async throws {
        let target = try await send("Target.createTarget", ["url": url], inPage: false)
        let attached = try await send("Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true], inPage: false)
        session = attached["sessionId"] as? String
    }

    /// Evaluates JavaScript in the page and returns its value.
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Types text into the focused element, one key event per character.
    func type(_ text: String) async throws {
        for character in text {
            try await send("Input.dispatchKeyEvent", ["type": "char", "text": String(character)])
        }
    }

    /// Waits until `condition` (JavaScript) is true, up to 20 seconds.
    func waitFor(_ condition: String) async throws {
        for _ in 0..<200 {
            if try await evaluate("Boolean(\(condition))") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "still false after 20 s: \(condition)")
    }
}

/// The playground in a real browser: type, pick a country and sender, read what the page shows.
@Suite("Playground in headless Chromium", .serialized)
struct PlaygroundBrowserTests {
    static let results = """
        JSON.stringify({
          verdict: document.getElementById('verdict').textContent,
          encoding: document.getElementById('encoding').textContent,
          parts: [...document.querySelectorAll('#parts .part')].map(p => Number(p.dataset.units)),
          ucs2: [...document.querySelectorAll('#ucs2 li[data-char]')].map(li => li.dataset.char),
          codes: [...document.querySelectorAll('#diagnostics li[data-code]')].map(li => li.dataset.code)
        })
        """

    struct Shown: Decodable {
        var verdict: String
        var encoding: String
        var parts: [Int]
        var ucs2: [String]
        var codes: [String]
    }

    func shown(_ browser: Browser) async throws -> Shown {
        try JSONDecoder().decode(Shown.self, from: Data((try await browser.evaluate(Self.results) as? String ?? "").utf8))
    }

    @Test(.enabled(if: Browser.path != nil, "no chromium binary (apt-get install chromium, or set CHROMIUM): the browser test is skipped"))
    func typingShowsEncodingPartsCharactersAndFindings() async throws {
        try await TestServer().run { session in
            let browser = try Browser(path: Browser.path!)
            try await browser.open("http://127.0.0.1:\(session.port)/")
            try await browser.waitFor("document.querySelectorAll('#country option').length > 50")
            // The page opens with an example: ’ — … are not in the GSM 7-bit alphabet (TS 23.038).
            try await browser.waitFor("document.querySelectorAll('#ucs2 li[data-char]').length === 3")
            #expect(try await shown(browser).ucs2 == ["’", "—", "…"])
            #expect(try await shown(browser).encoding.hasPrefix("UCS-2"))
            // Clear it and type.
            _ = try await browser.evaluate("(() => { const m = document.getElementById('message'); m.value = ''; m.focus(); })()")
            try await browser.type("Your code is 482913")
            // 19 GSM-7 septets in one part; nothing forces UCS-2.
            try await browser.waitFor("document.querySelector('#parts .part') && document.querySelector('#parts .part').dataset.units === '19'")
            var page = try await shown(browser)
            #expect(page.verdict == "PASS")
            #expect(page.encoding.hasPrefix("GSM-7"))
            #expect(page.parts == [19])
            #expect(page.ucs2.isEmpty)
            // A check mark is not in the GSM 7-bit alphabet: UCS-2, 21 UTF-16 units.
            try await browser.type(" ✓")
            try await browser.waitFor("document.getElementById('encoding').textContent.startsWith('UCS-2')")
            page = try await shown(browser)
            #expect(page.ucs2 == ["✓"])
            #expect(page.parts == [21])
            #expect(page.codes.contains("encoding.ucs2"))
            // The United States with an alphanumeric sender: blocked (compliance.md).
            _ = try await browser.evaluate("""
                (() => { const c = document.getElementById('country'); c.value = 'US'; c.dispatchEvent(new Event('change'));
                         document.getElementById('to').value = '+14155552671'; document.getElementById('to').dispatchEvent(new Event('input')); })()
                """)
            try await browser.waitFor("document.getElementById('verdict').textContent === 'BLOCK'")
            #expect(try await shown(browser).codes.contains("sender.alphanumeric_not_allowed"))
            // Back to GSM-7 and past one part: 161 septets are 153 + 8 (TS 23.040 concatenation).
            _ = try await browser.evaluate("(() => { const m = document.getElementById('message'); m.value = ''; m.focus(); })()")
            try await browser.type(String(repeating: "a", count: 161))
            try await browser.waitFor("document.querySelectorAll('#parts .part').length === 2")
            #expect(try await shown(browser).parts == [153, 8])
        }
    }
}
