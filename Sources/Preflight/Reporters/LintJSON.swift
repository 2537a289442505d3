/// `preflight lint --format json`: one JSON object, a stable contract versioned by `schemaVersion`.
///
/// ```json
/// {"schemaVersion":1,"tool":{"name":"preflight","version":"0.1.0"},
///  "summary":{"files":7,"filesWithFindings":1,"errors":0,"warnings":1,"fixable":1,"baselined":0,"strict":false},
///  "diagnostics":[{"file":"Templates/promo.sms","line":3,"column":5,"code":"encoding.smart_replaceable",
///                  "severity":"warning","message":"…","fix":"…","fixable":true}]}
/// ```
public enum LintJSONReporter {
    /// The version of the JSON format.
    public static let schemaVersion = 1

    /// The report as one line of JSON.
    public static func format(_ report: LintReport, toolVersion: String) -> String {
        var w = JSONWriter(reservingCapacity: 1024)
        w.beginObject()
        w.field("schemaVersion", schemaVersion)
        w.key("tool")
        w.beginObject()
        w.field("name", "preflight")
        w.field("version", toolVersion)
        w.endObject()
        w.key("summary")
        w.beginObject()
        w.field("files", report.files.count)
        w.field("filesWithFindings", report.filesWithFindings)
        w.field("errors", report.errorCount)
        w.field("warnings", report.warningCount)
        w.field("fixable", report.findings.count(where: \.isFixable))
        w.field("baselined", report.baselined)
        w.field("strict", report.isStrict)
        w.endObject()
        w.key("diagnostics")
        w.beginArray()
        for finding in report.findings {
            let d = finding.diagnostic
            w.beginObject()
            w.field("file", d.location?.file)
            w.key("line")
            if let line = d.location?.line { w.value(line) } else { w.null() }
            w.key("column")
            if let column = d.location?.column { w.value(column) } else { w.null() }
            w.field("code", d.code)
            w.field("severity", d.severity.rawValue)
            w.field("message", d.message)
            w.field("fix", d.fix)
            w.field("fixable", finding.isFixable)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }
}
