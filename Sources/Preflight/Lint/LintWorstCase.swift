import SMSTemplates

/// Worst cases for "what if" questions the template analysis does not answer: the most
/// characters (for `body.too_long`) and the worst case with the literal text changed (what the
/// characters that force UCS-2 cost).
enum LintWorstCase {
    /// The most characters a message can have: the literal characters plus each tag's bound (in
    /// code points, an upper bound of the characters); `nil` when a variable is unbounded.
    static func length(_ template: Template, text: LintText) -> Int? {
        var total = 0
        for bound in template.tagBounds() {
            guard let length = bound.length else { return nil }
            total += length
        }
        var index = 0
        for character in text.text {
            if !text.isTag[index] { total += 1 }
            index += character.unicodeScalars.count
        }
        return total
    }

    /// The worst case when the literal code points at the keys of `replacements` (indexes into
    /// `text`) are replaced by their values; tags are filled as the template analysis fills them
    /// (`€`, two septets, for a GSM-7 value; `😀`, two UTF-16 units, for any other).
    static func replacing(_ replacements: [Int: (count: Int, with: String)], in template: Template, text: LintText) -> EncodingReport? {
        let bounds = template.tagBounds()
        var fill = ""
        var tag = 0
        var index = 0
        let scalars = Array(text.text.unicodeScalars)
        while index < scalars.count {
            if text.isTag[index] {
                guard tag < bounds.count, let length = bounds[tag].length else { return nil }
                fill += String(repeating: bounds[tag].isGSM ? "€" : "😀", count: length)
                tag += 1
                index += 1
            } else if let replacement = replacements[index] {
                fill += replacement.with
                index += max(1, replacement.count)
            } else {
                fill.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        return SMSEncoder(options: template.defaultEncodingOptions).analyze(fill)
    }
}
