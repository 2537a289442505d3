import Foundation

/// The result of rendering a template file: the text and its encoding, the template's worst case,
/// and every diagnostic (compile, render and static analysis).
public struct RenderReport: Sendable {
    /// The rendered text; `nil` when compiling or rendering failed.
    public var text: String?
    /// The encoding of the rendered text.
    public var encoding: EncodingReport?
    /// The static analysis (worst case, UCS-2 causes); `nil` when the template does not compile.
    public var analysis: TemplateAnalysis?
    /// Every finding, in file order.
    public var diagnostics: [Diagnostic]
    /// The template source, for printing source lines under diagnostics.
    public var source: String?
    /// The template file name.
    public var file: String

    /// Whether any diagnostic is an error.
    public var failed: Bool { diagnostics.contains { $0.severity == .error } }

    /// Compiles, analyzes and renders a template.
    /// - Parameters:
    ///   - template: the compiled template, or the error compiling it.
    ///   - values: the variables.
    ///   - options: render options.
    ///   - encoding: encoding options for the text and the worst case (default: the template's).
    public init(
        template: Result<Template, TemplateError>, values: [String: TemplateValue],
        options: RenderOptions = RenderOptions(), encoding: EncodingOptions? = nil
    ) {
        switch template {
        case .failure(let error):
            file = error.diagnostics.first?.location?.file ?? "<template>"
            source = error.source
            diagnostics = error.diagnostics
        case .success(let template):
            file = template.file
            source = template.source
            let analysis = template.analyze(options: encoding)
            self.analysis = analysis
            diagnostics = analysis.diagnostics
            do {
                let text = try template.render(values, options: options)
                self.text = text
                self.encoding = SMSEncoder(options: encoding ?? template.defaultEncodingOptions).analyze(text)
            } catch {
                diagnostics += error.diagnostics
            }
            let used = Set(template.variables.map { $0.path[0] })
            for name in values.keys.sorted() where !used.contains(name) {
                diagnostics.append(
                    Diagnostic(
                        code: "template.unused_variable", severity: .warning,
                        message: "the value given for `\(name)` is not used by the template",
                        fix: "remove it, or check the variable's spelling in the template",
                        field: "variables.\(name)"))
            }
        }
        diagnostics.sort { a, b in
            (a.location?.line ?? 0, a.location?.column ?? 0) < (b.location?.line ?? 0, b.location?.column ?? 0)
        }
    }

    /// The report as JSON: `text`, `encoding`, `parts`, `unitsPerPart`, `units`, `worstCase`
    /// (`{encoding, units, parts, unitsPerPart}` or null when unbounded), `unbounded`, `canBeUCS2`,
    /// `ucs2Causes`, `diagnostics`.
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("text", text)
        EncodingReport.writeSummary(encoding, into: &w)
        w.key("worstCase")
        if let worst = analysis?.worstCase {
            w.beginObject()
            w.field("encoding", worst.encoding.rawValue)
            w.field("units", worst.units)
            w.field("parts", worst.parts)
            w.key("unitsPerPart")
            w.beginArray()
            for u in worst.unitsPerPart { w.value(u) }
            w.endArray()
            w.endObject()
        } else {
            w.null()
        }
        w.key("unbounded")
        w.beginArray()
        for name in analysis?.unboundedVariables ?? [] { w.value(name) }
        w.endArray()
        w.field("canBeUCS2", analysis?.canBeUCS2 ?? false)
        w.key("ucs2Causes")
        w.beginArray()
        for c in analysis?.literalUCS2 ?? [] {
            w.beginObject()
            w.field("character", c.character)
            w.field("file", c.location.file)
            w.field("line", c.location.line)
            w.field("column", c.location.column)
            w.endObject()
        }
        for v in analysis?.variableUCS2 ?? [] {
            w.beginObject()
            w.field("variable", v.name)
            w.field("reason", v.reason)
            w.endObject()
        }
        w.endArray()
        w.key("diagnostics")
        diagnostics.writeJSON(into: &w)
        w.endObject()
        return w.string
    }

    /// The report for people: the text, its encoding and parts, the worst case, what can make it
    /// UCS-2, then the diagnostics with source lines.
    public func humanDescription(color: Bool = false) -> String {
        var out: [String] = []
        if let text { out.append(text) }
        if let encoding {
            out.append("")
            let unit = encoding.encoding == .gsm7 ? "septets" : "UTF-16 units"
            out.append("Encoding:    \(encoding.encoding.rawValue)\(encoding.shiftTables.count > 0 ? " with national language shift tables" : "")")
            out.append("Parts:       \(encoding.partCount) (\(encoding.unitsPerPart.map(String.init).joined(separator: " + ")) \(unit))")
        }
        if let analysis {
            if let worst = analysis.worstCase {
                let unit = worst.encoding == .gsm7 ? "septets" : "UTF-16 units"
                out.append("Worst case:  \(worst.encoding.rawValue), \(worst.parts) part\(worst.parts == 1 ? "" : "s") (\(worst.units) \(unit))")
            } else {
                out.append("Worst case:  unbounded (\(analysis.unboundedVariables.joined(separator: ", ")) without maxLength)")
            }
            if !analysis.literalUCS2.isEmpty {
                let chars = analysis.literalUCS2.prefix(8).map { "\($0.character) (\($0.location.line):\($0.location.column))" }
                out.append("UCS-2:       always, the text has \(chars.joined(separator: ", "))\(analysis.literalUCS2.count > 8 ? " …" : "")")
            }
            for v in analysis.variableUCS2 {
                out.append("UCS-2:       possible through `\(v.name)`: \(v.reason)")
            }
        }
        if !diagnostics.isEmpty {
            out.append("")
            out.append(DiagnosticText.format(diagnostics, sources: source.map { [file: $0] } ?? [:], color: color))
        }
        return out.joined(separator: "\n")
    }
}
