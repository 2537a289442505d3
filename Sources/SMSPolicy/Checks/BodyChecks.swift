import Foundation
import PreflightCore
import SMSEncoding

/// A message body with the counts the body checks look at. ``Policy/evaluate(_:phone:checks:minimumSeverity:)``
/// takes them from the message's ``EncodingReport``; a caller that checks many bodies can supply
/// them itself (a campaign estimate adds up the counts of a template's pieces and the values, and
/// joins the words of the pieces) and call ``Policy/screen(_:region:category:account:)``.
public struct BodyFacts: Sendable {
    /// The text that will be sent (normalized, links rewritten).
    public var text: String
    /// Its encoding.
    public var encoding: MessageEncoding
    /// Its parts.
    public var parts: Int
    /// Its user-perceived characters (extended grapheme clusters).
    public var characters: Int
    /// Its words, when the caller has cut them already; nil to cut ``text`` when a check needs them.
    public var words: BodyWords?

    /// Creates the facts of a body.
    public init(text: String, encoding: MessageEncoding, parts: Int, characters: Int, words: BodyWords? = nil) {
        self.text = text
        self.encoding = encoding
        self.parts = parts
        self.characters = characters
        self.words = words
    }

    /// The facts of a body analysed by the encoder.
    public init(_ report: EncodingReport) {
        self.init(text: report.text, encoding: report.encoding, parts: report.partCount, characters: report.characters)
    }
}

/// `body.*`, `optout.language_missing`, `content.restricted` and `encoding.ucs2`.
enum BodyChecks {
    static let smartEncoder = SMSEncoder(options: EncodingOptions(smart: .letters))

    static func run(_ facts: MessageFacts, country: CountryRef?, policy: PolicyProfile, into found: inout Findings) {
        let report = facts.encoding
        let body = BodyFacts(
            text: facts.text, encoding: report.encoding, parts: report.partCount, characters: report.characters)
        run(body, category: facts.category, country: country, policy: policy, into: &found) {
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
            return (message, fix)
        }
    }

    /// Whether `text` has only white space (a visible ASCII character answers at once).
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { break }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// The checks on a body's counts and words. `describeUCS2` writes the `encoding.ucs2` message
    /// and fix (it names the characters, so it needs the encoder's report); it is called only when
    /// that finding is reported with its description.
    static func run(
        _ body: BodyFacts, category: MessageCategory, country: CountryRef?, policy: PolicyProfile, into found: inout Findings,
        describeUCS2: () -> (message: String, fix: String)
    ) {
        if isBlank(body.text) {
            found.add(.bodyEmpty, .error, "the message body is empty", fix: "write the message text, or check the template's variables", field: "body")
            return
        }
        if body.characters > policy.body.maxCharacters {
            found.add(.bodyTooLong, .error,
                      "the body has \(body.characters) characters; the limit is \(policy.body.maxCharacters)",
                      fix: "shorten the message, or send a link to the full text", field: "body")
        }
        let countryParts = country?.rules.maxParts
        let maxParts = min(policy.body.maxParts ?? Int.max, countryParts ?? Int.max)
        if maxParts < Int.max, body.parts > maxParts {
            let whose = countryParts == maxParts ? "\(country!.rules.name) accepts" : "the policy allows"
            found.add(.bodyTooManyParts, .error,
                      "the message needs \(body.parts) parts (\(body.encoding.rawValue)); \(whose) at most \(maxParts)",
                      fix: body.encoding == .ucs2 ? "shorten it, or avoid the characters that force UCS-2" : "shorten the message",
                      field: "body")
        }
        // The body is cut into words once for both phrase lists.
        let wantsInstruction = policy.optOut.isRequired(for: category) && found.wants(.optOutLanguageMissing, .error)
        let wantsContent = found.wants(.contentRestricted, .warning)
        if wantsInstruction || wantsContent {
            let words = body.words ?? BodyWords(body.text)
            if wantsInstruction, !policy.optOut.hasInstruction(in: words) {
                found.add(.optOutLanguageMissing, .error,
                          "a \(category.rawValue) message must tell the recipient how to opt out, and this one does not",
                          fix: "add an instruction such as \"Reply STOP to opt out\"", field: "body")
            }
            for match in wantsContent ? policy.restrictedContent.matches(in: words) : [] {
                found.add(.contentRestricted, .warning,
                          "the body mentions \"\(match.keyword)\" (\(match.category)), which carriers restrict or block",
                          fix: "check the content rules of the destination and your campaign registration before sending", field: "body")
            }
        }
        if body.encoding == .ucs2, found.wants(.encodingUCS2, .info) {
            let description = found.describes ? describeUCS2() : (message: "", fix: "")
            found.add(.encodingUCS2, .info, description.message, fix: description.fix, field: "body")
        }
    }
}
