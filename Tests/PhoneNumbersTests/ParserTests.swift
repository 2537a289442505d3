import Testing
@testable import PhoneNumbers

/// Expected values come from ../shared/reference/build-notes.md §2 (measured against the
/// installed libphonenumber 8.12.57), libphonenumber's own documentation, and national
/// numbering plans (NANP, Ofcom's UK plan, Thailand's NBTC plan).
@Suite("PhoneNumberParser.parse")
struct ParserTests {
    let parser = PhoneNumberParser()

    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        let e164: String
        let regionCode: String
        let countryCode: Int
        let type: PhoneNumberType
        var testDescription: String { "\(input) [\(region ?? "-")]" }
    }

    static let valid: [Valid] = [
        // build-notes.md §2
        Valid(input: "+14155552671", region: nil, e164: "+14155552671", regionCode: "US", countryCode: 1, type: .fixedLineOrMobile),
        Valid(input: "+16135550123", region: nil, e164: "+16135550123", regionCode: "CA", countryCode: 1, type: .fixedLineOrMobile),
        Valid(input: "0812345678", region: "TH", e164: "+66812345678", regionCode: "TH", countryCode: 66, type: .mobile),
        Valid(input: "+447400123456", region: nil, e164: "+447400123456", regionCode: "GB", countryCode: 44, type: .mobile),
        Valid(input: "+447911123456", region: nil, e164: "+447911123456", regionCode: "GG", countryCode: 44, type: .mobile),
        // Same numbers in other spellings and default regions.
        Valid(input: "+1 (415) 555-2671", region: "TH", e164: "+14155552671", regionCode: "US", countryCode: 1, type: .fixedLineOrMobile),
        Valid(input: "(415) 555-2671", region: "us", e164: "+14155552671", regionCode: "US", countryCode: 1, type: .fixedLineOrMobile),
        Valid(input: "tel:+1-415-555-2671", region: nil, e164: "+14155552671", regionCode: "US", countryCode: 1, type: .fixedLineOrMobile),
        Valid(input: "081-234-5678", region: "TH", e164: "+66812345678", regionCode: "TH", countryCode: 66, type: .mobile),
        Valid(input: "+66 81 234 5678", region: "ZZ", e164: "+66812345678", regionCode: "TH", countryCode: 66, type: .mobile),
        Valid(input: "00 66 81 234 5678", region: "GB", e164: "+66812345678", regionCode: "TH", countryCode: 66, type: .mobile),
        // Google Zurich, the example of libphonenumber's phonenumberutil.h.
        Valid(input: "044 668 1800", region: "CH", e164: "+41446681800", regionCode: "CH", countryCode: 41, type: .fixedLine),
        // Bangkok landlines start with 02 (NBTC plan).
        Valid(input: "02 123 4567", region: "TH", e164: "+6621234567", regionCode: "TH", countryCode: 66, type: .fixedLine),
        // Italian numbers keep their leading 0 after the country code.
        Valid(input: "06 1234 5678", region: "IT", e164: "+390612345678", regionCode: "IT", countryCode: 39, type: .fixedLine),
        // A trunk 0 written after the country code is dropped.
        Valid(input: "+44 (0)7400 123456", region: nil, e164: "+447400123456", regionCode: "GB", countryCode: 44, type: .mobile),
        // Ofcom's UK plan: 0800 freephone, 09 premium rate, 056 VoIP, 070 personal numbering,
        // 076 pagers, 03 UAN. Switzerland's plan: 084x shared-cost services.
        Valid(input: "0800 123 4567", region: "GB", e164: "+448001234567", regionCode: "GB", countryCode: 44, type: .tollFree),
        Valid(input: "0909 876 5432", region: "GB", e164: "+449098765432", regionCode: "GB", countryCode: 44, type: .premiumRate),
        Valid(input: "0848 123 456", region: "CH", e164: "+41848123456", regionCode: "CH", countryCode: 41, type: .sharedCost),
        Valid(input: "056 1234 5678", region: "GB", e164: "+445612345678", regionCode: "GB", countryCode: 44, type: .voip),
        Valid(input: "070 1234 5678", region: "GB", e164: "+447012345678", regionCode: "GB", countryCode: 44, type: .personal),
        Valid(input: "076 0012 3456", region: "GB", e164: "+447600123456", regionCode: "GB", countryCode: 44, type: .pager),
        Valid(input: "0300 123 4567", region: "GB", e164: "+443001234567", regionCode: "GB", countryCode: 44, type: .uan),
        // NANP toll-free area code 800.
        Valid(input: "1-800-234-5678", region: "US", e164: "+18002345678", regionCode: "US", countryCode: 1, type: .tollFree),
    ]

    @Test(arguments: valid)
    func parsesValidNumbers(_ c: Valid) throws {
        let number = try parser.parse(c.input, defaultRegion: c.region)
        #expect(number.e164 == c.e164)
        #expect(number.regionCode == c.regionCode)
        #expect(number.countryCode == c.countryCode)
        #expect(number.type == c.type)
        #expect(number.isValid)
        #expect(number.isPossible)
        #expect(number.possibility == .possible)
        #expect("+\(number.countryCode)\(number.nationalNumber)" == c.e164)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        let error: PhoneNumberError
        var testDescription: String { "\(input.prefix(20)) [\(region ?? "-")]" }
    }

    static let failures: [Failure] = [
        // build-notes.md §2
        Failure(input: "hello", region: nil, error: .notANumber),
        Failure(input: "+999123456", region: nil, error: .invalidCountryCode),
        Failure(input: "0812345678", region: "ZZ", error: .invalidCountryCode),
        Failure(input: "0812345678", region: nil, error: .invalidCountryCode),
        // Input guards of the wrapper.
        Failure(input: "", region: "TH", error: .empty),
        Failure(input: "  \t ", region: "TH", error: .empty),
        Failure(input: String(repeating: "1", count: 251), region: "TH", error: .inputTooLong(bytes: 251)),
        Failure(input: String(repeating: "๑", count: 100), region: "TH", error: .inputTooLong(bytes: 300)),
        // libphonenumber: at least 2 and at most 17 digits after the country code.
        Failure(input: "+66 1", region: nil, error: .tooShort),
        Failure(input: "+66 123456789012345678", region: nil, error: .tooLong),
        // Unknown default regions are refused, not ignored.
        Failure(input: "0812345678", region: "XX", error: .unknownRegion("XX")),
        Failure(input: "0812345678", region: "THA", error: .unknownRegion("THA")),
    ]

    @Test(arguments: failures)
    func reportsFailures(_ c: Failure) {
        #expect(throws: c.error) { try parser.parse(c.input, defaultRegion: c.region) }
    }

    @Test func exactlyTheMaximumLengthIsParsed() throws {
        // 250 bytes still reach libphonenumber, whose own limit is also 250.
        let input = "+66812345678" + String(repeating: " ", count: 238)
        #expect(input.utf8.count == PhoneNumberParser.maximumInputLength)
        #expect(try parser.parse(input).e164 == "+66812345678")
    }

    @Test func parsesButNotValid() throws {
        // build-notes.md §2: "+1 123" parses, type UNKNOWN, region ZZ. NANP numbers have 10 digits.
        let short = try parser.parse("+1 123")
        #expect(!short.isValid)
        #expect(short.type == .unknown)
        #expect(short.regionCode == nil)
        #expect(short.possibility == .tooShort)
        #expect(!short.isPossible)
        // NANP area codes never start with 1: right length, no range.
        let noRange = try parser.parse("+1 123 456 7890")
        #expect(noRange.possibility == .possible)
        #expect(!noRange.isValid)
        #expect(noRange.type == .unknown)
        // NANP numbers dialled locally have 7 digits.
        let local = try parser.parse("234-5678", defaultRegion: "US")
        #expect(local.possibility == .localOnly)
        #expect(local.isPossible)
        #expect(!local.isValid)
    }

    @Test func typeRawValuesAreTheContract() {
        #expect(PhoneNumberType.allCases.map(\.rawValue) == [
            "mobile", "fixed_line", "fixed_line_or_mobile", "toll_free", "premium_rate", "voip",
            "shared_cost", "personal", "pager", "uan", "voicemail", "unknown",
        ])
        for type in PhoneNumberType.allCases {
            #expect(PhoneNumberType(shim: type.shimValue) == type)
        }
    }

    struct Formats: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String
        let e164: String
        let national: String
        let international: String
        var testDescription: String { input }
    }

    @Test(arguments: [
        // Google Zurich (phonenumberutil.h's example) in the Swiss grouping 0NN NNN NN NN.
        Formats(input: "044 668 1800", region: "CH", e164: "+41446681800", national: "044 668 18 00", international: "+41 44 668 18 00"),
        // Thai mobiles are written 08X XXX XXXX at home.
        Formats(input: "+66812345678", region: "TH", e164: "+66812345678", national: "081 234 5678", international: "+66 81 234 5678"),
        // The Italian leading zero survives formatting.
        Formats(input: "+390612345678", region: "IT", e164: "+390612345678", national: "06 1234 5678", international: "+39 06 1234 5678"),
    ])
    func formats(_ c: Formats) throws {
        let number = try parser.parse(c.input, defaultRegion: c.region)
        #expect(number.formatted(.e164) == c.e164)
        #expect(number.formatted(.e164WithoutPlus) == String(c.e164.dropFirst()))
        #expect(number.formatted(.national) == c.national)
        #expect(number.formatted(.international) == c.international)
        #expect(number.description == c.e164)
    }

    @Test func equalNumbersFromDifferentSpellings() throws {
        let a = try parser.parse("081 234 5678", defaultRegion: "TH")
        let b = try parser.parse("+66-81-234-5678")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }

    @Test func regionsAreNormalized() throws {
        #expect(try PhoneNumberParser.normalizedRegion("th") == "TH")
        #expect(try PhoneNumberParser.normalizedRegion("ZZ") == nil)
        #expect(try PhoneNumberParser.normalizedRegion("") == nil)
        #expect(try PhoneNumberParser.normalizedRegion(nil) == nil)
        #expect(PhoneNumberParser.supportedRegions.isSuperset(of: ["TH", "US", "CA", "GB", "GG", "IT", "CH"]))
        #expect(!PhoneNumberParser.supportedRegions.contains("ZZ"))
    }

    /// The shim derives validity from the number type; libphonenumber's IsValidNumber must agree.
    @Test(arguments: [
        ("+14155552671", nil), ("+16135550123", nil), ("0812345678", "TH"), ("+447911123456", nil),
        ("+1 123", nil), ("+1 123 456 7890", nil), ("234-5678", "US"), ("+390612345678", nil),
        ("+5215512345678", nil), ("+61 4 1234 5678", nil), ("+7 916 123 4567", nil), ("+800 1234 5678", nil),
        ("+882 1234 5678", nil), ("+44 20 7946 0000", nil), ("+66 2 123 4567", nil), ("+66 99 999 9999", nil),
    ] as [(String, String?)])
    func derivedValidityAgreesWithLibrary(_ input: String, _ region: String?) throws {
        let answer = try #require(parser.crossCheckedValidity(input, defaultRegion: region))
        #expect(answer.derived == answer.library)
    }

    @Test func derivedValidityAgreesOnEveryExampleNumber() {
        var checked = 0
        for region in PhoneNumberParser.supportedRegions.sorted() {
            for type in PhoneNumberType.allCases {
                guard let example = PhoneNumberParser.exampleNumber(region: region, type: type) else { continue }
                for variant in [example, String(example.dropLast()), example + "7"] {
                    guard let answer = parser.crossCheckedValidity(variant, defaultRegion: nil) else { continue }
                    #expect(answer.derived == answer.library, "\(variant)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func concurrentParsingGivesTheSameAnswers() async throws {
        let inputs = Self.valid
        let parser = self.parser
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<50 {
                        for c in inputs {
                            let n = try parser.parse(c.input, defaultRegion: c.region)
                            #expect(n.e164 == c.e164)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
