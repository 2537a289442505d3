import SMSTemplates

/// A finding of one file before configuration and directives: the diagnostic (with its default
/// severity) and the edits that fix it, if it has a safe fix.
struct LintCandidate {
    var diagnostic: Diagnostic
    var edits: [LintEdit] = []

    init(_ code: String, _ message: String, fix: String, at location: SourceLocation, edits: [LintEdit] = []) {
        diagnostic = Diagnostic(
            code: code, severity: LintRules.rule(code)?.defaultSeverity.diagnosticSeverity ?? .error, message: message, fix: fix,
            location: location)
        self.edits = edits
    }

    init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}

/// `text.bidi_control`, `text.invisible_character`, `text.crlf` and `text.confusable`.
enum LintTextChecks {
    /// Embedding, override and isolate controls (Unicode UAX #9; the Trojan Source set).
    static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// Bidi controls and invisible characters anywhere in the file. Returns the offsets reported,
    /// so that the encoding check does not report them again.
    /// - Parameters:
    ///   - literalOffsets: the source offsets of the literal text (what is sent).
    ///   - smart: the punctuation-level smart encoder (its removals are the safe fixes).
    static func hiddenCharacters(
        _ source: LintSource, literalOffsets: Set<Int>, smart: SMSEncoder, into found: inout [LintCandidate]
    ) -> Set<Int> {
        var reported = Set<Int>()
        guard !source.isASCII else { return reported }
        let scalars = source.scalars
        for i in scalars.indices {
            let s = scalars[i]
            guard s.value >= 0x80 else { continue }
            let name = describe(s)
            if isBidiControl(s.value) {
                reported.insert(i)
                found.append(LintCandidate(
                    "text.bidi_control",
                    "bidirectional control \(name): the line is displayed in another order than it is stored and sent (Trojan Source)",
                    fix: "remove it; right-to-left text needs no control characters to display", at: source.location(ofOffset: i)))
                continue
            }
            guard s.properties.isDefaultIgnorableCodePoint, !isExpectedInvisible(at: i, in: scalars) else { continue }
            reported.insert(i)
            var edits: [LintEdit] = []
            let inText = literalOffsets.contains(i)
            if inText {
                let report = smart.analyze(String(s))
                if report.encoding == .gsm7, !report.replacements.isEmpty {
                    edits = [LintEdit(offset: i, length: 1, replacement: report.text)]
                }
            }
            found.append(LintCandidate(
                "text.invisible_character",
                inText ? "invisible character \(name) in the text: it cannot be seen in review and forces UCS-2"
                    : "invisible character \(name): it cannot be seen in review",
                fix: edits.isEmpty ? "remove it" : "remove it (preflight lint --fix does)", at: source.location(ofOffset: i),
                edits: edits))
        }
        return reported
    }

    /// Invisible characters that belong where they are: joiners inside emoji sequences and
    /// between letters (Indic scripts, Persian), variation selectors and emoji tags after their
    /// base, direction marks in right-to-left text.
    private static func isExpectedInvisible(at i: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let s = scalars[i].value
        let previous = i > 0 ? scalars[i - 1] : nil
        let next = i + 1 < scalars.count ? scalars[i + 1] : nil
        func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar else { return false }
            let category = scalar.properties.generalCategory
            return scalar.properties.isAlphabetic || category == .nonspacingMark || category == .spacingMark
        }
        func isEmojiPart(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar else { return false }
            return (scalar.properties.isEmoji && scalar.value > 0x7F) || scalar.properties.isEmojiModifier || scalar.value == 0xFE0F
                || (0xE0020...0xE007F).contains(scalar.value)
        }
        switch s {
        case 0x200D:
            return (isEmojiPart(previous) && isEmojiPart(next)) || (isLetter(previous) && isLetter(next))
        case 0x200C:
            return isLetter(previous) && isLetter(next)
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x180B...0x180D, 0x180F:
            guard let previous else { return false }
            return !previous.properties.isWhitespace && !previous.properties.isDefaultIgnorableCodePoint
        case 0xE0020...0xE007F:
            return isEmojiPart(previous)
        case 0x200E, 0x200F, 0x061C:
            return lineHasRightToLeftLetter(around: i, in: scalars)
        default:
            return false
        }
    }

    private static func lineHasRightToLeftLetter(around i: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var start = i
        while start > 0, scalars[start - 1] != "\n" { start -= 1 }
        var end = i
        while end < scalars.count, scalars[end] != "\n" { end += 1 }
        return scalars[start..<end].contains { s in
            switch s.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
            default: false
            }
        }
    }

    /// `U+200B ZERO WIDTH SPACE`.
    static func describe(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return s.properties.name.map { "\(code) \($0)" } ?? code
    }

    /// One finding for the CR LF line breaks of the literal text, at the first; its fix turns
    /// every CR LF of the file into LF.
    static func crlf(_ text: LintText, source: LintSource, into found: inout [LintCandidate]) {
        var first: SourceLocation?
        var count = 0
        var previousCR = false
        for (i, s) in text.text.unicodeScalars.enumerated() {
            if s == "\n", previousCR, !text.isTag[i - 1] {
                count += 1
                if first == nil { first = text.locations[i - 1] }
            }
            previousCR = s == "\r"
        }
        guard let first else { return }
        var edits: [LintEdit] = []
        let scalars = source.scalars
        for i in scalars.indices.dropLast() where scalars[i] == "\r" && scalars[i + 1] == "\n" {
            edits.append(LintEdit(offset: i, length: 1, replacement: ""))
        }
        let lines = count == 1 ? "1 line break of the text is" : "\(count) line breaks of the text are"
        found.append(LintCandidate(
            "text.crlf", "\(lines) CR LF: each is sent as two characters (CR costs one more unit, and some handsets show it)",
            fix: "save the file with LF line breaks (preflight lint --fix rewrites them)", at: first, edits: edits))
    }

    /// Words of the literal text that mix scripts (ICU spoof checks, UTS #39).
    static func confusables(_ text: LintText, detector: ConfusableDetector, into found: inout [LintCandidate]) {
        let reportable: SpoofIssues = [.mixedScript, .mixedNumbers, .hiddenOverlay]
        for word in detector.suspiciousWords(in: text.text) where !word.check.issues.isDisjoint(with: reportable) {
            let location = text.locations[text.index(ofUTF16: word.utf16Range.lowerBound)]
            let why: String
            if word.check.issues.contains(.mixedScript) {
                why = "mixes \(word.check.scripts.joined(separator: " and ")) letters"
            } else if word.check.issues.contains(.mixedNumbers) {
                why = "mixes digits of different numbering systems"
            } else {
                why = "hides a combining mark over a letter that already has it"
            }
            found.append(LintCandidate(
                "text.confusable", "`\(word.word)` \(why); it looks like `\(word.lookalike)`",
                fix: "retype the word in one script; look-alike letters are a phishing sign and force UCS-2", at: location))
        }
    }
}
