import Foundation
import SMSTemplates

/// An inline directive from a template comment:
/// `<<# preflight:disable-next-line encoding.ucs2, text.confusable - why >>` or
/// `<<# preflight:disable-line CODE - why >>`. Directives only disable: nothing can be enabled
/// inline, so what the configuration turns off stays off.
struct LintDirective {
    /// The codes disabled.
    var codes: [String]
    /// The lines where they are disabled.
    var lines: ClosedRange<Int>
    /// Where the comment is.
    var location: SourceLocation
    /// `disable-line` or `disable-next-line`.
    var kind: String

    static let prefix = "preflight:"

    /// The directives of the comments, and the problems of malformed ones (`lint.invalid_directive`).
    static func parse(_ comments: [TemplateComment]) -> ([LintDirective], [LintCandidate]) {
        var directives: [LintDirective] = []
        var problems: [LintCandidate] = []
        for comment in comments where comment.text.hasPrefix(prefix) {
            func problem(_ message: String, _ fix: String) {
                problems.append(LintCandidate("lint.invalid_directive", message, fix: fix, at: comment.location))
            }
            let body = comment.text.dropFirst(prefix.count).drop(while: \.isWhitespace)
            let kind = String(body.prefix { !$0.isWhitespace })
            var rest = Substring(body.dropFirst(kind.count))
            let lines: ClosedRange<Int>
            switch kind {
            case "disable-line":
                lines = comment.location.line...comment.endLine
            case "disable-next-line":
                lines = (comment.endLine + 1)...(comment.endLine + 1)
            default:
                if kind.hasPrefix("enable") {
                    problem("`preflight:\(kind)`: directives cannot enable a check",
                            "what the configuration turns off stays off; change its severity in .preflight.yml instead")
                } else {
                    problem("unknown directive `preflight:\(kind)`", "write preflight:disable-line or preflight:disable-next-line, the codes, then - and the reason")
                }
                continue
            }
            var reason = ""
            if let dash = rest.range(of: " -") {
                reason = rest[dash.upperBound...].trimmingCharacters(in: .whitespaces)
                rest = rest[..<dash.lowerBound]
            }
            var codes: [String] = []
            for code in rest.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) {
                if LintRules.rule(code) == nil {
                    let hint = NameSuggestion.closest(to: code, among: LintRules.codes).map { "did you mean `\($0)`? " } ?? ""
                    problem("unknown code `\(code)` in `preflight:\(kind)`", hint + "`preflight rules` lists every code")
                } else if LintRules.compileCodes.contains(code) {
                    problem("`\(code)` cannot be disabled: a template that does not compile is not checked",
                            "fix the template instead")
                } else {
                    codes.append(code)
                }
            }
            if rest.split(whereSeparator: { $0 == "," || $0.isWhitespace }).isEmpty {
                problem("`preflight:\(kind)` names no code", "write the codes it disables: preflight:\(kind) encoding.ucs2 - why")
                continue
            }
            if reason.isEmpty {
                problem("`preflight:\(kind)` gives no reason", "add ` - ` and why the finding is accepted after the codes")
            }
            if !codes.isEmpty {
                directives.append(LintDirective(codes: codes, lines: lines, location: comment.location, kind: kind))
            }
        }
        return (directives, problems)
    }

    /// Removes the findings the directives disable, and reports each directive code that disabled
    /// nothing (`lint.unused_directive`), naming the codes that the configuration turned off.
    static func apply(
        _ directives: [LintDirective], to findings: [LintCandidate], configuration: LintConfiguration
    ) -> (kept: [LintCandidate], unused: [LintCandidate]) {
        guard !directives.isEmpty else { return (findings, []) }
        var used = Array(repeating: Set<String>(), count: directives.count)
        var kept: [LintCandidate] = []
        for finding in findings {
            let code = finding.diagnostic.code
            guard let line = finding.diagnostic.location?.line,
                let i = directives.firstIndex(where: { $0.lines.contains(line) && $0.codes.contains(code) })
            else {
                kept.append(finding)
                continue
            }
            used[i].insert(code)
        }
        var unused: [LintCandidate] = []
        for (i, directive) in directives.enumerated() {
            for code in directive.codes where !used[i].contains(code) {
                let target = directive.lines.lowerBound == directive.lines.upperBound
                    ? "line \(directive.lines.lowerBound)" : "lines \(directive.lines.lowerBound)-\(directive.lines.upperBound)"
                let why = configuration.severity(for: code) == .off ? " (the configuration turns it off)" : ""
                unused.append(LintCandidate(
                    "lint.unused_directive", "`\(code)` is disabled on \(target) but reports nothing there\(why)",
                    fix: "remove `\(code)` from the directive", at: directive.location))
            }
        }
        return (kept, unused)
    }
}
