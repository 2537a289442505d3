import Foundation

/// `preflight lint --format github`: GitHub Actions workflow commands, which the runner turns into
/// annotations on the pull request's files (`::error file=…,line=…,col=…,title=…::message`),
/// then the summary line.
public enum GitHubReporter {
    /// The report as workflow commands, one per finding, and the summary line.
    public static func format(_ report: LintReport, maxWarnings: Int? = nil) -> String {
        var lines: [String] = []
        for finding in report.findings {
            let d = finding.diagnostic
            let command = switch d.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            var properties: [String] = []
            if let location = d.location {
                properties.append("file=\(escapeProperty(location.file))")
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(escapeProperty(d.code))")
            lines.append("::\(command) \(properties.joined(separator: ","))::\(escapeData(d.message + "\nfix: " + d.fix))")
        }
        lines.append(LintTextReporter.summaryLine(report, maxWarnings: maxWarnings))
        return lines.joined(separator: "\n")
    }

    /// A message: `%`, CR and LF escaped (GitHub's actions/toolkit `escapeData`).
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as ``escapeData(_:)``, and `:` and `,` escaped too (`escapeProperty`).
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
