import Foundation

/// The verdict on a send request.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing wrong: send.
    case pass
    /// Warnings only: sending is possible, but look at them.
    case warn
    /// At least one error: do not send.
    case block

    /// The verdict that diagnostics of these severities give.
    public init(_ diagnostics: [Diagnostic]) {
        if diagnostics.contains(where: { $0.severity == .error }) {
            self = .block
        } else if diagnostics.contains(where: { $0.severity == .warning }) {
            self = .warn
        } else {
            self = .pass
        }
    }
}

/// What the check found for one recipient.
public struct RecipientReport: Sendable, Hashable {
    /// The number as written in the request.
    public var input: String
    /// The number in E.164, when it parses.
    public var e164: String?
    /// The ISO 3166 region of the number.
    public var region: String?
    /// The line type (`mobile`, `fixed_line`, …).
    public var type: PhoneNumberType?
    /// This recipient's verdict.
    public var verdict: Verdict
    /// The encoding for this recipient (shift tables depend on the country).
    public var encoding: EncodingReport?
    /// The findings for this recipient (request-wide findings included).
    public var diagnostics: [Diagnostic]
    /// The text for this recipient (differs from the report's when short-link codes are per recipient).
    public var text: String?
    /// The links rewritten for this recipient.
    public var links: [RewrittenLink] = []
}

/// The result of checking a send request: the verdict, every finding, the final text and its parts.
public struct Report: Sendable {
    /// `block` when any finding is an error, `warn` for warnings only, else `pass`.
    public var verdict: Verdict
    /// Every finding, request-wide and per recipient, without repeats.
    public var diagnostics: [Diagnostic]
    /// One entry per recipient, in request order.
    public var recipients: [RecipientReport]
    /// The message category the checks used.
    public var category: MessageCategory
    /// The text that will be sent (rendered and normalized); `nil` when there is none.
    public var text: String?
    /// The encoding of the text (for the first recipient's country).
    public var encoding: EncodingReport?
    /// How links were tracked.
    public var clickTracking: ClickTracking = .off
    /// The links rewritten to tracked short links (for the first recipient when codes are per recipient).
    public var links: [RewrittenLink] = []
    /// Characters of the text before link rewriting, when links were rewritten.
    public var originalLength: Int?
    /// Characters of the text after link rewriting, when links were rewritten.
    public var rewrittenLength: Int?

    /// The first recipient.
    public var recipient: RecipientReport? { recipients.first }
}

/// The pre-send check: renders, normalizes, encodes and runs the policy for a send request.
///
/// Build it once (it compiles the rules and loads the number lists) and call ``check(_:now:)`` from
/// any thread:
///
/// ```swift
/// let preflight = try Preflight(rules: RuleSet.shipped())
/// let report = preflight.check(SendRequest(to: ["+14155552671"], body: "Your code is 123456"))
/// if report.verdict == .block { /* do not send */ }
/// ```
public struct Preflight: Sendable {
    /// The compiled policy.
    public let policy: Policy
    /// Where relative template paths in requests are resolved (the current directory by default).
    public let baseDirectory: URL?
    /// Where short-link codes of click-tracked messages are kept.
    public let linkStore: any LinkStore
    private let templates = TemplateCache()

    /// The providers that shorten and track links themselves (`clickTracking: "provider"`): those
    /// whose definition carries the `linkTracking` feature (shipped: bird, infobip, skycore, twilio).
    public let linkShorteningProviders: Set<String>

    /// Compiles the rules into a policy.
    /// - Parameters:
    ///   - rules: the rule set.
    ///   - baseDirectory: where relative template paths are resolved (default: the current directory).
    ///   - linkStore: where short-link codes are kept (default: in memory, a dry run).
    /// - Throws: ``PolicyError`` when a number list cannot be read.
    ///   - providers: the provider definitions requests may name (default: the shipped ones).
    public init(rules: RuleSet, baseDirectory: URL? = nil, linkStore: (any LinkStore)? = nil, providers: ProviderRegistry? = nil) throws(PolicyError) {
        self.init(policy: try Policy(rules: rules), baseDirectory: baseDirectory, linkStore: linkStore, providers: providers)
    }

    /// Uses a compiled policy.
    public init(policy: Policy, baseDirectory: URL? = nil, linkStore: (any LinkStore)? = nil, providers: ProviderRegistry? = nil) {
        self.policy = policy
        self.baseDirectory = baseDirectory
        self.linkStore = linkStore ?? InMemoryLinkStore()
        // The shipped registry fails only when a shipped file is broken, which the tests catch.
        let registry = providers ?? (try? ProviderRegistry.shipped()) ?? ProviderRegistry()
        linkShorteningProviders = Set(registry.providers.filter { $0.features.contains(.linkTracking) }.map(\.name))
    }

