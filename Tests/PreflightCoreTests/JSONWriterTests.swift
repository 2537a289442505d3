import Testing
import PreflightCore

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" backslash \\", #""quote \" backslash \\""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{1B}\u{0}\u{7F}", #""\u001b\u0000\u007f""#),
        ("é😀", "\"é😀\""),
        ("", #""""#),
        ("\"", #""\"""#),
        ("\"\"a\\", #""\"\"a\\""#),
        ("a\u{1F}b\u{20}c", #""a\u001fb c""#),
        (String(repeating: "x", count: 300) + "\n", "\"" + String(repeating: "x", count: 300) + "\\n\""),
    ])
    func strings(_ pair: (String, String)) {
        var w = JSONWriter()
        w.value(pair.0)
        #expect(w.string == pair.1)
    }

    /// Every control character (RFC 8259 §7: U+0000 to U+001F must be escaped) and DEL, alone and
    /// between plain text, written as a string and as raw UTF-8 bytes.
    @Test func everyControlCharacter() {
        let short: [UInt8: String] = [0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"]
        for code in Array(UInt8(0)..<0x20) + [0x7F] {
            let escaped = short[code] ?? "\\u00" + String(format2: code)
            let text = "a" + String(UnicodeScalar(code)) + "b"
            var w = JSONWriter()
            w.value(text)
            Array(text.utf8).withUnsafeBufferPointer { w.value(utf8: $0) }
            #expect(w.string == "\"a\(escaped)b\",\"a\(escaped)b\"", "U+\(String(format2: code))")
        }
    }

    @Test(arguments: [0, 7, 9, 10, 42, 100, 65_535, -1, -10, -987_654, Int.max, Int.min])
    func integers(_ n: Int) {
        var w = JSONWriter()
        w.value(n)
        #expect(w.string == String(n))
    }

    @Test func nesting() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", 1)
        w.key("b")
        w.beginArray()
        w.value(true)
        w.null()
        w.beginObject()
        w.endObject()
        w.endArray()
        w.field("c", nil as String?)
        w.endObject()
        #expect(w.string == #"{"a":1,"b":[true,null,{}],"c":null}"#)
    }

    @Test func jsonLines() {
        var w = JSONWriter()
        for i in 0..<3 {
            w.beginObject()
            w.field("i", i)
            w.endObject()
            w.endLine()
        }
        #expect(w.string == "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n")
    }
}

@Suite("Diagnostic")
struct DiagnosticTests {
    @Test func description() {
        let d = Diagnostic(code: "template.syntax", severity: .error, message: "unclosed tag", fix: "add >>",
                           location: SourceLocation(file: "Templates/otp.sms", line: 3, column: 7))
        #expect(d.description == "Templates/otp.sms:3:7: error: unclosed tag [template.syntax]")
        #expect(Severity.info < .warning && Severity.warning < .error)
    }
}

private extension String {
    /// Two lower-case hexadecimal digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
