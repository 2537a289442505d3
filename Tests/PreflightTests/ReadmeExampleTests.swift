import Foundation
import Preflight
import Testing

/// The README's "Library use" snippet, kept compiling and true.
@Test func readmeLibraryExample() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let report = SMSEncoder(options: EncodingOptions(smart: .punctuation)).analyze("It’s 20% off — today only…")
    #expect(report.encoding == .gsm7)
    #expect(report.text == "It's 20% off - today only...")

    let template = try Template(contentsOf: root.appendingPathComponent("Templates/otp.sms").path)
    let text = try template.render(["code": .string("482913"), "brand": .string("Acme"), "minutes": .number(10)])
    #expect(text == "482913 is your Acme verification code. It expires in 10 minutes. Never share it with anyone.")
    // 80 literal septets + (code 8 + brand 20 + minutes 2) characters × 2 septets (each may be an
    // extension-table character such as €, TS 23.038 §6.2.1.1) = 140: one part of at most 160.
    let worst = try #require(template.analyze().worstCase)
    #expect(worst.encoding == .gsm7)
    #expect(worst.units == 140)
    #expect(worst.parts == 1)

    let preflight = try Preflight(rules: RuleSet.shipped())
    var request = SendRequest(to: ["+447400123456"], body: "Your code is 482913")
    request.senderMask = "Acme"
    let result = preflight.check(request, now: ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!)
    #expect(result.verdict == .pass)
    #expect(result.diagnostics.isEmpty)
}
