import Foundation
import PreflightCore
import SMSTemplates
import Testing

/// Render cases: the expected text follows the template syntax (style-anchors §3) and CLDR/Unicode data.
struct RenderCase: Sendable, CustomTestStringConvertible {
    let id: String
    let source: String
    let values: [String: TemplateValue]
    let expected: String
    var locale: String? = nil
    var timeZone: String? = nil
    var testDescription: String { id }
}

private let renderCases: [RenderCase] = [
    RenderCase(id: "plain variable", source: "Hi <<name>>!", values: ["name": .string("Ana")], expected: "Hi Ana!"),
    RenderCase(id: "nested name", source: "Order <<order.id>> shipped", values: ["order": .object(["id": .number(42)])], expected: "Order 42 shipped"),
    RenderCase(id: "whitespace inside the tag", source: "<<   name\t>>", values: ["name": .string("x")], expected: "x"),
    RenderCase(id: "camelCase names are case-sensitive", source: "<<firstName>>/<<firstname>>", values: ["firstName": .string("A"), "firstname": .string("b")], expected: "A/b"),
    RenderCase(id: "default when missing", source: "Hi <<name | default:\"there\">>,", values: [:], expected: "Hi there,"),
    RenderCase(id: "default when empty", source: "Hi <<name | default:\"there\">>,", values: ["name": .string("")], expected: "Hi there,"),
    RenderCase(id: "default when null", source: "Hi <<name | default:\"there\">>,", values: ["name": .null], expected: "Hi there,"),
    RenderCase(id: "default keeps a value", source: "<<name | default:\"there\">>", values: ["name": .string("Bo")], expected: "Bo"),
    RenderCase(id: "trim then default", source: "<<name | trim | default:\"there\">>", values: ["name": .string("  ")], expected: "there"),
    RenderCase(id: "default integer argument", source: "<<n | default:0>>", values: [:], expected: "0"),
    RenderCase(id: "string argument escapes", source: #"<<q | default:"say \"hi\" \\o/">>"#, values: [:], expected: #"say "hi" \o/"#),
    RenderCase(id: "upper", source: "<<name | upper>>", values: ["name": .string("straße")], expected: "STRASSE"),
    RenderCase(id: "lower", source: "<<name | lower>>", values: ["name": .string("ÀB")], expected: "àb"),
    RenderCase(id: "capitalize keeps the rest", source: "<<name | capitalize>>", values: ["name": .string("élodie mcDonald")], expected: "Élodie mcDonald"),
    RenderCase(id: "Turkish upper dotted i", source: "<<city | upper>>", values: ["city": .string("istanbul")], expected: "İSTANBUL", locale: "tr_TR"),
    RenderCase(id: "Turkish lower dotless I", source: "<<w | lower>>", values: ["w": .string("ISPARTA")], expected: "ısparta", locale: "tr_TR"),
    RenderCase(id: "English upper of i", source: "<<city | upper>>", values: ["city": .string("istanbul")], expected: "ISTANBUL", locale: "en_US"),
    RenderCase(id: "trim", source: "[<<x | trim>>]", values: ["x": .string(" \n a b \t")], expected: "[a b]"),
    RenderCase(id: "truncate short value unchanged", source: "<<x | truncate:5>>", values: ["x": .string("Alex")], expected: "Alex"),
    RenderCase(id: "truncate cuts", source: "<<x | truncate:5>>", values: ["x": .string("Alexander")], expected: "Alexa"),
    RenderCase(id: "truncate with ellipsis counts it", source: "<<x | truncate:5,\"…\">>", values: ["x": .string("Alexander")], expected: "Alex…"),
    RenderCase(id: "truncate counts grapheme clusters", source: "<<x | truncate:2>>", values: ["x": .string("👍🏽👍🏽👍🏽")], expected: "👍🏽👍🏽"),
    RenderCase(id: "truncate keeps a flag whole", source: "<<x | truncate:1>>", values: ["x": .string("🇹🇭🇹🇷")], expected: "🇹🇭"),
    RenderCase(id: "gsm transliterates punctuation", source: "<<x | gsm>>", values: ["x": .string("It’s “fine” – ok…")], expected: "It's \"fine\" - ok..."),
    RenderCase(id: "gsm keeps GSM letters", source: "<<x | gsm>>", values: ["x": .string("Søren Ñandù")], expected: "Søren Ñandù"),
    RenderCase(id: "gsm transliterates letters outside GSM", source: "<<x | gsm>>", values: ["x": .string("Łódź ú")], expected: "Lodz u"),
    RenderCase(id: "gsm replaces the rest with ?", source: "<<x | gsm>>", values: ["x": .string("ok 😀")], expected: "ok ?"),
    RenderCase(id: "number POSIX (CLDR en grouping)", source: "<<n | number:2>>", values: ["n": .number(Decimal(string: "1234.5")!)], expected: "1,234.50"),
    RenderCase(id: "number fr_FR narrow no-break space", source: "<<n | number:0>>", values: ["n": .number(1234)], expected: "1\u{202F}234", locale: "fr_FR"),
    RenderCase(id: "number rounds negative half away from zero", source: "<<n | number:1>>", values: ["n": .string("-2.25")], expected: "-2.3"),
    RenderCase(id: "number en_US grouping", source: "<<n | number:2>>", values: ["n": .string("1234.5")], expected: "1,234.50", locale: "en_US"),
    RenderCase(id: "number de_DE separators", source: "<<n | number:2>>", values: ["n": .string("1234.5")], expected: "1.234,50", locale: "de_DE"),
    RenderCase(id: "number rounds half up", source: "<<n | number:1>>", values: ["n": .string("2.25")], expected: "2.3"),
    RenderCase(id: "number:0", source: "<<n | number:0>>", values: ["n": .number(7)], expected: "7"),
    RenderCase(id: "date in UTC", source: "<<d | date:\"yyyy-MM-dd HH:mm\">>", values: ["d": .string("2026-11-23T14:30:00+01:00")], expected: "2026-11-23 13:30"),
    RenderCase(id: "date in the template time zone", source: "<<d | date:\"HH:mm\">>", values: ["d": .string("2026-11-23T14:30:00+01:00")], expected: "16:30", timeZone: "Europe/Istanbul"),
    RenderCase(id: "date month name in locale", source: "<<d | date:\"d MMMM\">>", values: ["d": .string("2026-03-05")], expected: "5 März", locale: "de_DE"),
    RenderCase(id: "date from epoch seconds", source: "<<d | date:\"yyyy-MM-dd\">>", values: ["d": .number(0)], expected: "1970-01-01"),
    RenderCase(id: "escaped delimiter", source: "a \\<<name>> b", values: [:], expected: "a <<name>> b"),
    RenderCase(id: "other backslashes are literal", source: "C:\\path \\n <<x>>", values: ["x": .string("1")], expected: "C:\\path \\n 1"),
    RenderCase(id: "closing delimiter outside a tag is literal", source: "a >> b", values: [:], expected: "a >> b"),
    RenderCase(id: "single < is literal", source: "1 < 2 <<x>>", values: ["x": .string("y")], expected: "1 < 2 y"),
    RenderCase(id: "comment removed", source: "A<<# note >>B", values: [:], expected: "AB"),
    RenderCase(id: "standalone comment takes its line", source: "<<# preflight:disable-next-line encoding.ucs2 - brand >>\nHi", values: [:], expected: "Hi"),
    RenderCase(id: "indented standalone comment", source: "Hi\n  <<# c >>  \nthere", values: [:], expected: "Hi\nthere"),
    RenderCase(id: "comment spanning lines", source: "A<<# one\ntwo >>B", values: [:], expected: "AB"),
    RenderCase(id: "value is never re-parsed", source: "<<x>>", values: ["x": .string("<<y>> \\<<")], expected: "<<y>> \\<<"),
    RenderCase(id: "one trailing newline dropped", source: "Hi\n", values: [:], expected: "Hi"),
    RenderCase(id: "only one trailing newline dropped", source: "Hi\n\n", values: [:], expected: "Hi\n"),
    RenderCase(id: "CR LF trailing newline dropped", source: "Hi\r\n", values: [:], expected: "Hi"),
    RenderCase(id: "leading spaces kept", source: "  Hi  ", values: [:], expected: "  Hi  "),
    RenderCase(id: "number and bool values", source: "<<a>> <<b>>", values: ["a": .number(Decimal(string: "12.50")!), "b": .bool(true)], expected: "12.5 true"),
    RenderCase(id: "filters chain left to right", source: "<<x | trim | upper | truncate:3>>", values: ["x": .string("  hello ")], expected: "HEL"),
]

@Test(arguments: renderCases)
func renders(_ c: RenderCase) throws {
    let template = try Template(source: c.source)
    let options = RenderOptions(
        locale: c.locale.map(Locale.init(identifier:)), timeZone: c.timeZone.flatMap(TimeZone.init(identifier:)))
    #expect(try template.render(c.values, options: options) == c.expected)
}

/// Compile errors: code, line and column of each.
struct CompileErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let source: String
    let expected: [String]  // "code line:column"
    var testDescription: String { id }
}

