/// `preflight lint --format sarif`: SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.
///
/// One run; the driver lists every rule of ``LintRules/all`` with its summary, description and
/// help (rationale, default severity, failing and passing example) and default level. Each result
/// has the rule's stable `ruleId` and `ruleIndex`, a level (`error`, `warning`, `note`), the
/// message and fix, a location with a relative `uri` under `%SRCROOT%` (columns in code points,
/// `columnKind: unicodeCodePoints`), and a `partialFingerprints` entry computed from the file,
/// the code and the text of the line, so alerts follow a finding when lines move.
public enum SARIFReporter {
    /// The `$schema` of the output.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The fingerprint key of the results.
    public static let fingerprintKey = "preflightFinding/v1"

    /// The report as a SARIF log (one line of JSON).
    public static func format(_ report: LintReport, toolVersion: String, rules: [LintRule] = LintRules.all) -> String {
        var w = JSONWriter(reservingCapacity: 16 * 1024)
        w.beginObject()
        w.field("$schema", schema)
        w.field("version", "2.1.0")
        w.key("runs")
        w.beginArray()
        w.beginObject()
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.field("name", "preflight")
        w.field("version", toolVersion)
        w.field("semanticVersion", toolVersion)
        w.key("rules")
        w.beginArray()
        for rule in rules { writeRule(rule, into: &w) }
        w.endArray()
        w.endObject()
        w.endObject()
        w.field("columnKind", "unicodeCodePoints")
        w.key("results")
        w.beginArray()
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        for file in report.files {
            let source = file.source.map { LintSource($0, file: file.file) }
            var seen: [String: Int] = [:]
            for finding in file.findings {
                let d = finding.diagnostic
                w.beginObject()
                w.field("ruleId", d.code)
                if let i = index[d.code] { w.field("ruleIndex", i) }
                w.field("level", level(d.severity))
                w.key("message")
                w.beginObject()
                w.field("text", d.fix.isEmpty ? d.message : "\(d.message)\nFix: \(d.fix)")
                w.endObject()
                if let location = d.location {
                    w.key("locations")
                    w.beginArray()
                    w.beginObject()
                    w.key("physicalLocation")
                    w.beginObject()
                    w.key("artifactLocation")
                    w.beginObject()
                    if location.file.hasPrefix("/") {
                        w.field("uri", "file://" + percentEncoded(location.file))
                    } else {
                        w.field("uri", percentEncoded(location.file))
                        w.field("uriBaseId", "%SRCROOT%")
                    }
                    w.endObject()
                    w.key("region")
                    w.beginObject()
                    w.field("startLine", location.line)
                    w.field("startColumn", location.column)
                    w.endObject()
                    w.endObject()
                    w.endObject()
                    w.endArray()
                }
                let key = LintBaseline.key(d, file: file.file, source: source)
                let text = "\(key.file)\u{0}\(key.code)\u{0}\(key.line)"
                let occurrence = seen[text, default: 0]
                seen[text] = occurrence + 1
                w.key("partialFingerprints")
                w.beginObject()
                w.field(fingerprintKey, fingerprint("\(text)\u{0}\(occurrence)"))
                w.endObject()
                w.endObject()
            }
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.string
    }

    private static func writeRule(_ rule: LintRule, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", rule.code)
        w.key("shortDescription")
        w.beginObject()
        w.field("text", rule.summary)
        w.endObject()
        w.key("fullDescription")
        w.beginObject()
        w.field("text", rule.description)
        w.endObject()
        w.key("help")
        w.beginObject()
        w.field("text", helpText(rule))
        w.field("markdown", helpMarkdown(rule))
        w.endObject()
        w.key("defaultConfiguration")
        w.beginObject()
        w.field("level", rule.defaultSeverity.diagnosticSeverity.map(level) ?? "none")
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.key("tags")
        w.beginArray()
        w.value("sms")
        w.value(String(rule.code.prefix { $0 != "." }))
        w.endArray()
        w.endObject()
        w.endObject()
    }

    /// The rule's help as plain text.
    public static func helpText(_ rule: LintRule) -> String {
        """
        \(rule.summary)

        \(rule.description)

        Why: \(rule.rationale)

        Default severity: \(rule.defaultSeverity.rawValue).\(rule.fixable ? " Fixed by preflight lint --fix." : "")

        Reported:
        \(rule.failing.visibleSource)

        Accepted:
        \(rule.passing.visibleSource)
        """
    }

    /// The rule's help as Markdown.
    public static func helpMarkdown(_ rule: LintRule) -> String {
        var policy = ""
        if let yaml = rule.failing.policy {
            policy = "\nWith this `policy.yaml` in the rules directory:\n\n```yaml\n\(yaml.hasSuffix("\n") ? yaml : yaml + "\n")```\n"
        }
        return """
            **\(rule.summary)**

            \(rule.description)

            **Why:** \(rule.rationale)

            Default severity: `\(rule.defaultSeverity.rawValue)`.\(rule.fixable ? " Fixed by `preflight lint --fix`." : "")
            \(policy)
            Reported:

            ```
            \(rule.failing.visibleSource)
            ```

            Accepted:

            ```
            \(rule.passing.visibleSource)
            ```
            """
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A path as a URI reference: every byte but the unreserved characters and `/` percent-encoded
    /// (RFC 3986), so spaces and non-ASCII names stay valid.
    public static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// 64-bit FNV-1a of the UTF-8, as 16 hex digits (stable across runs and machines).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
