import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A dry run over a recipient list: renders a template for every row of a CSV file with the row's
/// own values, runs the pre-send pipeline (normalize, rewrite links, encode with the country's
/// shift tables, the per-recipient policy) and prices the parts, without sending anything.
///
/// The file is streamed: memory stays flat whatever its size. Rows are processed on
/// ``EstimateOptions/threads`` threads; identical rendered bodies are encoded once and numbers
/// seen again are not parsed again (both caches are bounded).
///
/// ```swift
/// let preflight = try Preflight(rules: RuleSet.shipped())
/// let estimator = try Estimator(preflight: preflight, template: Template(contentsOf: "promo.sms"),
///                               pricing: Pricing.shipped())
/// let report = try estimator.run(.file("recipients.csv"))
/// print(report.sendable, EstimateFormat.money(report.totalCost, scale: report.scale))
/// ```
public struct Estimator: Sendable {
    /// The compiled policy and account settings.
    public let preflight: Preflight
    /// The message template.
    public let template: Template
    /// The price list.
    public let pricing: Pricing
    /// The settings of the run.
    public let options: EstimateOptions
    /// Where short-link codes go when links are rewritten; nil for a dry run that keeps nothing.
    public let linkStore: (any LinkStore)?
    let settings: RunSettings

    /// Prepares a dry run and checks its settings.
    /// - Parameters:
    ///   - preflight: the compiled rules.
    ///   - template: the message, rendered once per row.
    ///   - pricing: prices per part.
    ///   - options: sender, category, click tracking, send time, threads.
    ///   - linkStore: where to keep the codes of rewritten links (for example the SQLite store of a
    ///     later send); nil keeps nothing (codes are the same, so the lengths are exact).
    /// - Throws: ``EstimateError/configuration(_:)`` when click tracking cannot work as set.
    public init(
        preflight: Preflight, template: Template, pricing: Pricing, options: EstimateOptions = EstimateOptions(),
        linkStore: (any LinkStore)? = nil
    ) throws(EstimateError) {
        self.preflight = preflight
        self.template = template
        self.pricing = pricing
        self.options = options
        self.linkStore = linkStore
        settings = try RunSettings(preflight: preflight, template: template, options: options)
    }

    /// Reads the recipients and returns the estimate.
    /// - Parameters:
    ///   - source: a CSV file or CSV bytes, with a header row.
    ///   - progress: called now and then from the calling thread while the file is read.
    ///   - each: called once per row, in file order, from the calling thread (for per-recipient output).
    /// - Throws: ``EstimateError`` when the file cannot be read or its header does not fit the
    ///   template. Malformed rows do not throw: they are counted and listed in the report.
    public func run(
        _ source: RecipientSource, progress: ((EstimateProgress) -> Void)? = nil, each: ((RecipientEstimate) -> Void)? = nil
    ) throws(EstimateError) -> EstimateReport {
        let run = EstimateRun(estimator: self, sourceName: source.name, wantsRows: each != nil)
        try run.read(source, progress: progress, each: each)
        return run.report()
    }
}

/// What every row of a run shares, computed once.
struct RunSettings: Sendable {
    let category: MessageCategory
    let account: AccountSettings
    let rewriter: LinkRewriter?
    let providerTracking: Bool
    let renderOptions: RenderOptions
    /// The distinct variable names the template uses, in order of first use.
    let variableNames: [String]
    /// Country by calling code, for the codes only one country of the rules has (44 → GB, not 1).
    let countryByCallingCode: [Int: String]

    init(preflight: Preflight, template: Template, options: EstimateOptions) throws(EstimateError) {
        category = options.category ?? template.frontMatter.category ?? .transactional
        account = preflight.effectiveAccount(options.account)
        renderOptions = RenderOptions(defaultRegion: options.defaultRegion)
        variableNames = template.variableNames
        let byCode = Dictionary(grouping: preflight.policy.rules.countries, by: { $0.value.callingCode })
        countryByCallingCode = byCode.compactMapValues { $0.count == 1 ? $0[0].key : nil }
        var rewriter: LinkRewriter?
        var providerTracking = false
        switch options.clickTracking {
        case .off:
            break
        case .branded:
            do throws(Preflight.RequestProblem) {
                rewriter = try preflight.makeRewriter(domain: account.linkDomain)
            } catch {
                throw .configuration(error.diagnostic)
            }
            if rewriter == nil {
                throw .configuration(Diagnostic(
                    code: "link.tracking_domain_invalid", severity: .error,
                    message: "the short-link domain '\(account.linkDomain ?? "")' cannot be used for click tracking",
                    fix: "use a domain of your own on a real top-level domain, not a public shortener", field: "account.linkDomain"))
            }
        case .provider:
            let provider = options.provider?.lowercased() ?? ""
            guard preflight.linkShorteningProviders.contains(provider) else {
                throw .configuration(Diagnostic(
                    code: "provider.unsupported_feature", severity: .error,
                    message: options.provider == nil
                        ? "click tracking by the provider needs a provider that shortens links"
                        : "\(provider) does not shorten links itself",
                    fix: "use branded click tracking with a link domain, or one of: \(preflight.linkShorteningProviders.sorted().joined(separator: ", "))",
                    field: "clickTracking"))
            }
            providerTracking = true
        }
        self.rewriter = rewriter
        self.providerTracking = providerTracking
    }
}