private let compileErrorCases: [CompileErrorCase] = [
    CompileErrorCase(id: "unclosed tag", source: "Hi <<name, your code", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "tag closed on the next line", source: "Hi <<name\n>>", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "empty name", source: "Hi <<>> there", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "blank name", source: "Hi <<  >>", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "filter without a name", source: "Hi << | upper>>", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "open delimiter inside a tag", source: "Hi <<a <<b>>", expected: ["template.syntax 1:8"]),
    CompileErrorCase(id: "name starting with a digit", source: "x <<1st>>", expected: ["template.syntax 1:5"]),
    CompileErrorCase(id: "bad character in a name", source: "<<first-name>>", expected: ["template.syntax 1:8"]),
    CompileErrorCase(id: "trailing dot", source: "<<order.>>", expected: ["template.syntax 1:9"]),
    CompileErrorCase(id: "unknown filter", source: "Hi <<name | shout>>", expected: ["template.unknown_filter 1:13"]),
    CompileErrorCase(id: "missing filter after pipe", source: "<<name | >>", expected: ["template.syntax 1:10"]),
    CompileErrorCase(id: "default without argument", source: "<<name | default>>", expected: ["template.bad_argument 1:10"]),
    CompileErrorCase(id: "upper with argument", source: "<<name | upper:1>>", expected: ["template.bad_argument 1:10"]),
    CompileErrorCase(id: "truncate with text", source: "<<name | truncate:\"5\">>", expected: ["template.bad_argument 1:10"]),
    CompileErrorCase(id: "truncate zero", source: "<<name | truncate:0>>", expected: ["template.bad_argument 1:10"]),
    CompileErrorCase(id: "ellipsis as long as the length", source: "<<n | truncate:1,\"…\">>", expected: ["template.bad_argument 1:7"]),
    CompileErrorCase(id: "number with text", source: "<<n | number:\"2\">>", expected: ["template.bad_argument 1:7"]),
    CompileErrorCase(id: "unquoted text argument", source: "<<n | default:there>>", expected: ["template.bad_argument 1:15"]),
    CompileErrorCase(id: "unclosed string argument", source: "<<n | default:\"a>>", expected: ["template.syntax 1:15"]),
    CompileErrorCase(id: "unknown escape in a string", source: #"<<n | default:"a\tb">>"#, expected: ["template.syntax 1:17"]),
    CompileErrorCase(id: "unclosed comment", source: "Hi <<# note", expected: ["template.syntax 1:4"]),
    CompileErrorCase(id: "partials are reserved", source: "<<>footer>>", expected: ["template.syntax 1:1"]),
    CompileErrorCase(id: "error positions on later lines", source: "line one\n  <<x | upper:1>>", expected: ["template.bad_argument 2:9"]),
    CompileErrorCase(id: "columns count code points", source: "Ünïcödé 😀 <<x | nope>>", expected: ["template.unknown_filter 1:17"]),
    CompileErrorCase(
        id: "every error is reported",
        source: "<<a | shout>> and <<b | default>>\n<<c",
        expected: ["template.unknown_filter 1:7", "template.bad_argument 1:25", "template.syntax 2:1"]),
]

@Test(arguments: compileErrorCases)
func compileErrors(_ c: CompileErrorCase) {
    #expect(throws: TemplateError.self) { try Template(source: c.source) }
    do {
        _ = try Template(source: c.source)
    } catch {
        let got = error.diagnostics.map { "\($0.code) \($0.location!.line):\($0.location!.column)" }
        #expect(got == c.expected)
        #expect(error.diagnostics.allSatisfy { !$0.fix.isEmpty && $0.severity == .error })
    }
}

@Test func unknownFilterSuggestsTheClosestName() throws {
    do {
        _ = try Template(source: "<<name | uper>>")
        Issue.record("compiled")
    } catch {
        #expect(error.diagnostics.first?.fix.hasPrefix("did you mean `upper`?") == true)
    }
}

@Test func everyUndefinedVariableIsReportedAtOnce() throws {
    let template = try Template(source: "Hi <<first>> <<last>>,\nyour code is <<code>>", file: "otp.sms")
    do {
        _ = try template.render(["code": .string("1")])
        Issue.record("rendered")
    } catch {
        #expect(error.diagnostics.map(\.code) == ["template.undefined_variable", "template.undefined_variable"])
        #expect(error.diagnostics.map { $0.location!.description } == ["otp.sms:1:4", "otp.sms:1:14"])
        #expect(error.diagnostics[0].message.contains("`first`"))
    }
}

@Test func typeMismatches() throws {
    let cases: [(String, [String: TemplateValue])] = [
        ("<<n | number:2>>", ["n": .string("abc")]),
        ("<<d | date:\"yyyy\">>", ["d": .string("tomorrow")]),
        ("<<order>>", ["order": .object(["id": .number(1)])]),
        ("<<order.id>>", ["order": .string("x")]),
        ("<<list>>", ["list": .array([.number(1)])]),
    ]
    for (source, values) in cases {
        do {
            _ = try Template(source: source).render(values)
            Issue.record("\(source) rendered")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["template.type_mismatch"], "\(source)")
        }
    }
}

