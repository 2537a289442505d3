import Foundation
@testable import Preflight
import Testing

/// Rows of a template whose tags insert values as they are are rendered and counted piece by
/// piece (the literal text once, the values per row). Every result must be what the renderer and
/// the encoder give: each table runs both ways and compares the reports and every row.
@Suite("Estimate: piecewise counting")
struct EstimatePiecewiseTests {
    static let prices = """
        version: 1
        currency: EUR
        default: 0.05
        countries: {GB: 0.04, IN: 0.005, TR: 0.02}
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let template: String
        let csv: String
        let category: MessageCategory
        /// A `policy.yaml` laid over the shipped rules, if any.
        var policy: String? = nil
        var testDescription: String { name }
    }

    static let gb = "+447400123456"
    static let long = String(repeating: "a", count: 150)

    static let cases: [Case] = [
        Case(name: "GSM-7, one and several parts, empty values", template: "Hi <<name | default:\"there\">>, your <<item>> ships. Reply STOP to opt out.",
             csv: "phone,name,item\n\(gb),Ana,desk\n\(gb),,lamp\n\(gb),\(long),chair\n\(gb),Bo,\n", category: .marketing),
        Case(name: "extension characters: escapes move part boundaries", template: "Total <<a>> for <<b>>.",
             csv: "phone,a,b\n\(gb),€100,x\n\(gb),\(String(repeating: "€", count: 40))\(long),[]\n\(gb),^{}\\\\|~,\(String(repeating: "[", count: 70))\n", category: .transactional),
        Case(name: "UCS-2 values, emoji, combining marks, CR and CR LF", template: "Dear <<name>>: <<note>>",
             csv: "phone,name,note\n\(gb),Łukasz,ok\n\(gb),李小龙,\(String(repeating: "字", count: 80))\n\(gb),Zoë 👋,hi\n\(gb),e\u{301}ric,x\n\(gb),\"a\rb\",\"c\r\nd\"\n\(gb),Ærø,\(long)\n", category: .transactional),
        Case(name: "national shift tables (IN, TR) and the default alphabet", template: "Merhaba <<name>>, kodunuz <<code>>.",
             csv: "phone,name,code\n+905321234567,Şükrü Gündoğdu,A1\n+905321234567,Ana,\(long)\n+919812345678,सुरेश,B2\n+919812345678,Ravi,C3\n+919812345678,Ravi €,\(long)\n\(gb),Çağla,D4\n", category: .transactional),
        Case(name: "words across the seams: opt-out and restricted content", template: "Text ST<<a>> to quit. Free <<b>>er and <<c>>",
             csv: "phone,a,b,c\n\(gb),OP,be,x\n\(gb),OPS,wine,Reply STOP\n\(gb),OPS,be,x\n\(gb),OP now,BE,Cocktail hour\n\(gb),op,bE,ÉSCORT\n\(gb),,be,\n", category: .marketing),
        Case(name: "links, empty bodies and a variable used twice", template: "<<a>><<b>><<a>>",
             csv: "phone,a,b\n\(gb),   ,\n\(gb),see https://bit.ly/x ,now\n\(gb),x,http://192.168.0.1/a\n\(gb),,\n", category: .transactional),
        // NFC composes "e" + U+0301 into "é" before the checks read the words: the value's own words
        // (decomposed) must not stand in for the normalized text's. Keywords with accents: a policy
        // of one's own (the shipped lists are ASCII).
        Case(name: "a value that normalization changes, and accented keywords", template: "Visit our <<place>> tonight. Reply ARRÊT to opt out.",
             csv: "phone,place\n\(gb),cafe\u{301}\n\(gb),café\n\(gb),bar\n", category: .marketing,
             policy: "version: 1\nrestrictedContent:\n  test: [café]\noptOut:\n  keywords: [ARRÊT]\n  instructions: [\"reply {keyword}\"]\n"),
    ]

    static func run(_ c: Case, piecewise: Bool) throws -> (report: EstimateReport, rows: [RecipientEstimate]) {
        var options = EstimateOptions()
        options.sendAt = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!
        options.batchSize = 3
        options.threads = 2
        options.category = c.category
        options.piecewise = piecewise
        var rules = try RuleSet.shipped()
        if let policy = c.policy {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("piecewise-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Data(policy.utf8).write(to: directory.appendingPathComponent("policy.yaml"))
            rules = try RuleSet.load(directory: directory, over: rules)
        }
        let estimator = try Estimator(
            preflight: Preflight(rules: rules), template: Template(source: c.template, file: "t.sms"),
            pricing: Pricing(yaml: prices, file: "p.yaml"), options: options)
        var rows: [RecipientEstimate] = []
        let report = try estimator.run(.bytes(Array(c.csv.utf8)), each: { rows.append($0) })
        return (report, rows)
    }

    @Test(arguments: cases)
    func piecewiseCountingGivesWhatTheEncoderGives(_ c: Case) throws {
        let encoded = try Self.run(c, piecewise: false)
        var pieces = try Self.run(c, piecewise: true)
        #expect(pieces.rows == encoded.rows)
        // Only the number of bodies that went through the encoder differs, and some did not.
        #expect(pieces.report.bodiesEncoded < encoded.report.bodiesEncoded)
        pieces.report.bodiesEncoded = encoded.report.bodiesEncoded
        #expect(pieces.report == encoded.report)
        #expect(encoded.report.isBalanced)
    }

    /// Hand-checked values for the seams: "ST" + "OP" is the word STOP, "be" + "er" is "beer".
    @Test func wordsJoinAcrossTheSeams() throws {
        let c = Self.cases[4]
        let rows = try Self.run(c, piecewise: true).rows
        // Row 1: "Text STOP to quit. Free beer and x": an opt-out instruction, and alcohol.
        #expect(rows[0].status == .sendable)
        #expect(rows[0].warnings == ["content.restricted"])
        // Row 2: "Text STOPS …": no instruction there, but "Reply STOP" comes from the value.
        #expect(rows[1].status == .sendable)
        // Row 3: "Text STOPS to quit. Free beer and x": no instruction: excluded (marketing needs one).
        #expect(rows[2].reason == "optout.language_missing")
        // Row 6: no value for a tag without a default.
        #expect(rows[5].reason == "template.undefined_variable")
    }

    /// "cafe" + U+0301 is "café" once normalized: the restricted keyword is found in both spellings.
    @Test func normalizedValuesAreCheckedAsNormalized() throws {
        let rows = try Self.run(Self.cases[6], piecewise: true).rows
        #expect(rows.map(\.warnings) == [["content.restricted"], ["content.restricted"], []])
        #expect(rows.map(\.status) == [.sendable, .sendable, .sendable])
    }
}
