import Foundation
import SMSTemplates

/// `encoding.smart_replaceable` and `encoding.ucs2`: characters of the literal text that force
/// UCS-2, under the encoding options the template implies (its locale's shift tables).
struct LintEncodingCheck {
    let template: Template
    let text: LintText
    let source: LintSource
    let analysis: TemplateAnalysis
    let confusables: ConfusableDetector

    /// A character (grapheme cluster) of the literal text that forces UCS-2.
    private struct Culprit {
        var index: Int  // first code point in the LintText
        var count: Int  // code points
        var character: Character
        var smart: String?  // the punctuation-level replacement, if it is GSM-7
    }

    func run(skipping reported: Set<Int>, into found: inout [LintCandidate]) {
        let options = template.defaultEncodingOptions
        let plain = SMSEncoder(options: options)
        let literal = template.literals.joined()
        guard !literal.isEmpty, plain.analyze(literal).encoding == .ucs2 else { return }
        var smartOptions = options
        smartOptions.smart = .punctuation
        let smart = SMSEncoder(options: smartOptions)
        var lettersOptions = options
        lettersOptions.smart = .letters
        let letters = SMSEncoder(options: lettersOptions)

        var culprits: [Culprit] = []
        var verdicts: [Character: Bool] = [:]
        var index = 0
        for character in text.text {
            let count = character.unicodeScalars.count
            defer { index += count }
            if text.isTag[index] || Self.isPlainGSM(character) { continue }
            if let offset = source.offset(of: text.locations[index]), reported.contains(offset) { continue }
            let ucs2: Bool
            if let known = verdicts[character] {
                ucs2 = known
            } else {
                ucs2 = plain.analyze(String(character)).encoding == .ucs2
                verdicts[character] = ucs2
            }
            guard ucs2 else { continue }
            let replaced = smart.analyze(String(character))
            let replacement = replaced.encoding == .gsm7 && !replaced.replacements.isEmpty ? replaced.text : nil
            culprits.append(Culprit(index: index, count: count, character: character, smart: replacement))
        }
        guard !culprits.isEmpty, !writtenInLocaleScript(culprits) else { return }

        let cost = costNote(culprits, hidden: reported, letters: letters)
        var run: [Culprit] = []
        func flushRun() {
            guard let first = run.first else { return }
            let whole = text.text.unicodeScalars
            let start = whole.index(whole.startIndex, offsetBy: first.index)
            let last = run[run.count - 1]
            let end = whole.index(whole.startIndex, offsetBy: last.index + last.count)
            let span = String(whole[start..<end])
            let subject = run.count == 1 ? EncodingReport.describe(span) : "'\(span)' (\(run.count) characters)"
            let transliterated = letters.analyze(span)
            var fix = "keep the text in the GSM 7-bit alphabet, or accept UCS-2 and disable the check on this line with a directive"
            if transliterated.encoding == .gsm7, transliterated.text != span {
                fix = "write `\(transliterated.text)` instead (what the gsm filter and --smart=letters send), or accept UCS-2 and disable the check on this line with a directive"
            }
            found.append(LintCandidate(
                "encoding.ucs2", "\(subject) \(run.count == 1 ? "forces" : "force") UCS-2\(cost)", fix: fix,
                at: text.locations[first.index]))
            run.removeAll()
        }
        for culprit in culprits {
            if let replacement = culprit.smart {
                flushRun()
                let escaped = replacement.replacingOccurrences(of: "<<", with: "\\<<")
                let edits = source.offset(of: text.locations[culprit.index]).map {
                    [LintEdit(offset: $0, length: culprit.count, replacement: escaped)]
                } ?? []
                let shown = replacement.isEmpty ? "removes it" : "writes `\(replacement)` instead"
                found.append(LintCandidate(
                    "encoding.smart_replaceable",
                    "\(EncodingReport.describe(String(culprit.character))) forces UCS-2; smart encoding \(shown)\(cost)",
                    fix: replacement.isEmpty ? "remove it (preflight lint --fix does)" : "write `\(replacement)` (preflight lint --fix does)",
                    at: text.locations[culprit.index], edits: edits))
                continue
            }
            if let previous = run.last, !adjacent(previous, culprit) { flushRun() }
            run.append(culprit)
        }
        flushRun()
    }

    /// ASCII that the GSM 7-bit default alphabet or its extension table has: printable ASCII but
    /// the backtick, and line breaks.
    private static func isPlainGSM(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (0x20...0x7E).contains(ascii) && ascii != 0x60 || ascii == 0x0A || ascii == 0x0D
    }

