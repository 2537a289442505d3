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
    /// Cold rounds in a row: each doubles the pause (up to 16 times), so a stream of distinct
    /// keys costs ever fewer trial rounds.
    private var coldRounds = 0

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

    /// Stores a value; after every 4,096 lookups, pauses when fewer than 1 in 20 hit (for 65,536
    /// lookups, twice as long after each further cold round, up to about a million).
    mutating func insert(_ value: Value, for key: Key) {
        if storage.count >= capacity { storage.removeAll(keepingCapacity: true) }
        storage[key] = value
        if lookups >= 4096 {
            if pausesWhenCold, hits * 20 < lookups {
                paused = 65_536 << min(coldRounds, 4)
                coldRounds += 1
                storage.removeAll()
            } else {
                coldRounds = 0
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
        let destination: Int
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
        /// When the text was joined from the template's plain pieces: its counts, words and the
        /// counts of each variable's value.
        var pieces: Pieces?
        var findings: [Finding] = []
    }

    /// What joining the plain pieces counted.
    private struct Pieces {
        var tally: TextTally
        var words: BodyWords
    }

    /// The template as plain pieces (``Template/plainPieces``), flattened for the row loop: the
    /// text is `literals[0] + value 0 + literals[1] + … + value n-1 + literals[n]`.
    private struct PlainPlan {
        var literals: [String] = [""]
        var literalWords: [BodyWords.Piece] = []
        /// Per tag: the plan variable it inserts, and what it renders for an empty value.
        var tags: [(variable: Int, fallback: (text: String, tally: TextTally, words: BodyWords.Piece)?)] = []
        /// The plan variable of each tag (``tags`` without the fallbacks, read on every row).
        var tagVariables: [Int] = []
        /// The counts of all the literal text.
        var literalTally = TextTally("")
        /// Words the literal text has (to reserve room for a row's words).
        var literalWordCount = 0
        /// Room to reserve for a row's text.
        var textCapacity = 0

        /// The plan for `template`; nil when some tag transforms its value or has no column, or
        /// links are rewritten.
        init?(_ template: Template, plan: ColumnPlan, rewrites: Bool) {
            guard !rewrites, let pieces = template.plainPieces else { return nil }
            for piece in pieces {
                switch piece {
                case .text(let text):
                    literals[literals.count - 1] += text
                case .value(let name, let fallback):
                    guard let v = plan.variables.firstIndex(where: { $0.name == name }) else { return nil }
                    tags.append((v, fallback.map { ($0, TextTally($0), BodyWords.Piece($0)) }))
                    literals.append("")
                }
            }
            // Storage of this worker's own: a text shared with the template (and the other
            // workers) would have its reference count updated from several cores on every row.
            literals = literals.map { String(decoding: Array($0.utf8), as: UTF8.self) }
            literalWords = literals.map { BodyWords.Piece($0) }
            literalTally = literals.reduce(TextTally("")) { $0 + TextTally($1) }
            literalWordCount = BodyWords(literals.joined(separator: " ")).count
            tagVariables = tags.map(\.variable)
            textCapacity = literals.reduce(0) { $0 + $1.utf8.count } + 32 * tags.count
        }
    }

    /// A destination of the run: a region, or for a number without one its calling code.
    private struct Destination {
        /// The region (nil for a number outside the known ranges).
        let region: String?
        /// The country the totals count it under (the calling code's when it names one, else ZZ).
        let country: String
        /// The encoder (by its national shift tables) in ``encoders``.
        let tables: Int
        /// The sender and time groups' findings, computed on the first message.
        var sender: [Finding]?
        var time: [Finding]?
        var counts = EstimateReport.CountrySummary()
    }

    /// A message's encoding: from the encoder, or from the counts of its pieces.
    private struct Encoded {
        /// What the body checks look at (text, encoding, parts, characters, words).
        var body: BodyFacts
        /// The encoder's report, when the body went through the encoder.
        var report: EncodingReport?
        var text: String { body.text }
        var encoding: MessageEncoding { body.encoding }
        var parts: Int { body.parts }
    }

    let estimator: Estimator
    let plan: ColumnPlan
    let wantsRows: Bool
    private let policy: Policy
    /// The CSV column of each plan variable (read on every row; the plan's tuples hold texts).
    private let variableColumns: [Int]
    private let parser: PhoneNumberParser
    private let settings: RunSettings
    private let defaultRegion: String?
    private var renders = AdaptiveCache<[String], Result<String, Finding>>(capacity: 50_000)
    private var encodings = AdaptiveCache<TextKey, EncodingReport>(capacity: 20_000)
    /// Numbers already checked (those libphonenumber parses itself): a lookup costs far less than
    /// a parse, so it never pauses.
    private var phones = AdaptiveCache<String, PhoneCheck>(capacity: 100_000, pausesWhenCold: false)
    private var bodies = AdaptiveCache<BodyKey, [Finding]>(capacity: 20_000)
    private var recipientFindings: [RecipientKey: [Finding]] = [:]
    /// The recipient group's findings for a number with no findings of its own and on no list.
    private var cleanRecipient: [Finding]?
    /// Per destination: what depends only on it, and its counts for the batch.
    private var destinations: [Destination] = []
    /// The index in ``destinations`` by region, and by calling code for numbers without one.
    private var destinationByRegion: [String: Int] = [:]
    private var destinationByCallingCode: [Int: Int] = [:]
    /// Messages and parts per encoding (GSM-7, UCS-2) and messages per part count, for the batch.
    private var encodingCounts = [(messages: 0, parts: 0), (messages: 0, parts: 0)]
    private var messagesByParts: [Int] = []
    /// Per plan variable, for the batch: the parts it added per destination (by index in
    /// ``destinations``) and the messages it made UCS-2.
    private var variableCounts: [(touched: Bool, extraParts: [Int], ucs2Messages: Int)] = []
    /// Warnings counted for the batch, by code (a handful of codes: a list beats hashing).
    private var warningCounts: [(code: String, count: Int)] = []
    private var attributions = AdaptiveCache<AttributionKey, Attribution>(capacity: 20_000)
    private var campaignLinks = AdaptiveCache<TextKey, Result<String, Finding>>(capacity: 10_000)
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
    /// The template as plain pieces when every tag inserts a value as it is, every variable has a
    /// column and links are not rewritten (a rewritten text is not the joined pieces): each row's
    /// text is then the pieces joined, its counts the literal text's (counted once) plus the
    /// values', and its words the literal pieces' (cut once) joined with the values'. Nil
    /// otherwise: every row goes through the renderer and the encoder.
    private let plain: PlainPlan?
    /// The counts of each plan variable's value, reused between rows.
    private var valueTallies: [TextTally] = []

    init(estimator: Estimator, plan: ColumnPlan, wantsRows: Bool) {
        self.estimator = estimator
        self.plan = plan
        self.wantsRows = wantsRows
        policy = estimator.preflight.policy
        parser = policy.phones
        settings = estimator.settings
        defaultRegion = estimator.options.defaultRegion
        placeholderLink = estimator.settings.rewriter.map { rewriter in
            rewriter.shortURL(code: String(repeating: "x", count: rewriter.configuration.codeLength))
        }
        verbatim = plan.variables.map { variable in Self.verbatimTags(of: variable.path, in: estimator.template) }
        flatNames = plan.variables.allSatisfy { $0.path.count == 1 }
        variableColumns = plan.variables.map(\.index)
        reusableValues.reserveCapacity(plan.variables.count)
        plain = estimator.options.piecewise ? PlainPlan(estimator.template, plan: plan, rewrites: estimator.settings.rewriter != nil) : nil
    }

    /// See ``verbatim``: nil when some tag touching the variable's name transforms its value or
    /// the front matter declares it.
    private static func verbatimTags(of path: [String], in template: Template) -> (blank: TextTally, tags: Int)? {
        guard path.count == 1, let fallbacks = template.plainTags(of: path[0]), !fallbacks.isEmpty else { return nil }
        let blank = fallbacks.reduce(TextTally("")) { $0 + TextTally($1 ?? "") }
        return blank.nonAdditive == 0 ? (blank, fallbacks.count) : nil
    }

    func process(_ batch: CSVBatch) -> BatchPipeline.Result {
        var tally = EstimateTally()
        var out: [RecipientEstimate] = []
        if wantsRows { out.reserveCapacity(batch.records.count) }
        if settings.rewriter == nil {
            // One row at a time, start to end.
            for record in batch.records {
                var row = prepare(record, in: batch)
                finish(&row, tally: &tally)
                if wantsRows { out.append(row.estimate) }
            }
        } else {
            // Pass 1: read, parse the number, render.
            var rows: [Row] = []
            rows.reserveCapacity(batch.records.count)
            for record in batch.records {
                rows.append(prepare(record, in: batch))
            }
            // Pass 2: rewrite the links of the whole batch with one store transaction.
            rewriteLinks(&rows)
            // Pass 3: encode, run the policy, count.
            for i in rows.indices {
                finish(&rows[i], tally: &tally)
                if wantsRows { out.append(rows[i].estimate) }
            }
        }
        flushCounts(into: &tally)
        return BatchPipeline.Result(tally: tally, rows: out)
    }

    private func prepare(_ record: CSVRecord, in batch: CSVBatch) -> Row {
        var row = Row(
            estimate: RecipientEstimate(line: record.line, phone: "", status: .malformed, warnings: [], parts: 0), endLine: record.endLine)
        if let problem = record.problem {
            row.estimate.detail = problem
            return row
        }
        guard batch.isValidUTF8(record) else {
            row.estimate.detail = "a field is not valid UTF-8"
            return row
        }
        let count = record.fieldCount
        guard count == plan.count else {
            row.estimate.detail = "the row has \(count) field\(count == 1 ? "" : "s"); the header has \(plan.count)"
            return row
        }
        // Text only for the columns the message uses.
        let input = batch.string(record.firstField + plan.phone)
        row.estimate.phone = input
        row.estimate.status = .sendable
        let phone = checkPhone(input)
        row.phone = phone
        row.estimate.e164 = phone.number?.e164
        row.estimate.country = phone.number?.regionCode
        row.cells = variableColumns.map { batch.string(record.firstField + $0) }
        if let plain {
            renderPlain(&row, plain)
            return row
        }
        switch render(row.cells) {
        case .success(let text): row.text = text
        case .failure(let finding): row.findings.append(finding)
        }
        return row
    }

    /// Renders by joining the plain pieces, counting as it goes (see ``plain``).
    private func renderPlain(_ row: inout Row, _ plain: PlainPlan) {
        var text = ""
        text.reserveCapacity(plain.textCapacity)
        var tally = plain.literalTally
        var words = BodyWords(minimumCapacity: plain.literalWordCount + 4 * plain.tags.count)
        if valueTallies.count != plan.variables.count { valueTallies = Array(repeating: TextTally(""), count: plan.variables.count) }
        for v in row.cells.indices { valueTallies[v] = row.cells[v].isEmpty ? TextTally("") : TextTally(row.cells[v]) }
        for t in plain.tags.indices {
            text += plain.literals[t]
            words.append(plain.literalWords[t])
            let v = plain.tagVariables[t]
            if !row.cells[v].isEmpty {
                text += row.cells[v]
                tally = tally + valueTallies[v]
                words.append(row.cells[v])
            } else if let fallback = plain.tags[t].fallback {
                text += fallback.text
                tally = tally + fallback.tally
                words.append(fallback.words)
            } else {
                row.findings.append(Finding(code: "template.undefined_variable", severity: .error))
                return
            }
        }
        text += plain.literals[plain.tags.count]
        words.append(plain.literalWords[plain.tags.count])
        row.text = text
        row.pieces = Pieces(tally: tally, words: words)
    }

    /// Parses and judges a number once per worker while it stays in the cache (the policy's own
    /// cache is shared between threads behind a lock).
    ///
    /// Numbers written `+` and digits are not cached: libphonenumber's metadata answers them in
    /// about 0.1 µs (PhoneShim's fast path), less than a dictionary lookup and insert of the text.
    private func checkPhone(_ input: String) -> PhoneCheck {
        let region = defaultRegion ?? policy.rules.policy.defaultRegion
        if PhoneNumberParser.hasFastForm(input) { return parser.check(input, defaultRegion: region, field: "to") }
        if let hit = phones.value(for: input) { return hit }
        let check = parser.check(input, defaultRegion: region, field: "to")
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

    /// The index of the number's destination in ``destinations``, added on first sight.
    private func destination(for number: PhoneNumber?) -> Int {
        let region = number?.regionCode
        if let region, let known = destinationByRegion[region] { return known }
        let code = number?.countryCode ?? 0
        if region == nil, let known = destinationByCallingCode[code] { return known }
        let rules = region.flatMap { policy.rules.country($0) }
        let set = Set(rules?.allowedShiftTables ?? [])
        let tables: Int
        if let known = tableSets[set] {
            tables = known
        } else {
            tables = tableSets.count
            tableSets[set] = tables
            encoders[tables] = SMSEncoder(options: EncodingOptions(shiftTables: set))
        }
        // A number outside the known ranges has no region; its calling code may still name the country.
        let country = region ?? (number == nil ? nil : settings.countryByCallingCode[code]) ?? "ZZ"
        destinations.append(Destination(region: region, country: country, tables: tables))
        if let region { destinationByRegion[region] = destinations.count - 1 } else { destinationByCallingCode[code] = destinations.count - 1 }
        return destinations.count - 1
    }

    /// Moves the batch's counts kept per destination, encoding, part count and warning into `tally`.
    private func flushCounts(into tally: inout EstimateTally) {
        for d in destinations.indices where destinations[d].counts.recipients > 0 {
            let counts = destinations[d].counts
            tally.countries[destinations[d].country, default: EstimateReport.CountrySummary()].recipients += counts.recipients
            tally.countries[destinations[d].country]!.sendable += counts.sendable
            tally.countries[destinations[d].country]!.parts += counts.parts
            destinations[d].counts = EstimateReport.CountrySummary()
        }
        for (e, encoding) in [MessageEncoding.gsm7, .ucs2].enumerated() where encodingCounts[e].messages > 0 {
            tally.messagesByEncoding[encoding, default: 0] += encodingCounts[e].messages
            tally.partsByEncoding[encoding, default: 0] += encodingCounts[e].parts
            encodingCounts[e] = (0, 0)
        }
        for (parts, count) in messagesByParts.enumerated() where count > 0 {
            tally.messagesByParts[parts, default: 0] += count
            messagesByParts[parts] = 0
        }
        for (code, count) in warningCounts { tally.warnings[code, default: 0] += count }
        for v in variableCounts.indices where variableCounts[v].touched {
            let name = plan.variables[v].name
            var counts = tally.variables[name, default: EstimateTally.VariableCounts()]
            for (slot, parts) in variableCounts[v].extraParts.enumerated() where parts > 0 {
                counts.extraParts[destinations[slot].country, default: 0] += parts
            }
            counts.ucs2Messages += variableCounts[v].ucs2Messages
            tally.variables[name] = counts
            variableCounts[v] = (false, Array(repeating: 0, count: destinations.count), 0)
        }
        warningCounts.removeAll(keepingCapacity: true)
    }

    /// The encoding of a row's text: from the counts of its pieces when they decide it (additive
    /// text; with national shift tables only text in the default alphabet, which never uses them),
    /// from the encoder otherwise (identical texts encoded once while the cache hits).
    private func encode(_ text: String, pieces: Pieces?, tables: Int, tally: inout EstimateTally) -> Encoded {
        if let pieces, let outcome = pieces.tally.outcome, tables == 0 || pieces.tally.outside == 0 {
            // Additive text: every character is one BMP scalar, one UTF-16 unit.
            return Encoded(body: BodyFacts(
                text: text, encoding: outcome.encoding, parts: outcome.parts, characters: pieces.tally.utf16, words: pieces.words))
        }
        let key = TextKey(text: text, salt: tables)
        let cached = encodings.isActive()
        let report: EncodingReport
        if cached, let hit = encodings.value(for: key) {
            report = hit
        } else {
            report = encoders[tables]!.analyze(text)
            tally.bodiesEncoded += 1
            if cached { encodings.insert(report, for: key) }
        }
        var body = BodyFacts(report)
        // The pieces' words are the words of the text as rendered: of no use when normalization
        // changed it (the checks read the normalized text).
        if !report.normalized, report.replacements.isEmpty { body.words = pieces?.words }
        return Encoded(body: body, report: report)
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
        let slot = destination(for: phone.number)
        let country = destinations[slot].country
        if destinations[slot].region == nil, country != "ZZ" { row.estimate.country = country }
        destinations[slot].counts.recipients += 1
        var findings = row.findings
        var encoded: Encoded?
        if let text = row.text {
            let body = encode(text, pieces: row.pieces, tables: destinations[slot].tables, tally: &tally)
            encoded = body
            // The policy reports the number's own findings first, so an invalid number (still an
            // error under the policy's settings) is the reason whatever else it would find.
            let numberError = phone.diagnostics.first { d in
                guard d.severity == .error, let code = CheckCode(rawValue: d.code) else { return false }
                let setting = policy.rules.policy.setting(for: code)
                return setting.enabled && (setting.severity ?? .error) == .error
            }
            findings += numberError.map { [Finding(code: $0.code, severity: .error)] } ?? evaluate(body, phone: phone, destination: slot)
            if settings.providerTracking, !policy.linkDetector.links(in: body.text).isEmpty {
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
        guard let encoded else { return }
        // Each warning code once, in order of first appearance.
        for (i, finding) in findings.enumerated() where finding.severity == .warning
            && !findings[..<i].contains(where: { $0.severity == .warning && $0.code == finding.code }) {
            if wantsRows { row.estimate.warnings.append(finding.code) }
            if let w = warningCounts.firstIndex(where: { $0.code == finding.code }) {
                warningCounts[w].count += 1
            } else {
                warningCounts.append((finding.code, 1))
            }
        }
        let parts = encoded.parts
        row.estimate.encoding = encoded.encoding
        row.estimate.parts = parts
        tally.sendable += 1
        let e = encoded.encoding == .gsm7 ? 0 : 1
        encodingCounts[e].messages += 1
        encodingCounts[e].parts += parts
        if parts >= messagesByParts.count { messagesByParts += Array(repeating: 0, count: parts + 1 - messagesByParts.count) }
        messagesByParts[parts] += 1
        destinations[slot].counts.sendable += 1
        destinations[slot].counts.parts += parts
        if parts > 1 || encoded.encoding == .ucs2, !plan.variables.isEmpty {
            attribute(row, encoded: encoded, destination: slot)
        }
    }

    /// The policy's findings for this text and number, in the policy's order (recipient, sender,
    /// body, links, time). The groups are cached by what they depend on: the number's findings and
    /// the lists per number kind, sender and quiet hours per country (the sender, category and send
    /// time are the same for the whole run), body and links per text and country.
    private func evaluate(_ body: Encoded, phone: PhoneCheck, destination slot: Int) -> [Finding] {
        let blocked = !policy.numberLists.isEmpty && phone.number.map { n in policy.numberLists.contains { $0.contains(n) } } ?? false
        var findings: [Finding]
        if phone.diagnostics.isEmpty, !blocked, let clean = cleanRecipient {
            findings = clean
        } else {
            let recipientKey = RecipientKey(
                phoneFindings: phone.diagnostics.map { Finding(code: $0.code, severity: $0.severity) }, blocked: blocked)
            if let known = recipientFindings[recipientKey] {
                findings = known
            } else {
                findings = policyFindings(report(of: body, destination: slot), phone: phone, checks: .recipient)
                recipientFindings[recipientKey] = findings
                if phone.diagnostics.isEmpty, !blocked { cleanRecipient = findings }
            }
        }
        if destinations[slot].sender == nil {
            let report = report(of: body, destination: slot)
            destinations[slot].sender = policyFindings(report, phone: phone, checks: .sender)
            destinations[slot].time = policyFindings(report, phone: phone, checks: .time)
        }
        if !destinations[slot].sender!.isEmpty { findings += destinations[slot].sender! }
        let cached = bodies.isActive()
        let key = cached ? BodyKey(text: TextKey(text: body.text, salt: 0), destination: slot) : nil
        if let key, let hit = bodies.value(for: key) {
            if !hit.isEmpty { findings += hit }
        } else {
            let brief = policy.screen(body.body, region: destinations[slot].region, category: settings.category, account: settings.account)
            let found = brief.isEmpty ? [] : brief.map { Finding(code: $0.code, severity: $0.severity) }
            if let key { bodies.insert(found, for: key) }
            if !found.isEmpty { findings += found }
        }
        if !destinations[slot].time!.isEmpty { findings += destinations[slot].time! }
        return findings
    }

    /// The encoder's report of a body, for the groups that do not look at the text (made only
    /// when their caches miss, when the body was counted from its pieces).
    private func report(of body: Encoded, destination slot: Int) -> EncodingReport {
        body.report ?? encoders[destinations[slot].tables]!.analyze(body.text)
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
    private func attribute(_ row: Row, encoded: Encoded, destination slot: Int) {
        let tablesID = destinations[slot].tables
        let key = AttributionKey(values: row.cells, tables: tablesID)
        let cached = attributions.isActive()
        let attribution: Attribution
        if cached, let hit = attributions.value(for: key) {
            attribution = hit
        } else {
            var extra: [Int] = []
            var ucs2: [Bool] = []
            // No click tracking, text that counts add up for: the text without a verbatim variable
            // has the text's counts less its value's, plus what its tags render empty (and with
            // national shift tables, the counts decide only text in the default alphabet).
            let whole = row.pieces?.tally ?? (placeholderLink == nil ? TextTally(encoded.text) : nil)
            for v in plan.variables.indices {
                guard !row.cells[v].isEmpty else {
                    extra.append(0)
                    ucs2.append(false)
                    continue
                }
                if let whole, whole.nonAdditive == 0, let verbatim = verbatim[v] {
                    // Plain pieces: the row was just rendered, its values' counts are at hand.
                    let value = row.pieces != nil ? valueTallies[v] : TextTally(row.cells[v])
                    let rest = whole - value * verbatim.tags + verbatim.blank
                    if value.nonAdditive == 0, let without = rest.outcome, tablesID == 0 || rest.outside == 0 {
                        extra.append(max(0, encoded.parts - without.parts))
                        ucs2.append(encoded.encoding == .ucs2 && without.encoding == .gsm7)
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
                extra.append(max(0, encoded.parts - without.partCount))
                ucs2.append(encoded.encoding == .ucs2 && without.encoding == .gsm7)
            }
            attribution = Attribution(extraParts: extra, ucs2Because: ucs2)
            if cached { attributions.insert(attribution, for: key) }
        }
        if variableCounts.count != plan.variables.count {
            variableCounts = Array(repeating: (false, [], 0), count: plan.variables.count)
        }
        for v in plan.variables.indices where attribution.extraParts[v] > 0 || attribution.ucs2Because[v] {
            variableCounts[v].touched = true
            if variableCounts[v].extraParts.count <= slot {
                variableCounts[v].extraParts += Array(repeating: 0, count: destinations.count - variableCounts[v].extraParts.count)
            }
            variableCounts[v].extraParts[slot] += attribution.extraParts[v]
            if attribution.ucs2Because[v] { variableCounts[v].ucs2Messages += 1 }
        }
    }
}
