import Foundation
import PreflightCore
import Testing
import Yams
@testable import SMSProviders

/// The provider file format: a malformed file gets every problem with its line and column.
struct ProviderFileTests {
    /// A valid file; the cases below change one line (1-based) or append lines.
    static let base = [
        "version: 1",                       // 1
        "name: custom",                     // 2
        "request:",                         // 3
        "  url: https://example.com/send",  // 4
        "  encoding: json",                 // 5
        "auth:",                            // 6
        "  style: none",                    // 7
        "recipients:",                      // 8
        "  mode: single",                   // 9
        "fields:",                          // 10
        "  to: recipient | e164",           // 11
        "  text: text",                     // 12
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: [Int: String] = [:]
        var append: [String] = []
        var file = "custom.yaml"
        var line: Int
        var column: Int
        var message: String
        var fix: String?
        var testDescription: String { name }

        var text: String {
            var lines = ProviderFileTests.base
            for (number, text) in replace { lines[number - 1] = text }
            return (lines + append).joined(separator: "\n") + "\n"
        }
    }

    static let cases: [Case] = [
        Case(name: "misspelt key", replace: [5: "  encodng: json"], line: 5, column: 3, message: "request: unknown key 'encodng'",
             fix: "Did you mean 'encoding'?"),
        Case(name: "unknown encoding", replace: [5: "  encoding: xml"], line: 5, column: 13, message: "request.encoding: unknown value 'xml'",
             fix: "Use one of: json, form."),
        Case(name: "unknown transform", replace: [11: "  to: recipient | e165"], line: 11, column: 7, message: "unknown transform 'e165'"),
        Case(name: "unknown value", replace: [12: "  text: body"], line: 12, column: 9, message: "unknown value 'body'"),
        Case(name: "transform of the wrong kind", replace: [12: "  text: text | e164"], line: 12, column: 9,
             message: "transform 'e164' takes a phone number, but 'text' is text"),
        Case(name: "undeclared setting", replace: [12: "  text: setting.region"], line: 12, column: 9, message: "setting 'region' is not declared"),
        Case(name: "no recipient field", replace: [11: "  body: text"], line: 10, column: 1, message: "no field takes the recipient"),
        Case(name: "array mode without []", replace: [9: "  mode: array"], line: 11, column: 3, message: "mode array needs [] in the recipient field's path"),
        Case(name: "joined mode without separator", replace: [9: "  mode: joined"], line: 9, column: 9, message: "joined recipients need a separator"),
        Case(name: "unsupported version", replace: [1: "version: 2"], line: 1, column: 10, message: "unsupported version 2"),
        Case(name: "key of another auth style", append: [], line: 8, column: 3, message: "'token' does not apply to auth style none"),
        Case(name: "auth style without its keys", replace: [7: "  style: basic"], line: 7, column: 10, message: "auth style basic needs 'username'"),
        Case(name: "name and file differ", file: "other.yaml", line: 2, column: 7, message: "the name 'custom' differs from the file name 'other'"),
        Case(name: "bad duration", append: ["limits:", "  scheduleWindow: {min: 5x}"], line: 14, column: 25, message: "'5x' is not a duration"),
        Case(name: "negative limit", append: ["limits:", "  bodyLength: 0"], line: 14, column: 15, message: "0 is not a positive number"),
        Case(name: "malformed path", append: ["  a..b: text"], line: 13, column: 3, message: "'a..b' has an empty or malformed key"),
        Case(name: "overlapping paths", append: ["  to.x: text"], line: 13, column: 3, message: "'to.x' and 'to' would both write the same place"),
        Case(name: "wrong type", replace: [9: "  mode: [single]"], line: 9, column: 9, message: "recipients.mode: expected text, found a list"),
        Case(name: "setting in the URL without a value", replace: [4: "  url: https://{host}/send"], append: ["settings:", "  host: {description: the host}"],
             line: 14, column: 3, message: "setting 'host' is used in 'https://{host}/send' but has no default and is not required"),
        Case(name: "YAML syntax", replace: [12: "  text: [text"], line: 13, column: 1, message: "YAML syntax error"),
        Case(name: "duplicate key", append: ["  text: from"], line: 12, column: 3, message: "duplicate key 'text'"),
        Case(name: "alias as a key", append: ["  *anchor: text"], line: 13, column: 3, message: "an alias cannot be used as a mapping key"),
        Case(name: "template syntax", replace: [4: "  url: https://example.com/{path"], line: 4, column: 28, message: "unclosed placeholder"),
        Case(name: "bad UUID default", append: ["settings:", "  id: {default: 1234, format: uuid-v4}"], line: 14, column: 17,
             message: "the default '1234' is not a UUID version 4"),
    ]

