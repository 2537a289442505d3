import Testing
import TestSupport
@testable import PhoneNumbers

/// `phone_parse` answers `+` and ASCII digits (with single ' ', '-' or '.' between digit groups)
/// from libphonenumber's metadata without calling PhoneNumberUtil::Parse. Its answers must equal
/// libphonenumber's own (`PHONE_FLAG_SLOW_PATH`) in every byte of `phone_info`, and the inputs it
/// declines (`PHONE_FLAG_FAST_ONLY`) go to libphonenumber. Expected regions and types in the
/// tables come from ../shared/reference/build-notes.md §2 (measured with libphonenumber 8.12.57)
/// and from national numbering plans (NANPA, Ofcom, Rossvyaz, ACMA, ARCEP, Bundesnetzagentur,
/// NBTC) and the ITU (+800 UIFN, Vatican City in the Italian plan, Kazakhstan in zone 7).
@Suite("phone_parse fast path")
struct FastPathTests {
    typealias Answer = PhoneNumberParser.ShimAnswer

    /// The answers by each path for one input.
    struct Comparison {
        let automatic: Answer
        let slow: Answer
        let fast: Answer

        /// The fast path took the input.
        var fastTaken: Bool { !fast.declined }
        /// The automatic answer is libphonenumber's, and so is the fast one wherever it answered.
        var agrees: Bool { automatic == slow && (fast.declined || fast == slow) }
    }

    static func compare(
        _ input: String, region: String? = nil, crossCheck: Bool = false, normalizeOnly: Bool = false
    ) -> Comparison {
        func answer(_ path: PhoneNumberParser.ShimPath) -> Answer {
            PhoneNumberParser.shimAnswer(input, region: region, path: path, crossCheck: crossCheck, normalizeOnly: normalizeOnly)
        }
        return Comparison(automatic: answer(.automatic), slow: answer(.slow), fast: answer(.fastOnly))
    }

    // MARK: - Documented answers

    struct Fact: Sendable, CustomTestStringConvertible {
        let input: String
        let e164: String
        let region: String?
        let type: PhoneNumberType?
        /// Whether the fast path answers (false where a national prefix is written).
        let fast: Bool
        var testDescription: String { input }
    }

