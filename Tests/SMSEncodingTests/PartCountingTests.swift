import Testing
import TestSupport
@testable import SMSEncoding

/// One counting case. Expected values follow 3GPP TS 23.038 / 23.040 (140 octets of user data:
/// 160 septets or 70 UCS-2 units alone, 153 / 67 beside the 6-octet concatenation UDH) and the
/// handset rules: escape pairs, surrogate pairs and grapheme clusters are never split.
struct CountCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let encoding: MessageEncoding
    let unitsPerPart: [Int]
    var normalize = true
    var testDescription: String { id }
}

private func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"  // 11 UTF-16 units, one cluster
let flagTH = "\u{1F1F9}\u{1F1ED}"  // 4 units, one cluster

let countCases: [CountCase] = [
    CountCase(id: "empty", text: "", encoding: .gsm7, unitsPerPart: [0]),
    CountCase(id: "ascii160", text: rep("a", 160), encoding: .gsm7, unitsPerPart: [160]),
    CountCase(id: "ascii161", text: rep("a", 161), encoding: .gsm7, unitsPerPart: [153, 8]),
    CountCase(id: "ascii306", text: rep("a", 306), encoding: .gsm7, unitsPerPart: [153, 153]),
    CountCase(id: "ascii307", text: rep("a", 307), encoding: .gsm7, unitsPerPart: [153, 153, 1]),
    CountCase(id: "ascii459", text: rep("a", 459), encoding: .gsm7, unitsPerPart: [153, 153, 153]),
    CountCase(id: "ascii460", text: rep("a", 460), encoding: .gsm7, unitsPerPart: [153, 153, 153, 1]),
    CountCase(id: "cyrillic70", text: rep("Ж", 70), encoding: .ucs2, unitsPerPart: [70]),
    CountCase(id: "cyrillic71", text: rep("Ж", 71), encoding: .ucs2, unitsPerPart: [67, 4]),
    CountCase(id: "cyrillic134", text: rep("Ж", 134), encoding: .ucs2, unitsPerPart: [67, 67]),
    CountCase(id: "cyrillic135", text: rep("Ж", 135), encoding: .ucs2, unitsPerPart: [67, 67, 1]),
    CountCase(id: "cjk70", text: rep("漢", 70), encoding: .ucs2, unitsPerPart: [70]),
    // Extension characters cost two septets; the pair is never split, so a part may end at 152.
    CountCase(id: "euro80", text: rep("€", 80), encoding: .gsm7, unitsPerPart: [160]),
    CountCase(id: "euro81", text: rep("€", 81), encoding: .gsm7, unitsPerPart: [152, 10]),
    CountCase(id: "euro_first_161", text: "€" + rep("a", 159), encoding: .gsm7, unitsPerPart: [153, 8]),
    CountCase(id: "euro_last_161", text: rep("a", 159) + "€", encoding: .gsm7, unitsPerPart: [153, 8]),
    CountCase(id: "euro_at_159_160", text: rep("a", 158) + "€", encoding: .gsm7, unitsPerPart: [160]),
    CountCase(id: "euro_straddles_153", text: rep("a", 152) + "€" + rep("a", 10), encoding: .gsm7, unitsPerPart: [152, 12]),
    CountCase(id: "euro_fits_at_153", text: rep("a", 151) + "€" + rep("a", 10), encoding: .gsm7, unitsPerPart: [153, 10]),
    CountCase(id: "euro_straddles_306", text: rep("a", 305) + "€", encoding: .gsm7, unitsPerPart: [153, 152, 2]),
    CountCase(id: "rbracket153", text: rep("]", 153), encoding: .gsm7, unitsPerPart: [152, 152, 2]),
    CountCase(id: "formfeed", text: "a\u{0C}b", encoding: .gsm7, unitsPerPart: [4]),
    CountCase(id: "all_extension", text: "^{}\\[~]|€", encoding: .gsm7, unitsPerPart: [18]),
    CountCase(id: "crlf", text: "Hello\r\nWorld", encoding: .gsm7, unitsPerPart: [12]),
    // Surrogate pairs and grapheme clusters stay whole.
    CountCase(id: "emoji_at_66_67", text: rep("a", 66) + "😀" + rep("a", 10), encoding: .ucs2, unitsPerPart: [66, 12]),
    CountCase(id: "emoji_at_65_66", text: rep("a", 65) + "😀" + rep("a", 10), encoding: .ucs2, unitsPerPart: [67, 10]),
    CountCase(id: "emoji35", text: rep("😀", 35), encoding: .ucs2, unitsPerPart: [70]),
    CountCase(id: "emoji36", text: rep("😀", 36), encoding: .ucs2, unitsPerPart: [66, 6]),
    CountCase(id: "zwj_family_at_66", text: rep("a", 60) + family + rep("a", 10), encoding: .ucs2, unitsPerPart: [60, 21]),
    CountCase(id: "zwj_family_3_parts", text: rep("a", 60) + family + rep("a", 60), encoding: .ucs2, unitsPerPart: [60, 67, 4]),
    CountCase(id: "flag_at_66", text: rep("a", 65) + flagTH + rep("a", 5), encoding: .ucs2, unitsPerPart: [65, 9]),
    CountCase(id: "flag_3_parts", text: rep("a", 65) + flagTH + rep("a", 64), encoding: .ucs2, unitsPerPart: [65, 67, 1]),
    CountCase(id: "combining_at_67", text: rep("a", 66) + "e\u{0301}" + rep("a", 5), encoding: .ucs2,
              unitsPerPart: [66, 7], normalize: false),
    // A cluster longer than a part falls back to code-point boundaries: never an empty or over-long part.
    CountCase(id: "overlong_cluster", text: "e" + rep("\u{0301}", 80), encoding: .ucs2, unitsPerPart: [67, 14],
              normalize: false),
    CountCase(id: "overlong_cluster_after_text", text: rep("a", 10) + "e" + rep("\u{0301}", 80), encoding: .ucs2,
              unitsPerPart: [10, 67, 14], normalize: false),
    // Alphabet edges.
    CountCase(id: "raw_escape_is_not_gsm", text: "a\u{1B}b", encoding: .ucs2, unitsPerPart: [3]),
    CountCase(id: "lowercase_c_cedilla", text: "ç", encoding: .ucs2, unitsPerPart: [1]),
    CountCase(id: "capital_c_cedilla", text: "Ç", encoding: .gsm7, unitsPerPart: [1]),
    CountCase(id: "greek_capitals_in_gsm", text: "ΔΦΓΛΩΠΨΣΘΞ", encoding: .gsm7, unitsPerPart: [10]),
    CountCase(id: "greek_alpha_not_gsm", text: "Α", encoding: .ucs2, unitsPerPart: [1]),
    CountCase(id: "greek_lowercase", text: "ω", encoding: .ucs2, unitsPerPart: [1]),
    CountCase(id: "backtick", text: "`", encoding: .ucs2, unitsPerPart: [1]),
    CountCase(id: "nbsp", text: "a\u{A0}b", encoding: .ucs2, unitsPerPart: [3]),
    CountCase(id: "tab", text: "a\tb", encoding: .ucs2, unitsPerPart: [3]),
    CountCase(id: "latin1_in_gsm", text: "@£$¥èéùìòÇØøÅåΔ_ÆæßÉ!\"#¤%&'()*+,-./¡ÄÖÑÜ§¿äöñüà", encoding: .gsm7,
              unitsPerPart: [47]),
    // NFC: NFD é is two UCS-2 units; NFC é is one GSM septet.
    CountCase(id: "nfd_e_normalized", text: rep("e\u{0301}", 70), encoding: .gsm7, unitsPerPart: [70]),
    CountCase(id: "nfd_e_not_normalized", text: rep("e\u{0301}", 70), encoding: .ucs2, unitsPerPart: [66, 66, 8],
              normalize: false),
]

