import Foundation
import Testing
import PreflightCore

@Suite("FlatJSON fast path")
struct FlatJSONTests {
    private func parse(_ s: String) -> [(key: String, value: FlatJSON.Value)]? {
        Array(s.utf8).withUnsafeBufferPointer { FlatJSON.parseObject($0) }
    }

    @Test func flatObjects() throws {
        let r = try #require(parse(#" { "text" : "a\"b\\c\/d\n\u00e9\ud83d\ude00", "smart": true, "x": null, "shift": ["tr", "es"] } "#))
        #expect(r.map(\.key) == ["text", "smart", "x", "shift"])
        #expect(r[0].value == .string("a\"b\\c/d\né😀"))
        #expect(r[1].value == .bool(true))
        #expect(r[2].value == .null)
        #expect(r[3].value == .strings(["tr", "es"]))
        #expect(parse("{}")?.isEmpty == true)
    }

    /// Everything outside the fast path's subset is declined, never misread.
    @Test(arguments: [
        #"{"a": 1}"#, #"{"a": {"b": "c"}}"#, #"{"a": "x", "a": "y"}"#, #"{"a": "\ud800"}"#, #"{"a": "\udc00"}"#,
        #"{"a": "x"} trailing"#, #"{"a": "x",}"#, #"["a"]"#, #"{"a": "\q"}"#, "{\"a\": \"tab\there\"}", #"{"a" "x"}"#,
        #"{"a": tru}"#, #"{"a": ["x", 1]}"#, "", #"{"a": "x""#,
    ])
    func declines(_ input: String) {
        #expect(parse(input) == nil)
    }

    @Test func declinesInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(bytes.withUnsafeBufferPointer { FlatJSON.parseObject($0) } == nil)
    }

    /// Differential test: whenever the fast path answers, JSONSerialization agrees.
    @Test(arguments: 0..<300)
    func agreesWithFoundation(_ seed: Int) throws {
        var g = Mix(seed: UInt64(seed))
        let atoms = ["\"", "\\\\", "\\\"", "\\n", "\\u00e9", "\\ud83d\\ude00", "a", "é", "😀", " ", "\\/", "\\t", "\\u0000"]
        var text = ""
        for _ in 0..<Int(g.next() % 12) { text += atoms[Int(g.next() % UInt64(atoms.count))] }
        let json = #"{"text": ""# + text + #"", "smart": "# + (g.next() % 2 == 0 ? "true" : "false") + "}"
        guard let fast = parse(json) else { return }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(fast[0].value == .string(object["text"] as! String))
    }
}

struct Mix {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
