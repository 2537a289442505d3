import Foundation
import PreflightCore
import SMSEncoding
import SMSTemplates
import Testing

/// Worst cases computed by hand from TS 23.038/23.040: a GSM-7 part holds 160 septets (153 when
/// concatenated), an extension-table character such as € costs 2 septets; UCS-2 holds 70 units (67);
/// a supplementary-plane character costs 2 UTF-16 units.
struct WorstCaseCase: Sendable, CustomTestStringConvertible {
    let id: String
    let source: String
    let encoding: MessageEncoding
    let units: Int
    let parts: Int
    var testDescription: String { id }
}

private func declared(_ body: String, _ variables: String) -> String {
    "---\nvariables:\n\(variables)\n---\n\(body)"
}

private let literal150 = String(repeating: "a", count: 150)
private let literal60 = String(repeating: "ж", count: 60)

private let worstCaseCases: [WorstCaseCase] = [
    WorstCaseCase(id: "gsm variable: 6 + 6×2 septets", source: declared("Code: <<code>>", "  code: {maxLength: 6, charset: gsm}"),
                  encoding: .gsm7, units: 18, parts: 1),
    WorstCaseCase(id: "any variable: 6 + 6×2 units", source: declared("Code: <<code>>", "  code: {maxLength: 6}"),
                  encoding: .ucs2, units: 18, parts: 1),
    WorstCaseCase(id: "GSM 160 septets is one part", source: declared(literal150 + "<<v>>", "  v: {maxLength: 5, charset: gsm}"),
                  encoding: .gsm7, units: 160, parts: 1),
    WorstCaseCase(id: "GSM 162 septets is two parts", source: declared(literal150 + "<<v>>", "  v: {maxLength: 6, charset: gsm}"),
                  encoding: .gsm7, units: 162, parts: 2),
    WorstCaseCase(id: "UCS-2 70 units is one part", source: declared(literal60 + "<<v>>", "  v: {maxLength: 5}"),
                  encoding: .ucs2, units: 70, parts: 1),
    WorstCaseCase(id: "UCS-2 72 units is two parts", source: declared(literal60 + "<<v>>", "  v: {maxLength: 6}"),
                  encoding: .ucs2, units: 72, parts: 2),
    WorstCaseCase(id: "truncate bounds an undeclared length", source: declared("<<v | truncate:10>>", "  v: {charset: gsm}"),
                  encoding: .gsm7, units: 20, parts: 1),
    WorstCaseCase(id: "default longer than maxLength", source: declared("<<v | default:\"abcdefgh\">>", "  v: {maxLength: 2, charset: gsm}"),
                  encoding: .gsm7, units: 16, parts: 1),
    WorstCaseCase(id: "e164 is at most 16 characters", source: declared("<<p | e164>>", "  p: {type: phone}"),
                  encoding: .gsm7, units: 32, parts: 1),
    WorstCaseCase(id: "number type is GSM", source: declared("<<n>>", "  n: {type: number, maxLength: 4}"),
                  encoding: .gsm7, units: 8, parts: 1),
]

@Test(arguments: worstCaseCases)
func worstCase(_ c: WorstCaseCase) throws {
    let analysis = try Template(source: c.source).analyze()
    let worst = try #require(analysis.worstCase)
    #expect(worst.encoding == c.encoding)
    #expect(worst.units == c.units)
    #expect(worst.parts == c.parts)
}

@Test func literalCharactersThatForceUCS2HaveTheirLocations() throws {
    let analysis = try Template(source: "Hi <<name | truncate:5>>\nПривет", file: "x.sms").analyze()
    #expect(analysis.literalUCS2.map(\.character) == ["П", "р", "и", "в", "е", "т"])
    #expect(analysis.literalUCS2.first?.location.description == "x.sms:2:1")
    #expect(analysis.literalUCS2.last?.location.description == "x.sms:2:6")
    #expect(analysis.worstCase?.encoding == .ucs2)
}

@Test func literalLocationsAfterTagsEscapesAndFrontMatter() throws {
    let source = "---\nname: x\n---\n<<a | default:\"\">> é \\<<ç>> ✓"
    let analysis = try Template(source: source, file: "f.sms").analyze()
    // Line 4: `<<a | default:"">>` is 18 characters, then " é " and the escape, then "ç>> ✓".
    #expect(analysis.literalUCS2.map(\.character) == ["ç", "✓"])
    #expect(analysis.literalUCS2.map(\.location.description) == ["f.sms:4:25", "f.sms:4:29"])
}

