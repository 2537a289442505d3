import Foundation
import Preflight
import Testing

@Suite("lint baseline, fixes and diffs")
struct LintBaselineFixTests {
    static func report(_ files: [String: String]) throws -> LintReport {
        let linter = try LintTesting.linter()
        return LintReport(files: files.map { linter.lint(source: $0.value, file: $0.key) })
    }

    @Test func baselineMatchesOnContentNotLineNumbers() throws {
        let before = try Self.report(["a.sms": "Hi 📦\nBye 🎉", "b.sms": "Fine"])
        let baseline = LintBaseline(report: before)
        #expect(baseline.entries == [
            LintBaseline.Entry(file: "a.sms", code: "encoding.ucs2", line: "Bye 🎉"),
            LintBaseline.Entry(file: "a.sms", code: "encoding.ucs2", line: "Hi 📦"),
        ])
        // Two lines added above: the old findings move but stay accepted; the new one is reported.
        let after = try Self.report(["a.sms": "New 🎁\n\nHi 📦\nBye 🎉", "b.sms": "Fine"]).applying(baseline)
        #expect(after.baselined == 2)
        #expect(after.diagnostics.map { "\($0.location!.line) \($0.code)" } == ["1 encoding.ucs2"])
    }

    @Test func baselineCountsRepeatedFindings() throws {
        let baseline = LintBaseline(report: try Self.report(["a.sms": "It’s ‘ok’"]))
        #expect(baseline.entries == [LintBaseline.Entry(file: "a.sms", code: "encoding.smart_replaceable", line: "It’s ‘ok’", count: 3)])
        let more = try Self.report(["a.sms": "It’s ‘ok’\nIt’s ‘ok’"]).applying(baseline)
        #expect(more.baselined == 3)
        #expect(more.diagnostics.map { $0.location!.line } == [2, 2, 2])
    }

    @Test func baselineFileRoundTrips() throws {
        let baseline = LintBaseline(entries: [
            LintBaseline.Entry(file: "b.sms", code: "text.crlf", line: "say \"hi\""),
            LintBaseline.Entry(file: "a.sms", code: "encoding.ucs2", line: "Hi 📦", count: 2),
        ])
        #expect(baseline.json == """
            {
              "schemaVersion": 1,
              "findings": [
                {"file": "a.sms", "code": "encoding.ucs2", "line": "Hi 📦", "count": 2},
                {"file": "b.sms", "code": "text.crlf", "line": "say \\"hi\\"", "count": 1}
              ]
            }

            """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        try Data(baseline.json.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try LintBaseline.load(path: path) == baseline)
        #expect(LintBaseline(entries: []).json == "{\n  \"schemaVersion\": 1,\n  \"findings\": []\n}\n")
    }

    @Test func badBaselineFilesAreRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        for text in ["{\"schemaVersion\": 2, \"findings\": []}", "[]", "{\"schemaVersion\": 1, \"findings\": [{\"file\": \"a\"}]}"] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: LintBaselineError.self) { try LintBaseline.load(path: path) }
        }
        #expect(throws: LintBaselineError.self) { try LintBaseline.load(path: "/nonexistent/baseline.json") }
    }

    struct Fix: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var fixed: String?
        var testDescription: String { name }
    }

    static let fixes: [Fix] = [
        Fix(name: "smart quotes, dash and ellipsis", source: "It’s “ready” — now…", fixed: "It's \"ready\" - now..."),
        Fix(name: "CR LF to LF", source: "A\r\nB\r\nC", fixed: "A\nB\nC"),
        Fix(name: "zero width space removed", source: "a\u{200B}b", fixed: "ab"),
        Fix(name: "no-break space to space, BOM kept", source: "\u{FEFF}10\u{00A0}km", fixed: "\u{FEFF}10 km"),
        Fix(name: "emoji has no safe fix", source: "Hi 📦", fixed: nil),
        Fix(name: "a fix that would make a tag is refused", source: "a ‹‹b›› c", fixed: nil),
        Fix(name: "fixes next to tags", source: "---\nvariables:\n  n: {maxLength: 5, charset: gsm}\n---\n‘<<n>>’", fixed: "---\nvariables:\n  n: {maxLength: 5, charset: gsm}\n---\n'<<n>>'"),
    ]

    @Test(arguments: fixes)
    func fixedSource(_ f: Fix) throws {
        let result = try LintTesting.linter().lint(source: f.source, file: "t.sms")
        #expect(result.fixedSource == f.fixed)
    }

    @Test func directivesAndConfigurationDecideWhatIsFixed() throws {
        var configuration = LintConfiguration(baseDirectory: "/")
        configuration.severities = ["text.crlf": .off]
        let source = "<<# preflight:disable-next-line encoding.smart_replaceable - house style >>\n“A”\r\n“B”"
        let result = try LintTesting.linter(configuration: configuration).lint(source: source, file: "t.sms")
        #expect(result.fixedSource == "<<# preflight:disable-next-line encoding.smart_replaceable - house style >>\n“A”\r\n\"B\"")
    }

    @Test func unifiedDiff() {
        let original = "l1\nl2\nl3\nIt’s\nl5\nl6\nl7\nl8\nl9\nl10\nl11\n“x”"
        let fixed = "l1\nl2\nl3\nIt's\nl5\nl6\nl7\nl8\nl9\nl10\nl11\n\"x\""
        #expect(LintDiff.unified(file: "T/a.sms", original: original, fixed: fixed) == """
            --- a/T/a.sms
            +++ b/T/a.sms
            @@ -1,7 +1,7 @@
             l1
             l2
             l3
            -It’s
            +It's
             l5
             l6
             l7
            @@ -9,4 +9,4 @@
             l9
             l10
             l11
            -“x”
            \\ No newline at end of file
            +"x"
            \\ No newline at end of file

            """)
        #expect(LintDiff.unified(file: "a", original: "same", fixed: "same") == "")
    }

    @Test func diffKeepsCarriageReturnsOnTheirLines() {
        #expect(LintDiff.unified(file: "a", original: "A\r\nB\r\n", fixed: "A\nB\n") == """
            --- a/a
            +++ b/a
            @@ -1,2 +1,2 @@
            -A\r
            -B\r
            +A
            +B

            """)
    }
}
