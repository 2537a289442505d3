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
    ])
    func strings(_ pair: (String, String)) {
        var w = JSONWriter()
        w.value(pair.0)
        #expect(w.string == pair.1)
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
