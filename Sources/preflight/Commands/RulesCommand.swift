import ArgumentParser
import Preflight

/// `preflight rules`: every lint code with its description, rationale, default severity and a
/// failing and a passing example (the catalog that also feeds the SARIF rule metadata).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every lint code: description, rationale, default severity, failing and passing example.",
        discussion: "Exit codes: 0 listed, 2 an unknown code or usage error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: ArgumentHelp("Codes to show (default: every code).", valueName: "code"))
    var codes: [String] = []

    @Option(name: .long, help: "Output format: text, json or markdown (a table for a README).")
    var format: Format = .text

    func run() throws {
        var rules = LintRules.all
        if !codes.isEmpty {
            rules = try codes.map { code in
                guard let rule = LintRules.rule(code) else {
                    let hint = NameSuggestion.closest(to: code, among: LintRules.codes).map { "did you mean \($0)? " } ?? ""
                    throw CommandFailure("unknown code '\(code)'", fix: hint + "run preflight rules to list every code")
                }
                return rule
            }
        }
        switch format {
        case .text: Output.line(rules.map(Self.text).joined(separator: "\n\n"))
        case .json: Output.line(Self.json(rules))
        case .markdown: Output.line(Self.markdown(rules))
        }
    }

    static func text(_ rule: LintRule) -> String {
        var lines = [
            "\(rule.code) (\(rule.defaultSeverity.rawValue)\(rule.fixable ? ", fixable" : ""))",
            "  \(rule.summary)",
            "  \(rule.description)",
            "  Why: \(rule.rationale)",
        ]
        if let policy = rule.failing.policy {
            lines.append("  With this policy.yaml in the rules directory:")
            lines += policy.split(separator: "\n").map { "    | \($0)" }
        }
        lines.append("  Reported:")
        lines += rule.failing.visibleSource.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }
        lines.append("  Accepted:")
        lines += rule.passing.visibleSource.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }
        return lines.joined(separator: "\n")
    }

    static func json(_ rules: [LintRule]) -> String {
        var w = JSONWriter(reservingCapacity: 16 * 1024)
        w.beginArray()
        for rule in rules {
            w.beginObject()
            w.field("code", rule.code)
            w.field("summary", rule.summary)
            w.field("description", rule.description)
            w.field("rationale", rule.rationale)
            w.field("defaultSeverity", rule.defaultSeverity.rawValue)
            w.field("fixable", rule.fixable)
            w.field("suppressible", rule.isSuppressible)
            for (key, example) in [("failing", rule.failing), ("passing", rule.passing)] {
                w.key(key)
                w.beginObject()
                w.field("source", example.source)
                w.field("policy", example.policy)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        return w.string
    }

    static func markdown(_ rules: [LintRule]) -> String {
        var lines = ["| code | default | fix | what it reports |", "| --- | --- | --- | --- |"]
        for rule in rules {
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(rule.code)` | \(rule.defaultSeverity.rawValue) | \(rule.fixable ? "yes" : "") | \(summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
