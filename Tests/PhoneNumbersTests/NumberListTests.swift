import Foundation
import PreflightCore
import Testing
@testable import PhoneNumbers

@Suite("NumberList")
struct NumberListTests {
    let parser = PhoneNumberParser()

    func number(_ s: String, _ region: String? = nil) throws -> PhoneNumber {
        try parser.parse(s, defaultRegion: region)
    }

    @Test func commentsBlanksAndFormats() throws {
        let text = """
            # opt-outs, exported 2024-05-01
            +66812345678
            081 234 5679   # national, default region TH

              +1 (415) 555-2671\r
            tel:+41-44-668-1800
            +66 81 234 5678   # the first number again
            \t
            #+66800000000
            """
        let list = try NumberList(text: text, source: "optout.txt", defaultRegion: "TH")
        #expect(list.count == 4)
        #expect(list.duplicateCount == 1)
        #expect(list.badEntryCount == 0)
        #expect(list.diagnostics.isEmpty)
        #expect(list.source == "optout.txt")
        #expect(list.contains(try number("+66812345678")))
        #expect(list.contains(try number("0812345679", "TH")))
        #expect(list.contains(try number("+14155552671")))
        #expect(list.contains(try number("044 668 1800", "CH")))
        #expect(!list.contains(try number("+66812345670")))
        #expect(!list.contains(try number("+66800000000")))
    }