@Suite("Part counting")
struct PartCountingTests {
    @Test(arguments: countCases)
    func counts(_ c: CountCase) {
        let report = SMSEncoder(options: EncodingOptions(normalize: c.normalize)).analyze(c.text)
        #expect(report.encoding == c.encoding)
        #expect(report.unitsPerPart == c.unitsPerPart)
        #expect(report.partCount == c.unitsPerPart.count)
        #expect(report.units == c.unitsPerPart.reduce(0, +))
        #expect(report.parts.map(\.text).joined() == report.text)
    }

    @Test func emojiManyParts() {
        // 335 emoji = 670 units; 33 emoji (66 units) per part.
        #expect(SMSEncoder().analyze(rep("😀", 335)).partCount == 11)
        // 765 euro signs = 1530 septets; 76 pairs (152 septets) per part.
        #expect(SMSEncoder().analyze(rep("€", 765)).partCount == 11)
    }

    @Test func udhOctets() {
        #expect(SMSEncoder().analyze("hi").udhOctetsPerPart == 0)
        #expect(SMSEncoder().analyze(rep("a", 161)).udhOctetsPerPart == 6)
        #expect(SMSEncoder().analyze(rep("Ж", 71)).udhOctetsPerPart == 6)
    }

    @Test func crlfIsReported() {
        let report = SMSEncoder().analyze("a\r\nb\r\nc\nd")
        #expect(report.crlfCount == 2)
        #expect(report.units == 9)
        #expect(report.characters == 7)  // CR LF is one grapheme cluster
    }

