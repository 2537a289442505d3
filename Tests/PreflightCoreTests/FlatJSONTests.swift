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

    /// Ill-formed UTF-8 (Unicode §3.9, table 3-7): a lone byte, a truncated sequence (the three
    /// bytes of a cut 4-byte sequence decode to one U+FFFD of the same length), overlong forms, an
    /// encoded surrogate, a code point above U+10FFFF, a stray continuation byte; plain and after
    /// an escape. The well-formed neighbours are read.
    @Test(arguments: [
        [0xFF], [0xF0, 0x9F, 0x98], [0xE2, 0x82], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0x80], [0x61, 0xC3],
    ] as [[UInt8]])
    func declinesInvalidUTF8(_ bad: [UInt8]) {
        for prefix in ["", "\\n"] {
            let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + Array(prefix.utf8) + bad + Array(#""}"#.utf8)
            #expect(bytes.withUnsafeBufferPointer { FlatJSON.parseObject($0) } == nil, "\(bad) after \(prefix)")
        }
    }

    @Test(arguments: [[0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBD], [0xC3, 0xA9], [0xF4, 0x8F, 0xBF, 0xBF]] as [[UInt8]])
    func readsValidUTF8(_ good: [UInt8]) throws {
        for prefix in ["", "\\n"] {
            let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + Array(prefix.utf8) + good + Array(#""}"#.utf8)
            let fields = try #require(bytes.withUnsafeBufferPointer { FlatJSON.parseObject($0) })
            #expect(fields.first?.value == .string((prefix.isEmpty ? "" : "\n") + String(decoding: good, as: UTF8.self)))
        }
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