    /// Checks a send request.
    /// - Parameters:
    ///   - request: what is about to be sent.
    ///   - now: the send time when the request has no `scheduledAt`.
    public func check(_ request: SendRequest, now: Date = Date()) -> Report {
        var requestFindings: [Diagnostic] = []
        func problem(_ field: String, _ message: String, fix: String) {
            requestFindings.append(Diagnostic(code: "request.invalid", severity: .error, message: message, fix: fix, field: field))
        }
        if request.to.isEmpty { problem("to", "the request has no recipient", fix: "set `to` to a number or a list of numbers") }
        var sendAt = now
        if let scheduled = request.scheduledAt {
            if let date = Self.instant(scheduled) {
                sendAt = date
            } else {
                problem("scheduledAt", "`\(scheduled)` is not a date and time that exists, with an offset (RFC 3339)",
                        fix: "write it as 2026-11-23T14:30:00+01:00 or 2026-11-23T13:30:00Z")
            }
        }
        // Render.
        var category = request.category
        var text: String?
        let sources = [request.body != nil, request.template != nil, request.templateSource != nil].filter { $0 }.count
        if sources != 1 {
            problem("body", sources == 0 ? "the request has no body, template or templateSource" : "give only one of body, template and templateSource",
                    fix: "send the text in `body`, or a template in `template` (a path) or `templateSource` with `variables`")
        } else if let body = request.body {
            text = body
        } else {
            let compiled: Result<Template, TemplateError>
            if let path = request.template {
                compiled = templates.template(at: path, base: baseDirectory)
            } else {
                do { compiled = .success(try Template(source: request.templateSource!, file: "templateSource")) } catch {
                    compiled = .failure(error)
                }
            }
            switch compiled {
            case .failure(let error):
                requestFindings += error.diagnostics
            case .success(let template):
                category = category ?? template.frontMatter.category
                do {
                    text = try template.render(request.variables ?? [:], options: RenderOptions(defaultRegion: request.defaultRegion))
                } catch {
                    requestFindings += error.diagnostics
                }
            }
        }
        let messageCategory = category ?? .transactional
        let account = effectiveAccount(request.account)
        // Click tracking: a rewriter for the account's branded domain, or the provider's own.
        let tracking = request.clickTracking ?? .off
        var rewriter: LinkRewriter?
        if text != nil {
            switch tracking {
            case .off:
                break
            case .branded:
                do throws(RequestProblem) {
                    rewriter = try makeRewriter(domain: account.linkDomain)
                } catch {
                    requestFindings.append(error.diagnostic)
                }
            case .provider:
                let provider = request.provider?.lowercased() ?? ""
                if !linkShorteningProviders.contains(provider) {
                    requestFindings.append(Diagnostic(
                        code: "provider.unsupported_feature", severity: .error,
                        message: request.provider == nil
                            ? "clickTracking \"provider\" needs a provider that shortens links"
                            : "\(provider) does not shorten links itself",
                        fix: "use clickTracking: true with a branded domain, or one of: \(linkShorteningProviders.sorted().joined(separator: ", "))",
                        field: "clickTracking"))
                } else if let t = text, !policy.linkDetector.links(in: t).isEmpty {
                    requestFindings.append(Diagnostic(
                        code: "link.provider_tracking", severity: .warning,
                        message: "\(provider) replaces the links with its own short links, so the part count is an estimate",
                        fix: "keep the text well under the part boundary, or use branded click tracking to know the exact length",
                        field: "clickTracking"))
                }
            }
        }
        let campaign = request.campaignRef ?? ""
        var shared: RewriteResult?
        if let campaignRewriter = rewriter, campaignRewriter.configuration.scope == .campaign, let t = text {
            do {
                shared = try campaignRewriter.rewrite(
                    t, links: policy.linkDetector.links(in: t), campaign: campaign, store: linkStore, now: sendAt)
            } catch {
                requestFindings.append(Self.diagnostic(error))
                rewriter = nil
            }
        }
        // Per recipient: links (per-recipient codes), encoding with the country's shift tables, the policy.
        var recipients: [RecipientReport] = []
        var encodings: [Set<NationalLanguage>: EncodingReport] = [:]
        var firstRewrite: RewriteResult? = shared
        for (index, input) in request.to.enumerated() {
            let field = request.to.count == 1 ? "to" : "to[\(index)]"
            let phone = policy.checkRecipient(input, defaultRegion: request.defaultRegion, field: field)
            guard var recipientText = text else {
                recipients.append(RecipientReport(
                    input: input, e164: phone.number?.e164, region: phone.number?.regionCode, type: phone.number?.type,
                    verdict: Verdict(requestFindings + phone.diagnostics), encoding: nil, diagnostics: requestFindings + phone.diagnostics))
                continue
            }
            var rewrite = shared
            var findings = requestFindings
            if let rewriter, shared == nil {
                do {
                    rewrite = try rewriter.rewrite(
                        recipientText, links: policy.linkDetector.links(in: recipientText), campaign: campaign,
                        recipient: phone.number?.e164 ?? input, store: linkStore, now: sendAt)
                    if firstRewrite == nil { firstRewrite = rewrite }
                } catch {
                    findings.append(Self.diagnostic(error))
                }
            }
            recipientText = rewrite?.text ?? recipientText
            let region = phone.number?.regionCode
            let tables = Set(region.flatMap { policy.rules.country($0)?.allowedShiftTables } ?? [])
            let encoding: EncodingReport
            if rewrite == nil || shared != nil, let cached = encodings[tables] {
                encoding = cached
            } else {
                encoding = SMSEncoder(options: EncodingOptions(shiftTables: tables)).analyze(recipientText)
                if rewrite == nil || shared != nil { encodings[tables] = encoding }
            }
            let facts = MessageFacts(
                recipient: input, recipientField: field, defaultRegion: request.defaultRegion, senderMask: request.senderMask,
                from: request.from, text: encoding.text, encoding: encoding, category: messageCategory,
                campaignRef: request.campaignRef, sendAt: sendAt, account: account)
            let result = policy.evaluate(facts, phone: phone)
            let diagnostics = findings + result.diagnostics
            recipients.append(RecipientReport(
                input: input, e164: result.recipient?.e164, region: result.recipient?.regionCode, type: result.recipient?.type,
                verdict: Verdict(diagnostics), encoding: encoding, diagnostics: diagnostics, text: encoding.text,
                links: rewrite?.links ?? []))
        }
        var seen = Set<Diagnostic>()
        var all = requestFindings.filter { seen.insert($0).inserted }
        for r in recipients { all += r.diagnostics.filter { seen.insert($0).inserted } }
        let encoding = recipients.first?.encoding ?? text.map { SMSEncoder().analyze($0) }
        var report = Report(
            verdict: Verdict(all), diagnostics: all, recipients: recipients, category: messageCategory,
            text: encoding?.text ?? text, encoding: encoding)
        report.clickTracking = text == nil ? .off : tracking
        if let firstRewrite {
            report.links = firstRewrite.links
            report.originalLength = firstRewrite.originalLength
            report.rewrittenLength = firstRewrite.rewrittenLength
        }
        return report
    }

