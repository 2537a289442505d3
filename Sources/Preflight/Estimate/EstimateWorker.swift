import Foundation

/// A cache that starts over when full, and stops looking up for a while when it hardly ever hits
/// (every body of a personalized campaign is different: hashing them would only cost time).
struct AdaptiveCache<Key: Hashable, Value> {
    /// Entries kept at most.
    let capacity: Int
    /// Whether it pauses when it hardly ever hits (not for values that cost far more than a lookup).
    let pausesWhenCold: Bool
    private var storage: [Key: Value] = [:]
    private var lookups = 0
    private var hits = 0
    private var paused = 0

    init(capacity: Int, pausesWhenCold: Bool = true) {
        self.capacity = capacity
        self.pausesWhenCold = pausesWhenCold
    }

    /// Whether a lookup is worth making now (false while paused; each call counts one skipped lookup).
    mutating func isActive() -> Bool {
        guard paused == 0 else {
            paused -= 1
            return false
        }
        return true
    }

    /// The cached value, counting hits.
    mutating func value(for key: Key) -> Value? {
        lookups += 1
        guard let hit = storage[key] else { return nil }
        hits += 1
        return hit
    }

    /// Stores a value; after every 4,096 lookups, pauses for 65,536 when fewer than 1 in 20 hit.
    mutating func insert(_ value: Value, for key: Key) {
        if storage.count >= capacity { storage.removeAll(keepingCapacity: true) }
        storage[key] = value
        if lookups >= 4096 {
            if pausesWhenCold, hits * 20 < lookups {
                paused = 65_536
                storage.removeAll()
            }
            lookups = 0
            hits = 0
        }
    }
}

/// A text as a dictionary key compared and hashed by its UTF-8 bytes (a `String` key would hash
/// its NFC form, which costs more than the bytes).
struct TextKey: Hashable {
    let text: String
    let salt: Int

    static func == (a: TextKey, b: TextKey) -> Bool {
        a.salt == b.salt && a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(salt)
        hasher.combine(text.utf8.count)
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}

/// Processes batches of rows on one thread, with its own caches (no locks on the hot path).
final class EstimateWorker {
    private struct RecipientKey: Hashable {
        let phoneFindings: [Finding]
        let blocked: Bool
    }

    private struct BodyKey: Hashable {
        let text: TextKey
        let region: String?
    }

    private struct AttributionKey: Hashable {
        let values: [String]
        let tables: Int
    }

    /// A finding reduced to what the totals need.
    struct Finding: Hashable, Error {
        let code: String
        let severity: Severity
    }

    private struct Attribution {
        var extraParts: [Int]
        var ucs2Because: [Bool]
    }

    /// A row on its way through the batch.
    private struct Row {
        var estimate: RecipientEstimate
        var endLine: Int
        var phone: PhoneCheck?
        var cells: [String] = []
        var text: String?
        var links: [DetectedLink] = []
        var findings: [Finding] = []
    }

    let estimator: Estimator
    let plan: ColumnPlan
    let wantsRows: Bool
    private let policy: Policy
    private let settings: RunSettings
    private let defaultRegion: String?
    private var renders = AdaptiveCache<[String], Result<String, Finding>>(capacity: 50_000)
    private var encodings = AdaptiveCache<TextKey, EncodingReport>(capacity: 20_000)
    /// Numbers already checked (those libphonenumber parses itself): a lookup costs far less than
    /// a parse, so it never pauses.
    private var phones = AdaptiveCache<String, PhoneCheck>(capacity: 100_000, pausesWhenCold: false)
    private var bodies = AdaptiveCache<BodyKey, [Finding]>(capacity: 20_000)
    private var recipientFindings: [RecipientKey: [Finding]] = [:]
    private var destinations: [String?: (sender: [Finding], time: [Finding])] = [:]
    private var attributions = AdaptiveCache<AttributionKey, Attribution>(capacity: 20_000)
    private var campaignLinks = AdaptiveCache<TextKey, Result<String, Finding>>(capacity: 10_000)
    private var tablesByRegion: [String: (id: Int, tables: Set<NationalLanguage>)] = [:]
    private var tableSets: [Set<NationalLanguage>: Int] = [[]: 0]
    private var encoders: [Int: SMSEncoder] = [0: SMSEncoder()]
    private let placeholderLink: String?
    /// Per plan variable, when every tag of it inserts the value as it is (no filter but
    /// `default`, no declaration): the tallies of what its tags render when it is empty, and how
    /// many tags there are. The parts without such a variable follow from counts alone.
    private let verbatim: [(blank: TextTally, tags: Int)?]
    /// Every variable has a one-word name, so a row's values fit one flat dictionary.
    private let flatNames: Bool
    /// That dictionary, kept between rows (its storage is reused, not allocated per row).
    private var reusableValues: [String: TemplateValue] = [:]

