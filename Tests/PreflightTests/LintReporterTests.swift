import Foundation
import Preflight
import Testing

/// Golden output of every format for one fixed report (built by hand, not by the linter). The
/// golden files are written by hand from the formats' specifications: SARIF 2.1.0 (OASIS), GitHub
/// workflow commands, and the text and JSON contracts of issue #8.
@Suite("lint reporters")
struct LintReporterTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func goldenText(_ name: String) throws -> String {
        let text = try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static let report: LintReport = {
        let otp = Diagnostic(
            code: "template.unknown_filter", severity: .error, message: "unknown filter `shout`", fix: "did you mean `trim`?",
            location: SourceLocation(file: "Templates/otp.sms", line: 1, column: 21))
        let promo = Diagnostic(
            code: "encoding.smart_replaceable", severity: .warning, message: "'’' (U+2019 RIGHT SINGLE QUOTATION MARK) forces UCS-2",
            fix: "write `'`", location: SourceLocation(file: "Templates/promo.sms", line: 1, column: 16))
        return LintReport(files: [
            LintFileResult(
                file: "Templates/promo.sms", source: "Hi <<name>>, it’s 20% off\nReply STOP to opt out",
                findings: [LintFinding(diagnostic: promo, edits: [LintEdit(offset: 15, length: 1, replacement: "'")])]),
            LintFileResult(file: "Templates/otp.sms", source: "Your code: <<code | shout>>", findings: [LintFinding(diagnostic: otp)]),
            LintFileResult(file: "Templates/clean.sms", source: "Hello", findings: []),
        ])
    }()

    static let rules = [
        LintRule(
            code: "template.unknown_filter", summary: "A tag uses an unknown filter.", description: "The filter name is not one of the filters.",
            rationale: "The template cannot be compiled.", defaultSeverity: .error,
            failing: LintExample("<<code | shout>>"), passing: LintExample("<<code | upper>>")),
        LintRule(
            code: "encoding.smart_replaceable", summary: "A character has a GSM-7 look-alike.", description: "Smart encoding replaces it.",
            rationale: "UCS-2 costs more.", defaultSeverity: .warning, fixable: true,
            failing: LintExample("it\u{200B}’s"), passing: LintExample("it's")),
    ]

    @Test func text() throws {
        #expect(LintTextReporter.format(Self.report) == (try Self.goldenText("lint.txt")))
    }

    @Test func textColoursOnlyWhenAsked() {
        let plain = LintTextReporter.format(Self.report, color: false)
        #expect(!plain.contains("\u{1B}["))
        let colored = LintTextReporter.format(Self.report, color: true)
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m: unknown filter"))
        #expect(colored.hasSuffix("\u{1B}[1;31m2 problems (1 error, 1 warning) in 2 of 3 files; 1 fixable with --fix.\u{1B}[0m"))
    }

    @Test func json() throws {
        #expect(LintJSONReporter.format(Self.report, toolVersion: "9.9.9") == (try Self.goldenText("lint.json")))
    }

    @Test func github() throws {
        #expect(GitHubReporter.format(Self.report) == (try Self.goldenText("lint.github.txt")))
    }

    @Test func sarif() throws {
        let output = SARIFReporter.format(Self.report, toolVersion: "9.9.9", rules: Self.rules)
        let actual = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(try Self.goldenText("lint.sarif").utf8)) as? NSDictionary
        #expect(actual != nil && actual == expected)
    }

    /// What GitHub code scanning requires of an upload (SARIF 2.1.0 with its documented subset):
    /// version, one run with the tool's name, rules with stable ids and help, results whose ruleId
    /// is a rule, levels from the SARIF enumeration, relative URIs and positive lines.
    @Test func sarifWithTheWholeCatalogIsValidForCodeScanning() throws {
        let report = LintReport(files: [try LintTesting.linter().lint(source: "It’s 📦 https://bit.ly/x\r\nok", file: "Templates/my promo.sms")])
        let output = SARIFReporter.format(report, toolVersion: "1.0.0")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect(root["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "preflight")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == LintRules.codes)
        for rule in rules {
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false && help["markdown"]?.isEmpty == false)
            #expect(["error", "warning", "note", "none"].contains((rule["defaultConfiguration"] as? [String: String])?["level"] ?? ""))
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)  // ’, 📦, bit.ly, CR LF
        for result in results {
            let id = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == id)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: String])
            #expect(artifact["uri"] == "Templates/my%20promo.sms")
            #expect(artifact["uriBaseId"] == "%SRCROOT%")
            #expect(((location["region"] as? [String: Int])?["startLine"] ?? 0) >= 1)
        }
        let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] }
        #expect(Set(fingerprints).count == results.count)
    }

    struct Escape: CustomTestStringConvertible, Sendable {
        var input: String
        var data: String
        var property: String
        var testDescription: String { input }
    }

    /// The escapes of GitHub's actions/toolkit (`escapeData`, `escapeProperty` in command.ts).
    @Test(arguments: [
        Escape(input: "100%", data: "100%25", property: "100%25"),
        Escape(input: "a\r\nb", data: "a%0D%0Ab", property: "a%0D%0Ab"),
        Escape(input: "a:b,c", data: "a:b,c", property: "a%3Ab%2Cc"),
    ])
    func githubEscapes(_ e: Escape) {
        #expect(GitHubReporter.escapeData(e.input) == e.data)
        #expect(GitHubReporter.escapeProperty(e.input) == e.property)
    }

    @Test func strictReportsWarningsAsErrors() {
        let strict = Self.report.strict()
        #expect(strict.errorCount == 2 && strict.warningCount == 0)
        #expect(strict.exitStatus() == 1)
        #expect(LintTextReporter.summaryLine(strict) == "2 problems (2 errors, 0 warnings) in 2 of 3 files; 1 fixable with --fix; --strict: warnings are errors.")
    }

    @Test func exitStatusAndMaxWarnings() {
        let warningsOnly = LintReport(files: Self.report.files.filter { $0.file == "Templates/promo.sms" })
        #expect(warningsOnly.exitStatus() == 0)
        #expect(warningsOnly.exitStatus(maxWarnings: 1) == 0)
        #expect(warningsOnly.exitStatus(maxWarnings: 0) == 1)
        #expect(LintTextReporter.summaryLine(warningsOnly, maxWarnings: 0)
            == "1 problem (0 errors, 1 warning) in 1 of 1 file; 1 fixable with --fix; too many warnings: 1, at most 0 allowed.")
        #expect(LintTextReporter.summaryLine(LintReport(files: [])) == "No problems in 0 files.")
    }
}
