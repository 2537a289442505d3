import Foundation
import Hummingbird
import Preflight

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Handlers {
    /// The query parameters of `POST /v1/estimate` (the options of `preflight estimate`).
    static let estimateParameters: Set<String> = [
        "template", "templateSource", "provider", "phoneColumn", "defaultRegion", "senderMask", "from", "category",
        "campaignRef", "clickTracking", "linkDomain", "scheduledAt",
    ]

    /// `POST /v1/estimate`: a recipient CSV (header row, a phone column, one column per template
    /// variable) streamed through ``Estimator`` as it arrives, without a size limit and with flat
    /// memory; the answer is the object of `preflight estimate --format json`. The template and
    /// the options are query parameters.
    func estimate(_ request: Request) async throws -> Response {
        let engine = store.engine
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let estimator = try Self.estimator(query: query, engine: engine)
        // The body goes through a pipe that the estimator reads as a file, on a thread of its own.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw APIError.internal(POSIXError(.EMFILE)) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        signal(SIGPIPE, SIG_IGN)  // a run that stops early closes the pipe under the writer
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let path = "/dev/fd/\(readEnd)"
        async let outcome: Result<EstimateReport, EstimateError> = Self.onThread {
            defer { close(readEnd) }
            do throws(EstimateError) { return .success(try estimator.run(RecipientSource.file(path))) } catch { return .failure(error) }
        }
        var bodyFailed = false
        do {
            try await Self.copy(request.body, to: writeEnd)
        } catch {
            bodyFailed = true
        }
        close(writeEnd)
        let result = await outcome
        if bodyFailed { throw APIError(status: 400, code: "body_unreadable", message: "the CSV body was cut off", fix: "send the whole file again") }
        switch result {
        case .success(let report): return .json(report.json)
        case .failure(let error):
            throw APIError(
                status: 422, code: "invalid_csv", message: error.description.replacingOccurrences(of: path, with: "the CSV body"),
                fix: error.fix.replacingOccurrences(of: "--phone-column", with: "the phoneColumn parameter"))
        }
    }

    /// The estimator for the query's template and options.
    static func estimator(query: [(String, String)], engine: Engine) throws(APIError) -> Estimator {
        var values: [String: String] = [:]
        for (key, value) in query {
            guard estimateParameters.contains(key) else {
                throw APIError.invalidRequest(
                    "unknown query parameter `\(Route.shown(key))`", fix: "use: \(estimateParameters.sorted().joined(separator: ", "))")
            }
            values[key] = value
        }
        let template: Template
        switch (values["template"], values["templateSource"]) {
        case (let name?, nil): template = try engine.template(named: name)
        case (nil, let source?):
            do { template = try Template(source: source, file: "templateSource") } catch {
                throw APIError(
                    status: 422, code: "invalid_template", message: "`templateSource` does not compile",
                    fix: "fix the template (POST /v1/render shows the problems with their positions)", diagnostics: error.diagnostics)
            }
        default:
            throw APIError.invalidRequest(
                "give exactly one of the `template` and `templateSource` parameters",
                fix: "name a template of the server (GET /v1/rules lists them) or send one, percent-encoded, in templateSource")
        }
        var options = EstimateOptions()
        options.phoneColumn = values["phoneColumn"] ?? options.phoneColumn
        do { options.defaultRegion = try PhoneNumberParser.normalizedRegion(values["defaultRegion"]) } catch {
            throw APIError.invalidRequest("`defaultRegion`: \(error.description)", fix: "use an ISO 3166 code such as US, GB or TH")
        }
        options.senderMask = values["senderMask"]
        options.from = values["from"]
        options.campaignRef = values["campaignRef"]
        options.provider = values["provider"]?.lowercased()
        if let name = values["category"] {
            guard let category = MessageCategory(rawValue: name) else {
                throw APIError.invalidRequest(
                    "`category`: unknown category `\(Route.shown(name))`", fix: "use one of: \(MessageCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.category = category
        }
        if let name = values["clickTracking"] {
            guard let mode = ClickTracking(rawValue: name) else {
                throw APIError.invalidRequest("`clickTracking`: must be off, branded or provider", fix: "use clickTracking=branded with linkDomain")
            }
            options.clickTracking = mode
        }
        if let domain = values["linkDomain"] {
            var account = AccountOverrides()
            account.linkDomain = domain
            options.account = account
        }
        if let time = values["scheduledAt"] {
            guard let date = Preflight.instant(time) else {
                throw APIError.invalidRequest(
                    "`scheduledAt`: `\(Route.shown(time))` is not a date and time that exists, with an offset (RFC 3339)",
                    fix: "write it as 2026-11-23T14:30:00%2B01:00 or 2026-11-23T13:30:00Z")
            }
            options.sendAt = date
        }
        do {
            // Codes of rewritten links are not kept: an estimate is a dry run.
            return try Estimator(preflight: engine.preflight, template: template, pricing: engine.pricing, options: options, linkStore: nil)
        } catch {
            throw APIError(status: 422, code: "invalid_request", message: error.description, fix: error.fix)
        }
    }

    /// Writes the body into a non-blocking pipe, waiting (without holding a thread) while it is full.
    static func copy(_ body: RequestBody, to fd: Int32) async throws {
        for try await chunk in body {
            var offset = 0
            let bytes = chunk.readableBytesView
            while offset < bytes.count {
                let written = bytes.withContiguousStorageIfAvailable { buffer in
                    write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                } ?? -1
                if written > 0 {
                    offset += written
                } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    try await Task.sleep(for: .microseconds(500))
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // the run has stopped reading (an error it reports itself)
                }
            }
        }
    }

    /// Runs blocking work on a new thread and returns its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
