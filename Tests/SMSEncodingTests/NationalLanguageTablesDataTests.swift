import Testing
@testable import SMSEncoding

/// Data checks for `NationalLanguageTables` (3GPP TS 23.038 annex A).
/// The spot-check cells were chosen from positions on which independent transcriptions of the spec agree.
struct NationalLanguageTablesDataTests {
    /// One expected table cell: 3GPP language identifier, septet, UTF-16 code unit and the character's Unicode name.
    struct Cell: Sendable, CustomTestStringConvertible {
        let language: Int
        let septet: Int
        let codePoint: UInt16
        let name: String

        var testDescription: String {
            "language \(language) septet 0x\(String(septet, radix: 16, uppercase: true)) = \(name)"
        }
    }

    static let lockingCells: [Cell] = [
        // Turkish
        Cell(language: 1, septet: 0x04, codePoint: 0x20AC, name: "EURO SIGN"),
        Cell(language: 1, septet: 0x07, codePoint: 0x0131, name: "LATIN SMALL LETTER DOTLESS I"),
        Cell(language: 1, septet: 0x0B, codePoint: 0x011E, name: "LATIN CAPITAL LETTER G WITH BREVE"),
        Cell(language: 1, septet: 0x1C, codePoint: 0x015E, name: "LATIN CAPITAL LETTER S WITH CEDILLA"),
        Cell(language: 1, septet: 0x40, codePoint: 0x0130, name: "LATIN CAPITAL LETTER I WITH DOT ABOVE"),
        Cell(language: 1, septet: 0x60, codePoint: 0x00E7, name: "LATIN SMALL LETTER C WITH CEDILLA"),
        // Portuguese
        Cell(language: 3, septet: 0x04, codePoint: 0x00EA, name: "LATIN SMALL LETTER E WITH CIRCUMFLEX"),
        Cell(language: 3, septet: 0x15, codePoint: 0x221E, name: "INFINITY"),
        Cell(language: 3, septet: 0x24, codePoint: 0x00BA, name: "MASCULINE ORDINAL INDICATOR"),
        Cell(language: 3, septet: 0x5B, codePoint: 0x00C3, name: "LATIN CAPITAL LETTER A WITH TILDE"),
        Cell(language: 3, septet: 0x7D, codePoint: 0x0060, name: "GRAVE ACCENT"),
        // Bengali
        Cell(language: 4, septet: 0x00, codePoint: 0x0981, name: "BENGALI SIGN CANDRABINDU"),
        Cell(language: 4, septet: 0x28, codePoint: 0x0029, name: "RIGHT PARENTHESIS"),
        Cell(language: 4, septet: 0x3D, codePoint: 0x09AA, name: "BENGALI LETTER PA"),
        Cell(language: 4, septet: 0x60, codePoint: 0x09CE, name: "BENGALI LETTER KHANDA TA"),
        Cell(language: 4, septet: 0x7E, codePoint: 0x09F0, name: "BENGALI LETTER RA WITH MIDDLE DIAGONAL"),
        // Gujarati
        Cell(language: 5, septet: 0x00, codePoint: 0x0A81, name: "GUJARATI SIGN CANDRABINDU"),
        Cell(language: 5, septet: 0x11, codePoint: 0x0A91, name: "GUJARATI VOWEL CANDRA O"),
        Cell(language: 5, septet: 0x60, codePoint: 0x0AD0, name: "GUJARATI OM"),
        Cell(language: 5, septet: 0x7F, codePoint: 0x0AF1, name: "GUJARATI RUPEE SIGN"),
        // Hindi
        Cell(language: 6, septet: 0x03, codePoint: 0x0905, name: "DEVANAGARI LETTER A"),
        Cell(language: 6, septet: 0x3C, codePoint: 0x0929, name: "DEVANAGARI LETTER NNNA"),
        Cell(language: 6, septet: 0x60, codePoint: 0x0950, name: "DEVANAGARI OM"),
        Cell(language: 6, septet: 0x7B, codePoint: 0x0972, name: "DEVANAGARI LETTER CANDRA A"),
        // Kannada
        Cell(language: 7, septet: 0x01, codePoint: 0x0C82, name: "KANNADA SIGN ANUSVARA"),
        Cell(language: 7, septet: 0x3D, codePoint: 0x0CAA, name: "KANNADA LETTER PA"),
        Cell(language: 7, septet: 0x60, codePoint: 0x0CD5, name: "KANNADA LENGTH MARK"),
        Cell(language: 7, septet: 0x7F, codePoint: 0x0CE3, name: "KANNADA VOWEL SIGN VOCALIC LL"),
        // Malayalam
        Cell(language: 8, septet: 0x01, codePoint: 0x0D02, name: "MALAYALAM SIGN ANUSVARA"),
        Cell(language: 8, septet: 0x48, codePoint: 0x0D34, name: "MALAYALAM LETTER LLLA"),
        Cell(language: 8, septet: 0x60, codePoint: 0x0D57, name: "MALAYALAM AU LENGTH MARK"),
        Cell(language: 8, septet: 0x7F, codePoint: 0x0D79, name: "MALAYALAM DATE MARK"),
        // Oriya
        Cell(language: 9, septet: 0x00, codePoint: 0x0B01, name: "ORIYA SIGN CANDRABINDU"),
        Cell(language: 9, septet: 0x4F, codePoint: 0x0B3D, name: "ORIYA SIGN AVAGRAHA"),
        Cell(language: 9, septet: 0x60, codePoint: 0x0B56, name: "ORIYA AI LENGTH MARK"),
        Cell(language: 9, septet: 0x7B, codePoint: 0x0B57, name: "ORIYA AU LENGTH MARK"),
        Cell(language: 9, septet: 0x7F, codePoint: 0x0B63, name: "ORIYA VOWEL SIGN VOCALIC LL"),
        // Punjabi
        Cell(language: 10, septet: 0x00, codePoint: 0x0A01, name: "GURMUKHI SIGN ADAK BINDI"),
        Cell(language: 10, septet: 0x60, codePoint: 0x0A51, name: "GURMUKHI SIGN UDAAT"),
        Cell(language: 10, septet: 0x7B, codePoint: 0x0A70, name: "GURMUKHI TIPPI"),
        Cell(language: 10, septet: 0x7F, codePoint: 0x0A74, name: "GURMUKHI EK ONKAR"),
        // Tamil
        Cell(language: 11, septet: 0x01, codePoint: 0x0B82, name: "TAMIL SIGN ANUSVARA"),
        Cell(language: 11, septet: 0x3C, codePoint: 0x0BA9, name: "TAMIL LETTER NNNA"),
        Cell(language: 11, septet: 0x60, codePoint: 0x0BD0, name: "TAMIL OM"),
        Cell(language: 11, septet: 0x7F, codePoint: 0x0BF9, name: "TAMIL RUPEE SIGN"),
        // Telugu
        Cell(language: 12, septet: 0x00, codePoint: 0x0C01, name: "TELUGU SIGN CANDRABINDU"),
        Cell(language: 12, septet: 0x45, codePoint: 0x0C31, name: "TELUGU LETTER RRA"),
        Cell(language: 12, septet: 0x60, codePoint: 0x0C55, name: "TELUGU LENGTH MARK"),
        Cell(language: 12, septet: 0x7B, codePoint: 0x0C56, name: "TELUGU AI LENGTH MARK"),
        // Urdu
        Cell(language: 13, septet: 0x00, codePoint: 0x0627, name: "ARABIC LETTER ALEF"),
        Cell(language: 13, septet: 0x0B, codePoint: 0x0679, name: "ARABIC LETTER TTEH"),
        Cell(language: 13, septet: 0x58, codePoint: 0x0621, name: "ARABIC LETTER HAMZA"),
        Cell(language: 13, septet: 0x7F, codePoint: 0x0670, name: "ARABIC LETTER SUPERSCRIPT ALEF"),
    ]

