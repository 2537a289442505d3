/// `preflight lint --format text`: one block per finding, as compilers print them
/// (`file:line:column: severity: message [code]`, the source line with a caret, the fix), then a
/// summary line.
public enum LintTextReporter {
    /// The report as text.
    /// - Parameters:
    ///   - report: what the run found.
    ///   - color: whether to colour severities and the summary (only on a terminal, never with
    ///     `NO_COLOR`).
    ///   - maxWarnings: the `--max-warnings` limit, to say when it is exceeded.
    public static func format(_ report: LintReport, color: Bool = false, maxWarnings: Int? = nil) -> String {
        var blocks: [String] = []
        for file in report.files {
            for finding in file.findings {
                blocks.append(DiagnosticText.format(finding.diagnostic, source: file.source, color: color))
            }
        }
        let summary = summaryLine(report, maxWarnings: maxWarnings)
        let painted = color ? paint(summary, report) : summary
        return blocks.isEmpty ? painted : blocks.joined(separator: "\n") + "\n\n" + painted
    }

    /// The last line: problems by severity and files, fixable and baselined counts, and the
    /// `--max-warnings` verdict.
    public static func summaryLine(_ report: LintReport, maxWarnings: Int? = nil) -> String {
        let files = report.files.count
        let fileWord = files == 1 ? "file" : "files"
        var parts: [String] = []
        let total = report.errorCount + report.warningCount
        if total == 0 {
            parts.append("No problems in \(files) \(fileWord)")
        } else {
            let errors = "\(report.errorCount) error\(report.errorCount == 1 ? "" : "s")"
            let warnings = "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")"
            parts.append("\(total) problem\(total == 1 ? "" : "s") (\(errors), \(warnings)) in \(report.filesWithFindings) of \(files) \(fileWord)")
        }
        let fixable = report.findings.count(where: \.isFixable)
        if fixable > 0 { parts.append("\(fixable) fixable with --fix") }
        if report.baselined > 0 { parts.append("\(report.baselined) in the baseline") }
        if report.isStrict, total > 0 { parts.append("--strict: warnings are errors") }
        if let maxWarnings, report.warningCount > maxWarnings {
            parts.append("too many warnings: \(report.warningCount), at most \(maxWarnings) allowed")
        }
        return parts.joined(separator: "; ") + "."
    }

    private static func paint(_ line: String, _ report: LintReport) -> String {
        let code = report.errorCount > 0 ? "1;31" : report.warningCount > 0 ? "1;33" : "1;32"
        return "\u{1B}[\(code)m\(line)\u{1B}[0m"
    }
}