/// Which columns feed the template, found from the header row.
struct ColumnPlan: Sendable {
    /// Number of columns in the header.
    let count: Int
    let phone: Int
    /// Column index and dotted path of each variable that has a column.
    let variables: [(index: Int, name: String, path: [String])]

    init(header: [String], template: Template, options: EstimateOptions, source: String) throws(EstimateError) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) throws(EstimateError) -> Int? {
            let exact = names.indices.filter { names[$0] == name }
            if exact.count > 1 { throw .duplicateColumn(path: source, column: name) }
            if let index = exact.first { return index }
            let folded = names.indices.filter { names[$0].lowercased() == name.lowercased() }
            if folded.count > 1 { throw .duplicateColumn(path: source, column: name) }
            return folded.first
        }
        guard let phone = try column(options.phoneColumn) else {
            throw .missingPhoneColumn(path: source, column: options.phoneColumn, columns: names)
        }
        var variables: [(Int, String, [String])] = []
        var missing: [String] = []
        for name in template.variableNames {
            if let index = try column(name) {
                variables.append((index, name, name.split(separator: ".").map(String.init)))
                continue
            }
            let uses = template.variables.filter { $0.name == name }
            let optional = template.frontMatter.declaration(name)?.required == false
            let defaulted = uses.allSatisfy { use in use.filters.contains { if case .defaultValue = $0 { true } else { false } } }
            if !optional && !defaulted { missing.append(name) }
        }
        guard missing.isEmpty else { throw .missingVariableColumns(path: source, variables: missing, columns: names) }
        count = names.count
        self.phone = phone
        self.variables = variables
    }
}

/// The units of work between the reading thread and the workers, and their results. The number of
/// batches in flight is bounded, so memory stays flat however large the file.
final class BatchPipeline: @unchecked Sendable {
    struct Result: Sendable {
        var tally: EstimateTally
        var rows: [RecipientEstimate]
    }