@Test func tooManyTagsIsAnErrorNotAHang() {
    let source = String(repeating: "<<x>>", count: 10_000)
    do {
        _ = try Template(source: source)
        Issue.record("compiled")
    } catch {
        #expect(error.diagnostics.first?.message.contains("more than 1000 tags") == true)
    }
}

@Test func hugeSourceIsRefused() {
    let source = String(repeating: "a", count: 10_000_000)
    #expect(throws: TemplateError.self) { try Template(source: source) }
}

@Test func variablesAndFiltersWithoutRendering() throws {
    let template = try Template(source: "<<a | upper>> <<b.c>> <<a | truncate:3>>")
    #expect(template.variableNames == ["a", "b.c"])
    #expect(template.filters == [.upper, .truncate(3, ellipsis: "")])
    #expect(template.variables.map(\.location.column) == [1, 15, 23])
}

@Test func assignmentsBuildNestedValues() throws {
    let values = try TemplateValue.assignments(["name=Ana", "order.id=42", "order.total=9.50", "eq=a=b"])
    #expect(values["name"] == .string("Ana"))
    #expect(values["order"] == .object(["id": .string("42"), "total": .string("9.50")]))
    #expect(values["eq"] == .string("a=b"))
    #expect(throws: TemplateValueError.missingEquals("name")) { try TemplateValue.assignments(["name"]) }
    #expect(throws: TemplateValueError.conflict("a.b")) { try TemplateValue.assignments(["a=1", "a.b=2"]) }
}