@Test func whichVariablesCanMakeItUCS2() throws {
    let source = declared(
        "<<a>> <<b>> <<c | gsm>> <<d | upper>>",
        "  a: {maxLength: 5, charset: gsm}\n  b: {maxLength: 5}\n  c: {maxLength: 5}\n  d: {maxLength: 5, charset: gsm}")
    let analysis = try Template(source: source).analyze()
    // upper of GSM è is È, which GSM-7 lacks (TS 23.038 §6.2.1 has è at 0x04 but no È).
    #expect(analysis.variableUCS2.map(\.name) == ["b", "d"])
    #expect(analysis.variableUCS2.map(\.reason) == ["charset any", "upper can turn è into È, which is not GSM-7"])
}

@Test func turkishCaseMappingNeedsTheTurkishTables() throws {
    let source = "---\nlocale: tr_TR\nvariables:\n  w: {maxLength: 5, charset: gsm}\n---\n<<w | upper>>"
    let template = try Template(source: source)
    let without = template.analyze(options: EncodingOptions())
    #expect(without.variableUCS2.map(\.name) == ["w"])
    // With the Turkish single shift table (TS 23.038 A.2.1), İ is encodable.
    #expect(template.defaultEncodingOptions.shiftTables == [.turkish])
}

@Test func localeFormatsThatLeaveGSM() throws {
    let number = try Template(source: "---\nlocale: fr_FR\nvariables:\n  n: {type: number, maxLength: 7}\n---\n<<n | number:0>>").analyze()
    // CLDR French groups digits with U+202F NARROW NO-BREAK SPACE, which is not in GSM-7.
    #expect(number.variableUCS2.first?.reason.contains("number formats as") == true)
    let date = try Template(source: "---\nlocale: fr_FR\nvariables:\n  d: {type: date}\n---\n<<d | date:\"d MMMM\">>").analyze()
    // "août" has û, which GSM-7 lacks.
    #expect(date.variableUCS2.first?.reason.contains("août") == true)
    #expect(date.worstCase != nil)
}

@Test func declarationDiagnostics() throws {
    let source = "---\nvariables:\n  used: {maxLength: 3}\n  spare: {maxLength: 3}\n  open: {}\n---\n<<used>> <<other>> <<open>>"
    let analysis = try Template(source: source, file: "t.sms").analyze()
    let got = analysis.diagnostics.map { "\($0.code) \($0.severity) \($0.location!.line):\($0.location!.column)" }
    #expect(got == [
        "template.unused_variable warning 4:3",
        "template.undefined_variable error 7:10",
        "template.unbounded_variable warning 7:10",
        "template.unbounded_variable warning 7:20",
    ])
    #expect(analysis.worstCase == nil)
    #expect(analysis.unboundedVariables == ["other", "open"])
}

@Test func exampleRenderUsesDeclaredExamples() throws {
    let source = "---\nvariables:\n  code: {maxLength: 6, charset: gsm, example: \"123456\"}\n  order.id: {maxLength: 4, example: \"A1\"}\n---\nCode <<code>> for <<order.id>>"
    let analysis = try Template(source: source).analyze()
    #expect(analysis.example?.text == "Code 123456 for A1")
    #expect(analysis.example?.encoding == .gsm7)
}

/// Front matter errors with their file line and column.
struct FrontMatterCase: Sendable, CustomTestStringConvertible {
    let id: String
    let source: String
    let expected: [String]
    var testDescription: String { id }
}

