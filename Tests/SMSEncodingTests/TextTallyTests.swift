import Testing

@testable import SMSEncoding

/// `TextTally`: counts that add up, and the encoding and parts they decide, against the encoder
/// itself and against the part sizes of 3GPP TS 23.038 / 23.040.
@Suite("TextTally")
struct TextTallyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let outcome: (MessageEncoding, Int)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "160 septets: one part", text: String(repeating: "a", count: 160), outcome: (.gsm7, 1)),
        Case(name: "161 septets: two parts of 153", text: String(repeating: "a", count: 161), outcome: (.gsm7, 2)),
        Case(name: "306 septets: two parts", text: String(repeating: "a", count: 306), outcome: (.gsm7, 2)),
        Case(name: "307 septets: three parts", text: String(repeating: "a", count: 307), outcome: (.gsm7, 3)),
        Case(name: "€ counts 2 septets: 158 + 2 = 160, one part", text: String(repeating: "a", count: 158) + "€", outcome: (.gsm7, 1)),
        Case(name: "an escape in a multi-part message: undecided", text: String(repeating: "a", count: 160) + "{", outcome: nil),
        Case(name: "70 UCS-2 units: one part", text: "ł" + String(repeating: "a", count: 69), outcome: (.ucs2, 1)),
        Case(name: "71 units: two parts of 67", text: "ł" + String(repeating: "a", count: 70), outcome: (.ucs2, 2)),
        Case(name: "134 units: two parts", text: "Олег" + String(repeating: "a", count: 130), outcome: (.ucs2, 2)),
        Case(name: "135 units: three parts", text: "李娜" + String(repeating: "a", count: 133), outcome: (.ucs2, 3)),
        Case(name: "a surrogate pair: undecided", text: "😀 hi", outcome: nil),
        Case(name: "a combining mark: undecided", text: "e\u{301}", outcome: nil),
        Case(name: "CR LF: undecided", text: "a\r\nb", outcome: nil),
        Case(name: "empty: one GSM-7 part", text: "", outcome: (.gsm7, 1)),
    ]

    @Test(arguments: cases)
    func outcomeFollowsThePartSizes(_ c: Case) {
        let outcome = TextTally(c.text).outcome
        #expect(outcome?.encoding == c.outcome?.0)
        #expect(outcome?.parts == c.outcome?.1)
        if let outcome {
            let report = SMSEncoder().analyze(c.text)
            #expect(report.encoding == outcome.encoding)
            #expect(report.partCount == outcome.parts)
        }
    }

    /// Random joins of additive pieces: the tally of the join is the sum of the tallies, and where
    /// the tally decides, it agrees with the encoder.
    @Test func joinedPiecesAddUpAndAgreeWithTheEncoder() {
        let pieces = ["Hi ", "Ana", "Łukasz", "Şule", "李娜", "Олег", "Nguyễn", "€", "{x}", " your order ", "A123456",
                      String(repeating: "x", count: 40), "café", "ß", "\n", "Zoë", "João"]
        var seed: UInt64 = 20261123
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        var decided = 0
        for _ in 0..<3000 {
            let chosen = (0..<(1 + next() % 12)).map { _ in pieces[next() % pieces.count] }
            let text = chosen.joined()
            let sum = chosen.map(TextTally.init).reduce(TextTally(""), +)
            let whole = TextTally(text)
            #expect(sum == whole)
            // Cutting a piece out again is subtraction.
            if let last = chosen.last { #expect(whole - TextTally(last) == TextTally(chosen.dropLast().joined())) }
            guard let outcome = whole.outcome else { continue }
            decided += 1
            let report = SMSEncoder().analyze(text)
            #expect(report.encoding == outcome.encoding, "\(text)")
            #expect(report.partCount == outcome.parts, "\(text)")
        }
        #expect(decided > 1000)
    }
}