    /// A problem with the request that becomes a diagnostic.
    struct RequestProblem: Error {
        let diagnostic: Diagnostic
    }

    /// The rewriter for branded click tracking, or the reason there is none. An unusable domain is
    /// reported by the policy's `link.tracking_domain_invalid` check, so it gives no rewriter here.
    func makeRewriter(domain: String?) throws(RequestProblem) -> LinkRewriter? {
        guard let domain, !domain.isEmpty else {
            throw RequestProblem(diagnostic: Diagnostic(
                code: "link.tracking_domain_invalid", severity: .error,
                message: "click tracking is on, but the account has no branded short-link domain",
                fix: "set account.linkDomain in policy.yaml or in the request (for example go.example.com)",
                field: "account.linkDomain"))
        }
        let settings = policy.rules.policy.links
        return try? LinkRewriter(
            .init(domain: domain, codeLength: settings.codeLength, scope: settings.codeScope == .recipient ? .recipient : .campaign),
            detector: policy.linkDetector)
    }

    static func diagnostic(_ error: LinkError) -> Diagnostic { error.diagnostic(field: "body") }

    /// The policy's account settings with the request's overrides.
    func effectiveAccount(_ overrides: AccountOverrides?) -> AccountSettings {
        let base = policy.rules.policy.account
        guard let o = overrides else { return base }
        return AccountSettings(
            enforceCampaignCheck: o.enforceCampaignCheck ?? base.enforceCampaignCheck,
            registeredSenders: o.registeredSenders.map { $0.map { RegisteredSender(mask: $0) } } ?? base.registeredSenders,
            protectedBrands: o.protectedBrands ?? base.protectedBrands,
            linkDomain: o.linkDomain ?? base.linkDomain,
            brandDomains: o.brandDomains ?? base.brandDomains)
    }
}

/// Compiled template files by path, read once per ``Preflight`` value.
final class TemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: Result<Template, TemplateError>] = [:]

    func template(at path: String, base: URL?) -> Result<Template, TemplateError> {
        let resolved = path.hasPrefix("/") || base == nil ? path : base!.appendingPathComponent(path).path
        lock.lock()
        defer { lock.unlock() }
        if let hit = compiled[resolved] { return hit }
        let result: Result<Template, TemplateError>
        do { result = .success(try Template(contentsOf: resolved)) } catch { result = .failure(error) }
        if compiled.count < 10_000 { compiled[resolved] = result }
        return result
    }
}
