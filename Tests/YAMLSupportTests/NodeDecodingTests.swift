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
