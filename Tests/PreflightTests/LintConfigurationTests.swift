import Foundation
import Preflight
import Testing

@Suite("lint configuration, globs and file discovery")
struct LintConfigurationTests {
    @Test func readsEveryKey() throws {
        let text = """
            version: 1
            rulesDirectory: Rules
            include: ["Templates/**/*.sms"]
            exclude: "legacy/"
            severities:
              encoding.ucs2: off
              text.crlf: error
            """
        let c = try LintConfiguration.parse(text, file: ".preflight.yml", baseDirectory: "/repo")
        #expect(c.file == ".preflight.yml")
        #expect(c.rulesDirectory == "/repo/Rules")
        #expect(c.include == ["Templates/**/*.sms"])
        #expect(c.exclude == ["legacy/"])
        #expect(c.severity(for: "encoding.ucs2") == .off)
        #expect(c.severity(for: "text.crlf") == .error)
        #expect(c.severity(for: "text.bidi_control") == .error)  // the default
        #expect(c.severity(for: "template.unused_variable") == .warning)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let bad: [Bad] = [
        Bad(text: "rulesDirectory: Rules", line: 1, column: 1, message: "the configuration has no `version` key"),
        Bad(text: "version: 2", line: 1, column: 10, message: "unsupported configuration version `2`"),
        Bad(text: "version: 1\nseverity:\n  encoding.ucs2: off", line: 2, column: 1, message: "unknown key `severity`"),
        Bad(text: "version: 1\nrules:\n  encoding.ucs2: off", line: 2, column: 1, message: "unknown key `rules`"),
        Bad(text: "version: 1\nseverities:\n  encoding.ucs3: off", line: 3, column: 3, message: "unknown code `encoding.ucs3`"),
        Bad(text: "version: 1\nseverities:\n  encoding.ucs2: info", line: 3, column: 18, message: "`info` is not a severity"),
        Bad(text: "version: 1\nexclude: [\"a/**b\"]", line: 2, column: 11, message: "invalid glob `a/**b`: ** must be a whole path segment (a/**/b)"),
        Bad(text: "version: 1\ninclude: [**/*.sms]", line: 2, column: 12, message: "YAML syntax error:"),
        Bad(text: "- version: 1", line: 1, column: 1, message: "the configuration must be a mapping"),
        Bad(text: "version: 1\nx: &x a\n*x : b", line: 3, column: 1, message: "an alias cannot be used as a mapping key"),
    ]