/// Phone filters format with libphonenumber (E.164 per ITU-T E.164; national formats per the
/// numbering plans: London 020 xxxx xxxx, Thai mobiles 08x xxx xxxx).
@Test(arguments: [
    ("<<p | e164>>", "+44 20 7946 0000", nil, "+442079460000"),
    ("<<p | national>>", "+442079460000", nil, "020 7946 0000"),
    ("<<p | e164>>", "081 234 5678", "TH", "+66812345678"),
    ("<<p | national>>", "+66812345678", nil, "081 234 5678"),
] as [(String, String, String?, String)])
func phoneFilters(_ source: String, _ value: String, _ region: String?, _ expected: String) throws {
    let text = try Template(source: source).render(["p": .string(value)], options: RenderOptions(defaultRegion: region))
    #expect(text == expected)
}

@Test func phoneFilterRejectsNonNumbers() throws {
    #expect(throws: TemplateError.self) { try Template(source: "<<p | e164>>").render(["p": .string("hello")]) }
}

/// `Template.plainPieces`: the body as literal text and value tags when every tag inserts a value
/// as it is; joining the pieces is the render.
@Suite("Plain pieces")
struct PlainPiecesTests {
    @Test func piecesOfAPlainTemplate() throws {
        let template = try Template(source: "Hi <<name | default:\"there\">>, <<# note >>code <<code>><<code>>.")
        #expect(template.plainPieces == [
            .text("Hi "), .value(name: "name", fallback: "there"), .text(", code "), .value(name: "code", fallback: nil),
            .value(name: "code", fallback: nil), .text("."),
        ])
        let values: [String: TemplateValue] = ["name": .string("Ana"), "code": .string("42")]
        let joined = template.plainPieces!.map { piece -> String in
            switch piece {
            case .text(let text): text
            case .value(let name, let fallback):
                if case .string(let s)? = values[name], !s.isEmpty { s } else { fallback ?? "" }
            }
        }.joined()
        #expect(joined == (try template.render(values)))
        #expect(joined == "Hi Ana, code 4242.")
    }

    @Test(arguments: [
        "Hi <<name | upper>>", "Hi <<user.name>>", "---\nvariables:\n  name: {type: string, maxLength: 5}\n---\nHi <<name>>",
        "Hi <<name | default:\"x\" | trim>>",
    ])
    func tagsThatDoMoreHaveNoPlainPieces(_ source: String) throws {
        #expect(try Template(source: source).plainPieces == nil)
    }

    @Test func plainTagsOfOneVariable() throws {
        let template = try Template(source: "<<a>> <<a | default:\"x\">> <<b | upper>> <<c>> <<c.d>>")
        #expect(template.plainTags(of: "a") == [nil, "x"])
        #expect(template.plainTags(of: "b") == nil)  // a filter
        #expect(template.plainTags(of: "c") == nil)  // c.d looks into c
        #expect(template.plainTags(of: "z") == [])
        let declared = try Template(source: "---\nvariables:\n  a: {type: string, maxLength: 5}\n---\nHi <<a>>")
        #expect(declared.plainTags(of: "a") == nil)  // checked against its declaration when rendered
    }

    @Test func aTemplateWithoutTagsIsOnePiece() throws {
        #expect(try Template(source: "Your parcel is on its way.").plainPieces == [.text("Your parcel is on its way.")])
    }
}