    private let condition = NSCondition()
    private var queue: [(sequence: Int, batch: CSVBatch)] = []
    private var queueHead = 0
    private var done: [Int: Result] = [:]
    private var finished = false
    private var inFlight = 0
    private var nextToDeliver = 0
    private var submitted = 0
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(2, capacity)
    }

    /// Queues a batch, handing finished results to `deliver` (in order) while it waits for room.
    func submit(_ batch: CSVBatch, deliver: (Result) -> Void) {
        deliverUntil({ inFlight < capacity }, deliver: deliver)
        condition.lock()
        queue.append((submitted, batch))
        submitted += 1
        inFlight += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every queued batch and hands the results to `deliver` in order.
    func drain(deliver: (Result) -> Void) {
        close()
        deliverUntil({ nextToDeliver == submitted }, deliver: deliver)
    }

    /// Hands the finished results that are next in order to `deliver` (outside the lock), waiting
    /// for the workers until `ready` holds.
    private func deliverUntil(_ ready: () -> Bool, deliver: (Result) -> Void) {
        while true {
            condition.lock()
            if let result = done.removeValue(forKey: nextToDeliver) {
                nextToDeliver += 1
                inFlight -= 1
                condition.unlock()
                deliver(result)
                continue
            }
            if ready() {
                condition.unlock()
                return
            }
            condition.wait()
            condition.unlock()
        }
    }

    /// The next batch for a worker; nil when the stream has ended.
    func take() -> (sequence: Int, batch: CSVBatch)? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count {
            if finished { return nil }
            condition.wait()
        }
        let job = queue[queueHead]
        queue[queueHead].batch = CSVBatch()
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return job
    }

    /// Records a worker's result.
    func complete(_ sequence: Int, _ result: Result) {
        condition.lock()
        done[sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the stream without more batches (after an error): workers stop.
    func close() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}

/// One run: reads the stream on the calling thread, hands batches to worker threads and merges
/// their results in file order.
final class EstimateRun {
    let estimator: Estimator
    let sourceName: String
    let wantsRows: Bool
    private var tally = EstimateTally()
    private var blankLines = 0
    private var delivered = 0
    private var rowCosts: [String: [Int: Decimal?]] = [:]

    init(estimator: Estimator, sourceName: String, wantsRows: Bool) {
        self.estimator = estimator
        self.sourceName = sourceName
        self.wantsRows = wantsRows
    }

    func read(_ source: RecipientSource, progress: ((EstimateProgress) -> Void)?, each: ((RecipientEstimate) -> Void)?) throws(EstimateError) {
        let options = estimator.options
        let pipeline = BatchPipeline(capacity: options.threads * 4)
        let workers = DispatchGroup()
        var plan: ColumnPlan?
        var failure: EstimateError?
        var sawHeader = false
        let deliver: (BatchPipeline.Result) -> Void = { result in
            self.tally.merge(result.tally, listLimit: options.listedMalformedRows)
            self.delivered += result.tally.recipients
            if let each {
                for var row in result.rows {
                    row.cost = self.cost(of: row)
                    each(row)
                }
            }
        }
        var reader = CSVReader(batchSize: options.batchSize) { batch in
            var batch = batch
            if !sawHeader {
                sawHeader = true
                let header = batch.records.removeFirst()
                do throws(EstimateError) {
                    if let problem = header.problem { throw .badHeader(path: self.sourceName, problem: problem) }
                    guard let names = batch.strings(of: header) else {
                        throw .badHeader(path: self.sourceName, problem: "it is not valid UTF-8")
                    }
                    let columns = try ColumnPlan(header: names, template: self.estimator.template, options: options, source: self.sourceName)
                    plan = columns
                    self.startWorkers(options.threads, plan: columns, pipeline: pipeline, group: workers)
                } catch {
                    failure = error
                    return
                }
            }
            guard failure == nil, !batch.records.isEmpty else { return }
            pipeline.submit(batch, deliver: deliver)
        }
        var bytesRead = 0
        var lastReport = DispatchTime.now().uptimeNanoseconds
        let totalBytes: Int?
        defer {
            pipeline.close()
            workers.wait()
        }
        func report() {
            progress?(EstimateProgress(bytesRead: bytesRead, totalBytes: totalBytes, rows: delivered))
        }
        switch source {
        case .bytes(let bytes):
            totalBytes = bytes.count
            var offset = 0
            while offset < bytes.count, failure == nil {
                let end = min(bytes.count, offset + (1 << 20))
                bytes[offset..<end].withUnsafeBufferPointer { reader.consume($0) }
                bytesRead = end
                offset = end
            }
        case .file(let path):
            let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
            if fd < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            defer { if fd != 0 { close(fd) } }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
            totalBytes = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
            let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
            defer { chunk.deallocate() }
            while failure == nil {
                let n = Glibc.read(fd, chunk.baseAddress, chunk.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(path: path, reason: String(cString: strerror(errno)))
                }
                if n == 0 { break }
                reader.consume(UnsafeBufferPointer(rebasing: chunk[0..<n]))
                bytesRead += n
                let now = DispatchTime.now().uptimeNanoseconds
                if progress != nil, now - lastReport > 100_000_000 {
                    lastReport = now
                    report()
                }
            }
        }
        if failure == nil { reader.finish() }
        if let failure { throw failure }
        guard sawHeader, plan != nil else { throw .empty(path: sourceName) }
        pipeline.drain(deliver: deliver)
        blankLines = reader.blankLines
        report()
    }

    private func startWorkers(_ count: Int, plan: ColumnPlan, pipeline: BatchPipeline, group: DispatchGroup) {
        let estimator = self.estimator
        let wantsRows = self.wantsRows
        for _ in 0..<max(1, count) {
            group.enter()
            let thread = Thread {
                let worker = EstimateWorker(estimator: estimator, plan: plan, wantsRows: wantsRows)
                while let job = pipeline.take() {
                    pipeline.complete(job.sequence, worker.process(job.batch))
                }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// parts × price for a row's country, nil when not sendable or unpriced.
    private func cost(of row: RecipientEstimate) -> Decimal? {
        guard row.status == .sendable else { return nil }
        let country = row.country ?? "ZZ"
        if let known = rowCosts[country]?[row.parts] { return known }
        let quote = estimator.pricing.quote(country: row.country, provider: estimator.options.provider)
        let cost = quote.map { $0.amount * Decimal(row.parts) }
        rowCosts[country, default: [:]][row.parts] = cost
        return cost
    }

    func report() -> EstimateReport {
        tally.report(
            pricing: estimator.pricing, provider: estimator.options.provider, variableOrder: estimator.settings.variableNames,
            blankLines: blankLines)
    }
}
