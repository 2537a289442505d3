import Foundation
import PreflightCore
import SMSEncoding

/// `body.*`, `optout.language_missing`, `content.restricted` and `encoding.ucs2`.
enum BodyChecks {
    static let smartEncoder = SMSEncoder(options: EncodingOptions(smart: .letters))

    static func run(_ facts: MessageFacts, country: CountryRules?, policy: PolicyProfile, into found: inout Findings) {
        let report = facts.encoding
        if facts.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            found.add(.bodyEmpty, .error, "the message body is empty", fix: "write the message text, or check the template's variables", field: "body")
            return
        }
        if report.characters > policy.body.maxCharacters {
            found.add(.bodyTooLong, .error,
                      "the body has \(report.characters) characters; the limit is \(policy.body.maxCharacters)",
                      fix: "shorten the message, or send a link to the full text", field: "body")
        }
        let limits = [policy.body.maxParts, country?.maxParts].compactMap { $0 }
        if let maxParts = limits.min(), report.partCount > maxParts {
            let whose = country?.maxParts == maxParts ? "\(country!.name) accepts" : "the policy allows"
            found.add(.bodyTooManyParts, .error,
                      "the message needs \(report.partCount) parts (\(report.encoding.rawValue)); \(whose) at most \(maxParts)",
                      fix: report.encoding == .ucs2 ? "shorten it, or avoid the characters that force UCS-2" : "shorten the message",
                      field: "body")
        }
        // The body is cut into words once for both phrase lists.
        let wantsInstruction = policy.optOut.isRequired(for: facts.category) && found.wants(.optOutLanguageMissing, .error)
        let wantsContent = found.wants(.contentRestricted, .warning)
        let words = wantsInstruction || wantsContent ? PhraseMatcher.wordHashes(facts.text) : []
        if wantsInstruction, policy.optOut.instruction(inWords: words) == nil {
            found.add(.optOutLanguageMissing, .error,
                      "a \(facts.category.rawValue) message must tell the recipient how to opt out, and this one does not",
                      fix: "add an instruction such as \"Reply STOP to opt out\"", field: "body")
        }
        for match in wantsContent ? policy.restrictedContent.matches(inWords: words) : [] {
            found.add(.contentRestricted, .warning,
                      "the body mentions \"\(match.keyword)\" (\(match.category)), which carriers restrict or block",
                      fix: "check the content rules of the destination and your campaign registration before sending", field: "body")
        }
        if report.encoding == .ucs2, found.wants(.encodingUCS2, .info) {
            let characters = report.nonGSM.map(\.char)
            var seen = Set<String>()
            let distinct = characters.filter { seen.insert($0).inserted }
            let shown = distinct.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ") + (distinct.count > 8 ? " …" : "")
            let smart = smartEncoder.analyze(facts.text)
            var message = "\(characters.count) character\(characters.count == 1 ? "" : "s") force UCS-2 (\(shown)): \(report.partCount) part\(report.partCount == 1 ? "" : "s") of at most \(report.partCount == 1 ? 70 : 67)"
            var fix = "keep the text in the GSM 7-bit alphabet where the language allows"
            if smart.encoding == .gsm7 {
                message += "; in GSM-7 it would be \(smart.partCount) part\(smart.partCount == 1 ? "" : "s")"
                fix = "send with smart encoding (the gsm filter, or --smart=letters) to replace them with GSM characters"
            }
            found.add(.encodingUCS2, .info, message, fix: fix, field: "body")
        }
    }
}