    @Test func badLinesAreReportedWithLineAndColumn() throws {
        let text = "+66812345678\nhello\n   +999123456\n+1 123  # too short\n0812345678 # fine\n"
        let list = try NumberList(text: text, source: "block.txt", defaultRegion: "TH")
        #expect(list.count == 1)
        #expect(list.duplicateCount == 1)
        #expect(list.badEntryCount == 3)
        #expect(list.diagnostics.map(\.location) == [
            SourceLocation(file: "block.txt", line: 2, column: 1),
            SourceLocation(file: "block.txt", line: 3, column: 4),
            SourceLocation(file: "block.txt", line: 4, column: 1),
        ])
        for d in list.diagnostics {
            #expect(d.code == "list.bad_entry")
            #expect(d.severity == .warning)
            #expect(!d.fix.isEmpty)
        }
        #expect(list.diagnostics[0].message.contains("\"hello\""))
        #expect(list.diagnostics[2].message.contains("too short"))
    }

    @Test func nationalLinesNeedARegion() throws {
        let list = try NumberList(text: "0812345678\n+66812345679\n")
        #expect(list.count == 1)
        #expect(list.badEntryCount == 1)
        #expect(list.diagnostics.first?.location?.line == 1)
        #expect(throws: NumberListError.unknownRegion("XX")) { try NumberList(text: "1", defaultRegion: "XX") }
    }

    /// Strict E.164 lines that skip libphonenumber must end up where libphonenumber puts them,
    /// for the example numbers of every region and type, and for variants with an extra digit
    /// after the country code (where trunk and carrier prefixes hide).
    @Test func fastPathAgreesWithLibphonenumber() throws {
        var fast = 0
        for region in PhoneNumberParser.supportedRegions.sorted() {
            for type in PhoneNumberType.allCases {
                guard let example = PhoneNumberParser.exampleNumber(region: region, type: type) else { continue }
                let code = try number(example).countryCode
                let national = example.dropFirst(1 + String(code).count)
                var variants = [example, String(example.dropLast()), example + "5"]
                for digit in 0...9 { variants.append("+\(code)\(digit)\(national)") }
                for variant in variants {
                    let value = variant.utf8.withContiguousStorageIfAvailable { Metadata.fastE164($0) } ?? nil
                    guard let value else { continue }
                    fast += 1
                    let parsed = try number(variant)
                    #expect(parsed.e164Value == value, "\(variant) → \(parsed.e164)")
                }
            }
        }
        #expect(fast > 2000)
    }

    struct Rewrite: Sendable, CustomTestStringConvertible {
        let entry: String
        let recipient: String
        var testDescription: String { "\(entry) ~ \(recipient)" }
    }

    /// Spellings libphonenumber rewrites: a trunk 0 or 1 after the country code, Mexico's old
    /// mobile 1, Argentina's 15. The list must match the recipient written the modern way.
    @Test(arguments: [
        Rewrite(entry: "+4407400123456", recipient: "+447400123456"),
        Rewrite(entry: "+66 0812345678", recipient: "+66812345678"),
        Rewrite(entry: "+5215512345678", recipient: "+525512345678"),
        Rewrite(entry: "+54 11 15 1234 5678", recipient: "+5491112345678"),
        Rewrite(entry: "+4901511234567", recipient: "+491511234567"),
    ])
    func rewrittenSpellingsMatch(_ c: Rewrite) throws {
        let list = try NumberList(text: c.entry + "\n")
        #expect(list.badEntryCount == 0)
        #expect(list.contains(try number(c.recipient)))
    }

    @Test func possibleNumbersOutsideKnownRangesAreKept() throws {
        // Lists are not validated against ranges: a number the metadata does not know yet
        // must still be blocked.
        let list = try NumberList(text: "+11234567890\n")
        #expect(list.contains(try number("+1 123 456 7890")))
    }

    @Test func invalidUTF8IsAnError() throws {
        let bytes: [UInt8] = Array("+66812345678\n+6681234".utf8) + [0xFF, 0x35] + Array("\n".utf8)
        #expect(throws: NumberListError.invalidUTF8(path: "bad.txt", line: 2, byteOffset: 21)) {
            try NumberList(bytes: bytes, source: "bad.txt")
        }
        // Inside a comment too.
        let comment: [UInt8] = Array("+66812345678 # ".utf8) + [0xC3, 0x28]
        #expect(throws: NumberListError.invalidUTF8(path: "c.txt", line: 1, byteOffset: 15)) {
            try NumberList(bytes: comment, source: "c.txt")
        }
        // Valid UTF-8 outside ASCII is fine.
        #expect(try NumberList(text: "+66812345678 # ผู้ใช้\n").count == 1)
    }

    @Test func files() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("numberlist-\(UUID().uuidString).txt").path
        try Data("# list\n+66812345678\n0812345679\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let list = try NumberList(contentsOfFile: path, defaultRegion: "TH")
        #expect(list.count == 2)
        #expect(list.source == path)
        #expect(throws: NumberListError.tooLarge(path: path, limit: 16)) { try NumberList.read(path: path, limit: 16) }
        #expect(throws: NumberListError.unreadable(path: "/nonexistent/list.txt", reason: "No such file or directory")) {
            try NumberList(contentsOfFile: "/nonexistent/list.txt")
        }
        #expect(NumberListError.tooLarge(path: "x", limit: NumberList.maximumFileSize).description == "x: larger than 512 MiB")
    }

    /// Big enough to be split into chunks parsed on all cores; line numbers must stay exact.
    @Test func largeListKeepsLineNumbers() throws {
        var lines: [String] = []
        for i in 0..<200_000 { lines.append("+6681\(String(format: "%07d", i))") }
        lines[150_000] = "not a number"
        lines[0] = "+66812345678"
        lines[199_999] = "0812345678"  // the same number as line 1, written nationally
        let list = try NumberList(text: lines.joined(separator: "\n"), source: "big.txt", defaultRegion: "TH")
        #expect(list.badEntryCount == 1)
        #expect(list.diagnostics.first?.location == SourceLocation(file: "big.txt", line: 150_001, column: 1))
        #expect(list.duplicateCount == 1)
        #expect(list.count == 199_998)
        #expect(list.contains(try number("+66810123456")))
        #expect(!list.contains(try number("+66810150000")))
    }

    @Test func diagnosticsAreCapped() throws {
        let text = String(repeating: "junk\n", count: NumberList.maximumDiagnostics + 500)
        let list = try NumberList(text: text, source: "junk.txt")
        #expect(list.badEntryCount == NumberList.maximumDiagnostics + 500)
        #expect(list.diagnostics.count == NumberList.maximumDiagnostics + 1)
        #expect(list.diagnostics.last?.location?.line == NumberList.maximumDiagnostics + 1)
        #expect(list.count == 0)
    }

    @Test func absurdLinesAreReportedShortly() throws {
        let text = "+66812345678\n" + String(repeating: "9", count: 1 << 20) + "\n"
        let list = try NumberList(text: text, source: "long.txt")
        #expect(list.count == 1)
        #expect(list.badEntryCount == 1)
        let d = try #require(list.diagnostics.first)
        #expect(d.location == SourceLocation(file: "long.txt", line: 2, column: 1))
        #expect(d.message.contains("1048576 bytes long"))
        #expect(d.message.count < 200)
    }

    @Test func emptyList() throws {
        let list = try NumberList(text: "")
        #expect(list.count == 0)
        #expect(!list.contains(try number("+66812345678")))
    }
}
