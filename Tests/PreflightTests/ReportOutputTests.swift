import Foundation
import Testing
import Preflight

@Suite("Encoding report output")
struct ReportOutputTests {
    @Test func jsonOfMultipartUCS2() throws {
        // 66 ASCII + emoji (2 units) + 10 ASCII: the surrogate pair moves whole to part 2 → [66, 12].
        let text = String(repeating: "a", count: 66) + "😀" + String(repeating: "b", count: 10)
        let json = SMSEncoder().analyze(text).json
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["unitsPerPart"] as? [Int] == [66, 12])
        #expect(object["partTexts"] as? [String] == [String(repeating: "a", count: 66), "😀" + String(repeating: "b", count: 10)])
        let nonGSM = try #require(object["nonGSM"] as? [[String: Any]])
        #expect(nonGSM.count == 1)
        #expect(nonGSM[0]["char"] as? String == "😀")
        #expect(nonGSM[0]["offset"] as? Int == 66)
        #expect(object["udhOctetsPerPart"] as? Int == 6)
    }

    @Test func readmeLibraryExample() {
        let encoder = SMSEncoder(options: EncodingOptions(smart: .punctuation, shiftTables: [.turkish]))
        let report = encoder.analyze("It’s 20% off — today only…")
        #expect(report.encoding == .gsm7)
        #expect(report.unitsPerPart == [28])
        #expect(report.text == "It's 20% off - today only...")
        #expect(report.replacements.first == Replacement(offset: 2, from: "’", to: "'"))
        #expect(report.nonGSM.isEmpty)
    }

    @Test func humanTextListsParts() {
        let report = SMSEncoder().analyze(String(repeating: "Ж", count: 71))
        let text = report.humanDescription()
        #expect(text.contains("Parts:       2 (67 + 4 UTF-16 code units)"))
        #expect(text.contains("Limits:      70 in one part, 67 per part when concatenated (UDH 6 octets)"))
    }

    @Test func invalidUTF8IsLocated() {
        #expect(throws: InputError.invalidUTF8(path: "x", byteOffset: 3)) {
            try TextInput.decode([0x61, 0x62, 0x63, 0xC3, 0x28], path: "x")
        }
    }
}
