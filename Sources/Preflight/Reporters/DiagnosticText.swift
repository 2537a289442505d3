/// Diagnostics as people read them in a terminal:
///
/// ```
/// Templates/otp.sms:3:12: error: unknown filter `shout` [template.unknown_filter]
///     Hi <<name | shout>>!
///                 ^
///     fix: did you mean `upper`? …
/// ```
public enum DiagnosticText {
    /// ANSI colours for severities, used only when `color` is true.
    private static func paint(_ s: String, _ severity: Severity, _ color: Bool) -> String {
        guard color else { return s }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .info: "36"
        }
        return "\u{1B}[1;\(code)m\(s)\u{1B}[0m"
    }

    /// One diagnostic: its header line, the source line with a caret when `source` holds the file's
    /// text, and the fix.
    /// - Parameters:
    ///   - diagnostic: what to print.
    ///   - source: the text of the diagnostic's file, if known.
    ///   - color: whether to colour the severity (only on a terminal, never with `NO_COLOR`).
    public static func format(_ diagnostic: Diagnostic, source: String? = nil, color: Bool = false) -> String {
        let prefix = diagnostic.location.map { "\($0): " } ?? diagnostic.field.map { "\($0): " } ?? ""
        var lines = ["\(prefix)\(paint(diagnostic.severity.rawValue, diagnostic.severity, color)): \(diagnostic.message) [\(diagnostic.code)]"]
        if let source, let location = diagnostic.location,
            let excerpt = SourceExcerpt.lines(of: source, at: location)
        {
            lines += excerpt
        }
        if !diagnostic.fix.isEmpty { lines.append("    fix: \(diagnostic.fix)") }
        return lines.joined(separator: "\n")
    }

    /// Several diagnostics, one block each, sources looked up by file name.
    public static func format(_ diagnostics: [Diagnostic], sources: [String: String] = [:], color: Bool = false) -> String {
        diagnostics.map { format($0, source: $0.location.flatMap { sources[$0.file] }, color: color) }
            .joined(separator: "\n")
    }
}

extension Diagnostic {
    /// Writes the diagnostic as a JSON object: `code`, `severity`, `message`, `fix`, and `file`,
    /// `line`, `column` when it has a location, `field` when it concerns a request field.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("code", code)
        w.field("severity", severity.rawValue)
        w.field("message", message)
        w.field("fix", fix)
        if let location {
            w.field("file", location.file)
            w.field("line", location.line)
            w.field("column", location.column)
        }
        if let field { w.field("field", field) }
        w.endObject()
    }
}

extension Array where Element == Diagnostic {
    /// Writes the diagnostics as a JSON array.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginArray()
        for d in self { d.writeJSON(into: &w) }
        w.endArray()
    }
}
