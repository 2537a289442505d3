import Testing
@testable import SMSEncoding

/// A pair that must (or must not) look alike, ignoring case. Mappings from Unicode's
/// confusables.txt (UTS #39): 0031 "1" → 006C "l", 0030 "0" → 004F "O", 0049 "I" → 006C "l",
/// 0420 "Р" → 0050 "P", 0430 "а" → 0061 "a", 0410 "А" → 0041 "A", 006D "m" → 0072 006E "rn".
struct LookalikeCase: Sendable, CustomTestStringConvertible {
    let a: String
    let b: String
    let confusable: Bool
    var testDescription: String { "\(a) ~ \(b): \(confusable)" }
}

let lookalikeCases: [LookalikeCase] = [
    LookalikeCase(a: "PAYPA1", b: "PAYPAL", confusable: true),
    LookalikeCase(a: "paypa1", b: "PayPal", confusable: true),
    LookalikeCase(a: "PAYPAI", b: "PAYPAL", confusable: true),
    LookalikeCase(a: "\u{0420}ayPal", b: "PAYPAL", confusable: true),
    LookalikeCase(a: "p\u{0430}yp\u{0430}l", b: "paypal", confusable: true),
    LookalikeCase(a: "G00GLE", b: "Google", confusable: true),
    LookalikeCase(a: "g00gle", b: "GOOGLE", confusable: true),
    LookalikeCase(a: "arnazon", b: "AMAZON", confusable: true),
    LookalikeCase(a: "PAYPAL", b: "PAYPAL", confusable: true),
    LookalikeCase(a: "PAYPAL", b: "PAYBAL", confusable: false),
    LookalikeCase(a: "Amazon", b: "Amazin", confusable: false),
    LookalikeCase(a: "BANK", b: "BANKS", confusable: false),
]

/// Restriction levels by the definitions of UTS #39 section 5.2.
struct LevelCase: Sendable, CustomTestStringConvertible {
    let text: String
    let level: RestrictionLevel
    let scripts: [String]
    var testDescription: String { "\(text): \(level)" }
}

let levelCases: [LevelCase] = [
    LevelCase(text: "hello123", level: .ascii, scripts: ["Latin"]),
    LevelCase(text: "café", level: .singleScript, scripts: ["Latin"]),
    LevelCase(text: "Привет", level: .singleScript, scripts: ["Cyrillic"]),
    LevelCase(text: "Ελληνικά", level: .singleScript, scripts: ["Greek"]),
    // Latin + Han + Hiragana + Katakana (Jpan) is highly restrictive.
    LevelCase(text: "iPhoneを", level: .highlyRestrictive, scripts: ["Latin", "Hiragana"]),
    // Latin + one other script except Cyrillic and Greek: moderately restrictive (Armenian here).
    LevelCase(text: "abc\u{0561}", level: .moderatelyRestrictive, scripts: ["Latin", "Armenian"]),
    // Latin + Cyrillic: minimally restrictive.
    LevelCase(text: "\u{0420}ayPal", level: .minimallyRestrictive, scripts: ["Cyrillic", "Latin"]),
    LevelCase(text: "Pay\u{03A1}al", level: .minimallyRestrictive, scripts: ["Latin", "Greek"]),
]

@Suite("Confusables (UTS #39)")
struct ConfusablesTests {
    let detector = ConfusableDetector()

    @Test(arguments: lookalikeCases)
    func caseInsensitiveLookalikes(_ c: LookalikeCase) {
        #expect(detector.isConfusable(c.a, with: c.b) == c.confusable)
        #expect(detector.isConfusable(c.b, with: c.a) == c.confusable)
    }

    @Test func skeletonsAreCaseSensitive() {
        // confusables.txt: "1" → "l", "0" → "O", Cyrillic Р/А → Latin P/A.
        #expect(detector.skeleton("paypa1") == "paypal")
        #expect(detector.skeleton("PAYPA1") == "PAYPAl")
        #expect(detector.skeleton("\u{0420}\u{0410}YPAL") == "PAYPAL")
        #expect(detector.skeleton("m") == "rn")
        #expect(detector.skeleton("") == "")
        #expect(detector.foldedSkeleton("PAYPA1") == "paypal")
        #expect(detector.foldedSkeleton("\u{0420}\u{0410}YPAL") == "paypal")
    }

