import Foundation
import Preflight
import Testing

/// What each check reports and where. Columns count code points from 1 (the template compiler's
/// convention); the positions below are counted by hand from the sources.
@Suite("lint checks")
struct LintCheckTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var expected: [Position]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "U+2019 has a GSM look-alike", source: "It’s ready", expected: [Position("encoding.smart_replaceable", 1, 3)]),
        Case(name: "emoji forces UCS-2", source: "Shipped 📦", expected: [Position("encoding.ucs2", 1, 9)]),
        Case(name: "runs of Cyrillic, split by punctuation", source: "Привет, мир",
             expected: [Position("encoding.ucs2", 1, 1), Position("encoding.ucs2", 1, 9)]),
        Case(name: "a run continues over one space", source: "Hi Добрый день", expected: [Position("encoding.ucs2", 1, 4)]),
        Case(name: "Thai without a locale", source: "สวัสดี", expected: [Position("encoding.ucs2", 1, 1)]),
        Case(name: "Thai in a th_TH template is UCS-2 by design", source: "---\nlocale: th_TH\n---\nสวัสดี 📦 ’",
             expected: []),
        Case(name: "Turkish letters are GSM-7 with the tr_TR shift table", source: "---\nlocale: tr_TR\n---\nŞifreniz: ğış", expected: []),
        Case(name: "Turkish letters force UCS-2 without a locale", source: "Şifre", expected: [Position("encoding.ucs2", 1, 1)]),
        Case(name: "backtick and tab are not GSM-7", source: "a`b\tc",
             expected: [Position("encoding.smart_replaceable", 1, 2), Position("encoding.smart_replaceable", 1, 4)]),
        Case(name: "zero width space", source: "a\u{200B}b", expected: [Position("text.invisible_character", 1, 2)]),
        Case(name: "soft hyphen and word joiner", source: "co\u{00AD}de\u{2060}!",
             expected: [Position("text.invisible_character", 1, 3), Position("text.invisible_character", 1, 6)]),
        Case(name: "ZWJ inside an emoji sequence is expected", source: "👨\u{200D}👩\u{200D}👧 family",
             expected: [Position("encoding.ucs2", 1, 1)]),
        Case(name: "invisible character in a comment", source: "<<# note\u{200B} >>\nHello",
             expected: [Position("text.invisible_character", 1, 9)]),
        Case(name: "bidi isolate controls (Trojan Source)", source: "code \u{2067}1234\u{2069}",
             expected: [Position("text.bidi_control", 1, 6), Position("text.bidi_control", 1, 11)]),
        Case(name: "right-to-left override in front matter", source: "---\nname: \u{202E}x\n---\nHello",
             expected: [Position("text.bidi_control", 2, 7)]),
        Case(name: "CR LF reported once, at the first", source: "one\r\ntwo\r\nthree", expected: [Position("text.crlf", 1, 4)]),
        Case(name: "mixed-script word", source: "Pаypal",
             expected: [Position("text.confusable", 1, 1), Position("encoding.ucs2", 1, 2)]),
        Case(name: "public shortener", source: "Go https://bit.ly/x", expected: [Position("link.public_shortener", 1, 4)]),
        Case(name: "plain http and an IP address", source: "Go http://203.0.113.7/x",
             expected: [Position("link.insecure", 1, 4), Position("link.ip_address", 1, 4)]),
        Case(name: "link after a tag", source: "---\nvariables:\n  id: {maxLength: 8, charset: gsm}\n---\n<<id>> https://tinyurl.com/<<id>>",
             expected: [Position("link.public_shortener", 5, 8)]),
        Case(name: "marketing without opt-out", source: "---\ncategory: marketing\n---\nSale today",
             expected: [Position("optout.language_missing", 4, 1)]),
        Case(name: "opt-out written in the text", source: "---\ncategory: marketing\n---\nSale today. Reply STOP to opt out", expected: []),
        Case(name: "restricted keywords at their words", source: "Free spins at our casino",
             expected: [Position("content.restricted", 1, 1), Position("content.restricted", 1, 19)]),
        Case(name: "restricted keyword on a later line", source: "Hello\nfine wine here", expected: [Position("content.restricted", 2, 6)]),
        Case(name: "front matter type error", source: "---\nvariables:\n  code: {type: strin}\n---\n<<code>>",
             expected: [Position("template.front_matter", 3, 16)]),
        Case(name: "undeclared variable without front matter is unbounded", source: "Hi <<name>>",
             expected: [Position("template.unbounded_variable", 1, 4)]),
        Case(name: "escaped tag is literal text", source: "\\<<not a tag>> ’", expected: [Position("encoding.smart_replaceable", 1, 16)]),
        Case(name: "empty body", source: "---\nname: x\n---\n", expected: [Position("body.empty", 4, 1)]),
        Case(name: "1601 characters", source: String(repeating: "a", count: 1601), expected: [Position("body.too_long", 1, 1)]),
        Case(name: "1600 characters", source: String(repeating: "a", count: 1600), expected: []),
        Case(name: "directive on the line before", source: "<<# preflight:disable-next-line encoding.ucs2 - brand >>\nShipped 📦",
             expected: []),
        Case(name: "directive on the same line", source: "Shipped 📦 <<# preflight:disable-line encoding.ucs2 - brand >>",
             expected: []),
        Case(name: "directive spanning lines applies after its end",
             source: "<<# preflight:disable-next-line\n    encoding.ucs2 - brand >>\nShipped 📦", expected: []),
        Case(name: "directive covers only the next line",
             source: "<<# preflight:disable-next-line encoding.ucs2 - brand >>\nok\nShipped 📦",
             expected: [Position("lint.unused_directive", 1, 1), Position("encoding.ucs2", 3, 9)]),
        Case(name: "directive with two codes, one unused",
             source: "<<# preflight:disable-next-line encoding.ucs2, text.crlf - brand >>\nShipped 📦",
             expected: [Position("lint.unused_directive", 1, 1)]),
        Case(name: "directive without reason still applies",
             source: "<<# preflight:disable-next-line encoding.ucs2 >>\nShipped 📦", expected: [Position("lint.invalid_directive", 1, 1)]),
        Case(name: "unknown code in a directive", source: "<<# preflight:disable-line encoding.ucs3 - x >>Hi",
             expected: [Position("lint.invalid_directive", 1, 1)]),
        Case(name: "directives cannot enable", source: "<<# preflight:enable-line encoding.ucs2 >>Hi",
             expected: [Position("lint.invalid_directive", 1, 1)]),
        Case(name: "compile errors cannot be disabled", source: "<<# preflight:disable-line template.syntax - x >>Hi",
             expected: [Position("lint.invalid_directive", 1, 1)]),
        Case(name: "ordinary comments are not directives", source: "<<# preflight is our product >>Hi", expected: []),
    ]

    @Test(arguments: cases)
    func reports(_ c: Case) throws {
        let result = try LintTesting.linter().lint(source: c.source, file: "t.sms")
        #expect(LintTesting.positions(result) == c.expected, "\(result.diagnostics.map(\.description))")
    }

    @Test func messagesNameTheCharacterAndTheCost() throws {
        let result = try LintTesting.linter().lint(source: "It’s here 📦", file: "t.sms")
        let messages = result.diagnostics.map(\.message)
        // Names from the Unicode Character Database; one part either way (10 characters).
        #expect(messages[0].hasPrefix("'’' (U+2019 RIGHT SINGLE QUOTATION MARK) forces UCS-2; smart encoding writes `'` instead"))
        #expect(messages[1].hasPrefix("'📦' (U+1F4E6 PACKAGE) forces UCS-2"))
        #expect(messages[1].contains("70 characters in a part instead of 160"))
    }

    @Test func costInPartsWhenTheWorstCaseGrows() throws {
        // 100 × "a" + "’": UCS-2 needs 2 parts (101 > 70 units), GSM-7 one (101 ≤ 160 septets).
        let result = try LintTesting.linter().lint(source: String(repeating: "a", count: 100) + "’", file: "t.sms")
        #expect(result.diagnostics.first?.message.hasSuffix("(worst case 2 parts instead of 1 in GSM-7)") == true)
    }

    @Test func transliterationIsSuggested() throws {
        let result = try LintTesting.linter().lint(source: "Şifre", file: "t.sms")
        #expect(result.diagnostics.first?.fix.hasPrefix("write `S` instead") == true)
    }

    @Test func crlfOnlyInFrontMatterIsNotSent() throws {
        let result = try LintTesting.linter().lint(source: "---\r\nname: x\r\n---\r\nHello", file: "t.sms")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func tooManyPartsNeedsAPartLimit() throws {
        // 200 characters of a GSM-7 variable count two septets each: 400 + 13 septets, 3 parts of 153.
        let source = "---\nvariables:\n  items: {maxLength: 200, charset: gsm}\n---\nYour basket: <<items>>"
        #expect(try LintTesting.linter().lint(source: source, file: "t.sms").diagnostics.isEmpty)
        let limited = try LintTesting.linter(policy: "version: 1\nbody:\n  maxParts: 2\n").lint(source: source, file: "t.sms")
        #expect(limited.diagnostics.map(\.code) == ["body.too_many_parts"])
        #expect(limited.diagnostics.first?.message.hasPrefix("the worst case needs 3 parts (GSM-7, 413 units)") == true)
    }

    @Test func unbrandedLinksNeedBrandDomains() throws {
        let source = "Track: https://parcels.example.net/1 and https://go.example.com/2"
        let linter = try LintTesting.linter(policy: "version: 1\naccount:\n  brandDomains: [example.com]\n")
        #expect(LintTesting.positions(linter.lint(source: source, file: "t.sms")) == [Position("link.unbranded_domain", 1, 8)])
    }

    @Test func configurationSetsSeverities() throws {
        var configuration = LintConfiguration(baseDirectory: "/")
        configuration.severities = ["encoding.ucs2": .error, "text.crlf": .off]
        let result = try LintTesting.linter(configuration: configuration).lint(source: "📦\r\nx", file: "t.sms")
        #expect(result.diagnostics.map(\.code) == ["encoding.ucs2"])
        #expect(result.diagnostics.first?.severity == .error)
    }

    @Test func aDirectiveCannotBringBackWhatTheConfigurationTurnsOff() throws {
        var configuration = LintConfiguration(baseDirectory: "/")
        configuration.severities = ["encoding.ucs2": .off]
        let source = "<<# preflight:disable-next-line encoding.ucs2 - brand >>\nShipped 📦"
        let result = try LintTesting.linter(configuration: configuration).lint(source: source, file: "t.sms")
        #expect(result.diagnostics.map(\.code) == ["lint.unused_directive"])
        #expect(result.diagnostics.first?.message.hasSuffix("(the configuration turns it off)") == true)
        configuration.severities["lint.unused_directive"] = .off
        #expect(try LintTesting.linter(configuration: configuration).lint(source: source, file: "t.sms").diagnostics.isEmpty)
    }

    @Test func unreadableInput() throws {
        let linter = try LintTesting.linter()
        let bad = linter.lint(bytes: Array("Hi ".utf8) + [0xC3, 0x28], file: "t.sms")
        #expect(LintTesting.positions(bad) == [Position("input.invalid", 1, 1)])
        let missing = linter.lint(contentsOf: "/nonexistent/preflight/t.sms", file: "t.sms")
        #expect(missing.diagnostics.map(\.code) == ["input.invalid"])
        #expect(missing.source == nil)
    }

    @Test func compileErrorsStopOtherChecks() throws {
        let result = try LintTesting.linter().lint(source: "Shipped 📦 <<code", file: "t.sms")
        #expect(result.diagnostics.map(\.code) == ["template.syntax"])
    }

    @Test func filesAreLintedInParallelInOrder() throws {
        let directory = try LintTesting.temporaryDirectory()
        var files: [LintFile] = []
        for i in 0..<50 {
            let name = "t\(i).sms"
            try LintTesting.write([name: i.isMultiple(of: 2) ? "Hi \(i)" : "Hi \(i) 📦"], in: directory)
            files.append(LintFile(path: directory.appendingPathComponent(name).path, displayPath: name))
        }
        let results = try LintTesting.linter().lint(files)
        #expect(results.map(\.file) == files.map(\.displayPath))
        #expect(results.map(\.diagnostics.count) == (0..<50).map { $0.isMultiple(of: 2) ? 0 : 1 })
    }
}
