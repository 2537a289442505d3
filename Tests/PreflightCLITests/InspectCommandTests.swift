import Foundation
import Testing

@Suite("preflight inspect")
struct InspectCommandTests {
    @Test func jsonContract() throws {
        let r = try CLI.run(["inspect", "--format", "json", "--text", "Hello"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            {"encoding":"GSM-7","parts":1,"unitsPerPart":[5],"units":5,"characters":5,"nonGSM":[],"text":"Hello",\
            "replacements":[],"shiftTables":{"locking":null,"single":null},"udhOctetsPerPart":0,"crlf":0,\
            "normalized":false,"partTexts":["Hello"]}

            """)
    }

    @Test func jsonFieldsForUCS2() throws {
        let r = try CLI.run(["inspect", "--format", "json", "--text", String(repeating: "Ж", count: 71)])
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["encoding"] as? String == "UCS-2")
        #expect(object["parts"] as? Int == 2)
        #expect(object["unitsPerPart"] as? [Int] == [67, 4])
        #expect(object["units"] as? Int == 71)
        #expect(object["characters"] as? Int == 71)
        #expect((object["nonGSM"] as? [[String: Any]])?.count == 71)
        #expect(object["udhOctetsPerPart"] as? Int == 6)
    }

    @Test func smartFlagForms() throws {
        let bare = try CLI.run(["inspect", "--smart", "--format", "json", "--text", "it’s Привет"])
        #expect(bare.stdout.contains(#""text":"it's Привет""#))
        let letters = try CLI.run(["inspect", "--smart=letters", "--format", "json", "--text", "it’s Привет"])
        #expect(letters.stdout.contains(#""text":"it's Privet""#))
        #expect(letters.stdout.contains(#""encoding":"GSM-7""#))
    }

    @Test func shiftOption() throws {
        let r = try CLI.run(["inspect", "--shift", "tr", "--format", "json", "--text", "şifre"])
        #expect(r.stdout.contains(#""shiftTables":{"locking":"tr","single":null}"#))
        #expect(r.stdout.contains(#""udhOctetsPerPart":4"#))
    }

    @Test func noNormalize() throws {
        let r = try CLI.run(["inspect", "--no-normalize", "--format", "json", "--text", "Cafe\u{301}"])
        #expect(r.stdout.contains(#""encoding":"UCS-2""#))
        let n = try CLI.run(["inspect", "--format", "json", "--text", "Cafe\u{301}"])
        #expect(n.stdout.contains(#""encoding":"GSM-7""#))
        #expect(n.stdout.contains(#""normalized":true"#))
    }

    @Test func readsFileAndStandardInput() throws {
        let path = try CLI.temporaryFile(Array("Hi there".utf8))
        let file = try CLI.run(["inspect", "--format", "json", path])
        #expect(file.stdout.contains(#""units":8"#))
        let stdin = try CLI.run(["inspect", "--format", "json"], stdin: Data("Hi".utf8))
        #expect(stdin.stdout.contains(#""units":2"#))
    }

    @Test func humanOutputPointsAtCulprits() throws {
        let r = try CLI.run(["inspect", "--text", "It’s ok"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Encoding:    UCS-2 (forced by 1 character)"))
        #expect(r.stdout.contains("'’' (U+2019 RIGHT SINGLE QUOTATION MARK) at offset 2"))
        #expect(r.stdout.contains("It⟦’⟧s ok"))
        #expect(r.stdout.contains("Tip:         smart encoding would send GSM-7 in 1 part"))
    }

    @Test func crlfIsExplained() throws {
        let r = try CLI.run(["inspect", "--text", "a\r\nb"])
        #expect(r.stdout.contains("Line breaks: 1 CR LF pair cost 2 septets each where LF costs 1"))
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let id: String
        let arguments: [String]
        let stdin: [UInt8]?
        let message: String
        var testDescription: String { id }
    }

    @Test(arguments: [
        BadInput(id: "invalid UTF-8", arguments: ["inspect"], stdin: [0x61, 0xFF, 0x62], message: "invalid UTF-8 at byte offset 1"),
        BadInput(id: "missing file", arguments: ["inspect", "/nonexistent/file.txt"], stdin: nil, message: "cannot read"),
        BadInput(id: "unknown language", arguments: ["inspect", "--shift", "xx", "--text", "a"], stdin: nil, message: "unknown shift-table language 'xx'"),
        BadInput(id: "unknown option", arguments: ["inspect", "--bogus"], stdin: nil, message: "Unknown option '--bogus'"),
        BadInput(id: "bad smart level", arguments: ["inspect", "--smart=max", "--text", "a"], stdin: nil, message: "smart"),
        BadInput(id: "text and file", arguments: ["inspect", "--text", "a", "file"], stdin: nil, message: "either --text or a file"),
        BadInput(id: "directory", arguments: ["inspect", "/tmp"], stdin: nil, message: "is a directory"),
    ])
    func badInputExitsTwo(_ c: BadInput) throws {
        let r = try CLI.run(c.arguments, stdin: c.stdin.map { Data($0) })
        #expect(r.status == 2)
        #expect(r.stderr.contains(c.message))
        #expect(r.stdout.isEmpty)
    }

    @Test func jsonLinesStreamAndReportBadLines() throws {
        let input = """
            {"text": "Hello"}
            not json
            {"text": "Привет", "smart": "letters"}
            {"txt": "typo"}

            {"text": 42}
            {"text": "şifre", "shift": ["tr"]}
            {"text": "Cafe\\u0301", "normalize": false}
            """
        let r = try CLI.run(["inspect", "--format", "jsonl"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix(#"{"encoding":"GSM-7","parts":1,"unitsPerPart":[5]"#))
        #expect(lines[1].hasPrefix(#"{"error":"malformed JSON"#) && lines[1].hasSuffix(#""line":2}"#))
        #expect(lines[2].contains(#""text":"Privet""#))
        #expect(lines[3] == #"{"error":"unknown field \"txt\" (expected text, smart, normalize, shift)","line":4}"#)
        #expect(lines[4].hasPrefix(#"{"error":"wrong type for \"text\""#) && lines[4].hasSuffix(#""line":6}"#))
        #expect(lines[5].contains(#""shiftTables":{"locking":"tr","single":null}"#))
        #expect(lines[6].contains(#""encoding":"UCS-2""#))
    }
}

@Suite("preflight inspect, absurd input")
struct InspectAbsurdInputTests {
    @Test func overLongJSONLineIsReportedAndSkipped() throws {
        var input = Data(#"{"text": "a"}"#.utf8 + [0x0A])
        input.append(Data(#"{"text": ""#.utf8))
        input.append(Data(repeating: UInt8(ascii: "x"), count: 17 << 20))
        input.append(Data(#""}"#.utf8 + [0x0A]))
        input.append(Data(#"{"text": "b"}"#.utf8 + [0x0A]))
        let r = try CLI.run(["inspect", "--format", "jsonl"], stdin: input)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(r.status == 0)
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"error":"line is longer than 16777216 bytes","line":2}"#)
        #expect(lines[2].contains(#""text":"b""#))
    }

    @Test func overLongFileIsRefused() throws {
        let path = try CLI.temporaryFile([UInt8](repeating: UInt8(ascii: "a"), count: (16 << 20) + 1))
        let r = try CLI.run(["inspect", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("larger than 16777216 bytes"))
    }
}