    @Test func icuConfusabilityKinds() {
        // The bits of uspoof_areConfusable: 1 single-script, 2 mixed-script, 4 whole-script.
        #expect(detector.confusability(of: "paypal", and: "paypa1") == .singleScript)
        #expect(detector.confusability(of: "PAYPAL", and: "\u{0420}\u{0410}YPAL") == .mixedScript)
        // Case-sensitive: "1" looks like "l", not "L".
        #expect(detector.confusability(of: "PAYPAL", and: "PAYPA1") == [])
        // Whole-script: all-Latin "scope" and all-Cyrillic "ѕсоре".
        #expect(detector.confusability(of: "scope", and: "\u{0455}\u{0441}\u{043E}\u{0440}\u{0435}").contains(.wholeScript))
        #expect(detector.confusability(of: "", and: "a") == [])
    }

    @Test(arguments: levelCases)
    func restrictionLevels(_ c: LevelCase) {
        let check = detector.check(c.text)
        #expect(check.level == c.level)
        #expect(check.scripts == c.scripts)
        #expect(check.issues.contains(.mixedScript) == (c.level > .highlyRestrictive))
    }

    @Test func maximumLevelIsConfigurable() {
        let lenient = ConfusableDetector(maximumLevel: .minimallyRestrictive)
        #expect(lenient.check("\u{0420}ayPal").issues.isEmpty)
        let strict = ConfusableDetector(maximumLevel: .singleScript)
        #expect(strict.check("iPhoneを").issues == .mixedScript)
    }

    @Test func otherIssues() {
        // UTS #39 5.3: digits from two numbering systems.
        #expect(detector.check("\u{0661}\u{0662}3").issues.contains(.mixedNumbers))
        // ICU's hidden-overlay check: "i" followed by U+0307 COMBINING DOT ABOVE.
        #expect(detector.check("pa\u{0131}\u{0307}d").issues.contains(.hiddenOverlay))
        // A zero-width space inside a word, and a repeated non-spacing mark.
        #expect(detector.check("Pay\u{200B}Pal").issues == .invisible)
        #expect(detector.check("e\u{0301}\u{0301}").issues.contains(.invisible))
        // ZWNJ is part of Persian spelling, not a trick.
        #expect(detector.check("می\u{200C}خواهم").issues.isEmpty)
    }

    @Test func protectedNames() {
        let brands = ConfusableDetector(protectedNames: ["PayPal", "Google"])
        #expect(brands.imitatedName(by: "PAYPAL") == ProtectedNameMatch(name: "PayPal", isExact: true))
        #expect(brands.imitatedName(by: "PAYPA1") == ProtectedNameMatch(name: "PayPal", isExact: false))
        #expect(brands.imitatedName(by: "\u{0420}ayPal") == ProtectedNameMatch(name: "PayPal", isExact: false))
        #expect(brands.imitatedName(by: "G00GLE") == ProtectedNameMatch(name: "Google", isExact: false))
        #expect(brands.imitatedName(by: "ACMEBANK") == nil)
        #expect(ConfusableDetector().imitatedName(by: "PAYPAL") == nil)
    }

    @Test func suspiciousWordsInText() {
        let text = "Ваш счёт \u{0420}ayPal заблокирован 😀 Pay\u{200B}Pal iPhoneを"
        let words = detector.suspiciousWords(in: text)
        #expect(words.map(\.word) == ["\u{0420}ayPal", "Pay\u{200B}Pal"])
        #expect(words.map(\.check.issues) == [.mixedScript, .invisible])
        #expect(words[0].lookalike == "paypal")
        #expect(words[0].check.scripts == ["Cyrillic", "Latin"])
        // "Ваш счёт " is 9 UTF-16 units; the word is 6 long.
        #expect(words[0].utf16Range == 9..<15)
        #expect(text[words[0].range] == "\u{0420}ayPal")
        let emoji = "😀\u{0420}ayPal"
        #expect(detector.suspiciousWords(in: emoji).first?.utf16Range == 2..<8)
    }

    @Test func plainTextHasNoSuspiciousWords() {
        #expect(detector.suspiciousWords(in: "Your PayPal code is 123456. Don't share it.").isEmpty)
        #expect(detector.suspiciousWords(in: "Привет, мир! Ваш код: 1234").isEmpty)
        #expect(detector.suspiciousWords(in: "東京タワーでiPhoneを買った").isEmpty)
        #expect(detector.suspiciousWords(in: "Café crème brûlée, Straße, Ελληνικά").isEmpty)
        #expect(detector.suspiciousWords(in: "").isEmpty)
    }
}
