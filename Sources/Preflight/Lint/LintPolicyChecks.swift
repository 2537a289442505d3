import Foundation
import SMSTemplates

/// The policy checks that can be made on a template before anything is sent: `body.*`,
/// `optout.language_missing`, `link.*` and `content.restricted`, with the rules' data (limits,
/// opt-out phrases, shorteners, brand domains, restricted keywords).
struct LintPolicyChecks {
    let policy: PolicyProfile
    let links: LinkDetector
    let linkCheck: LinkPolicyCheck

    func run(_ template: Template, text: LintText, analysis: TemplateAnalysis, into found: inout [LintCandidate]) {
        let bodyStart = SourceLocation(file: template.file, line: template.bodyFirstLine, column: 1)
        let start = text.locations.first ?? bodyStart
        if template.variables.isEmpty, template.literals.joined().allSatisfy(\.isWhitespace) {
            found.append(LintCandidate(
                "body.empty", "the template has no text and no variables: it would send an empty message",
                fix: "write the message text after the front matter", at: bodyStart))
            return
        }
        if let worst = analysis.worstCase {
            // Worst-case units (septets or UTF-16 units) bound the characters from above.
            if worst.units > policy.body.maxCharacters, let length = LintWorstCase.length(template, text: text),
                length > policy.body.maxCharacters
            {
                found.append(LintCandidate(
                    "body.too_long",
                    "the longest message this template can produce has \(length) characters; the limit is \(policy.body.maxCharacters)",
                    fix: "shorten the text or lower the variables' maxLength", at: start))
            }
            if let maxParts = policy.body.maxParts, worst.parts > maxParts {
                found.append(LintCandidate(
                    "body.too_many_parts",
                    "the worst case needs \(worst.parts) parts (\(worst.encoding.rawValue), \(worst.units) units); the rules allow \(maxParts)",
                    fix: worst.encoding == .ucs2 ? "shorten the text or the variables' maxLength, or avoid the characters that force UCS-2"
                        : "shorten the text or lower the variables' maxLength",
                    at: start))
            }
        }
        if let category = template.frontMatter.category, policy.optOut.isRequired(for: category),
            policy.optOut.instruction(in: text.text) == nil
        {
            found.append(LintCandidate(
                "optout.language_missing",
                "a \(category.rawValue) template must tell the recipient how to opt out, and its text does not",
                fix: "add an instruction such as \"Reply STOP to opt out\" to the text (a variable does not count)", at: start))
        }
        linkFindings(text, into: &found)
        restrictedContent(text, into: &found)
    }

    private func linkFindings(_ text: LintText, into found: inout [LintCandidate]) {
        for link in links.links(in: text.text) {
            let location = text.locations[text.index(ofUTF16: link.utf16Range.lowerBound)]
            for d in linkCheck.diagnostics(for: [link], detector: links) where d.code != "link.tracking_domain_invalid" {
                let message = d.message.replacingOccurrences(of: " (offset \(link.utf16Range.lowerBound))", with: "")
                found.append(LintCandidate(d.code, message, fix: d.fix, at: location))
            }
        }
    }

    /// Restricted keywords, each at the first line that holds it (else at the start of the text).
    private func restrictedContent(_ text: LintText, into found: inout [LintCandidate]) {
        let matches = policy.restrictedContent.matches(in: text.text)
        guard !matches.isEmpty else { return }
        var lines: [(text: String, first: Int)] = []
        var current = String.UnicodeScalarView()
        var first = 0
        for (i, s) in text.text.unicodeScalars.enumerated() {
            if s == "\n" {
                lines.append((String(current), first))
                current = String.UnicodeScalarView()
                first = i + 1
            } else {
                current.append(s)
            }
        }
        lines.append((String(current), first))
        for match in matches {
            let single = RestrictedContent(categories: [match.category: [match.keyword]])
            var index = 0
            if let line = lines.first(where: { !single.matches(in: $0.text).isEmpty }) {
                index = line.first
                let word = match.keyword.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map(String.init) ?? match.keyword
                if let range = line.text.range(of: word, options: [.caseInsensitive]) {
                    index += line.text.unicodeScalars.distance(from: line.text.startIndex, to: range.lowerBound)
                }
            }
            guard index < text.locations.count else { continue }
            found.append(LintCandidate(
                "content.restricted",
                "the text mentions \"\(match.keyword)\" (\(match.category.replacingOccurrences(of: "_", with: " "))), which carriers restrict or block",
                fix: "check the destination's content rules and your campaign registration, or reword it",
                at: text.locations[index]))
        }
    }
}