    static let singleShiftCells: [Cell] = [
        // Turkish
        Cell(language: 1, septet: 0x47, codePoint: 0x011E, name: "LATIN CAPITAL LETTER G WITH BREVE"),
        Cell(language: 1, septet: 0x49, codePoint: 0x0130, name: "LATIN CAPITAL LETTER I WITH DOT ABOVE"),
        Cell(language: 1, septet: 0x53, codePoint: 0x015E, name: "LATIN CAPITAL LETTER S WITH CEDILLA"),
        Cell(language: 1, septet: 0x69, codePoint: 0x0131, name: "LATIN SMALL LETTER DOTLESS I"),
        Cell(language: 1, septet: 0x73, codePoint: 0x015F, name: "LATIN SMALL LETTER S WITH CEDILLA"),
        // Spanish
        Cell(language: 2, septet: 0x09, codePoint: 0x00E7, name: "LATIN SMALL LETTER C WITH CEDILLA"),
        Cell(language: 2, septet: 0x41, codePoint: 0x00C1, name: "LATIN CAPITAL LETTER A WITH ACUTE"),
        Cell(language: 2, septet: 0x55, codePoint: 0x00DA, name: "LATIN CAPITAL LETTER U WITH ACUTE"),
        Cell(language: 2, septet: 0x65, codePoint: 0x20AC, name: "EURO SIGN"),
        Cell(language: 2, septet: 0x6F, codePoint: 0x00F3, name: "LATIN SMALL LETTER O WITH ACUTE"),
        // Portuguese
        Cell(language: 3, septet: 0x12, codePoint: 0x03A6, name: "GREEK CAPITAL LETTER PHI"),
        Cell(language: 3, septet: 0x1F, codePoint: 0x00CA, name: "LATIN CAPITAL LETTER E WITH CIRCUMFLEX"),
        Cell(language: 3, septet: 0x61, codePoint: 0x00C2, name: "LATIN CAPITAL LETTER A WITH CIRCUMFLEX"),
        Cell(language: 3, septet: 0x7F, codePoint: 0x00E2, name: "LATIN SMALL LETTER A WITH CIRCUMFLEX"),
        // Bengali
        Cell(language: 4, septet: 0x19, codePoint: 0x09E6, name: "BENGALI DIGIT ZERO"),
        Cell(language: 4, septet: 0x24, codePoint: 0x09DF, name: "BENGALI LETTER YYA"),
        Cell(language: 4, septet: 0x2B, codePoint: 0x09F2, name: "BENGALI RUPEE MARK"),
        Cell(language: 4, septet: 0x34, codePoint: 0x09FA, name: "BENGALI ISSHAR"),
        // Gujarati
        Cell(language: 5, septet: 0x19, codePoint: 0x0964, name: "DEVANAGARI DANDA"),
        Cell(language: 5, septet: 0x1A, codePoint: 0x0965, name: "DEVANAGARI DOUBLE DANDA"),
        Cell(language: 5, septet: 0x1C, codePoint: 0x0AE6, name: "GUJARATI DIGIT ZERO"),
        Cell(language: 5, septet: 0x25, codePoint: 0x0AEF, name: "GUJARATI DIGIT NINE"),
        // Hindi
        Cell(language: 6, septet: 0x1C, codePoint: 0x0966, name: "DEVANAGARI DIGIT ZERO"),
        Cell(language: 6, septet: 0x26, codePoint: 0x0951, name: "DEVANAGARI STRESS SIGN UDATTA"),
        Cell(language: 6, septet: 0x2C, codePoint: 0x0958, name: "DEVANAGARI LETTER QA"),
        Cell(language: 6, septet: 0x3A, codePoint: 0x0971, name: "DEVANAGARI SIGN HIGH SPACING DOT"),
        // Kannada
        Cell(language: 7, septet: 0x1C, codePoint: 0x0CE6, name: "KANNADA DIGIT ZERO"),
        Cell(language: 7, septet: 0x26, codePoint: 0x0CDE, name: "KANNADA LETTER FA"),
        Cell(language: 7, septet: 0x27, codePoint: 0x0CF1, name: "KANNADA SIGN JIHVAMULIYA"),
        Cell(language: 7, septet: 0x2A, codePoint: 0x0CF2, name: "KANNADA SIGN UPADHMANIYA"),
        // Malayalam
        Cell(language: 8, septet: 0x26, codePoint: 0x0D70, name: "MALAYALAM NUMBER TEN"),
        Cell(language: 8, septet: 0x2E, codePoint: 0x0D7A, name: "MALAYALAM LETTER CHILLU NN"),
        Cell(language: 8, septet: 0x30, codePoint: 0x0D7B, name: "MALAYALAM LETTER CHILLU N"),
        Cell(language: 8, septet: 0x34, codePoint: 0x0D7F, name: "MALAYALAM LETTER CHILLU K"),
        // Oriya
        Cell(language: 9, septet: 0x26, codePoint: 0x0B5C, name: "ORIYA LETTER RRA"),
        Cell(language: 9, septet: 0x2A, codePoint: 0x0B5F, name: "ORIYA LETTER YYA"),
        Cell(language: 9, septet: 0x2B, codePoint: 0x0B70, name: "ORIYA ISSHAR"),
        Cell(language: 9, septet: 0x2C, codePoint: 0x0B71, name: "ORIYA LETTER WA"),
        // Punjabi
        Cell(language: 10, septet: 0x1C, codePoint: 0x0A66, name: "GURMUKHI DIGIT ZERO"),
        Cell(language: 10, septet: 0x26, codePoint: 0x0A59, name: "GURMUKHI LETTER KHHA"),
        Cell(language: 10, septet: 0x2C, codePoint: 0x0A5E, name: "GURMUKHI LETTER FA"),
        Cell(language: 10, septet: 0x2D, codePoint: 0x0A75, name: "GURMUKHI SIGN YAKASH"),
        // Tamil
        Cell(language: 11, septet: 0x1C, codePoint: 0x0BE6, name: "TAMIL DIGIT ZERO"),
        Cell(language: 11, septet: 0x25, codePoint: 0x0BEF, name: "TAMIL DIGIT NINE"),
        Cell(language: 11, septet: 0x26, codePoint: 0x0BF3, name: "TAMIL DAY SIGN"),
        Cell(language: 11, septet: 0x2E, codePoint: 0x0BFA, name: "TAMIL NUMBER SIGN"),
        // Telugu
        Cell(language: 12, septet: 0x1D, codePoint: 0x0C67, name: "TELUGU DIGIT ONE"),
        Cell(language: 12, septet: 0x26, codePoint: 0x0C58, name: "TELUGU LETTER TSA"),
        Cell(language: 12, septet: 0x2A, codePoint: 0x0C78, name: "TELUGU FRACTION DIGIT ZERO FOR ODD POWERS OF FOUR"),
        Cell(language: 12, septet: 0x30, codePoint: 0x0C7D, name: "TELUGU FRACTION DIGIT TWO FOR EVEN POWERS OF FOUR"),
        // Urdu
        Cell(language: 13, septet: 0x1C, codePoint: 0x06F0, name: "EXTENDED ARABIC-INDIC DIGIT ZERO"),
        Cell(language: 13, septet: 0x26, codePoint: 0x060C, name: "ARABIC COMMA"),
        Cell(language: 13, septet: 0x33, codePoint: 0x061F, name: "ARABIC QUESTION MARK"),
        Cell(language: 13, septet: 0x3F, codePoint: 0x06D4, name: "ARABIC FULL STOP"),
    ]