    /// Whether `b` continues the run that ends with `a`: next to it, or one space after it, on the
    /// same line.
    private func adjacent(_ a: Culprit, _ b: Culprit) -> Bool {
        let end = a.index + a.count
        if b.index == end { return true }
        let scalars = text.text.unicodeScalars
        guard b.index == end + 1, !text.isTag[end], scalars[scalars.index(scalars.startIndex, offsetBy: end)] == " " else {
            return false
        }
        return text.locations[a.index].line == text.locations[b.index].line
    }

    /// Whether the template is UCS-2 by design: its front matter names a locale and a letter that
    /// forces UCS-2 belongs to that locale's script (Thai text in a `th_TH` template).
    private func writtenInLocaleScript(_ culprits: [Culprit]) -> Bool {
        guard let locale = template.frontMatter.locale else { return false }
        let scripts = Self.scripts(ofLocale: locale)
        guard !scripts.isEmpty else { return false }
        return culprits.contains { culprit in
            culprit.smart == nil && culprit.character.isLetter
                && !Set(confusables.check(String(culprit.character)).scripts).isDisjoint(with: scripts)
        }
    }

    /// ICU script names (`uscript_getName`) of a locale's likely script.
    static func scripts(ofLocale identifier: String) -> Set<String> {
        guard let code = Locale(identifier: identifier).language.script?.identifier else { return [] }
        return scriptNames[code] ?? []
    }

    /// ISO 15924 codes of scripts without a GSM 7-bit shift table of their own, to the ICU script
    /// names of their letters (PropertyValueAliases.txt; Hans, Hant, Jpan and Kore are combinations).
    private static let scriptNames: [String: Set<String>] = [
        "Arab": ["Arabic"], "Armn": ["Armenian"], "Beng": ["Bengali"], "Cyrl": ["Cyrillic"], "Deva": ["Devanagari"],
        "Ethi": ["Ethiopic"], "Geor": ["Georgian"], "Grek": ["Greek"], "Gujr": ["Gujarati"], "Guru": ["Gurmukhi"],
        "Hang": ["Hangul"], "Hani": ["Han"], "Hans": ["Han"], "Hant": ["Han", "Bopomofo"], "Hebr": ["Hebrew"],
        "Jpan": ["Han", "Hiragana", "Katakana"], "Khmr": ["Khmer"], "Knda": ["Kannada"], "Kore": ["Hangul", "Han"],
        "Laoo": ["Lao"], "Mlym": ["Malayalam"], "Mong": ["Mongolian"], "Mymr": ["Myanmar"], "Orya": ["Oriya"],
        "Sinh": ["Sinhala"], "Taml": ["Tamil"], "Telu": ["Telugu"], "Thaa": ["Thaana"], "Thai": ["Thai"],
        "Tibt": ["Tibetan"], "Latn": ["Latin"],
    ]

    /// What UCS-2 costs here: the worst case as it is, and with the culprits replaced (smart
    /// replacements, GSM transliterations, or left out) and the hidden characters removed.
    private func costNote(_ culprits: [Culprit], hidden: Set<Int>, letters: SMSEncoder) -> String {
        let limits = " (UCS-2 fits 70 characters in a part instead of 160)"
        guard let worst = analysis.worstCase, worst.encoding == .ucs2 else { return limits }
        var replacements: [Int: (count: Int, with: String)] = [:]
        for culprit in culprits {
            var replacement = culprit.smart ?? ""
            if culprit.smart == nil {
                let transliterated = letters.analyze(String(culprit.character))
                if transliterated.encoding == .gsm7 { replacement = transliterated.text }
            }
            replacements[culprit.index] = (culprit.count, replacement)
        }
        for (i, location) in text.locations.enumerated() where !text.isTag[i] {
            if let offset = source.offset(of: location), hidden.contains(offset) { replacements[i] = (1, "") }
        }
        guard let other = LintWorstCase.replacing(replacements, in: template, text: text) else { return limits }
        if other.encoding == .ucs2 {
            return analysis.variableUCS2.isEmpty ? limits : " (the variables can make the message UCS-2 as well)"
        }
        if worst.parts > other.partCount {
            return " (worst case \(worst.parts) parts instead of \(other.partCount) in GSM-7)"
        }
        return " (worst case \(worst.parts) part\(worst.parts == 1 ? "" : "s") either way, but UCS-2 fits 70 characters in a part instead of 160)"
    }
}