    init(estimator: Estimator, plan: ColumnPlan, wantsRows: Bool) {
        self.estimator = estimator
        self.plan = plan
        self.wantsRows = wantsRows
        policy = estimator.preflight.policy
        settings = estimator.settings
        defaultRegion = estimator.options.defaultRegion
        placeholderLink = estimator.settings.rewriter.map { rewriter in
            rewriter.shortURL(code: String(repeating: "x", count: rewriter.configuration.codeLength))
        }
        verbatim = plan.variables.map { variable in Self.verbatimTags(of: variable.path, in: estimator.template) }
        flatNames = plan.variables.allSatisfy { $0.path.count == 1 }
        reusableValues.reserveCapacity(plan.variables.count)
    }

    /// See ``verbatim``: nil when some tag touching the variable's name transforms its value or
    /// the front matter declares it.
    private static func verbatimTags(of path: [String], in template: Template) -> (blank: TextTally, tags: Int)? {
        let name = path.joined(separator: ".")
        // One-word names only: those are the tags the renderer inserts as they are.
        guard path.count == 1, template.frontMatter.declaration(name) == nil else { return nil }
        var blank = TextTally("")
        var tags = 0
        for use in template.variables where use.path.first == path.first {
            guard use.path == path else { return nil }
            switch use.filters.count {
            case 0: break
            case 1:
                guard case .defaultValue(let fallback) = use.filters[0] else { return nil }
                blank = blank + TextTally(fallback)
            default: return nil
            }
            tags += 1
        }
        return tags > 0 && blank.nonAdditive == 0 ? (blank, tags) : nil
    }

    func process(_ batch: CSVBatch) -> BatchPipeline.Result {
        var tally = EstimateTally()
        var rows: [Row] = []
        rows.reserveCapacity(batch.records.count)
        // Pass 1: read, parse the number, render.
        for record in batch.records {
            rows.append(prepare(record, in: batch))
        }
        // Pass 2: rewrite the links of the whole batch with one store transaction.
        if settings.rewriter != nil { rewriteLinks(&rows) }
        // Pass 3: encode, run the policy, count.
        var out: [RecipientEstimate] = []
        if wantsRows { out.reserveCapacity(rows.count) }
        for i in rows.indices {
            finish(&rows[i], tally: &tally)
            if wantsRows { out.append(rows[i].estimate) }
        }
        return BatchPipeline.Result(tally: tally, rows: out)
    }

    private func prepare(_ record: CSVRecord, in batch: CSVBatch) -> Row {
        var row = Row(
            estimate: RecipientEstimate(line: record.line, phone: "", status: .malformed, warnings: [], parts: 0), endLine: record.endLine)
        if let problem = record.problem {
            row.estimate.detail = problem
            return row
        }
        guard let cells = batch.strings(of: record) else {
            row.estimate.detail = "a field is not valid UTF-8"
            return row
        }
        guard cells.count == plan.count else {
            row.estimate.detail = "the row has \(cells.count) field\(cells.count == 1 ? "" : "s"); the header has \(plan.count)"
            return row
        }
        let input = cells[plan.phone]
        row.estimate.phone = input
        row.estimate.status = .sendable
        let phone = checkPhone(input)
        row.phone = phone
        row.estimate.e164 = phone.number?.e164
        row.estimate.country = phone.number?.regionCode
        row.cells = plan.variables.map { cells[$0.index] }
        switch render(row.cells) {
        case .success(let text): row.text = text
        case .failure(let finding): row.findings.append(finding)
        }
        return row
    }

    /// Parses and judges a number once per worker while it stays in the cache (the policy's own
    /// cache is shared between threads behind a lock).
    ///
    /// Numbers written `+` and digits are not cached: libphonenumber's metadata answers them in
    /// about 0.1 µs (PhoneShim's fast path), less than a dictionary lookup and insert of the text.
    private func checkPhone(_ input: String) -> PhoneCheck {
        let region = defaultRegion ?? policy.rules.policy.defaultRegion
        if PhoneNumberParser.hasFastForm(input) { return policy.phones.check(input, defaultRegion: region, field: "to") }
        if let hit = phones.value(for: input) { return hit }
        let check = policy.phones.check(input, defaultRegion: region, field: "to")
        phones.insert(check, for: input)
        return check
    }

