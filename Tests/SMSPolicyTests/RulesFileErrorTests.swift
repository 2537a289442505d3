import Foundation
import PreflightCore
import Testing
@testable import SMSPolicy

@Suite("Rule file errors")
struct RulesFileErrorTests {
    /// A rule file with one problem; `1️⃣` marks where it must be reported.
    struct Case: Sendable, CustomTestStringConvertible {
        enum File: Sendable { case countries, policy }
        let name: String
        let file: File
        let marked: String
        /// Text the message must contain.
        let message: String
        /// Text the fix must contain ("" for any).
        let fix: String

        init(_ name: String, _ file: File, _ marked: String, message: String, fix: String = "") {
            self.name = name
            self.file = file
            self.marked = marked
            self.message = message
            self.fix = fix
        }

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case("YAML syntax: tab indentation", .countries, """
            version: 1
            countries:
            1️⃣\tGB: {}
            """, message: "YAML syntax error"),
        Case("unknown key with a suggestion", .countries, """
            version: 1
            countries:
              GB:
                sender:
                  1️⃣maxLenght: 9
            """, message: "countries.GB.sender: unknown key 'maxLenght'", fix: "Did you mean 'maxLength'?"),
        Case("unknown key in a new country", .countries, """
            version: 1
            countries:
              XK:
                name: Kosovo
                callingCode: 383
                sender: {alphanumeric: allowed}
                1️⃣colour: blue
            """, message: "unknown key 'colour'", fix: "Known keys here: name, callingCode"),
        Case("wrong type: word for an integer", .countries, """
            version: 1
            countries:
              GB:
                sender:
                  maxLength: 1️⃣eleven
            """, message: "expected an integer, found 'eleven'", fix: "an integer"),
        Case("wrong type: quoted integer", .countries, """
            version: 1
            countries:
              GB: {maxParts: 1️⃣"3"}
            """, message: "expected an integer, found a quoted string"),
        Case("wrong type: YAML 1.1 boolean", .countries, """
            version: 1
            countries:
              GB:
                twoWay: 1️⃣yes
            """, message: "expected true or false, found 'yes'"),
        Case("wrong type: list for a mapping", .countries, """
            version: 1
            countries:
              GB:
                links: 1️⃣[true, false]
            """, message: "countries.GB.links: wrong type: expected a mapping, found a list"),
        Case("bad HH:MM", .countries, """
            version: 1
            countries:
              GB:
                quietHours:
                  - allowed: [{from: 1️⃣"8:00", to: "20:00"}]
            """, message: "'8:00' is not a time of day in the form \"HH:MM\""),
        Case("hour 25", .countries, """
            version: 1
            countries:
              GB:
                quietHours: [{allowed: [{from: "08:00", to: 1️⃣"25:00"}]}]
            """, message: "'25:00' is not a time of day"),
        Case("window ends before it starts", .countries, """
            version: 1
            countries:
              GB:
                quietHours: [{allowed: [{from: "20:00", to: 1️⃣"08:00"}]}]
            """, message: "the window ends (08:00) before it starts (20:00)", fix: "crosses midnight"),
        Case("unknown weekday", .countries, """
            version: 1
            countries:
              GB:
                quietHours: [{allowed: [{days: [mon, 1️⃣funday], from: "08:00", to: "20:00"}]}]
            """, message: "countries.GB.quietHours[0].allowed[0].days[1]: unknown value 'funday'",
            fix: "mon, tue, wed, thu, fri, sat, sun"),
        Case("unknown category", .countries, """
            version: 1
            countries:
              GB:
                quietHours: [{categories: [1️⃣promo], allowed: []}]
            """, message: "unknown value 'promo'", fix: "marketing"),
        Case("unknown alphanumeric value", .countries, """
            version: 1
            countries:
              GB:
                sender: {alphanumeric: 1️⃣sometimes}
            """, message: "countries.GB.sender.alphanumeric: unknown value 'sometimes'",
            fix: "allowed, registration_required, not_supported"),
        Case("maxLength out of range", .countries, """
            version: 1
            countries:
              GB:
                sender:
                  maxLength: 1️⃣12
            """, message: "countries.GB.sender.maxLength: 12 is out of range", fix: "from 1 to 11"),
        Case("minLength above maxLength", .countries, """
            version: 1
            countries:
              GB:
                sender: {maxLength: 5, minLength: 1️⃣6}
            """, message: "minLength 6 is greater than maxLength 5"),
        Case("unknown shift table language", .countries, """
            version: 1
            countries:
              TR:
                allowedShiftTables: [tr, 1️⃣xx]
            """, message: "countries.TR.allowedShiftTables[1]: unknown value 'xx'", fix: "tr, es, pt, bn"),
        Case("empty character set", .countries, """
            version: 1
            countries:
              GB:
                sender: {allowedCharacters: 1️⃣""}
            """, message: "an empty character set"),
        Case("new country without callingCode", .countries, """
            version: 1
            countries:
              1️⃣XK:
                name: Kosovo
                sender: {alphanumeric: allowed}
            """, message: "countries.XK: missing key 'callingCode'"),
        Case("country code not ISO", .countries, """
            version: 1
            countries:
              1️⃣gb:
                name: Britain
            """, message: "'gb' is not an ISO 3166-1 alpha-2 country code"),
        Case("region code not a subdivision", .countries, """
            version: 1
            countries:
              US:
                regions:
                  1️⃣florida: {name: Florida}
            """, message: "'florida' is not a subdivision code"),
        Case("missing version", .countries, """
            1️⃣countries: {}
            """, message: "missing 'version'", fix: "version: 1"),
        Case("unsupported version", .countries, """
            version: 1️⃣2
            countries: {}
            """, message: "unsupported version '2'"),
        Case("unknown top-level key", .countries, """
            version: 1
            1️⃣country: {}
            """, message: "unknown top-level key 'country'"),
        Case("not a mapping", .countries, """
            1️⃣- version
            """, message: "the file must be a mapping"),
        Case("duplicate key", .countries, """
            version: 1
            countries:
              1️⃣GB: {}
              GB: {}
            """, message: "duplicate key 'GB'"),
        Case("alias as a key", .countries, """
            version: 1
            countries:
              GB: {notes: &code AR}
              1️⃣*code : {}
            """, message: "an alias cannot be used as a mapping key"),
        Case("unknown check code", .policy, """
            version: 1
            checks:
              1️⃣body.too_lng: {enabled: false}
            """, message: "unknown check code 'body.too_lng'", fix: "Did you mean 'body.too_long'?"),
        Case("unknown severity", .policy, """
            version: 1
            checks:
              body.too_long: {severity: 1️⃣fatal}
            """, message: "checks.body.too_long.severity: unknown value 'fatal'", fix: "info, warning, error"),
        Case("unknown policy key", .policy, """
            version: 1
            body:
              1️⃣maxChars: 10
            """, message: "body: unknown key 'maxChars'", fix: "maxCharacters"),
        Case("shortener with a scheme", .policy, """
            version: 1
            shorteners: [bit.ly, 1️⃣"https://x.io/a"]
            """, message: "shorteners[1]: 'https://x.io/a' is not a bare domain"),
        Case("instruction with another placeholder", .policy, """
            version: 1
            optOut:
              instructions: ["reply {keyword}", 1️⃣"text {word}"]
            """, message: "'text {word}' has a placeholder other than {keyword}"),
        Case("unknown code scope", .policy, """
            version: 1
            links: {codeScope: 1️⃣everyone}
            """, message: "unknown value 'everyone'", fix: "campaign, recipient"),
        Case("code length out of range", .policy, """
            version: 1
            links:
              codeLength: 1️⃣2
            """, message: "links.codeLength: 2 is out of range"),
        Case("default region not ISO", .policy, """
            version: 1
            defaultRegion: 1️⃣UK1
            """, message: "'UK1' is not an ISO 3166-1 alpha-2 country code"),
        Case("registered sender for a bad country", .policy, """
            version: 1
            account:
              registeredSenders:
                - {mask: ACME, countries: [GB, 1️⃣uk]}
            """, message: "'uk' is not an ISO 3166-1 alpha-2 country code"),
    ]

