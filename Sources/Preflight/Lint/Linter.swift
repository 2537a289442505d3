import Foundation
import SMSTemplates

/// A finding of `preflight lint` in one file, with the edits that fix it when it has a safe fix.
public struct LintFinding: Sendable, Hashable {
    /// The finding, severity as configured.
    public var diagnostic: Diagnostic
    /// Replacements in the file that fix it (`--fix`); empty when there is no safe fix.
    public var edits: [LintEdit]

    /// Creates a finding.
    public init(diagnostic: Diagnostic, edits: [LintEdit] = []) {
        self.diagnostic = diagnostic
        self.edits = edits
    }

    /// Whether `--fix` repairs it.
    public var isFixable: Bool { !edits.isEmpty }
}

/// What linting one template file found.
public struct LintFileResult: Sendable, Hashable {
    /// The file as reports name it.
    public var file: String
    /// The file's text, when it could be read (for source excerpts, baselines and fixes).
    public var source: String?
    /// The findings, sorted by line, column and code.
    public var findings: [LintFinding]

    /// Creates a result.
    public init(file: String, source: String?, findings: [LintFinding]) {
        self.file = file
        self.source = source
        self.findings = findings
    }

    /// The diagnostics of ``findings``.
    public var diagnostics: [Diagnostic] { findings.map(\.diagnostic) }

    /// The file with the fixes of every finding applied (``findings`` after configuration and
    /// directives, baselined ones included), when there is one and the fixed file compiles to the
    /// same tags and comments with exactly the fixed literal text; `nil` otherwise. It compiles the
    /// template twice, so it is computed when asked for.
    public var fixedSource: String? {
        let edits = findings.flatMap(\.edits)
        guard !edits.isEmpty, let source, let template = try? Template(source: source, file: file) else { return nil }
        let text = LintSource(source, file: file)
        let fixed = text.applying(edits)
        guard let result = try? Template(source: fixed, file: file),
            result.variables.map(\.name) == template.variables.map(\.name),
            result.comments.map(\.text) == template.comments.map(\.text)
        else { return nil }
        // The literal text must change exactly as the edits say.
        let byOffset = Dictionary(edits.map { ($0.offset, $0) }, uniquingKeysWith: { first, _ in first })
        var expected = String.UnicodeScalarView()
        var skip = 0
        for (scalar, location) in template.literalScalars {
            if skip > 0 {
                skip -= 1
                continue
            }
            if let offset = text.offset(of: location), let edit = byOffset[offset] {
                expected.append(contentsOf: edit.replacement.replacingOccurrences(of: "\\<<", with: "<<").unicodeScalars)
                skip = edit.length - 1
            } else {
                expected.append(scalar)
            }
        }
        return String(expected) == result.literals.joined() ? fixed : nil
    }
}

/// A template file to lint: the path to read and the name reports use.
public struct LintFile: Sendable, Hashable {
    /// The path to read.
    public var path: String
    /// The name in reports (relative to the current directory when the file is under it).
    public var displayPath: String

    /// Creates a file reference.
    public init(path: String, displayPath: String? = nil) {
        self.path = path
        self.displayPath = displayPath ?? path
    }
}

/// The template linter: compile errors, declarations, worst case, encoding, hidden characters,
/// links, opt-out and restricted content, with the configuration's severities and the templates'
/// inline directives applied.
///
/// ```swift
/// let linter = try Linter(configuration: LintConfiguration(baseDirectory: "."), rules: RuleSet.shipped())
/// let result = linter.lint(source: "It’s ready 📦", file: "Templates/ready.sms")
/// result.diagnostics.map(\.code)   // ["encoding.smart_replaceable", "encoding.ucs2"]
/// ```
///
/// Create it once and lint from any thread.
public struct Linter: Sendable {
    /// The configuration in force.
    public let configuration: LintConfiguration
    /// The rules the policy checks use.
    public let rules: RuleSet
    /// Date-pattern lengths and other template-independent analysis results, shared by every file.
    private let analysisCache = AnalysisCache()
    private let policyChecks: LintPolicyChecks
    private let confusables = ConfusableDetector()

    /// Creates a linter.
    /// - Throws: ``LintConfigurationError`` when the rules' shortener or brand domains are not
    ///   domain names.
    public init(configuration: LintConfiguration, rules: RuleSet) throws(LintConfigurationError) {
        self.configuration = configuration
        self.rules = rules
        do {
            let links = try LinkDetector(publicShorteners: rules.policy.shorteners)
            let check = try LinkPolicyCheck(
                shortenerSeverity: .warning, brandDomains: rules.policy.account.brandDomains,
                trackingDomain: rules.policy.account.linkDomain)
            policyChecks = LintPolicyChecks(policy: rules.policy, links: links, linkCheck: check)
        } catch {
            throw LintConfigurationError(diagnostics: [
                Diagnostic(
                    code: LintConfigurationError.code, severity: .error, message: "the rules are not usable for lint: \(error)",
                    fix: "list plain domain names under shorteners and account.brandDomains in policy.yaml")
            ])
        }
    }