    /// Renders with a row's values; an empty cell is a missing value (`default` applies), except
    /// the variable `blank`, which is given as empty text (to measure what its value costs).
    private func render(_ cells: [String], blank: Int? = nil) -> Result<String, Finding> {
        let cached = blank == nil && renders.isActive()
        if cached, let hit = renders.value(for: cells) { return hit }
        var values: [String: TemplateValue]
        if flatNames {
            // One-word names: the same dictionary row after row, its values replaced in place.
            values = reusableValues
            reusableValues = [:]
            for (v, (variable, cell)) in zip(plan.variables, cells).enumerated() {
                if !cell.isEmpty || v == blank { values[variable.name] = .string(cell) } else { values.removeValue(forKey: variable.name) }
            }
        } else {
            values = [:]
            values.reserveCapacity(plan.variables.count)
            for (v, (variable, cell)) in zip(plan.variables, cells).enumerated() where !cell.isEmpty || v == blank {
                Self.insert(.string(cell), at: variable.path[...], into: &values)
            }
        }
        defer { if flatNames { reusableValues = values } }
        let result: Result<String, Finding>
        do throws(TemplateError) {
            result = .success(try estimator.template.render(values, options: settings.renderOptions))
        } catch {
            let first = error.diagnostics.first { $0.severity == .error } ?? error.diagnostics.first
            result = .failure(Finding(code: first?.code ?? "template.render", severity: .error))
        }
        if cached { renders.insert(result, for: cells) }
        return result
    }

    private static func insert(_ value: TemplateValue, at path: ArraySlice<String>, into values: inout [String: TemplateValue]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            values[key] = value
            return
        }
        var inner: [String: TemplateValue] = [:]
        if case .object(let existing)? = values[key] { inner = existing }
        insert(value, at: path.dropFirst(), into: &inner)
        values[key] = .object(inner)
    }

    private func rewriteLinks(_ rows: inout [Row]) {
        guard let rewriter = settings.rewriter else { return }
        let campaign = estimator.options.campaignRef ?? ""
        let perRecipient = rewriter.configuration.scope == .recipient
        var messages: [LinkRewriter.Message] = []
        var owners: [[Int]] = []  // rows per message
        var firstOwner: [String: Int] = [:]  // text -> message, campaign scope
        for i in rows.indices {
            guard let text = rows[i].text else { continue }
            if !perRecipient, campaignLinks.isActive(), let cached = campaignLinks.value(for: TextKey(text: text, salt: 0)) {
                switch cached {
                case .success(let rewritten): rows[i].text = rewritten
                case .failure(let finding):
                    rows[i].text = nil
                    rows[i].findings.append(finding)
                }
                continue
            }
            if !perRecipient, let m = firstOwner[text] {
                owners[m].append(i)
                continue
            }
            let links = policy.linkDetector.links(in: text)
            guard !links.isEmpty else {
                if !perRecipient { campaignLinks.insert(.success(text), for: TextKey(text: text, salt: 0)) }
                continue
            }
            if !perRecipient { firstOwner[text] = messages.count }
            messages.append(LinkRewriter.Message(text: text, links: links, recipient: rows[i].estimate.e164 ?? rows[i].estimate.phone))
            owners.append([i])
        }
        guard !messages.isEmpty else { return }
        let outcome: [Result<String, Finding>]
        do throws(LinkError) {
            let store: any LinkStore = estimator.linkStore ?? InMemoryLinkStore()
            outcome = try rewriter.rewrite(messages, campaign: campaign, store: store, now: estimator.options.sendAt).map { .success($0.text) }
        } catch {
            let d = Preflight.diagnostic(error)
            outcome = Array(repeating: .failure(Finding(code: d.code, severity: d.severity)), count: messages.count)
        }
        for (m, result) in outcome.enumerated() {
            if !perRecipient { campaignLinks.insert(result, for: TextKey(text: messages[m].text, salt: 0)) }
            for i in owners[m] {
                switch result {
                case .success(let rewritten): rows[i].text = rewritten
                case .failure(let finding):
                    rows[i].text = nil
                    rows[i].findings.append(finding)
                }
            }
        }
    }