private let frontMatterCases: [FrontMatterCase] = [
    FrontMatterCase(id: "unknown key", source: "---\nname: a\ncolour: red\n---\nHi", expected: ["template.front_matter 3:1"]),
    FrontMatterCase(id: "unterminated", source: "---\nname: a\nHi", expected: ["template.front_matter 1:1"]),
    FrontMatterCase(id: "YAML syntax error", source: "---\nname: [a\n---\nHi", expected: ["template.front_matter 3:1"]),
    // An alias as a key could make composing exponential: refused before parsing, at its position.
    FrontMatterCase(id: "alias as a key", source: "---\nname: &n x\n*n : y\n---\nHi", expected: ["template.front_matter 3:1"]),
    FrontMatterCase(id: "bad category", source: "---\ncategory: promo\n---\nHi", expected: ["template.front_matter 2:11"]),
    FrontMatterCase(id: "bad maxLength", source: "---\nvariables:\n  a: {maxLength: -1}\n---\n<<a>>", expected: ["template.front_matter 3:18"]),
    FrontMatterCase(id: "unknown declaration key", source: "---\nvariables:\n  a:\n    maxLen: 3\n---\n<<a>>", expected: ["template.front_matter 4:5"]),
    FrontMatterCase(id: "bad type", source: "---\nvariables:\n  a: {type: int}\n---\n<<a>>", expected: ["template.front_matter 3:13"]),
    FrontMatterCase(id: "yes is not a boolean", source: "---\nvariables:\n  a: {required: yes}\n---\n<<a>>", expected: ["template.front_matter 3:17"]),
    FrontMatterCase(id: "unknown time zone", source: "---\ntimeZone: Mars/Olympus\n---\nHi", expected: ["template.front_matter 2:11"]),
    FrontMatterCase(id: "not a mapping", source: "---\n- a\n---\nHi", expected: ["template.front_matter 2:1"]),
    FrontMatterCase(id: "errors in front matter and body together", source: "---\nfoo: 1\n---\n<<a | nope>>", expected: ["template.front_matter 2:1", "template.unknown_filter 4:7"]),
]

@Test(arguments: frontMatterCases)
func frontMatterErrors(_ c: FrontMatterCase) {
    do {
        _ = try Template(source: c.source)
        Issue.record("compiled")
    } catch {
        #expect(error.diagnostics.map { "\($0.code) \($0.location!.line):\($0.location!.column)" } == c.expected)
    }
}

@Test func bodyLinesCountFromTheFileStart() throws {
    let template = try Template(source: "---\nname: a\n---\nHi\n<<x>>")
    #expect(template.bodyFirstLine == 4)
    #expect(template.variables.first?.location.line == 5)
    #expect(try template.render(["x": .string("y")]) == "Hi\ny")
}

@Test func declaredTypesAreCheckedAtRender() throws {
    let source = "---\nvariables:\n  n: {type: number}\n  s: {maxLength: 3}\n  g: {charset: gsm}\n---\n<<n>> <<s>> <<g>>"
    let template = try Template(source: source)
    do {
        _ = try template.render(["n": .string("ten"), "s": .string("abcd"), "g": .string("😀")])
        Issue.record("rendered")
    } catch {
        #expect(error.diagnostics.map(\.code) == Array(repeating: "template.type_mismatch", count: 3))
    }
    #expect(try template.render(["n": .string("10"), "s": .string("abc"), "g": .string("€")]) == "10 abc €")
}

@Test func optionalVariablesRenderEmpty() throws {
    let template = try Template(source: "---\nvariables:\n  a: {required: false}\n---\n[<<a>>]")
    #expect(try template.render([:]) == "[]")
}

/// The shipped templates compile, declare what they use, are bounded, and render their examples.
@Test(arguments: ["otp", "appointment-reminder", "delivery-update", "marketing-promo", "password-reset", "tr-otp", "th-delivery"])
func shippedTemplate(_ name: String) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates/\(name).sms").path
    let template = try Template(contentsOf: path)
    let analysis = template.analyze()
    #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics)")
    #expect(analysis.worstCase != nil)
    #expect(analysis.example != nil)
    #expect(template.frontMatter.category != nil)
}

@Test func shippedLocalizedTemplates() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let turkish = try Template(contentsOf: root.appendingPathComponent("Templates/tr-otp.sms").path).analyze()
    #expect(turkish.example?.encoding == .gsm7)
    #expect(turkish.example?.shiftTables.count ?? 0 > 0)
    let thai = try Template(contentsOf: root.appendingPathComponent("Templates/th-delivery.sms").path).analyze()
    #expect(thai.example?.encoding == .ucs2)
    #expect(thai.literalUCS2.first?.character == "พ")
}

@Test func frontMatterWithCRLFLineEnds() throws {
    let template = try Template(source: "---\r\nname: x\r\nvariables:\r\n  a: {maxLength: 3}\r\n---\r\nHi <<a>>\r\n")
    #expect(template.frontMatter.name == "x")
    #expect(template.bodyFirstLine == 6)
    #expect(template.variables.first?.location.line == 6)
    #expect(try template.render(["a": .string("Bo")]) == "Hi Bo")
}