    /// Lints a template file, read from `path` and named `file` in the findings.
    public func lint(contentsOf path: String, file: String) -> LintFileResult {
        do {
            return lint(bytes: try TextInput.readBytes(path: path, limit: Template.maxSourceBytes), file: file)
        } catch {
            return unreadable(file, error)
        }
    }

    /// Lints a template file's bytes (`input.invalid` when they are not UTF-8).
    public func lint(bytes: [UInt8], file: String) -> LintFileResult {
        do {
            return lint(source: try TextInput.decode(bytes, path: file), file: file)
        } catch {
            return unreadable(file, error)
        }
    }

    /// Lints a template's text.
    public func lint(source: String, file: String) -> LintFileResult {
        let template: Template
        do {
            template = try Template(source: source, file: file)
        } catch {
            return compileFailure(file: file, source: source, error.diagnostics)
        }
        let lintSource = LintSource(source, file: file)
        var candidates = check(template, source: lintSource)
        let (directives, directiveProblems) = LintDirective.parse(template.comments)
        candidates = configured(candidates)
        let (kept, unused) = LintDirective.apply(directives, to: candidates, configuration: configuration)
        return LintFileResult(file: file, source: source, findings: sorted(kept + configured(unused + directiveProblems)))
    }

    /// Lints files on all cores; the results are in the order of `files`.
    public func lint(_ files: [LintFile]) -> [LintFileResult] {
        let slots = ResultSlots(count: files.count)
        let shared = files
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            slots.set(i, lint(contentsOf: shared[i].path, file: shared[i].displayPath))
        }
        return slots.results
    }

    // MARK: - Checks

    private func check(_ template: Template, source: LintSource) -> [LintCandidate] {
        var found: [LintCandidate] = []
        let analysis = template.analyze(includeExample: false, cache: analysisCache)
        found += analysis.diagnostics.map(LintCandidate.init)
        let text = LintText(template)
        var smartOptions = template.defaultEncodingOptions
        smartOptions.smart = .punctuation
        var literalOffsets = Set<Int>()
        if !source.isASCII {
            for (i, location) in text.locations.enumerated() where !text.isTag[i] {
                if let offset = source.offset(of: location) { literalOffsets.insert(offset) }
            }
        }
        let hidden = LintTextChecks.hiddenCharacters(
            source, literalOffsets: literalOffsets, smart: SMSEncoder(options: smartOptions), into: &found)
        LintTextChecks.crlf(text, source: source, into: &found)
        LintTextChecks.confusables(text, detector: confusables, into: &found)
        LintEncodingCheck(template: template, text: text, source: source, analysis: analysis, confusables: confusables)
            .run(skipping: hidden, into: &found)
        policyChecks.run(template, text: text, analysis: analysis, into: &found)
        return found
    }

    /// The candidates with their configured severity; those turned off are left out.
    private func configured(_ candidates: [LintCandidate]) -> [LintCandidate] {
        candidates.compactMap { candidate in
            guard let severity = configuration.severity(for: candidate.diagnostic.code).diagnosticSeverity else { return nil }
            var c = candidate
            c.diagnostic.severity = severity
            return c
        }
    }

    private func sorted(_ candidates: [LintCandidate]) -> [LintFinding] {
        candidates.map { LintFinding(diagnostic: $0.diagnostic, edits: $0.edits) }.sorted { a, b in
            let l = a.diagnostic.location.map { ($0.line, $0.column) } ?? (0, 0)
            let r = b.diagnostic.location.map { ($0.line, $0.column) } ?? (0, 0)
            return l != r ? l < r : a.diagnostic.code < b.diagnostic.code
        }
    }

    private func unreadable(_ file: String, _ error: InputError) -> LintFileResult {
        compileFailure(file: file, source: nil, [
            Diagnostic(
                code: "input.invalid", severity: .error, message: error.description, fix: error.fix,
                location: SourceLocation(file: file, line: 1, column: 1))
        ])
    }

    private func compileFailure(file: String, source: String?, _ diagnostics: [Diagnostic]) -> LintFileResult {
        LintFileResult(file: file, source: source, findings: sorted(configured(diagnostics.map(LintCandidate.init))))
    }
}

/// One slot per file, filled from several threads (each slot by one thread only).
private final class ResultSlots: @unchecked Sendable {
    private var slots: [LintFileResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ result: LintFileResult) {
        lock.lock()
        slots[i] = result
        lock.unlock()
    }

    var results: [LintFileResult] { slots.map { $0! } }
}