    private func tables(for region: String?) -> (id: Int, tables: Set<NationalLanguage>) {
        guard let region else { return (0, []) }
        if let known = tablesByRegion[region] { return known }
        let set = Set(policy.rules.country(region)?.allowedShiftTables ?? [])
        let id: Int
        if let known = tableSets[set] {
            id = known
        } else {
            id = tableSets.count
            tableSets[set] = id
            encoders[id] = SMSEncoder(options: EncodingOptions(shiftTables: set))
        }
        tablesByRegion[region] = (id, set)
        return (id, set)
    }

    private func encode(_ text: String, tables: Int, tally: inout EstimateTally) -> EncodingReport {
        let key = TextKey(text: text, salt: tables)
        let cached = encodings.isActive()
        if cached, let hit = encodings.value(for: key) { return hit }
        let report = encoders[tables]!.analyze(text)
        tally.bodiesEncoded += 1
        if cached { encodings.insert(report, for: key) }
        return report
    }

    private func finish(_ row: inout Row, tally: inout EstimateTally) {
        tally.recipients += 1
        guard row.estimate.status != .malformed, let phone = row.phone else {
            tally.malformedRows += 1
            tally.excluded[EstimateReport.malformedCode, default: 0] += 1
            if tally.malformed.count < estimator.options.listedMalformedRows {
                tally.malformed.append(EstimateReport.MalformedRow(
                    line: row.estimate.line, endLine: row.endLine, message: row.estimate.detail ?? "malformed"))
            }
            row.estimate.reason = EstimateReport.malformedCode
            return
        }
        let region = phone.number?.regionCode
        // A number outside the known ranges has no region; its calling code may still name the country.
        let country = region ?? phone.number.flatMap { settings.countryByCallingCode[$0.countryCode] } ?? "ZZ"
        if region == nil, country != "ZZ" { row.estimate.country = country }
        tally.countries[country, default: EstimateReport.CountrySummary()].recipients += 1
        var findings = row.findings
        var encoding: EncodingReport?
        if let text = row.text {
            let (tablesID, _) = tables(for: region)
            let report = encode(text, tables: tablesID, tally: &tally)
            encoding = report
            // The policy reports the number's own findings first, so an invalid number (still an
            // error under the policy's settings) is the reason whatever else it would find.
            let numberError = phone.diagnostics.first { d in
                guard d.severity == .error, let code = CheckCode(rawValue: d.code) else { return false }
                let setting = policy.rules.policy.setting(for: code)
                return setting.enabled && (setting.severity ?? .error) == .error
            }
            findings += numberError.map { [Finding(code: $0.code, severity: .error)] } ?? evaluate(report, phone: phone)
            if settings.providerTracking, !policy.linkDetector.links(in: report.text).isEmpty {
                findings.append(Finding(code: "link.provider_tracking", severity: .warning))
            }
        }
        if let error = findings.first(where: { $0.severity == .error }) {
            row.estimate.status = .excluded
            row.estimate.reason = error.code
            if error.code.hasPrefix("template.") { row.estimate.detail = "the template cannot be rendered with this row's values" }
            tally.excluded[error.code, default: 0] += 1
            return
        }
        guard let encoding else { return }
        var seen = Set<String>()
        for finding in findings where finding.severity == .warning && seen.insert(finding.code).inserted {
            row.estimate.warnings.append(finding.code)
            tally.warnings[finding.code, default: 0] += 1
        }
        let parts = encoding.partCount
        row.estimate.encoding = encoding.encoding
        row.estimate.parts = parts
        tally.sendable += 1
        tally.partsByEncoding[encoding.encoding, default: 0] += parts
        tally.messagesByEncoding[encoding.encoding, default: 0] += 1
        tally.messagesByParts[parts, default: 0] += 1
        tally.countries[country]!.sendable += 1
        tally.countries[country]!.parts += parts
        if parts > 1 || encoding.encoding == .ucs2, !plan.variables.isEmpty {
            attribute(row, encoding: encoding, region: region, country: country, tally: &tally)
        }
    }