    @Test(arguments: cases)
    func problemIsReportedAtItsPosition(_ testCase: Case) throws {
        let marked = MarkedText(testCase.marked)
        let problems = testCase.file == .countries ? ruleProblems(countries: marked.text) : ruleProblems(policy: marked.text)
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.code == "rules.invalid")
        #expect(problem.severity == .error)
        #expect(problem.location?.file == (testCase.file == .countries ? "countries.yaml" : "policy.yaml"))
        #expect(problem.location?.line == marked.line)
        #expect(problem.location?.column == marked.column)
        #expect(problem.message.contains(testCase.message), "\(problem.message)")
        #expect(testCase.fix.isEmpty || problem.fix.contains(testCase.fix), "\(problem.fix)")
    }

    @Test func everyProblemIsCollected() {
        let problems = ruleProblems(countries: """
            version: 1
            countries:
              GB:
                sender: {maxLength: 40, alphanumeric: maybe}
                twoWay: no
              FR:
                colour: blue
                quietHours: [{allowed: [{from: "9", to: "10:00"}]}]
            """)
        #expect(problems.map { "\($0.location!.line):\($0.location!.column)" } == ["4:25", "4:43", "5:13", "7:5", "8:36"])
    }

    @Test func problemsOfBothFilesAreCollected() {
        let problems = ruleProblems(countries: "version: 1\ncountries: {GB: {twoWay: 1}}\n", policy: "version: 3\n")
        #expect(problems.map(\.location!.file) == ["countries.yaml", "policy.yaml"])
    }

    /// A YAML document nested deeper than libyaml's limit is an error, not a stack overflow.
    @Test func deepNestingIsAnError() {
        let problems = ruleProblems(countries: "version: 1\ncountries: " + String(repeating: "[", count: 5000))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("YAML syntax error") == true)
    }

    /// Anchors and aliases that expand to billions of values stop at the value budget.
    @Test func aliasExpansionIsBounded() {
        let days = "&d [" + Array(repeating: "mon", count: 1000).joined(separator: ", ") + "]"
        let windows = "&w [{days: \(days), from: \"08:00\", to: \"20:00\"}" + String(repeating: ", {days: *d, from: \"08:00\", to: \"20:00\"}", count: 999) + "]"
        let rules = "[{allowed: \(windows)}" + String(repeating: ", {allowed: *w}", count: 999) + "]"
        let problems = ruleProblems(countries: "version: 1\ncountries:\n  GB:\n    quietHours: \(rules)\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("expands to more than 1000000 values") == true)
    }

    /// Aliases as keys would make Yams hash an exponentially large tree; they are refused first.
    @Test func aliasKeyBombIsRefusedBeforeParsing() {
        var text = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "m: {*a8 : 1, x: 3}\n"
        let problems = ruleProblems(countries: text)
        #expect(problems.count == 1)
        #expect(problems.first?.location?.line == 11)
        #expect(problems.first?.location?.column == 5)
    }

    @Test func invalidUTF8IsReportedAtItsLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(
            "countries.yaml", bytes: Array("version: 1\ncountries:\n  GB:\n    name: Gr".utf8) + [0xFF] + Array("\n".utf8))
        #expect(throws: RulesError.self) { try RuleSet.load(directory: directory.url, over: RuleSet.shipped()) }
        do {
            _ = try RuleSet.load(directory: directory.url, over: RuleSet.shipped())
        } catch {
            let problem = try #require(error.diagnostics.first)
            #expect(problem.message.contains("not valid UTF-8"))
            #expect(problem.location?.line == 4)
            #expect(problem.location?.column == 13)
            #expect(problem.location?.file.hasSuffix("/countries.yaml") == true)
        }
    }

    @Test func fileOver16MiBIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("policy.yaml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("version: 1\n".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(16 * 1024 * 1024 + 1))
        try handle.close()
        do {
            _ = try RuleSet.load(directory: directory.url, over: RuleSet.shipped())
            Issue.record("a 16 MiB + 1 byte file loaded")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.message.contains("16 MiB") == true)
        }
    }

    struct DirectoryCase: Sendable, CustomTestStringConvertible {
        let name: String
        let files: [String: String]
        let message: String
        var testDescription: String { name }
    }

    static let directoryCases: [DirectoryCase] = [
        DirectoryCase(name: "no rule files", files: ["notes.txt": "hello"], message: "holds neither countries.yaml nor policy.yaml"),
        DirectoryCase(name: "empty policy file", files: ["policy.yaml": ""], message: "the file must be a mapping"),
    ]

    @Test(arguments: directoryCases)
    func directoryProblem(_ testCase: DirectoryCase) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (name, text) in testCase.files { try directory.write(name, text) }
        do {
            _ = try RuleSet.load(directory: directory.url, over: RuleSet.shipped())
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["rules.invalid"])
            #expect(error.diagnostics.first?.message.contains(testCase.message) == true, "\(error)")
        }
    }

    @Test func missingDirectoryIsAnError() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-preflight-rules-\(UUID().uuidString)")
        #expect(throws: RulesError.self) { try RuleSet.load(directory: missing, over: RuleSet.shipped()) }
    }
}
