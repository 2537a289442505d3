import Testing
@testable import SMSEncoding

/// Capacities from TS 23.040: 140 octets of user data; the UDH (UDHL + IEs) is padded to a septet
/// boundary. One shift IE (3 octets): 155 septets alone, 149 concatenated (with the 5-octet
/// concatenation IE); two shift IEs: 152 / 146.
struct ShiftCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let languages: Set<NationalLanguage>
    let encoding: MessageEncoding
    let unitsPerPart: [Int]
    let tables: ShiftTables
    let udh: Int
    var testDescription: String { id }
}

private func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

let shiftCases: [ShiftCase] = [
    // Turkish dotless ı is in the Turkish locking shift table (one septet each).
    ShiftCase(id: "tr_locking_155", text: rep("ı", 155), languages: [.turkish], encoding: .gsm7,
              unitsPerPart: [155], tables: ShiftTables(locking: .turkish), udh: 4),
    ShiftCase(id: "tr_locking_156", text: rep("ı", 156), languages: [.turkish], encoding: .gsm7,
              unitsPerPart: [149, 7], tables: ShiftTables(locking: .turkish), udh: 9),
    ShiftCase(id: "tr_not_enabled", text: rep("ı", 10), languages: [], encoding: .ucs2,
              unitsPerPart: [10], tables: ShiftTables(), udh: 0),
    // Spanish á is only in the Spanish single shift table (escape + character: two septets).
    ShiftCase(id: "es_single_77", text: rep("á", 77), languages: [.spanish], encoding: .gsm7,
              unitsPerPart: [154], tables: ShiftTables(single: .spanish), udh: 4),
    ShiftCase(id: "es_single_78", text: rep("á", 78), languages: [.spanish], encoding: .gsm7,
              unitsPerPart: [148, 8], tables: ShiftTables(single: .spanish), udh: 9),
    // Portuguese: ∞ only in the locking table, Φ only in the single shift table → both IEs.
    ShiftCase(id: "pt_both_151", text: "∞" + rep("Φ", 75), languages: [.portuguese], encoding: .gsm7,
              unitsPerPart: [151], tables: ShiftTables(locking: .portuguese, single: .portuguese), udh: 7),
    ShiftCase(id: "pt_both_153", text: "∞" + rep("Φ", 76), languages: [.portuguese], encoding: .gsm7,
              unitsPerPart: [145, 8], tables: ShiftTables(locking: .portuguese, single: .portuguese), udh: 12),
    ShiftCase(id: "pt_both_152_exact", text: rep("∞", 2) + rep("Φ", 75), languages: [.portuguese], encoding: .gsm7,
              unitsPerPart: [152], tables: ShiftTables(locking: .portuguese, single: .portuguese), udh: 7),
    // Locking and single shift from different languages.
    ShiftCase(id: "tr_locking_es_single", text: "ı" + rep("á", 75), languages: [.turkish, .spanish], encoding: .gsm7,
              unitsPerPart: [151], tables: ShiftTables(locking: .turkish, single: .spanish), udh: 7),
    // The default alphabet wins when it is enough (no UDH at all).
    ShiftCase(id: "default_preferred", text: "hello", languages: [.turkish, .spanish], encoding: .gsm7,
              unitsPerPart: [5], tables: ShiftTables(), udh: 0),
    // A character no enabled table has still forces UCS-2.
    ShiftCase(id: "emoji_forces_ucs2", text: "ı😀", languages: [.turkish], encoding: .ucs2,
              unitsPerPart: [3], tables: ShiftTables(), udh: 0),
    // Hindi locking shift: Devanagari letters at one septet each.
    ShiftCase(id: "hi_locking", text: "नमस्ते", languages: [.hindi], encoding: .gsm7,
              unitsPerPart: [6], tables: ShiftTables(locking: .hindi), udh: 4),
]

@Suite("National language shift tables")
struct ShiftTableTests {
    @Test(arguments: shiftCases)
    func chooser(_ c: ShiftCase) {
        let report = SMSEncoder(options: EncodingOptions(shiftTables: c.languages)).analyze(c.text)
        #expect(report.encoding == c.encoding)
        #expect(report.unitsPerPart == c.unitsPerPart)
        #expect(report.shiftTables == c.tables)
        #expect(report.udhOctetsPerPart == c.udh)
        #expect(report.parts.map(\.text).joined() == report.text)
    }

    @Test func capacities() {
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: false, tables: 0)) == 160)
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: true, tables: 0)) == 153)
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: false, tables: 1)) == 155)
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: true, tables: 1)) == 149)
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: false, tables: 2)) == 152)
        #expect(Capacity.gsm(udh: Capacity.udh(multipart: true, tables: 2)) == 146)
        #expect(Capacity.ucs2(udh: 0) == 70)
        #expect(Capacity.ucs2(udh: Capacity.concatenationUDH) == 67)
    }

    @Test func parseList() throws {
        #expect(try NationalLanguage.parseList("tr, es,PT") == [.turkish, .spanish, .portuguese])
        #expect(try NationalLanguage.parseList("") == [])
        #expect(throws: EncodingError.unknownLanguage("xx")) { try NationalLanguage.parseList("tr,xx") }
    }

    @Test func identifiersFollowTS23038() {
        let ids = NationalLanguage.allCases.map(\.identifier)
        #expect(ids == Array(1...13))
        #expect(!NationalLanguage.spanish.hasLockingShift)
        #expect(NationalLanguage.allCases.filter(\.hasLockingShift).count == 12)
    }
}

@Suite("Spec errata in the annex A data")
struct ShiftTableErrataTests {
    /// Cells printed with evident typos in TS 23.038 V16 and corrected in the data.
    @Test(arguments: [
        (NationalLanguage.kannada, "\u{0CA1}"),  // KANNADA LETTER DDA, locking 0x24
        (NationalLanguage.tamil, "\u{0BEE}"),    // TAMIL DIGIT EIGHT, single shift 0x24
        (NationalLanguage.telugu, "\u{0C6C}\u{0C6D}"),  // TELUGU DIGITS SIX and SEVEN, single shift 0x22/0x23
    ])
    func correctedCellsEncode(_ c: (NationalLanguage, String)) {
        let report = SMSEncoder(options: EncodingOptions(shiftTables: [c.0])).analyze(c.1)
        #expect(report.encoding == .gsm7)
    }
}