    @Test(arguments: cases)
    func reportsProblemAtItsPosition(_ c: Case) throws {
        var text = c.text
        if c.name == "key of another auth style" { text = text.replacingOccurrences(of: "  style: none\n", with: "  style: none\n  token: x\n") }
        let error = try #require(Support.decode(text, file: c.file).failure)
        let match = error.diagnostics.first { $0.message.contains(c.message) }
        let found = try #require(match, "no '\(c.message)' in:\n\(error)")
        #expect(found.code == "provider.invalid_file")
        #expect(found.location == PreflightCore.SourceLocation(file: c.file, line: c.line, column: c.column), "\(error)")
        if let fix = c.fix { #expect(found.fix.contains(fix), "\(found.fix)") }
    }

    /// Several problems are reported together, in file order.
    @Test func reportsEveryProblem() throws {
        let text = Case(name: "", replace: [5: "  encoding: xml", 9: "  mode: many", 11: "  to: recipient | e165"], line: 0, column: 0, message: "").text
        let error = try #require(Support.decode(text).failure)
        #expect(error.diagnostics.map(\.location!.line) == [5, 9, 11])
    }

    @Test func decodesTheBaseFile() throws {
        let definition = try Support.decode(Case(name: "", line: 0, column: 0, message: "").text).get()
        #expect(definition.name == "custom")
        #expect(definition.title == "custom")
        #expect(definition.fields.map(\.path.description) == ["to", "text"])
        #expect(definition.recipients.chunkSize == 1)
        #expect(definition.features.isEmpty)
    }

    /// `--providers DIR`: a file adds a provider or replaces a shipped one by name.
    @Test func directoryAddsAndReplaces() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Case(name: "", line: 0, column: 0, message: "").text.write(to: directory.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let twilio = Case(name: "", line: 0, column: 0, message: "").text.replacingOccurrences(of: "name: custom", with: "name: twilio")
        try twilio.write(to: directory.appendingPathComponent("twilio.yaml"), atomically: true, encoding: .utf8)
        try "not yaml".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let registry = try Support.shipped.adding(directory: directory)
        #expect(registry.names.count == 20)
        #expect(registry.provider(named: "custom")?.file == directory.appendingPathComponent("custom.yaml").path)
        #expect(registry.provider(named: "TWILIO")?.request.encoding == .json)
        #expect(registry.suggestion(for: "twillio") == "twilio")
    }

    @Test func directoryWithABrokenFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("custom.yaml")
        try Case(name: "", replace: [5: "  encoding: xml"], line: 0, column: 0, message: "").text.write(to: file, atomically: true, encoding: .utf8)
        let shipped = try Support.shipped
        #expect(throws: ProviderFileError.self) { try shipped.adding(directory: directory) }
        do throws(ProviderFileError) {
            _ = try shipped.adding(directory: directory)
        } catch {
            #expect(error.diagnostics.first?.location == PreflightCore.SourceLocation(file: file.path, line: 5, column: 13))
        }
    }

    /// Anchors cannot make decoding explode: a document that expands past the bound is refused
    /// when it is composed, and every decoded value is counted against a budget besides.
    @Test func aliasesStayBounded() throws {
        var lines = ["version: 1", "name: custom", "n0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...7 { lines.append("n\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        lines.append("notes: *a7")
        let error = try #require(Support.decode(lines.joined(separator: "\n")).failure)
        #expect(error.diagnostics.contains { $0.message.contains("the document expands to more than 200000 values") }, "\(error)")

        let session = ProviderFileSession(providerFile: "custom.yaml", budget: 5)
        let root = try #require(try Yams.compose(yaml: Case(name: "", line: 0, column: 0, message: "").text))
        #expect(throws: (any Error).self) {
            try ProviderDefinition(from: ProviderNodeDecoder(node: root, mark: nil, session: session, codingPath: []))
        }
        #expect(session.problems.map(\.message) == ["the file expands to more than 5 values (anchors and aliases?)"])
    }

    @Test func settingsFile() throws {
        let settings = try ProviderSettingsFile.decode("Twilio:\n  accountSid: AC1\nantryk: {serviceId: x}\n", file: "settings.yaml")
        #expect(settings == ["twilio": ["accountSid": "AC1"], "antryk": ["serviceId": "x"]])
        #expect(throws: ProviderFileError.self) { try ProviderSettingsFile.decode("twilio:\n  accountSid: [a]\n", file: "s.yaml") }
        do throws(ProviderFileError) {
            _ = try ProviderSettingsFile.decode("twilio:\n  accountSid: [a]\n", file: "s.yaml")
        } catch {
            #expect(error.diagnostics.first?.location == PreflightCore.SourceLocation(file: "s.yaml", line: 2, column: 15))
        }
    }
}

extension Result {
    /// The error, or nil.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
