import ArgumentParser
import Foundation
import Preflight

#if canImport(Glibc)
import Glibc
#endif

/// `preflight estimate`: a dry run of a campaign over a recipient CSV: who would receive it, who
/// would not and why, the parts and the cost.
struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dry-run a campaign over a recipient CSV: sendable and excluded rows, parts, cost.",
        discussion: """
            The CSV has a header row, a phone column and one column per template variable (dotted \
            names such as order.id stay whole); an empty cell is a missing value. Every row is \
            rendered, normalized, link-rewritten, encoded with its country's shift tables, checked \
            against the rules and priced. Nothing is sent. Exit codes: 0 done (exclusions and \
            malformed rows are in the report), 2 usage, template, pricing, rules or file errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum Tracking: String, ExpressibleByArgument, CaseIterable {
        case off, branded, provider
    }

    @Option(name: .long, help: ArgumentHelp("The message template (.sms).", valueName: "file"))
    var template: String

    @Option(name: .long, help: ArgumentHelp("The recipients: CSV with a header row ('-' for standard input).", valueName: "file.csv"))
    var recipients: String

    @Option(name: .long, help: ArgumentHelp("A price list (YAML) instead of the shipped sample prices.", valueName: "file"))
    var pricing: String?

    @Option(name: .long, help: ArgumentHelp("The provider: its prices where the list has them; needed for --click-tracking provider.", valueName: "name"))
    var provider: String?

    @OptionGroup var rules: RulesOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("per-recipient"), help: ArgumentHelp("Also write one CSV row per recipient to this file.", valueName: "out.csv"))
    var perRecipient: String?

    @Option(name: .customLong("phone-column"), help: ArgumentHelp("The column with the phone numbers.", valueName: "name"))
    var phoneColumn = "phone"

    @Option(name: .long, help: "Default region for numbers without a country code (e.g. TH).")
    var region: String?

    @Option(name: .customLong("sender-mask"), help: ArgumentHelp("The alphanumeric sender ID.", valueName: "id"))
    var senderMask: String?

    @Option(name: .long, help: ArgumentHelp("The numeric sender.", valueName: "number"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("otp, transactional, marketing or alert (default: the template's, else transactional).", valueName: "category"))
    var category: String?

    @Option(name: .customLong("campaign-ref"), help: ArgumentHelp("The campaign reference.", valueName: "ref"))
    var campaignRef: String?

    @Option(name: .customLong("click-tracking"), help: "Link tracking: off, branded (rewrite to --link-domain) or provider.")
    var clickTracking: Tracking = .off

    @Option(name: .customLong("link-domain"), help: ArgumentHelp("The branded short-link domain (overrides the policy's account.linkDomain).", valueName: "domain"))
    var linkDomain: String?

    @OptionGroup var linkStore: LinkStoreOptions

    @OptionGroup var providers: ProvidersOptions

    @Option(name: .customLong("scheduled-at"), help: ArgumentHelp("When the campaign would be sent (ISO 8601 with offset); default now.", valueName: "time"))
    var scheduledAt: String?

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: the number of processors).", valueName: "n"))
    var threads: Int?

    @Flag(name: .customLong("no-progress"), help: "No progress bar (there is none anyway when standard error is not a terminal).")
    var noProgress = false

    func run() throws {
        var options = EstimateOptions()
        options.phoneColumn = phoneColumn
        do { options.defaultRegion = try PhoneNumberParser.normalizedRegion(region) } catch {
            throw CommandFailure(error.description, fix: "use an ISO 3166 code such as US, GB or TH")
        }
        options.senderMask = senderMask
        options.from = from
        if let category {
            guard let value = MessageCategory(rawValue: category) else {
                throw CommandFailure("unknown category '\(category)'", fix: "use one of: \(MessageCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.category = value
        }
        options.campaignRef = campaignRef
        options.clickTracking = ClickTracking(rawValue: clickTracking.rawValue) ?? .off
        options.provider = provider?.lowercased()
        if let linkDomain {
            var account = AccountOverrides()
            account.linkDomain = linkDomain
            options.account = account
        }
        if let scheduledAt {
            guard let date = Preflight.instant(scheduledAt) else {
                throw CommandFailure("--scheduled-at '\(scheduledAt)' is not a date and time that exists, with an offset (RFC 3339)", fix: "write it as 2026-11-23T14:30:00+01:00")
            }
            options.sendAt = date
        }
        if let threads {
            guard (1...256).contains(threads) else { throw CommandFailure("--threads must be between 1 and 256", fix: "pass for example --threads 2") }
            options.threads = threads
        }
        let compiled: Template
        do { compiled = try Template(contentsOf: template) } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics, sources: error.source.map { [template: $0] } ?? [:]) + "\n")
            throw CommandFailure("the template \(template) cannot be compiled", fix: "fix the errors above (preflight render \(template) shows them too)")
        }
        let prices: Pricing
        do throws(PricingError) {
            if let pricing { prices = try Pricing(contentsOf: pricing) } else { prices = try Pricing.shipped() }
        } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics) + "\n")
            throw CommandFailure("the price list has \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")", fix: "fix the price list as listed above")
        }
        let preflight = try rules.preflight(linkStore: linkStore, providers: providers.registry())
        // Codes are kept only in a store named on the command line; otherwise the run keeps nothing.
        let store = linkStore.path == nil ? nil : preflight.linkStore
        var writer: RecipientCSVWriter?
        if let perRecipient {
            do { writer = try RecipientCSVWriter(path: perRecipient, scale: prices.scale) } catch {
                throw CommandFailure("\(perRecipient): cannot write: \(error.reason)", fix: "check the directory and its permissions")
            }
        }
        let bar = !noProgress && isatty(2) == 1 ? ProgressBar() : nil
        var progress: ((EstimateProgress) -> Void)?
        if let bar { progress = { bar.show($0) } }
        var each: ((RecipientEstimate) -> Void)?
        if let writer { each = { writer.write($0) } }
        let report: EstimateReport
        do throws(EstimateError) {
            let estimator = try Estimator(preflight: preflight, template: compiled, pricing: prices, options: options, linkStore: store)
            report = try estimator.run(.file(recipients), progress: progress, each: each)
        } catch {
            bar?.clear()
            throw CommandFailure(error.description, fix: error.fix)
        }
        bar?.clear()
        if let writer {
            do { try writer.close() } catch {
                throw CommandFailure("\(perRecipient ?? ""): cannot write: \(error.reason)", fix: "check the free space and permissions")
            }
        }
        switch format {
        case .json: Output.line(report.json)
        case .text: Output.line(report.humanDescription())
        }
    }
}

/// A write error with the system's reason.
struct WriteError: Error {
    let reason: String
}

/// Writes `--per-recipient` rows: `line,phone,e164,country,status,reason,warnings,encoding,parts,cost,detail`.
final class RecipientCSVWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private let scale: Int

    init(path: String, scale: Int) throws(WriteError) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw WriteError(reason: String(cString: strerror(errno))) }
        self.scale = scale
        buffer.reserveCapacity(1 << 16)
        buffer += Array("line,phone,e164,country,status,reason,warnings,encoding,parts,cost,detail\r\n".utf8)
    }

    func write(_ row: RecipientEstimate) {
        let cost = row.cost.map { EstimateFormat.money($0, scale: scale) } ?? ""
        let fields = [
            String(row.line), row.phone, row.e164 ?? "", row.country ?? "", row.status.rawValue, row.reason ?? "",
            row.warnings.joined(separator: ";"), row.encoding?.rawValue ?? "", row.status == .sendable ? String(row.parts) : "", cost, row.detail ?? "",
        ]
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                buffer.append(0x22)
                for b in field.utf8 {
                    buffer.append(b)
                    if b == 0x22 { buffer.append(0x22) }
                }
                buffer.append(0x22)
            } else {
                buffer += field.utf8
            }
        }
        buffer += [0x0D, 0x0A]
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(WriteError) {
        flush()
        Glibc.close(fd)
        if let failure { throw WriteError(reason: failure) }
    }
}

/// A one-line progress bar on standard error: percent, rows, rate and time left.
final class ProgressBar {
    private let start = DispatchTime.now().uptimeNanoseconds

    func show(_ p: EstimateProgress) {
        let seconds = max(0.001, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        let rate = Double(p.rows) / seconds
        var line = "\r"
        if let total = p.totalBytes, total > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            let filled = Int(fraction * 24)
            line += String(format: "%3.0f%% ", fraction * 100) + "[" + String(repeating: "#", count: filled)
                + String(repeating: ".", count: 24 - filled) + "] "
            let bytesRate = Double(p.bytesRead) / seconds
            if bytesRate > 0, fraction > 0.01 {
                line += "ETA \(Int((Double(total - p.bytesRead) / bytesRate).rounded(.up)))s · "
            }
        }
        line += "\(EstimateFormat.count(p.rows)) rows · \(EstimateFormat.count(Int(rate))) rows/s"
        Output.stderr(line + "\u{1B}[K")
    }

    func clear() {
        Output.stderr("\r\u{1B}[K")
    }
}
