import Foundation
import PreflightCore
import SMSEncoding

/// `sender.*` and `campaign.ref_required`.
enum SenderChecks {
    /// Rules for a recipient country without its own: alphanumeric allowed, 11 characters, ASCII
    /// letters, digits and space (the common provider rule, compliance.md (b)).
    static let fallback = SenderRules(alphanumeric: .allowed)

    /// True when the text is empty or only spaces: nothing is left of it after trimming Foundation's
    /// `CharacterSet.whitespaces` (general category Zs, U+0009 and U+200B ZERO WIDTH SPACE), without
    /// Foundation's bridging cost on every request.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func run(
        _ facts: MessageFacts, country: CountryRules?, region: String?, brands: ConfusableDetector, into found: inout Findings
    ) {
        if facts.account.enforceCampaignCheck, isBlank(facts.campaignRef ?? "") {
            found.add(.campaignRefRequired, .error, "the account enforces campaign checks and the request has no campaign reference",
                      fix: "set campaignRef to the campaign this message belongs to (for US 10DLC, the registered campaign ID)",
                      field: "campaignRef")
        }
        guard let mask = facts.senderMask else { return }
        let rules = country?.sender ?? fallback
        var place: String { country.map { "\($0.name) (\(region ?? "?"))" } ?? "the recipient's country" }
        if rules.alphanumeric == .notSupported {
            found.add(.senderAlphanumericNotAllowed, .error, "\(place) does not deliver alphanumeric sender IDs such as \"\(mask)\"",
                      fix: "send from a number registered for \(region ?? "that country") (long code, toll-free or short code) in `from`, and drop senderMask",
                      field: "senderMask")
        }
        let length = mask.count
        if isBlank(mask) {
            found.add(.senderMaskInvalid, .error, "the sender ID is empty", fix: "set a sender ID of 1 to \(rules.maxLength) characters, or leave senderMask out", field: "senderMask")
            return
        }
        if length > rules.maxLength {
            found.add(.senderMaskTooLong, .error,
                      "the sender ID \"\(mask)\" has \(length) characters; \(place) allows at most \(rules.maxLength)",
                      fix: "shorten it to \(rules.maxLength) characters, for example \"\(String(mask.prefix(rules.maxLength)))\"",
                      field: "senderMask")
        } else if length < rules.minLength {
            found.add(.senderMaskInvalid, .error,
                      "the sender ID \"\(mask)\" has \(length) characters; \(place) needs at least \(rules.minLength)",
                      fix: "use a longer sender ID", field: "senderMask")
        }
        let bad = rules.allowedCharacters.disallowedCharacters(in: mask)
        if !bad.isEmpty {
            let list = bad.map { "\"\($0)\"" }.joined(separator: ", ")
            found.add(.senderMaskInvalid, .error, "the sender ID \"\(mask)\" has characters \(place) does not allow: \(list)",
                      fix: "use only \(rules.allowedCharacters)", field: "senderMask")
        } else if let first = mask.first, let allowed = rules.allowedFirstCharacters, !allowed.contains(first) {
            found.add(.senderMaskInvalid, .error, "the sender ID \"\(mask)\" may not start with \"\(first)\" in \(place)",
                      fix: "start it with one of \(allowed)", field: "senderMask")
        }
        if !mask.contains(where: \.isLetter) {
            found.add(.senderMaskInvalid, .error, "the sender ID \"\(mask)\" has no letter, so networks treat it as a number",
                      fix: "put a numeric sender in `from` (international format), or add a letter to the sender ID", field: "senderMask")
        }
        if let blocked = rules.blockedPart(of: mask) {
            found.add(.senderMaskInvalid, .error, "\(place) refuses sender IDs that are or contain \"\(blocked)\"",
                      fix: "use your brand name as the sender ID", field: "senderMask")
        }
        if facts.category == .marketing {
            if let prefix = rules.marketingPrefix, !mask.hasPrefix(prefix) {
                found.add(.senderMaskInvalid, .error, "marketing sender IDs in \(place) must start with \"\(prefix)\"",
                          fix: "use \"\(prefix)\(mask.prefix(max(0, rules.maxLength - prefix.count)))\"", field: "senderMask")
            }
            if let suffix = rules.marketingSuffix, !mask.hasSuffix(suffix) {
                found.add(.senderMaskInvalid, .error, "marketing sender IDs in \(place) must end with \"\(suffix)\"",
                          fix: "use \"\(mask.prefix(max(0, rules.maxLength - suffix.count)))\(suffix)\"", field: "senderMask")
            }
        }
        if rules.alphanumeric == .registrationRequired,
            !facts.account.isRegistered(mask: mask, country: region, caseSensitive: rules.caseSensitive)
        {
            found.add(.senderRegistrationRequired, .warning,
                      "\(place) delivers only registered sender IDs, and \"\(mask)\" is not registered for this account",
                      fix: "register \"\(mask)\" for \(region ?? "the country") with your provider and list it under account.registeredSenders",
                      field: "senderMask")
        }
        if let match = brands.imitatedName(by: mask), !match.isExact {
            found.add(.senderConfusable, .warning,
                      "the sender ID \"\(mask)\" looks like the protected brand \"\(match.name)\"",
                      fix: "use the brand's exact name if it is yours; look-alike sender IDs are blocked as phishing", field: "senderMask")
        }
    }
}
