import Foundation
import Testing

/// `preflight lint`, `preflight rules` and `preflight config --effective` as users run them. Exit
/// codes (issue #8, the ESLint scheme): 0 clean or warnings only, 1 errors (or warnings under
/// --strict, past --max-warnings, or a patch with --diff), 2 usage or configuration errors.
@Suite("preflight lint")
struct LintCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let clean = "---\nvariables:\n  code: {type: string, maxLength: 8, charset: gsm}\n---\nYour code is <<code>>\n"
    static let warning = "Your order has shipped 📦\n"
    static let error = "Your code is <<code\n"

    @Test func shippedTemplatesLintClean() throws {
        let r = try LintCLI.run(["lint"], in: Self.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("No problems in "), "\(r.stdout)")
    }

    struct Exit: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var arguments: [String]
        var status: Int32
        var testDescription: String { name }
    }

    static let exits: [Exit] = [
        Exit(name: "clean", files: ["Templates/a.sms": clean], arguments: [], status: 0),
        Exit(name: "warnings only", files: ["Templates/a.sms": warning], arguments: [], status: 0),
        Exit(name: "warnings under --strict", files: ["Templates/a.sms": warning], arguments: ["--strict"], status: 1),
        Exit(name: "warnings within --max-warnings", files: ["Templates/a.sms": warning], arguments: ["--max-warnings", "1"], status: 0),
        Exit(name: "warnings past --max-warnings", files: ["Templates/a.sms": warning], arguments: ["--max-warnings", "0"], status: 1),
        Exit(name: "an error", files: ["Templates/a.sms": clean, "Templates/b.sms": error], arguments: [], status: 1),
        Exit(name: "unknown option", files: ["Templates/a.sms": clean], arguments: ["--frobnicate"], status: 2),
        Exit(name: "negative --max-warnings", files: ["Templates/a.sms": clean], arguments: ["--max-warnings", "-1"], status: 2),
        Exit(name: "unknown format", files: ["Templates/a.sms": clean], arguments: ["--format", "xml"], status: 2),
        Exit(name: "missing path", files: ["Templates/a.sms": clean], arguments: ["Nope"], status: 2),
        Exit(name: "no Templates directory", files: ["Other/a.sms": clean], arguments: [], status: 2),
        Exit(name: "invalid configuration", files: ["Templates/a.sms": clean, ".preflight.yml": "version: 1\nseverity: {}\n"], arguments: [], status: 2),
        Exit(name: "missing --config file", files: ["Templates/a.sms": clean], arguments: ["--config", "none.yml"], status: 2),
        Exit(name: "unreadable baseline", files: ["Templates/a.sms": clean, "b.json": "[]"], arguments: ["--baseline", "b.json"], status: 2),
        Exit(name: "missing rules directory", files: ["Templates/a.sms": clean], arguments: ["--rules", "NoRules"], status: 2),
        Exit(name: "patch with --diff", files: ["Templates/a.sms": "It’s here\n"], arguments: ["--diff"], status: 1),
        Exit(name: "no patch with --diff", files: ["Templates/a.sms": clean], arguments: ["--diff"], status: 0),
    ]

    @Test(arguments: exits)
    func exitStatus(_ e: Exit) throws {
        let r = try LintCLI.run(["lint"] + e.arguments, in: try LintCLI.directory(e.files))
        #expect(r.status == e.status, "\(r.stdout)\(r.stderr)")
    }

    @Test func textOutputIsSortedWithSourceLinesAndSummary() throws {
        let dir = try LintCLI.directory(["Templates/b.sms": Self.error, "Templates/a.sms": "Hi 📦\nok ’\n", "Templates/c.sms": Self.clean])
        let r = try LintCLI.run(["lint"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("Templates/a.sms:1:4: warning: '📦' (U+1F4E6 PACKAGE) forces UCS-2"))
        let positions = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Templates/") }.map { $0.split(separator: " ")[0] }
        #expect(positions == ["Templates/a.sms:1:4:", "Templates/a.sms:2:4:", "Templates/b.sms:1:14:"])
        #expect(r.stdout.contains("\n    Your code is <<code\n                 ^\n"))
        #expect(r.stdout.hasSuffix("\n\n3 problems (1 error, 2 warnings) in 2 of 3 files; 1 fixable with --fix.\n"))
    }

    @Test func strictPrintsWarningsAsErrors() throws {
        let r = try LintCLI.run(["lint", "--strict"], in: try LintCLI.directory(["Templates/a.sms": Self.warning]))
        #expect(r.stdout.hasPrefix("Templates/a.sms:1:24: error: "))
    }

    @Test func outputFileIsWrittenBeforeAFailingExit() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": Self.error])
        let written = try LintCLI.run(["lint", "--format", "sarif", "--output", "report.sarif"], in: dir)
        #expect(written.status == 1)
        #expect(written.stdout.isEmpty)
        let data = try Data(contentsOf: dir.appendingPathComponent("report.sarif"))
        let sarif = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
    }

    @Test func formats() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": Self.warning])
        let json = try LintCLI.run(["lint", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect((object["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "encoding.ucs2")
        let github = try LintCLI.run(["lint", "--format", "github"], in: dir)
        #expect(github.stdout.hasPrefix("::warning file=Templates/a.sms,line=1,col=24,title=encoding.ucs2::"))
        let sarif = try LintCLI.run(["lint", "--format", "sarif"], in: dir)
        #expect(sarif.stdout.contains("\"uri\":\"Templates/a.sms\",\"uriBaseId\":\"%SRCROOT%\""))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": Self.warning])
        let (status, terminal) = try LintCLI.runOnTerminal(["lint"], in: dir)
        #expect(status == 0)
        #expect(terminal.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
        let (_, noColor) = try LintCLI.runOnTerminal(["lint"], in: dir, environment: ["NO_COLOR": "1"])
        #expect(!noColor.contains("\u{1B}[") && noColor.contains("warning:"))
        let piped = try LintCLI.run(["lint"], in: dir)
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    @Test func configurationIsFoundWalkingUpAndConfigFlagWins() throws {
        let dir = try LintCLI.directory([
            ".preflight.yml": "version: 1\nseverities:\n  encoding.ucs2: error\n",
            "other.yml": "version: 1\nseverities:\n  encoding.ucs2: off\n",
            "project/Templates/a.sms": Self.warning,
        ])
        let found = try LintCLI.run(["lint", "project/Templates"], in: dir)
        #expect(found.status == 1)
        #expect(found.stdout.contains(": error: '📦'"))
        let inner = try LintCLI.run(["lint"], in: dir.appendingPathComponent("project"))
        #expect(inner.status == 1)
        let flag = try LintCLI.run(["lint", "project/Templates", "--config", "other.yml"], in: dir)
        #expect(flag.status == 0)
        #expect(flag.stdout == "No problems in 1 file.\n")
        let effective = try LintCLI.run(["config", "--effective", "project/Templates"], in: dir)
        #expect(effective.status == 0)
        #expect(effective.stdout.contains("# from: .preflight.yml\n"))
        #expect(effective.stdout.contains("\n  encoding.ucs2: error  # configured; default warning\n"))
    }

    @Test func configurationErrorsPointAtTheLine() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": Self.clean, ".preflight.yml": "version: 1\nseverities:\n  text.crlff: off\n"])
        let r = try LintCLI.run(["lint"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(".preflight.yml:3:3: error: unknown code `text.crlff` [config.invalid]\n      text.crlff: off\n      ^\n"))
        #expect(try LintCLI.run(["config", "--effective"], in: dir).status == 2)
    }

    @Test func includeAndExcludeGlobs() throws {
        let dir = try LintCLI.directory([
            ".preflight.yml": "version: 1\nexclude: [\"Templates/legacy/\"]\n",
            "Templates/a.sms": Self.clean, "Templates/legacy/b.sms": Self.error,
        ])
        #expect(try LintCLI.run(["lint"], in: dir).stdout == "No problems in 1 file.\n")
        #expect(try LintCLI.run(["lint", "Templates/legacy/b.sms"], in: dir).status == 1)
    }

    @Test func rulesDirectoryFromConfigurationAndFlag() throws {
        let dir = try LintCLI.directory([
            "Rules/policy.yaml": "version: 1\naccount:\n  brandDomains: [example.com]\n",
            "Templates/a.sms": "Track: https://parcels.example.net/1\n",
        ])
        #expect(try LintCLI.run(["lint"], in: dir).stdout == "No problems in 1 file.\n")
        let flagged = try LintCLI.run(["lint", "--rules", "Rules"], in: dir)
        #expect(flagged.stdout.contains("[link.unbranded_domain]"))
        try Data("version: 1\nrulesDirectory: Rules\n".utf8).write(to: dir.appendingPathComponent(".preflight.yml"))
        #expect(try LintCLI.run(["lint"], in: dir).stdout.contains("[link.unbranded_domain]"))
    }

    @Test func diffPreviewsAndFixApplies() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": "It’s here\r\nBye\r\n"])
        let diff = try LintCLI.run(["lint", "--diff"], in: dir)
        #expect(diff.status == 1)
        #expect(diff.stdout == "--- a/Templates/a.sms\n+++ b/Templates/a.sms\n@@ -1,2 +1,2 @@\n-It’s here\r\n-Bye\r\n+It's here\n+Bye\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("Templates/a.sms"), encoding: .utf8) == "It’s here\r\nBye\r\n")
        let fix = try LintCLI.run(["lint", "--fix"], in: dir)
        #expect(fix.status == 0)
        #expect(fix.stdout == "No problems in 1 file.\n")
        #expect(fix.stderr == "fixed 1 file\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("Templates/a.sms"), encoding: .utf8) == "It's here\nBye\n")
    }

    @Test func baselineWorkflow() throws {
        let dir = try LintCLI.directory(["Templates/a.sms": Self.warning, "Templates/b.sms": Self.error])
        let write = try LintCLI.run(["lint", "--write-baseline", "lint-baseline.json"], in: dir)
        #expect(write.status == 0)
        #expect(write.stdout == "No problems in 2 files; 2 in the baseline.\n")
        let baseline = try String(contentsOf: dir.appendingPathComponent("lint-baseline.json"), encoding: .utf8)
        #expect(baseline.contains("{\"file\": \"Templates/b.sms\", \"code\": \"template.syntax\", \"line\": \"Your code is <<code\", \"count\": 1}"))
        // A new finding above the old ones: only it is reported.
        try Data(("New 🎁\n" + Self.warning).utf8).write(to: dir.appendingPathComponent("Templates/a.sms"))
        let r = try LintCLI.run(["lint", "--baseline", "lint-baseline.json"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Templates/a.sms:1:5: warning: '🎁'"))
        #expect(r.stdout.hasSuffix("1 problem (0 errors, 1 warning) in 1 of 2 files; 2 in the baseline.\n"))
    }

    @Test func rulesCommandListsTheCatalog() throws {
        let all = try LintCLI.run(["rules"], in: Self.root)
        #expect(all.status == 0)
        #expect(all.stdout.contains("encoding.ucs2 (warning)\n"))
        #expect(all.stdout.contains("text.invisible_character (warning, fixable)\n"))
        #expect(all.stdout.contains("    | Your\\u{200B} code is ready."))
        let one = try LintCLI.run(["rules", "text.crlf", "--format", "json"], in: Self.root)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]])
        #expect(rules.count == 1 && rules[0]["defaultSeverity"] as? String == "warning" && rules[0]["fixable"] as? Bool == true)
        let markdown = try LintCLI.run(["rules", "--format", "markdown"], in: Self.root)
        #expect(markdown.stdout.hasPrefix("| code | default | fix | what it reports |\n| --- | --- | --- | --- |\n| `body.empty` | error |  |"))
        let unknown = try LintCLI.run(["rules", "encoding.ucs3"], in: Self.root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean encoding.ucs2?"))
    }

    @Test func manyFilesAreSortedByName() throws {
        var files: [String: String] = [:]
        for i in 0..<40 { files["Templates/t\(String(format: "%02d", 39 - i)).sms"] = "Hi \(i) 📦\n" }
        let r = try LintCLI.run(["lint", "--format", "github"], in: try LintCLI.directory(files))
        let names = r.stdout.split(separator: "\n").dropLast().map { String($0.split(separator: ",")[0].dropFirst("::warning file=".count)) }
        #expect(names == (0..<40).map { "Templates/t\(String(format: "%02d", $0)).sms" })
    }
}
