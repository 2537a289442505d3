import Foundation
import Preflight
import Testing

/// The "most expensive variables": the parts a variable adds against the same message with it
/// empty, worked out by hand from the part sizes of 3GPP TS 23.038 / 23.040 (GSM-7: 160 septets in
/// one part, 153 per concatenated part, an escape never split from its character; UCS-2: 70 and 67
/// UTF-16 units). Templates whose tags insert values as they are take the counting shortcut; the
/// others (a filter, an escape in a multi-part message) are rendered again without the value, and
/// both must give the same answers.
@Suite("Estimate: variable attribution")
struct EstimateAttributionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let template: String
        let value: String
        let parts: Int
        let extraParts: Int
        let ucs2Because: Int
        var testDescription: String { name }
    }

    static let x150 = String(repeating: "x", count: 150)
    static let x302 = String(repeating: "x", count: 302)
    static let x60 = String(repeating: "x", count: 60)

    static let cases: [Case] = [
        // "Hi " 3 + 7 + ", " 2 + 150 = 162 septets: 2 parts; empty, `default` gives "there": 160, 1 part.
        Case(name: "verbatim with a default", template: "Hi <<v | default:\"there\">>, \(x150)", value: "Annabel",
             parts: 2, extraParts: 1, ucs2Because: 0),
        // The same with `upper` (rendered again): 162 septets against 155.
        Case(name: "a filter: rendered again", template: "Hi <<v | upper>>, \(x150)", value: "Annabel",
             parts: 2, extraParts: 1, ucs2Because: 0),
        // "{}" is 4 septets: 4 + 1 + 302 = 307, 3 parts (306 fit in 2); without it 303, 2 parts.
        Case(name: "escapes in a multi-part message", template: "<<v>> \(x302)", value: "{}",
             parts: 3, extraParts: 1, ucs2Because: 0),
        // 3 + 3 + 60 = 66 UTF-16 units, UCS-2 because of ë, 1 part; without it GSM-7, 63 septets.
        Case(name: "UCS-2 because of the value", template: "Hi <<v>>\(x60)", value: "Zoë",
             parts: 1, extraParts: 0, ucs2Because: 1),
        // 3 + 13 + 60 = 76 units: 2 UCS-2 parts; without it 63 septets of GSM-7, 1 part.
        Case(name: "UCS-2 and a second part", template: "Hi <<v>>\(x60)", value: "Łukasz-Łukasz",
             parts: 2, extraParts: 1, ucs2Because: 1),
        // Two tags: 3 + 5 + 3 + 1 + 150 = 162 septets, 2 parts; without the value 156, 1 part.
        Case(name: "two tags of one variable", template: "<<v>> and <<v>> \(x150)", value: "abc",
             parts: 2, extraParts: 1, ucs2Because: 0),
        // An emoji is a surrogate pair (not additive): 3 + 2 + 60 = 65 units, 1 part; without it GSM-7.
        Case(name: "a surrogate pair: rendered again", template: "Hi <<v>>\(x60)", value: "😀",
             parts: 1, extraParts: 0, ucs2Because: 1),
    ]

    @Test(arguments: cases)
    func partsAVariableAdds(_ c: Case) throws {
        let estimator = try Estimator(
            preflight: Preflight(rules: RuleSet.shipped()), template: Template(source: c.template, file: "t.sms"),
            pricing: Pricing(yaml: "version: 1\ncurrency: EUR\ndefault: 0.10\n", file: "p.yaml"))
        let csv = "phone,v\n+447400123456,\"\(c.value)\"\n"
        let report = try estimator.run(.bytes(Array(csv.utf8)))
        #expect(report.sendable == 1)
        #expect(report.messagesByParts == [c.parts: 1])
        let variable = report.variables.first { $0.name == "v" }
        #expect((variable?.extraParts ?? 0) == c.extraParts)
        #expect((variable?.ucs2Messages ?? 0) == c.ucs2Because)
    }
}