    static let facts: [Fact] = [
        // build-notes.md §2.
        Fact(input: "+14155552671", e164: "+14155552671", region: "US", type: .fixedLineOrMobile, fast: true),
        Fact(input: "+16135550123", e164: "+16135550123", region: "CA", type: .fixedLineOrMobile, fast: true),
        Fact(input: "+447400123456", e164: "+447400123456", region: "GB", type: .mobile, fast: true),
        Fact(input: "+447911123456", e164: "+447911123456", region: "GG", type: .mobile, fast: true),
        // NANPA: 876 is Jamaica, 787 Puerto Rico, 800 toll-free; 1 is the trunk prefix, so "+1 1…"
        // is left to libphonenumber (build-notes: "+1 123" is UNKNOWN, ZZ).
        Fact(input: "+1 876 927 1234", e164: "+18769271234", region: "JM", type: nil, fast: true),
        Fact(input: "+1-787-723-1234", e164: "+17877231234", region: "PR", type: nil, fast: true),
        Fact(input: "+1 800 234 5678", e164: "+18002345678", region: "US", type: .tollFree, fast: true),
        Fact(input: "+1 123", e164: "+1123", region: nil, type: .unknown, fast: false),
        // Zone 7: Moscow's geographic code 495 (Rossvyaz); Kazakhstan's 7xx mobile codes (ITU).
        Fact(input: "+7 495 123 4567", e164: "+74951234567", region: "RU", type: .fixedLine, fast: true),
        Fact(input: "+7 701 123 4567", e164: "+77011234567", region: "KZ", type: .mobile, fast: true),
        // Ofcom: 01534 Jersey, 01624 Isle of Man, 01481 Guernsey, 020 7946 0xxx London drama
        // range, 0800 freephone. A trunk 0 after +44 is dropped.
        Fact(input: "+44 1534 712345", e164: "+441534712345", region: "JE", type: .fixedLine, fast: true),
        Fact(input: "+44 1624 712345", e164: "+441624712345", region: "IM", type: .fixedLine, fast: true),
        Fact(input: "+44 1481 712345", e164: "+441481712345", region: "GG", type: .fixedLine, fast: true),
        Fact(input: "+44 20 7946 0000", e164: "+442079460000", region: "GB", type: .fixedLine, fast: true),
        Fact(input: "+44.800.123.4567", e164: "+448001234567", region: "GB", type: .tollFree, fast: true),
        Fact(input: "+44 0 20 7946 0000", e164: "+442079460000", region: "GB", type: .fixedLine, fast: false),
        // ACMA: 08 9164 Christmas Island, 08 9162 Cocos (Keeling) Islands, 02 Sydney, 04 mobiles.
        Fact(input: "+61 8 9164 1234", e164: "+61891641234", region: "CX", type: .fixedLine, fast: true),
        Fact(input: "+61 8 9162 1234", e164: "+61891621234", region: "CC", type: .fixedLine, fast: true),
        Fact(input: "+61 2 9876 5432", e164: "+61298765432", region: "AU", type: .fixedLine, fast: true),
        Fact(input: "+61 4 1234 5678", e164: "+61412345678", region: "AU", type: .mobile, fast: true),
        // Italy keeps the leading 0 of its numbers; Vatican City is +39 06 698 in the Italian plan.
        Fact(input: "+39 06 1234 5678", e164: "+390612345678", region: "IT", type: .fixedLine, fast: true),
        Fact(input: "+39 06 698 12345", e164: "+390669812345", region: "VA", type: .fixedLine, fast: true),
        // ITU: +800 is the Universal International Freephone Number, no country ("001").
        Fact(input: "+800 1234 5678", e164: "+80012345678", region: "001", type: .tollFree, fast: true),
        // ARCEP: 06 mobile. Bundesnetzagentur: 015x mobile. NBTC: 08x mobile, 02 Bangkok.
        Fact(input: "+33 6 12 34 56 78", e164: "+33612345678", region: "FR", type: .mobile, fast: true),
        Fact(input: "+49-151-23456789", e164: "+4915123456789", region: "DE", type: .mobile, fast: true),
        Fact(input: "+66 81 234 5678", e164: "+66812345678", region: "TH", type: .mobile, fast: true),
        Fact(input: "+66 2 123 4567", e164: "+6621234567", region: "TH", type: .fixedLine, fast: true),
    ]

    @Test(arguments: facts)
    func documentedAnswers(_ c: Fact) throws {
        let number = try PhoneNumberParser().parse(c.input)
        #expect(number.e164 == c.e164)
        #expect(number.regionCode == c.region)
        if let type = c.type {
            #expect(number.type == type)
            #expect(number.isValid == (type != .unknown))
        }
        let comparison = Self.compare(c.input)
        #expect(comparison.agrees, "\(comparison.automatic) vs \(comparison.slow)")
        #expect(comparison.fastTaken == c.fast)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        let error: PhoneNumberError
        let fast: Bool
        var testDescription: String { "\(input) [\(region ?? "-")]" }
    }

    /// libphonenumber: 2...17 digits after the calling code; build-notes §2: +999 is unknown.
    @Test(arguments: [
        Failure(input: "+44 1", region: nil, error: .tooShort, fast: true),
        Failure(input: "+800 1", region: nil, error: .tooShort, fast: true),
        Failure(input: "+66 123456789012345678", region: nil, error: .tooLong, fast: true),
        Failure(input: "+999123456", region: nil, error: .invalidCountryCode, fast: true),
        Failure(input: "+0 123 456", region: nil, error: .invalidCountryCode, fast: true),
        // With a default region, libphonenumber retries the digits without '+' (its
        // international prefix or calling code could still match): left to the library.
        Failure(input: "+999123456", region: "GB", error: .invalidCountryCode, fast: false),
        Failure(input: "+0 123 456", region: "US", error: .invalidCountryCode, fast: false),
        // Fewer than three digits are not a viable number: left to the library.
        Failure(input: "+12", region: nil, error: .notANumber, fast: false),
    ])
    func documentedFailures(_ c: Failure) {
        #expect(throws: c.error) { try PhoneNumberParser().parse(c.input, defaultRegion: c.region) }
        let comparison = Self.compare(c.input, region: c.region)
        #expect(comparison.agrees, "\(comparison.automatic) vs \(comparison.slow)")
        #expect(comparison.fastTaken == c.fast)
    }

    // MARK: - Equal to libphonenumber

