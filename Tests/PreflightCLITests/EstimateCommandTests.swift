import Foundation
import Testing

@Suite("preflight estimate")
struct EstimateCommandTests {
    static func file(_ text: String) throws -> String { try CLI.temporaryFile(Array(text.utf8)) }

    /// "Hello " and "! Your parcel is on its way." are 34 characters around the name.
    static let template = "Hello <<name>>! Your parcel is on its way.\n"
    static let prices = "version: 1\ncurrency: EUR\ndefault: 0.05\ncountries:\n  GB: 0.04\n  US: 0.0079\n"
    static let csv = "phone,name\r\n+447400123456,Ana\r\n+14155552671,\(String(repeating: "a", count: 127))\r\nnope,Bob\r\n+33612345678,Bo\"b\r\n+94771234567,Nimal\r\n"

    func run(_ extra: [String] = [], csv: String = csv) throws -> CLI.Result {
        try CLI.run(["estimate", "--template", try Self.file(Self.template), "--recipients", try Self.file(csv),
                     "--pricing", try Self.file(Self.prices), "--scheduled-at", "2026-11-23T12:00:00Z"] + extra)
    }

    @Test func jsonContract() throws {
        let r = try run(["--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)  // no progress bar when standard error is not a terminal
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["recipients"] as? Int == 5)
        #expect(o["sendable"] as? Int == 3)
        #expect(o["excluded"] as? [String: Int] == ["recipient.invalid": 1, "input.malformed_row": 1])
        #expect(o["partsByEncoding"] as? [String: Int] == ["GSM-7": 4, "UCS-2": 0])
        #expect(o["messagesByParts"] as? [String: Int] == ["1": 2, "2": 1])
        #expect(o["malformedRows"] as? Int == 1)
        let cost = try #require(o["cost"] as? [String: Any])
        #expect(cost["currency"] as? String == "EUR")
        // 0.04 + 2 × 0.0079 + 0.05 (LK at the default) = 0.1058
        #expect(cost["total"] as? String == "0.1058")
        #expect(cost["byCountry"] as? [String: String] == ["GB": "0.0400", "US": "0.0158", "LK": "0.0500"])
        #expect(cost["defaultPriced"] as? [String: Int] == ["LK": 1])
        let malformed = try #require(o["malformed"] as? [[String: Any]])
        #expect(malformed.first?["line"] as? Int == 5)
    }

    @Test func textTables() throws {
        let r = try run()
        #expect(r.status == 0)
        #expect(r.stdout.contains("Recipients:  5 rows (1 malformed)\n"))
        #expect(r.stdout.contains("Sendable:    3 (60.0%)\n"))
        #expect(r.stdout.contains("  recipient.invalid    1\n"))
        #expect(r.stdout.contains("Cost:        0.1058 EUR\n"))
        #expect(r.stdout.contains("  line 5: a quote inside an unquoted field"))
        #expect(r.stdout.contains("LK"))
    }

    @Test func perRecipientFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("per-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try run(["--per-recipient", out])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text == """
            line,phone,e164,country,status,reason,warnings,encoding,parts,cost,detail\r
            2,+447400123456,+447400123456,GB,sendable,,,GSM-7,1,0.0400,\r
            3,+14155552671,+14155552671,US,sendable,,,GSM-7,2,0.0158,\r
            4,nope,,,excluded,recipient.invalid,,,,,\r
            5,,,,malformed,input.malformed_row,,,,,"a quote inside an unquoted field (quote the whole field and write a quote as two: \"\"\"\")"\r
            6,+94771234567,+94771234567,LK,sendable,,,GSM-7,1,0.0500,\r

            """)
    }

    @Test func recipientsFromStandardInput() throws {
        let r = try CLI.run(["estimate", "--template", try Self.file(Self.template), "--recipients", "-",
                             "--pricing", try Self.file(Self.prices), "--format", "json"],
                            stdin: Data(Self.csv.utf8))
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"recipients\":5,\"sendable\":3,"))
    }

    @Test func phoneColumnOption() throws {
        let r = try run(["--phone-column", "mobile", "--format", "json"], csv: "mobile,name\n+447400123456,Ana\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"sendable\":1"))
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var csv: String = EstimateCommandTests.csv
        var message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadCase(name: "missing phone column", arguments: [], csv: "mobile,name\n+447400123456,Ana\n", message: "no column 'phone' for the phone numbers"),
        BadCase(name: "empty file", arguments: [], csv: "", message: "is empty: a recipients file needs a header row"),
        BadCase(name: "unknown category", arguments: ["--category", "promo"], message: "unknown category 'promo'"),
        BadCase(name: "bad time", arguments: ["--scheduled-at", "tomorrow"], message: "--scheduled-at 'tomorrow' is not a date and time that exists"),
        BadCase(name: "unknown region", arguments: ["--region", "XX"], message: "XX"),
        BadCase(name: "branded tracking without a domain", arguments: ["--click-tracking", "branded"], message: "no branded short-link domain"),
    ])
    func badInputExits2(_ c: BadCase) throws {
        let r = try run(c.arguments, csv: c.csv)
        #expect(r.status == 2)
        #expect(r.stderr.contains(c.message))
        #expect(r.stderr.contains("fix:"))
    }

    @Test func missingFilesAndBadPricesExit2() throws {
        let noFile = try CLI.run(["estimate", "--template", try Self.file(Self.template), "--recipients", "/nonexistent.csv"])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("/nonexistent.csv: cannot read"))
        let badPrices = try CLI.run(["estimate", "--template", try Self.file(Self.template), "--recipients", try Self.file(Self.csv),
                                     "--pricing", try Self.file("version: 1\ncurrency: EUR\ndefault: 1e-2\n")])
        #expect(badPrices.status == 2)
        #expect(badPrices.stderr.contains(":3:10: error: the default price must be a plain decimal amount"))
        let badTemplate = try CLI.run(["estimate", "--template", try Self.file("Hi <<name | shout>>"), "--recipients", try Self.file(Self.csv)])
        #expect(badTemplate.status == 2)
        #expect(badTemplate.stderr.contains("unknown filter"))
    }
}
