import Foundation
import Testing
import Yams
import YAMLSupport

@Suite("Shared decoding pieces")
struct NodeDecodingTests {
    /// The value of `key` in a one-line YAML mapping.
    static func value(_ yaml: String) throws -> Node {
        let node = try #require(try Yams.compose(yaml: yaml))
        return try #require(node.mapping?.first?.value)
    }

    @Test(arguments: [
        ("k:", true, "nothing"),
        ("k: ~", true, "null"),
        ("k: null", true, "null"),
        ("k: NULL", true, "null"),
        ("k: 'null'", false, "'null'"),
        ("k: \"\"", false, "''"),
        ("k: Acme", false, "'Acme'"),
        ("k: [a]", false, "a list"),
        ("k: {a: 1}", false, "a mapping"),
        ("k: \(String(repeating: "x", count: 45))", false, "'\(String(repeating: "x", count: 40))…'"),
    ])
    func nodesInMessages(_ yaml: String, _ isNull: Bool, _ shown: String) throws {
        let node = try Self.value(yaml)
        #expect(node.isNullScalar == isNull)
        #expect(node.shownInMessage == shown)
    }

    @Test func nearestNames() {
        let known = ["countries", "checks", "senderMask", "sender"]
        #expect(DecodingHints.nearest(to: "countrise", in: known) == "countries")
        #expect(DecodingHints.nearest(to: "SENDERMASK", in: known) == "senderMask")
        #expect(DecodingHints.nearest(to: "senders", in: known) == "sender")
        #expect(DecodingHints.nearest(to: "quietHours", in: known) == nil)
        // Equally near: the first listed.
        #expect(DecodingHints.nearest(to: "ab", in: ["aa", "bb", "ab"]) == "ab")
        #expect(DecodingHints.nearest(to: "xy", in: ["xa", "ay"]) == "xa")
    }

    enum Colour: String, CaseIterable { case red, green }
    enum Keys: String, CodingKey, CaseIterable { case a, b }

    @Test func hints() {
        #expect(DecodingHints.caseNames(of: Colour.self) == ["red", "green"])
        #expect(DecodingHints.caseNames(of: String.self) == nil)
        #expect(DecodingHints.knownKeys(Keys.self) == ["a", "b"])
        #expect(DecodingHints.knownKeys(YAMLKey.self) == nil)
        #expect(DecodingHints.expected(in: "expected a mapping, found 'x'") == "a mapping")
        #expect(DecodingHints.expected(in: "something else") == "a value of the right type")
        #expect(YAMLKey(intValue: 3).stringValue == "3")
    }
}

@Suite("Data file sessions")
struct DataFileSessionTests {
    /// A type that checks its own value, as rule and provider types do.
    struct Sender: Decodable {
        init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            if text.count > 11 { try decoder.problem("longer than 11 characters", fix: "Shorten it.", columnOffset: 11) }
        }
    }

    @Test func otherDecodersThrowWhatATypeReports() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Sender.self, from: Data(#""ABCDEFGHIJKLM""#.utf8)) }
        #expect((try? JSONDecoder().decode(Sender.self, from: Data(#""Acme""#.utf8))) != nil)
    }

    @Test func problemsArePositionedAndKeptOnce() throws {
        let session = DataFileSession(file: "f.yaml", code: "test.invalid", budget: 2)
        let node = try #require(try Yams.compose(yaml: "a: 'ABCDEFGHIJKLM'"))
        let value = try #require(node.mapping?.first?.value)
        // Column 4 is the opening quote; 11 characters in, past the quote, is column 16.
        session.report("too long", fix: "Shorten it.", at: value.mark, columnOffset: 11, in: value)
        session.report("too long", fix: "Shorten it.", at: value.mark, columnOffset: 11, in: value)
        #expect(session.problems.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code) \($0.message)" } == ["1:16 test.invalid too long"])
        #expect(session.spend(at: nil) && session.spend(at: nil))
        #expect(!session.spend(at: nil))
        #expect(!session.spend(at: nil))
        #expect(session.problems.last?.message == "the file expands to more than 2 values (anchors and aliases?)")
        #expect(session.problems.count == 2)
    }
}