    /// `+CC NSN` spellings of an E.164 number: with spaces, dashes or dots between groups, and
    /// with a trunk prefix (0, 1 or 8) written after the calling code.
    static func variants(of e164: String, codeLength: Int) -> [String] {
        let digits = Array(e164.dropFirst())
        let code = String(digits.prefix(codeLength))
        let national = Array(digits.dropFirst(codeLength))
        func grouped(_ separator: String) -> String {
            stride(from: 0, to: national.count, by: 3)
                .map { String(national[$0..<min($0 + 3, national.count)]) }
                .joined(separator: separator)
        }
        var result = [e164, "+\(code) \(grouped(" "))", "+\(code)-\(grouped("-"))", "+\(code).\(grouped("."))"]
        for trunk in ["0", "1", "8"] { result.append("+\(code) \(trunk) \(grouped(" "))") }
        result.append("+\(code)0\(String(national))")
        return result
    }

    @Test func everyExampleNumberAgrees() throws {
        var compared = 0, e164Fast = 0, e164Total = 0
        var mismatches: [String] = []
        let regions = PhoneNumberParser.supportedRegions.sorted()
        for region in regions {
            for type in PhoneNumberType.allCases {
                guard let example = PhoneNumberParser.exampleNumber(region: region, type: type) else { continue }
                let code = try PhoneNumberParser().parse(example).countryCode
                for (index, variant) in Self.variants(of: example, codeLength: String(code).count).enumerated() {
                    for defaultRegion in [nil, region] {
                        let comparison = Self.compare(variant, region: defaultRegion, crossCheck: true)
                        compared += 1
                        if !comparison.agrees, mismatches.count < 10 {
                            mismatches.append("\(variant) [\(defaultRegion ?? "-")]: \(comparison.fast) vs \(comparison.slow)")
                        }
                        if index == 0 && defaultRegion == nil {
                            e164Total += 1
                            if comparison.fastTaken { e164Fast += 1 }
                            // IsValidNumber agrees with the type on the fast path too.
                            #expect(comparison.fast.declined || comparison.fast.validChecked == comparison.fast.valid)
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(compared > 20_000)
        // Example numbers never start with a trunk prefix; a few match a carrier-code rule.
        #expect(e164Fast * 100 >= e164Total * 95, "\(e164Fast) of \(e164Total)")
    }

    @Test(arguments: [
        // All zeros: leading zeros are kept as a count, and the last 0 is the value.
        "+44 0000000000", "+39 000000", "+39 00", "+1 000 000 0000", "+7 00", "+800 00000000", "+225 0000000000",
        // Leading zeros where no trunk prefix exists (Italy, Côte d'Ivoire, Gabon).
        "+39 0123 456789", "+39 3123 456789", "+225 01 23 45 67 89", "+241 01 23 45 67",
        // Lengths around the limits of 2 and 17 digits.
        "+44 12", "+44 123", "+44 12345678901234567", "+44 123456789012345678", "+1 23", "+1 234",
        "+1 2345678901234567", "+1 23456789012345678", "+1234567890123456789012", "+979 12",
        // Shared calling codes, written several ways.
        "+1 212 555 0123", "+1 613 555 0123", "+1 876 555 0123", "+1 787 555 0123", "+1 939 555 0123",
        "+7 912 345 6789", "+7 727 123 4567", "+7 333 123 4567", "+44 7781 123456", "+44 7797 123456",
        "+44 7624 123456", "+44 1624 123456", "+61 8 9164 0000", "+61 8 9162 0000", "+61 1 4123 4567",
        // Trunk and carrier prefixes written after the calling code.
        "+44 0 7400 123456", "+33 0 6 12 34 56 78", "+7 8 912 345 6789", "+1 1 212 555 0123",
        "+52 1 55 1234 5678", "+54 9 11 1234 5678", "+54 0 11 15 1234 5678", "+55 0 21 91234 5678",
        "+55 90 21 91234 5678", "+61 1831 2 1234 5678", "+86 12593 139 1234 5678", "+86 0 10 1234 5678",
        // Unknown calling codes.
        "+999 123 456", "+0 44 20 7946 0000", "+00 44 20 7946 0000", "+280 123456", "+801 2345678",
    ])
    func edgeCasesAgree(_ input: String) {
        for region in [nil, "US", "GB", "IT", "AU", "RU"] as [String?] {
            for (crossCheck, normalizeOnly) in [(false, false), (true, false), (false, true)] {
                let comparison = Self.compare(input, region: region, crossCheck: crossCheck, normalizeOnly: normalizeOnly)
                #expect(comparison.agrees, "[\(region ?? "-")] \(comparison.fast) vs \(comparison.slow)")
            }
        }
    }

    /// Other shapes go to libphonenumber unchanged.
    @Test(arguments: [
        "+44  20 7946 0000", "+44 -20 7946 0000", "+44 20 7946 0000 ", " +44 20 7946 0000", "+ 44 20 7946 0000",
        "++44 20 7946 0000", "+44-", "+(44) 20 7946 0000", "+44/20 7946 0000", "+44 20 7946 0000 ext 12",
        "tel:+44-20-7946-0000", "+44 20 7946 0000;ext=12", "4420 7946 0000", "+４４ 20 7946 0000", "+44\u{00A0}20 7946 0000",
        "+44 20 7946 000O", "+1 800 FLOWERS",
    ])
    func otherShapesTakeTheSlowPath(_ input: String) {
        let comparison = Self.compare(input, region: "GB")
        #expect(comparison.fast.declined)
        #expect(comparison.agrees, "\(comparison.automatic) vs \(comparison.slow)")
    }

    static let callingCodes: [Int] = (1..<1000).filter { Metadata.callingCodes[$0] }

    /// 5,000 seeded digit strings of 4...17 digits after each calling code (about a million in
    /// all; the same check ran over 4.3 million while the fast path was built), some with
    /// separators, with and without a default region, in all three output modes.
    @Test(arguments: callingCodes)
    func randomNumbersAgree(code: Int) {
        var random = SeededRandom(seed: UInt64(code) &* 0x1000_0001)
        let separators: [Character] = [" ", "-", "."]
        let regions: [String?] = [nil, "US", "DE", nil]
        let count = 5_000
        var fast = 0
        var mismatches: [String] = []
        for i in 0..<count {
            var input = "+\(code)"
            let length = Int.random(in: 4...17, using: &random)
            let separated = random.next() % 4 == 0
            for j in 0..<length {
                if separated && (j == 0 || random.next() % 3 == 0) { input.append(separators[Int(random.next() % 3)]) }
                input.append(Character(Unicode.Scalar(UInt8(48 + random.next() % 10))))
            }
            let region = regions[i % regions.count]
            let comparison = Self.compare(input, region: region, crossCheck: i % 3 == 1, normalizeOnly: i % 3 == 2)
            if comparison.fastTaken { fast += 1 }
            if !comparison.agrees, mismatches.count < 10 {
                mismatches.append("\(input) [\(region ?? "-")]: \(comparison.automatic) vs \(comparison.slow)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // Only national-prefix patterns send random digits to libphonenumber (a leading 0 or 1 in
        // most plans): the fast path must still take most of them.
        #expect(fast * 2 > count, "\(fast) of \(count) on the fast path")
    }

    /// `hasFastForm` names exactly the inputs the fast path looks at (callers skip caching them).
    @Test(arguments: [
        ("+14155552671", true), ("+44 7400 123456", true), ("+49-151-2345678", true), ("+33.6.12.34.56.78", true),
        ("14155552671", false), ("+1 (415) 555-2671", false), ("+44  7400 123456", false), ("+44 7400 123456 ", false),
        ("+", false), ("+-1", false), ("tel:+14155552671", false), ("+1415555267１", false),
    ])
    func fastFormIsWhatTheFastPathTakes(_ input: String, _ fast: Bool) {
        #expect(PhoneNumberParser.hasFastForm(input) == fast)
        #expect(Self.compare(input).fastTaken == fast, "\(input)")
    }

    @Test func concurrentFirstUseGivesTheSameAnswers() async {
        // Calling codes compile on first use; let several tasks race through them.
        let inputs = Self.callingCodes.map { "+\($0) 4567 8912" }
        let expected = inputs.map { PhoneNumberParser.shimAnswer($0, region: nil, path: .slow) }
        await withTaskGroup(of: [PhoneNumberParser.ShimAnswer].self) { group in
            for _ in 0..<4 {
                group.addTask { inputs.map { PhoneNumberParser.shimAnswer($0, region: nil, path: .automatic) } }
            }
            for await answers in group {
                #expect(answers == expected)
            }
        }
    }
}
