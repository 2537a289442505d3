/// The result of a lint run over many files: every finding, sorted by file, line and column.
public struct LintReport: Sendable, Hashable {
    /// Every file checked, sorted by name, each with its findings (baselined ones left out).
    public var files: [LintFileResult]
    /// How many findings a baseline accepted (left out of ``files``).
    public var baselined: Int = 0
    /// Whether `--strict` turned warnings into errors.
    public var isStrict = false

    /// A report over per-file results (sorted by file name here).
    public init(files: [LintFileResult]) {
        self.files = files.sorted { $0.file < $1.file }
    }

    /// Every finding, sorted by file, line and column.
    public var findings: [LintFinding] { files.flatMap(\.findings) }

    /// Every diagnostic, sorted by file, line and column.
    public var diagnostics: [Diagnostic] { findings.map(\.diagnostic) }

    /// The number of error findings.
    public var errorCount: Int { findings.count { $0.diagnostic.severity == .error } }

    /// The number of warning findings.
    public var warningCount: Int { findings.count { $0.diagnostic.severity == .warning } }

    /// The number of files with at least one finding.
    public var filesWithFindings: Int { files.count { !$0.findings.isEmpty } }

    /// The report with every warning reported as an error (`--strict`): the printed severity says
    /// what fails the run.
    public func strict() -> LintReport {
        var report = self
        report.isStrict = true
        for f in report.files.indices {
            for i in report.files[f].findings.indices where report.files[f].findings[i].diagnostic.severity == .warning {
                report.files[f].findings[i].diagnostic.severity = .error
            }
        }
        return report
    }

    /// The report without the findings `baseline` accepts (counted in ``baselined``).
    public func applying(_ baseline: LintBaseline) -> LintReport {
        var report = self
        var remaining = baseline.counts
        for f in report.files.indices {
            let file = report.files[f]
            let source = file.source.map { LintSource($0, file: file.file) }
            report.files[f].findings = file.findings.filter { finding in
                let key = LintBaseline.key(finding.diagnostic, file: file.file, source: source)
                guard let left = remaining[key], left > 0 else { return true }
                remaining[key] = left - 1
                report.baselined += 1
                return false
            }
        }
        return report
    }

    /// The exit status: 1 when there is an error, or more warnings than `maxWarnings`; else 0.
    public func exitStatus(maxWarnings: Int? = nil) -> Int32 {
        if errorCount > 0 { return 1 }
        if let maxWarnings, warningCount > maxWarnings { return 1 }
        return 0
    }

    /// The files whose fixes can be applied, with their fixed text.
    public var fixedFiles: [(file: String, original: String, fixed: String)] {
        files.compactMap { result in
            guard let fixed = result.fixedSource, let original = result.source, fixed != original else { return nil }
            return (result.file, original, fixed)
        }
    }
}
