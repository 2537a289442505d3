import Foundation
import Testing

@Suite("preflight render")
struct RenderCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func template(_ text: String) throws -> String {
        try CLI.temporaryFile(Array(text.utf8))
    }

    @Test func rendersTextWithEncodingAndWorstCase() throws {
        let path = try Self.template("---\nvariables:\n  code: {maxLength: 6, charset: gsm}\n---\nYour code is <<code>>\n")
        let r = try CLI.run(["render", path, "--var", "code=123456"])
        #expect(r.status == 0)
        // 13 + 6 septets; worst case 13 + 6 × 2 (each value character may be an escape pair).
        #expect(r.stdout == """
            Your code is 123456

            Encoding:    GSM-7
            Parts:       1 (19 septets)
            Worst case:  GSM-7, 1 part (25 septets)

            """)
    }

    @Test func jsonContract() throws {
        let path = try Self.template("Hi <<name | default:\"there\">>, Привет")
        let r = try CLI.run(["render", path, "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "Hi there, Привет")
        #expect(object["encoding"] as? String == "UCS-2")
        #expect(object["parts"] as? Int == 1)
        #expect(object["unitsPerPart"] as? [Int] == [16])
        #expect(object["worstCase"] is NSNull)  // `name` is not declared, so it is unbounded
        #expect(object["unbounded"] as? [String] == ["name"])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["template.unbounded_variable"])
        #expect(diagnostics.first?["line"] as? Int == 1)
        #expect(diagnostics.first?["column"] as? Int == 4)
    }

    @Test func compileErrorsPrintTheSourceLineAndExit1() throws {
        let path = try Self.template("Hi <<name | shout>>!\n")
        let r = try CLI.run(["render", path, "--var", "name=Ana"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("""
            \(path):1:13: error: unknown filter `shout` [template.unknown_filter]
                Hi <<name | shout>>!
                            ^
            """))
    }

    @Test func undefinedVariablesExit1WithEveryPosition() throws {
        let path = try Self.template("<<a>> and\n  <<b>>")
        let r = try CLI.run(["render", path, "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["text"] is NSNull)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let errors = diagnostics.filter { $0["severity"] as? String == "error" }
        #expect(errors.map { "\($0["line"]!):\($0["column"]!)" } == ["1:1", "2:3"])
    }

    @Test func varsFileAndVarOverride() throws {
        let path = try Self.template("<<order.id>> <<name>>")
        let vars = try CLI.temporaryFile(Array(#"{"order": {"id": 42}, "name": "Bo"}"#.utf8))
        let r = try CLI.run(["render", path, "--vars", vars, "--var", "name=Ana", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "42 Ana")
    }

    @Test(arguments: [
        ["render"],
        ["render", "/nonexistent/x.sms"],
        ["render", "FILE", "--var", "novalue"],
        ["render", "FILE", "--vars", "/nonexistent.json"],
        ["render", "FILE", "--locale", "xx_YY_ZZ"],
        ["render", "FILE", "--time-zone", "Mars/Olympus"],
        ["render", "FILE", "--format", "xml"],
    ])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let path = try Self.template("Hi")
        let r = try CLI.run(arguments.map { $0 == "FILE" ? path : $0 })
        #expect(r.status == 2, "\(arguments): \(r.stdout) \(r.stderr)")
    }

    @Test func invalidUTF8IsAnError() throws {
        let path = try CLI.temporaryFile([0x48, 0x69, 0xFF, 0x0A])
        let r = try CLI.run(["render", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("invalid UTF-8 at byte offset 2"))
    }

    @Test func shippedTemplateRenders() throws {
        let r = try CLI.run([
            "render", Self.root.appendingPathComponent("Templates/tr-otp.sms").path, "--var", "code=482913", "--var", "brand=Acme",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Acme doğrulama kodunuz: 482913. Bu kodu kimseyle paylaşmayın.\n"))
        #expect(r.stdout.contains("GSM-7 with national language shift tables"))
    }
}