    /// The policy's findings for this text and number, in the policy's order (recipient, sender,
    /// body, links, time). The groups are cached by what they depend on: the number's findings and
    /// the lists per number kind, sender and quiet hours per country (the sender, category and send
    /// time are the same for the whole run), body and links per text and country.
    private func evaluate(_ encoding: EncodingReport, phone: PhoneCheck) -> [Finding] {
        let number = phone.number
        let region = number?.regionCode
        let blocked = number.map { n in policy.numberLists.contains { $0.contains(n) } } ?? false
        let recipientKey = RecipientKey(phoneFindings: phone.diagnostics.map { Finding(code: $0.code, severity: $0.severity) }, blocked: blocked)
        var findings: [Finding]
        if let known = recipientFindings[recipientKey] {
            findings = known
        } else {
            findings = policyFindings(encoding, phone: phone, checks: .recipient)
            recipientFindings[recipientKey] = findings
        }
        let destination: (sender: [Finding], time: [Finding])
        if let known = destinations[region] {
            destination = known
        } else {
            destination = (policyFindings(encoding, phone: phone, checks: .sender), policyFindings(encoding, phone: phone, checks: .time))
            destinations[region] = destination
        }
        findings += destination.sender
        let cached = bodies.isActive()
        let key = cached ? BodyKey(text: TextKey(text: encoding.text, salt: 0), region: region) : nil
        if let key, let hit = bodies.value(for: key) {
            findings += hit
        } else {
            let body = policyFindings(encoding, phone: phone, checks: [.body, .links])
            if let key { bodies.insert(body, for: key) }
            findings += body
        }
        return findings + destination.time
    }

    /// One group of checks through the policy, errors and warnings only (the totals count no notes).
    private func policyFindings(_ encoding: EncodingReport, phone: PhoneCheck, checks: CheckGroups) -> [Finding] {
        let options = estimator.options
        let facts = MessageFacts(
            recipient: phone.number?.e164 ?? "", recipientField: "to", defaultRegion: defaultRegion, senderMask: options.senderMask,
            from: options.from, text: encoding.text, encoding: encoding, category: settings.category,
            campaignRef: options.campaignRef, sendAt: options.sendAt, account: settings.account)
        return policy.evaluate(facts, phone: phone, checks: checks, minimumSeverity: .warning).diagnostics.map {
            Finding(code: $0.code, severity: $0.severity)
        }
    }

    /// The parts each variable adds: the message against the same message with the variable empty.
    private func attribute(_ row: Row, encoding: EncodingReport, region: String?, country: String, tally: inout EstimateTally) {
        let (tablesID, _) = tables(for: region)
        let key = AttributionKey(values: row.cells, tables: tablesID)
        let cached = attributions.isActive()
        let attribution: Attribution
        if cached, let hit = attributions.value(for: key) {
            attribution = hit
        } else {
            var extra: [Int] = []
            var ucs2: [Bool] = []
            // Default alphabet, no click tracking, text that counts add up for: the text without a
            // verbatim variable has the text's counts less its value's, plus what its tags render empty.
            let whole = tablesID == 0 && placeholderLink == nil ? TextTally(encoding.text) : nil
            for v in plan.variables.indices {
                guard !row.cells[v].isEmpty else {
                    extra.append(0)
                    ucs2.append(false)
                    continue
                }
                if let whole, whole.nonAdditive == 0, let verbatim = verbatim[v] {
                    let value = TextTally(row.cells[v])
                    if value.nonAdditive == 0, let without = (whole - value * verbatim.tags + verbatim.blank).outcome {
                        extra.append(max(0, encoding.partCount - without.parts))
                        ucs2.append(encoding.encoding == .ucs2 && without.encoding == .gsm7)
                        continue
                    }
                }
                var cells = row.cells
                cells[v] = ""
                guard case .success(var text) = render(cells, blank: v) else {
                    extra.append(0)
                    ucs2.append(false)
                    continue
                }
                if let placeholderLink {
                    // A rewritten link has the short link's length and GSM characters whatever its code.
                    let links = policy.linkDetector.links(in: text)
                    for link in links.reversed() { text.replaceSubrange(link.range, with: placeholderLink) }
                }
                let without = encoders[tablesID]!.analyze(text)
                extra.append(max(0, encoding.partCount - without.partCount))
                ucs2.append(encoding.encoding == .ucs2 && without.encoding == .gsm7)
            }
            attribution = Attribution(extraParts: extra, ucs2Because: ucs2)
            if cached { attributions.insert(attribution, for: key) }
        }
        for (v, variable) in plan.variables.enumerated() where attribution.extraParts[v] > 0 || attribution.ucs2Because[v] {
            tally.variables[variable.name, default: EstimateTally.VariableCounts()].extraParts[country, default: 0] += attribution.extraParts[v]
            if attribution.ucs2Because[v] { tally.variables[variable.name]!.ucs2Messages += 1 }
        }
    }
}
