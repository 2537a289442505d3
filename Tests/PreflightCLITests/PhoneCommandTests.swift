import Foundation
import Testing

/// Expected numbers from ../shared/reference/build-notes.md §2.
@Suite("preflight phone")
struct PhoneCommandTests {
    struct JSONCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        let stdout: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        JSONCase(arguments: ["0812345678", "--region", "TH"], status: 0, stdout: """
            {"input":"0812345678","valid":true,"e164":"+66812345678","region":"TH","type":"mobile","error":null}
            """),
        JSONCase(arguments: ["+447911123456"], status: 0, stdout: """
            {"input":"+447911123456","valid":true,"e164":"+447911123456","region":"GG","type":"mobile","error":null}
            """),
        JSONCase(arguments: ["+16135550123", "--region", "us"], status: 0, stdout: """
            {"input":"+16135550123","valid":true,"e164":"+16135550123","region":"CA","type":"fixed_line_or_mobile","error":null}
            """),
        JSONCase(arguments: ["hello"], status: 1, stdout: """
            {"input":"hello","valid":false,"e164":null,"region":null,"type":null,"error":"no phone number found in the text"}
            """),
        JSONCase(arguments: ["0812345678"], status: 1, stdout: """
            {"input":"0812345678","valid":false,"e164":null,"region":null,"type":null,"error":"the country calling code is missing or unknown"}
            """),
        JSONCase(arguments: ["+1 123"], status: 1, stdout: """
            {"input":"+1 123","valid":false,"e164":"+1123","region":null,"type":"unknown","error":"too short"}
            """),
    ])
    func json(_ c: JSONCase) throws {
        let r = try CLI.run(["phone", "--format", "json"] + c.arguments)
        #expect(r.status == c.status)
        #expect(r.stdout == c.stdout + "\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func text() throws {
        let r = try CLI.run(["phone", "081-234-5678", "--region", "TH"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Number:        +66812345678
            Valid:         yes
            Type:          mobile
            Region:        TH (country code 66)
            National:      081 234 5678
            International: +66 81 234 5678
            Time zones:    Asia/Bangkok

            """)
    }

    @Test func textShowsFindings() throws {
        let landline = try CLI.run(["phone", "02 123 4567", "--region", "TH"])
        #expect(landline.status == 0)
        #expect(landline.stdout.contains("Type:          fixed_line"))
        #expect(landline.stdout.contains("[recipient.landline]"))
        #expect(landline.stdout.contains("  fix: "))

        let us = try CLI.run(["phone", "+1 415 555 2671"])
        #expect(us.stdout.contains("America/New_York"))
        #expect(us.stdout.contains("America/Los_Angeles"))

        let bad = try CLI.run(["phone", "hello"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("Number:        not a phone number"))
        #expect(bad.stdout.contains("error: \"hello\" is not a phone number: no phone number found in the text [recipient.invalid]"))

        let unknown = try CLI.run(["phone", "+1 123 456 7890"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("[recipient.unknown_range]"))
    }

    @Test func jsonLines() throws {
        let input = """
            {"input": "0812345678", "defaultRegion": "TH"}
            {"input": "+447911123456"}
            not json

            {"input": "0812345678"}
            {"input": "0812345678", "defaultRegion": "XX"}
            {"input": 5}
            {"input": "hello", "extra": 1}
            {"defaultRegion": "TH"}
            {"input": "0812345678", "defaultRegion": null}
            """
        let r = try CLI.run(["phone", "--format", "jsonl", "--region", "GB"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 10)
        #expect(lines[0] == #"{"input":"0812345678","valid":true,"e164":"+66812345678","region":"TH","type":"mobile","error":null}"#)
        #expect(lines[1] == #"{"input":"+447911123456","valid":true,"e164":"+447911123456","region":"GG","type":"mobile","error":null}"#)
        #expect(lines[2].hasPrefix(#"{"error":"malformed JSON"#) && lines[2].hasSuffix(#","line":3}"#))
        // Line 4 is blank and skipped. Line 5 falls back to --region GB: 0812345678 is no UK number.
        #expect(lines[3].hasPrefix(#"{"input":"0812345678","valid":false,"#))
        #expect(lines[4] == #"{"error":"unknown region code \"XX\" in \"defaultRegion\"","line":6}"#)
        #expect(lines[5].hasPrefix(#"{"error":"wrong type for \"input\""#) && lines[5].hasSuffix(#","line":7}"#))
        #expect(lines[6] == #"{"error":"unknown field \"extra\" (expected input, defaultRegion)","line":8}"#)
        #expect(lines[7] == #"{"error":"missing field \"input\"","line":9}"#)
        #expect(lines[8].hasPrefix(#"{"input":"0812345678","valid":false,"#))
        #expect(lines[9] == "")
    }

    @Test func jsonLinesKeepOrderAcrossBatches() throws {
        let count = 5000
        var input = ""
        for i in 0..<count { input += #"{"input": "+6681\#(String(format: "%07d", i))"}"# + "\n" }
        let r = try CLI.run(["phone", "--format", "jsonl"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.last?.contains(#""e164":"+66810004999""#) == true)
        #expect(lines[1234].contains(#""e164":"+66810001234""#))
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        UsageCase(arguments: ["phone", "0812345678", "--region", "XX"], message: "unknown region code \"XX\""),
        UsageCase(arguments: ["phone", "0812345678", "--region", "Thailand"], message: "unknown region code \"Thailand\""),
        UsageCase(arguments: ["phone"], message: "give a phone number"),
        UsageCase(arguments: ["phone", "+66812345678", "--format", "jsonl"], message: "drop the number argument"),
        UsageCase(arguments: ["phone", "+66812345678", "--format", "yaml"], message: "yaml"),
    ])
    func usageErrors(_ c: UsageCase) throws {
        let r = try CLI.run(c.arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(c.message))
    }

    @Test func unknownRegionHasAFix() throws {
        let r = try CLI.run(["phone", "0812345678", "--region", "XX"])
        #expect(r.stderr.contains("fix: use an ISO 3166-1 alpha-2 region code"))
    }
}