    @Test func tablesExistForTheSpecifiedLanguages() {
        // Spanish (2) has a single shift table only.
        #expect(NationalLanguageTables.locking.keys.sorted() == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        #expect(NationalLanguageTables.singleShift.keys.sorted() == Array(1...13))
    }

    @Test func everyTableHas128Entries() {
        for (language, table) in NationalLanguageTables.locking {
            #expect(table.count == 128, "locking shift table \(language)")
        }
        for (language, table) in NationalLanguageTables.singleShift {
            #expect(table.count == 128, "single shift table \(language)")
        }
    }

    @Test func escapePositionIsUndefinedInEveryTable() {
        for (language, table) in NationalLanguageTables.locking {
            #expect(table[0x1B] == NationalLanguageTables.undefined, "locking shift table \(language)")
        }
        for (language, table) in NationalLanguageTables.singleShift {
            #expect(table[0x1B] == NationalLanguageTables.undefined, "single shift table \(language)")
        }
    }

    @Test func controlPositions() {
        for (language, table) in NationalLanguageTables.locking {
            #expect(table[0x0A] == 0x000A, "LF in locking shift table \(language)")
            #expect(table[0x0D] == 0x000D, "CR in locking shift table \(language)")
            #expect(table[0x20] == 0x0020, "space in locking shift table \(language)")
        }
        for (language, table) in NationalLanguageTables.singleShift {
            #expect(table[0x0A] == 0x000C, "page break in single shift table \(language)")
        }
    }

    @Test func entriesAreSingleBMPScalars() {
        let all = Array(NationalLanguageTables.locking.values) + Array(NationalLanguageTables.singleShift.values)
        for table in all {
            for unit in table where unit != NationalLanguageTables.undefined {
                #expect(!(0xD800...0xDFFF).contains(unit))
            }
        }
    }

    @Test(arguments: lockingCells)
    func lockingShiftSpotCheck(_ cell: Cell) throws {
        let table = try #require(NationalLanguageTables.locking[cell.language])
        #expect(table[cell.septet] == cell.codePoint)
    }

    @Test(arguments: singleShiftCells)
    func singleShiftSpotCheck(_ cell: Cell) throws {
        let table = try #require(NationalLanguageTables.singleShift[cell.language])
        #expect(table[cell.septet] == cell.codePoint)
    }
}