    @Test(arguments: bad)
    func problemsHaveLineAndColumn(_ b: Bad) {
        #expect(throws: LintConfigurationError.self) {
            try LintConfiguration.parse(b.text, file: "c.yml", baseDirectory: "/")
        }
        do {
            _ = try LintConfiguration.parse(b.text, file: "c.yml", baseDirectory: "/")
        } catch {
            let d = error.diagnostics.first
            #expect(d?.code == "config.invalid")
            #expect(d?.message.hasPrefix(b.message) == true, "\(String(describing: d?.message))")
            #expect(d?.location == SourceLocation(file: "c.yml", line: b.line, column: b.column))
        }
    }

    @Test func unknownCodesSuggestTheNearest() throws {
        do {
            _ = try LintConfiguration.parse("version: 1\nseverities:\n  text.crlff: off", file: "c.yml", baseDirectory: "/")
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.first?.fix.hasPrefix("did you mean `text.crlf`?") == true)
            #expect(error.formatted.contains("    text.crlff: off\n      ^"))
        }
    }

    @Test func effectiveYAMLListsEveryCodeAndReadsBack() throws {
        var c = LintConfiguration(baseDirectory: "/repo")
        c.severities = ["encoding.ucs2": .off]
        let yaml = c.effectiveYAML
        #expect(yaml.contains("  encoding.ucs2: off  # configured; default warning"))
        #expect(yaml.contains("  text.bidi_control: error\n"))
        for code in LintRules.codes { #expect(yaml.contains("  \(code): "), "\(code)") }
        let back = try LintConfiguration.parse(yaml, file: "e.yml", baseDirectory: "/repo")
        #expect(back.severities.count == LintRules.codes.count)
        #expect(back.severity(for: "encoding.ucs2") == .off)
    }

    @Test func findWalksUpToTheNearestFile() throws {
        let root = try LintTesting.temporaryDirectory()
        try LintTesting.write([".preflight.yml": "version: 1\n", "a/.preflight.yml": "version: 1\n", "a/b/c/x.sms": "Hi"], in: root)
        #expect(LintConfiguration.find(from: root.appendingPathComponent("a/b/c").path) == root.appendingPathComponent("a/.preflight.yml").standardizedFileURL.path)
        #expect(LintConfiguration.find(from: root.path) == root.appendingPathComponent(".preflight.yml").standardizedFileURL.path)
    }

    struct Glob: CustomTestStringConvertible, Sendable {
        var pattern: String
        var path: String
        var matches: Bool
        var excludes: Bool
        var testDescription: String { "\(pattern) ~ \(path)" }
    }

    static let globs: [Glob] = [
        Glob(pattern: "**/*.sms", path: "a.sms", matches: true, excludes: true),
        Glob(pattern: "**/*.sms", path: "Templates/x/a.sms", matches: true, excludes: true),
        Glob(pattern: "**/*.sms", path: "Templates/a.txt", matches: false, excludes: false),
        Glob(pattern: "*.sms", path: "deep/down/a.sms", matches: true, excludes: true),
        Glob(pattern: "Templates/*.sms", path: "Templates/a.sms", matches: true, excludes: true),
        Glob(pattern: "Templates/*.sms", path: "Templates/x/a.sms", matches: false, excludes: false),
        Glob(pattern: "Templates/**", path: "Templates/x/a.sms", matches: true, excludes: true),
        Glob(pattern: "/a.sms", path: "x/a.sms", matches: false, excludes: false),
        Glob(pattern: "legacy/", path: "Templates/legacy/a.sms", matches: false, excludes: true),
        Glob(pattern: "legacy", path: "Templates/legacy/a.sms", matches: false, excludes: true),
        Glob(pattern: "t?.sms", path: "t1.sms", matches: true, excludes: true),
        Glob(pattern: "t?.sms", path: "t12.sms", matches: false, excludes: false),
        Glob(pattern: "a/**/b.sms", path: "a/b.sms", matches: true, excludes: true),
        Glob(pattern: "a/**/b.sms", path: "a/x/y/b.sms", matches: true, excludes: true),
    ]

    @Test(arguments: globs)
    func globMatching(_ g: Glob) {
        #expect(LintGlob(g.pattern).matches(g.path) == g.matches)
        #expect(LintGlob(g.pattern).matchesPathOrParent(g.path) == g.excludes)
    }

    @Test func discoveryIsRecursiveFilteredSortedAndExplicitFilesBypassExcludes() throws {
        let root = try LintTesting.temporaryDirectory()
        try LintTesting.write([
            "Templates/b.sms": "b", "Templates/a.sms": "a", "Templates/sub/c.sms": "c", "Templates/notes.txt": "n",
            "Templates/.hidden/d.sms": "d", "Templates/legacy/e.sms": "e",
        ], in: root)
        var c = LintConfiguration(baseDirectory: root.path)
        c.exclude = ["legacy/"]
        let files = try LintFileFinder.files(for: ["Templates"], configuration: c, currentDirectory: root.path)
        #expect(files.map(\.displayPath) == ["Templates/a.sms", "Templates/b.sms", "Templates/sub/c.sms"])
        let named = try LintFileFinder.files(
            for: ["Templates/legacy/e.sms", "Templates/notes.txt", "Templates/a.sms", "Templates"], configuration: c,
            currentDirectory: root.path)
        #expect(named.map(\.displayPath) == [
            "Templates/a.sms", "Templates/b.sms", "Templates/legacy/e.sms", "Templates/notes.txt", "Templates/sub/c.sms",
        ])
        #expect(throws: LintPathError.self) {
            try LintFileFinder.files(for: ["Nope"], configuration: c, currentDirectory: root.path)
        }
    }
}
