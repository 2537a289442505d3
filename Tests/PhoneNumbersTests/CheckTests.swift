import PreflightCore
import Testing
@testable import PhoneNumbers

@Suite("PhoneNumberParser.check")
struct CheckTests {
    let parser = PhoneNumberParser()

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        /// Expected code and severity, or nil for no finding.
        let code: String?
        let severity: Severity?
        var testDescription: String { "\(input) → \(code ?? "none")" }
    }

    static let cases: [Case] = [
        // Unparseable (build-notes.md §2).
        Case(input: "hello", region: nil, code: "recipient.invalid", severity: .error),
        Case(input: "+999123456", region: nil, code: "recipient.invalid", severity: .error),
        Case(input: "0812345678", region: "ZZ", code: "recipient.invalid", severity: .error),
        Case(input: "", region: "TH", code: "recipient.invalid", severity: .error),
        Case(input: "0812345678", region: "XX", code: "recipient.invalid", severity: .error),
        // Parses, but impossible: NANP numbers have 10 digits.
        Case(input: "+1 123", region: nil, code: "recipient.invalid", severity: .error),
        // A 7-digit NANP local number cannot be reached by a gateway.
        Case(input: "234-5678", region: "US", code: "recipient.invalid", severity: .error),
        // Possible length, but NANP area codes never start with 1.
        Case(input: "+1 123 456 7890", region: nil, code: "recipient.unknown_range", severity: .warning),
        // Fixed lines: Bangkok 02, Google Zurich.
        Case(input: "02 123 4567", region: "TH", code: "recipient.landline", severity: .warning),
        Case(input: "+41 44 668 1800", region: nil, code: "recipient.landline", severity: .warning),
        // Mobiles and NANP numbers (fixed_line_or_mobile is not flagged).
        Case(input: "0812345678", region: "TH", code: nil, severity: nil),
        Case(input: "+447911123456", region: nil, code: nil, severity: nil),
        Case(input: "+14155552671", region: nil, code: nil, severity: nil),
    ]

    @Test(arguments: cases)
    func diagnostics(_ c: Case) throws {
        let result = parser.check(c.input, defaultRegion: c.region, field: "to[1]")
        if let code = c.code {
            let d = try #require(result.diagnostics.first)
            #expect(result.diagnostics.count == 1)
            #expect(d.code == code)
            #expect(d.severity == c.severity)
            #expect(d.field == "to[1]")
            #expect(!d.message.isEmpty)
            #expect(!d.fix.isEmpty)
            #expect(d.location == nil)
        } else {
            #expect(result.diagnostics.isEmpty)
            #expect(result.problem == nil)
        }
    }

    @Test func resultCarriesNumberOrError() {
        let bad = parser.check("hello")
        #expect(bad.number == nil)
        #expect(bad.error == .notANumber)
        #expect(bad.problem == "no phone number found in the text")
        #expect(bad.diagnostics.first?.field == "to")

        let good = parser.check("0812345678", defaultRegion: "TH")
        #expect(good.number?.e164 == "+66812345678")
        #expect(good.error == nil)

        let impossible = parser.check("+1 123")
        #expect(impossible.number?.e164 == "+1123")
        #expect(impossible.problem == "too short")
    }

    @Test func messagesNameTheNumberAndShortenLongInput() throws {
        let landline = try #require(parser.check("02 123 4567", defaultRegion: "TH").diagnostics.first)
        #expect(landline.message.contains("+6621234567"))
        #expect(landline.message.contains("(TH)"))
        let long = String(repeating: "x", count: 100)
        let invalid = try #require(parser.check(long).diagnostics.first)
        #expect(invalid.message.contains("\"" + String(repeating: "x", count: 39) + "…\""))
        #expect(!invalid.message.contains(long))
    }

    @Test func diagnosticCodesAreTheContract() {
        #expect(PhoneDiagnosticCode.invalid == "recipient.invalid")
        #expect(PhoneDiagnosticCode.unknownRange == "recipient.unknown_range")
        #expect(PhoneDiagnosticCode.landline == "recipient.landline")
        #expect(PhoneDiagnosticCode.badListEntry == "list.bad_entry")
    }
}
