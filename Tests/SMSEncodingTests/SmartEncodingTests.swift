import Testing
@testable import SMSEncoding

struct SmartCase: Sendable, CustomTestStringConvertible {
    let from: String
    let to: String
    var testDescription: String { from.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") }
}

/// Every replacement of the punctuation level: what a GSM-7 handset should show instead.
let punctuationCases: [SmartCase] = [
    SmartCase(from: "\u{2018}", to: "'"), SmartCase(from: "\u{2019}", to: "'"), SmartCase(from: "\u{201A}", to: "'"),
    SmartCase(from: "\u{201B}", to: "'"), SmartCase(from: "\u{2032}", to: "'"), SmartCase(from: "`", to: "'"),
    SmartCase(from: "\u{00B4}", to: "'"), SmartCase(from: "\u{02BC}", to: "'"),
    SmartCase(from: "\u{201C}", to: "\""), SmartCase(from: "\u{201D}", to: "\""), SmartCase(from: "\u{201E}", to: "\""),
    SmartCase(from: "\u{2033}", to: "\""), SmartCase(from: "\u{00AB}", to: "\""), SmartCase(from: "\u{00BB}", to: "\""),
    // Single angle quotation marks keep their direction.
    SmartCase(from: "\u{2039}", to: "<"), SmartCase(from: "\u{203A}", to: ">"),
    SmartCase(from: "\u{2010}", to: "-"), SmartCase(from: "\u{2011}", to: "-"), SmartCase(from: "\u{2012}", to: "-"),
    SmartCase(from: "\u{2013}", to: "-"), SmartCase(from: "\u{2014}", to: "-"), SmartCase(from: "\u{2015}", to: "-"),
    SmartCase(from: "\u{2212}", to: "-"), SmartCase(from: "\u{2022}", to: "-"), SmartCase(from: "\u{2043}", to: "-"),
    SmartCase(from: "\u{2026}", to: "..."), SmartCase(from: "\u{2044}", to: "/"),
    // No-break space and the other Unicode spaces, and tab: one space.
    SmartCase(from: "\u{00A0}", to: " "), SmartCase(from: "\u{2002}", to: " "), SmartCase(from: "\u{2009}", to: " "),
    SmartCase(from: "\u{200A}", to: " "), SmartCase(from: "\u{202F}", to: " "), SmartCase(from: "\u{205F}", to: " "),
    SmartCase(from: "\u{3000}", to: " "), SmartCase(from: "\t", to: " "),
    // Zero-width characters and BOM: removed.
    SmartCase(from: "\u{200B}", to: ""), SmartCase(from: "\u{2060}", to: ""), SmartCase(from: "\u{FEFF}", to: ""),
    SmartCase(from: "\u{00AD}", to: ""),
    // Fullwidth ASCII.
    SmartCase(from: "\u{FF21}", to: "A"), SmartCase(from: "\u{FF5A}", to: "z"), SmartCase(from: "\u{FF01}", to: "!"),
    SmartCase(from: "\u{FF10}", to: "0"), SmartCase(from: "\u{FF04}", to: "$"), SmartCase(from: "\u{FF3C}", to: "\\"),
]

@Suite("Smart encoding")
struct SmartEncodingTests {
    @Test(arguments: punctuationCases)
    func punctuation(_ c: SmartCase) {
        let report = SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("x" + c.from + "y")
        #expect(report.text == "x" + c.to + "y")
        #expect(report.encoding == .gsm7)
        #expect(report.replacements == [Replacement(offset: 1, from: c.from, to: c.to)])
    }

    @Test func offsetsAreUTF16InTheInput() {
        let report = SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("😀 it’s")
        #expect(report.replacements == [Replacement(offset: 5, from: "’", to: "'")])
        #expect(report.text == "😀 it's")
        #expect(report.encoding == .ucs2)  // the emoji stays
    }

    @Test func ellipsisSavesAPart() {
        // 158 ASCII + "…" is UCS-2 (159 units → 3 parts); "..." makes it 161 septets → 2 parts.
        let text = String(repeating: "a", count: 158) + "…"
        #expect(SMSEncoder().analyze(text).partCount == 3)
        #expect(SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze(text).partCount == 2)
        // 159 ASCII + ’ → one part once replaced.
        let quote = String(repeating: "a", count: 159) + "’"
        #expect(SMSEncoder().analyze(quote).partCount == 3)
        #expect(SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze(quote).partCount == 1)
    }

    @Test func punctuationLevelLeavesLetters() {
        let report = SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("Привет ş")
        #expect(report.replacements.isEmpty)
        #expect(report.encoding == .ucs2)
    }

    @Test(arguments: [
        ("Привет", "Privet"), ("μέγα", "mega"), ("ş", "s"), ("Łódź", "Lodz"), ("naïve", "naive"),
        ("ç", "Ç"), ("ā", "a"),
    ])
    func letters(_ pair: (String, String)) {
        let report = SMSEncoder(options: EncodingOptions(smart: .letters)).analyze(pair.0)
        #expect(report.text == pair.1)
        #expect(report.encoding == .gsm7)
    }

    @Test func lettersKeepGSMLetters() {
        let text = "é è ù ì ò Ç Ø ø Å å Æ æ ß É Ä Ö Ñ Ü ä ö ñ ü à Straße"
        let report = SMSEncoder(options: EncodingOptions(smart: .letters)).analyze(text)
        #expect(report.text == text)
        #expect(report.replacements.isEmpty)
    }

    @Test func lettersReportRuns() {
        let report = SMSEncoder(options: EncodingOptions(smart: .letters)).analyze("Code: Привет мир")
        #expect(report.replacements == [
            Replacement(offset: 6, from: "Привет", to: "Privet"),
            Replacement(offset: 13, from: "мир", to: "mir"),
        ])
        #expect(report.text == "Code: Privet mir")
    }

    @Test func emojiSequencesAreLeftWhole() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        let report = SMSEncoder(options: EncodingOptions(smart: .letters)).analyze("Hi \(family)")
        #expect(report.text == "Hi \(family)")
        #expect(report.replacements.isEmpty)
    }

    @Test func shiftTableLettersAreKept() {
        let report = SMSEncoder(options: EncodingOptions(smart: .letters, shiftTables: [.turkish])).analyze("şifre")
        #expect(report.text == "şifre")
        #expect(report.shiftTables.locking == .turkish)
    }

    @Test func normalizesBeforeReplacing() {
        let report = SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("Cafe\u{301} ’")
        #expect(report.text == "Café '")
        #expect(report.replacements == [Replacement(offset: 5, from: "’", to: "'")])
    }
}