    @Test func charactersAreGraphemeClusters() {
        let report = SMSEncoder().analyze("\(family) é 🇹🇭 กำ")
        #expect(report.characters == 7)
        #expect(SMSEncoder().analyze("abc").characters == 3)
    }

    @Test func normalizationIsReportedAndSent() {
        let report = SMSEncoder().analyze("Cafe\u{0301}")
        #expect(report.text == "Caf\u{E9}")
        #expect(report.text.unicodeScalars.count == 4)
        #expect(report.normalized)
        #expect(report.encoding == .gsm7)
        let raw = SMSEncoder(options: EncodingOptions(normalize: false)).analyze("Cafe\u{0301}")
        #expect(raw.encoding == .ucs2)
        #expect(raw.text.unicodeScalars.count == 5)
    }

    @Test func nonGSMCharactersWithOffsets() {
        let report = SMSEncoder().analyze("It’s 5€ 😀 ok")
        #expect(report.encoding == .ucs2)
        #expect(report.nonGSM == [NonGSMCharacter(char: "’", offset: 2), NonGSMCharacter(char: "😀", offset: 8)])
    }

    @Test func nonGSMGroupsClusters() {
        // Combining low lines: the whole cluster is the culprit, not just the mark.
        let report = SMSEncoder().analyze("I\u{333}F\u{333} x")
        #expect(report.nonGSM == [NonGSMCharacter(char: "I\u{333}", offset: 0), NonGSMCharacter(char: "F\u{333}", offset: 2)])
        let zwj = SMSEncoder().analyze("hi " + family)
        #expect(zwj.nonGSM == [NonGSMCharacter(char: family, offset: 3)])
    }

    @Test func oneMegabyteInput() {
        let gsm = SMSEncoder().analyze(rep("a", 1_000_000))
        #expect(gsm.partCount == (1_000_000 + 152) / 153)
        #expect(gsm.units == 1_000_000)
        let ucs = SMSEncoder().analyze(rep("Ж", 500_000))
        #expect(ucs.partCount == (500_000 + 66) / 67)
        #expect(ucs.nonGSM.count == 500_000)
    }

    /// Property: for any mix of characters, parts are never empty or over capacity, and they add up to the text.
    @Test(arguments: 0..<200)
    func partsAreWellFormed(_ seed: Int) {
        let pieces = ["a", "€", "]", "Ж", "😀", family, flagTH, "e\u{0301}", "\r\n", "漢", "\u{0301}"]
        var rng = SeededRandom(seed: UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15)
        var text = ""
        for _ in 0..<Int(rng.next() % 400) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
        let report = SMSEncoder(options: EncodingOptions(normalize: seed % 2 == 0)).analyze(text)
        let single = report.encoding == .gsm7 ? 160 : 70
        let multi = report.encoding == .gsm7 ? 153 : 67
        #expect(report.parts.map(\.text).joined() == report.text)
        if report.partCount == 1 {
            #expect(report.units <= single)
        } else {
            for part in report.parts {
                #expect(part.units > 0)
                #expect(part.units <= multi)
            }
        }
    }
}

@Suite("SWAR fast path")
struct SWARTests {
    /// The 8-byte fast path must agree with the alphabet table on every ASCII byte.
    @Test func agreesWithTheTable() {
        let flags = CharacterTable.shared.flags
        for b in 0..<128 {
            let word = UInt64(0x41) * 0x0101_0101_0101_0101 & ~0xFF | UInt64(b)
            let expected = flags[b] & 3 == 1 && b != 0x0A && b != 0x0D
            #expect(SWAR.allCommonGSM(word) == expected, "byte \(b)")
        }
    }
}
