import Foundation
import PhoneNumbers
import PreflightCore
import SMSEncoding
@testable import SMSPolicy
import Testing

/// `BodyWords` built piece by piece, and `Policy.screen` (the body and link checks for batch
/// callers) against `Policy.evaluate`.
@Suite("Body words and the body screen")
struct BodyScreenTests {
    static let policy = try! Policy(rules: RuleSet.shipped())

    /// Texts with words that run across every possible cut: ASCII, upper-case letters outside
    /// ASCII (lower-cased per scalar), combining marks, other scripts, digits, emoji, punctuation.
    static let texts = [
        "Reply STOP to opt out.", "Free BEER tonight!", "ÉCOLE Straße İstanbul", "e\u{301}te\u{301}", "Привет, мир 2026",
        "李小龙 说 hi", "a👋b  c--d", "", "   ", "x", "OPT-OUT now", "ΣΊΣΥΦΟΣ",
    ]

    @Test(arguments: texts)
    func wordsOfPiecesAreTheWordsOfTheWhole(_ text: String) {
        let whole = BodyWords(text)
        for cut in text.indices + [text.endIndex] {
            let (a, b) = (String(text[..<cut]), String(text[cut...]))
            var joined = BodyWords(a)
            joined.append(b)
            #expect(joined == whole, "cut after \(a.debugDescription)")
            var withPiece = BodyWords(a)
            withPiece.append(BodyWords.Piece(b))
            #expect(withPiece == whole, "cut after \(a.debugDescription)")
            // Three pieces: the middle one cut beforehand.
            for cut2 in b.indices {
                var three = BodyWords(a)
                three.append(BodyWords.Piece(String(b[..<cut2])))
                three.append(String(b[cut2...]))
                #expect(three == whole)
            }
        }
    }

    @Test func wordCounts() {
        // Words are runs of letters, digits and combining marks; the rest separates them.
        #expect(BodyWords("Reply \"STOP\" to opt-out.").count == 5)
        #expect(BodyWords("e\u{301}te\u{301}").count == 1)
        #expect(BodyWords("a👋b").count == 2)
        #expect(BodyWords(" ,. ").count == 0)
        // A word running across a seam is one word.
        var seam = BodyWords("ST")
        seam.append(BodyWords.Piece("OP to opt out"))
        #expect(seam.count == 4)
        #expect(Self.policy.rules.policy.optOut.instruction(in: seam) != nil)
        #expect(Self.policy.rules.policy.restrictedContent.matches(in: BodyWords("be") + "er").map(\.keyword) == ["beer"])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let to: String
        let category: MessageCategory
        var testDescription: String { "\(to) \(category.rawValue): \(text.prefix(40))" }
    }

    static let cases: [Case] = {
        let bodies = [
            "Your code is 123456", " \n", String(repeating: "a", count: 1601), String(repeating: "a", count: 460),
            "20% off today", "20% off today. Reply STOP to opt out", "Track: bit.ly/abc", "Track: http://acme.example.com/t",
            "Track: http://192.0.2.7/t", "Cannabis delivery today", "Привет", String(repeating: "Привет ", count: 40),
            "Free beer and wine. Text STOP to end. https://tinyurl.com/x",
        ]
        let recipients = ["+447400123456", "+14155552671", "+639171234567", "+4915112345678", "+919812345678"]
        return bodies.flatMap { text in
            recipients.flatMap { to in [MessageCategory.marketing, .transactional].map { Case(text: text, to: to, category: $0) } }
        }
    }()

    static func screened(_ c: Case, policy: Policy = policy, words: Bool) -> [String] {
        let report = SMSEncoder().analyze(c.text)
        var body = BodyFacts(report)
        if words { body.words = BodyWords(c.text) }
        let region = policy.checkRecipient(c.to, defaultRegion: nil, field: "to").number?.regionCode
        return policy.screen(body, region: region, category: c.category,
                             account: policy.rules.policy.account).map { "\($0.code) \($0.severity)" }
    }

    static func evaluated(_ c: Case, policy: Policy = policy) -> [String] {
        let facts = MessageFacts(
            recipient: c.to, text: c.text, encoding: SMSEncoder().analyze(c.text), category: c.category,
            account: policy.rules.policy.account)
        return policy.evaluate(facts, checks: [.body, .links], minimumSeverity: .warning).diagnostics.map { "\($0.code) \($0.severity)" }
    }

    @Test(arguments: cases)
    func screenFindsWhatEvaluateFinds(_ c: Case) {
        let expected = Self.evaluated(c)
        #expect(Self.screened(c, words: false) == expected)
        #expect(Self.screened(c, words: true) == expected)
    }

    @Test func checkTablePositionsFollowTheCases() throws {
        #expect(CheckCode.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
        let policy = try shippedPolicy { $0[.contentRestricted] = CheckSetting(enabled: false, severity: nil) }
        for code in CheckCode.allCases {
            #expect(policy.rules.policy.setting(for: code) == (policy.rules.policy.checks[code] ?? CheckSetting()))
        }
    }

    @Test func screenFollowsTheCheckSettings() throws {
        let custom = try shippedPolicy { checks in
            checks[.contentRestricted] = CheckSetting(enabled: false)
            checks[.encodingUCS2] = CheckSetting(enabled: true, severity: .error)
        }
        let c = Case(text: "Cannabis Привет", to: "+447400123456", category: .transactional)
        #expect(Self.screened(c, policy: custom, words: false) == ["encoding.ucs2 error"])
        #expect(Self.evaluated(c, policy: custom) == ["encoding.ucs2 error"])
    }
}

private func + (words: BodyWords, text: String) -> BodyWords {
    var joined = words
    joined.append(text)
    return joined
}

@Suite("Sender blank test")
struct SenderBlankTests {
    /// `SenderChecks.isBlank` answers what trimming `CharacterSet.whitespaces` answered before it
    /// (Zs, TAB and U+200B are blank; line breaks, other controls and format characters are not).
    @Test(arguments: [
        "", " ", "\t", "   \t ", "\u{A0}", "\u{2003}\u{3000}", "\u{202F}", "\u{1680}",
        "A", " A ", "\n", "\r\n", " \n", "\u{0B}", "\u{200B}", " \u{200B}\u{3000}", "\u{200C}", "\u{FEFF}", "\u{2028}", "\u{85}", "Acme",
    ])
    func sameAsFoundationTrimming(_ text: String) {
        #expect(SenderChecks.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
    }
}
