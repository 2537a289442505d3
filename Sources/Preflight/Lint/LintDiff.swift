/// Unified diffs of fixed files, for `preflight lint --diff` (the format of `diff -u` and
/// `git diff`, with three lines of context, which `git apply` and `patch -p1` accept).
public enum LintDiff {
    /// The diff from `original` to `fixed`, headed `--- a/FILE` and `+++ b/FILE`; empty when the
    /// texts are equal.
    public static func unified(file: String, original: String, fixed: String, context: Int = 3) -> String {
        guard original != fixed else { return "" }
        let (old, oldNewline) = lines(original)
        let (new, newNewline) = lines(fixed)
        var out = ["--- a/\(file)", "+++ b/\(file)"]
        guard old.count == new.count else {
            // Fixes never add or remove lines; diff anything else as one replacement.
            out.append("@@ -\(range(1, old.count)) +\(range(1, new.count)) @@")
            out += old.map { "-" + $0 }
            if !oldNewline, !old.isEmpty { out.append("\\ No newline at end of file") }
            out += new.map { "+" + $0 }
            if !newNewline, !new.isEmpty { out.append("\\ No newline at end of file") }
            return out.joined(separator: "\n") + "\n"
        }
        let changed = old.indices.filter { old[$0] != new[$0] || ($0 == old.count - 1 && oldNewline != newNewline) }
        var hunks: [ClosedRange<Int>] = []
        for i in changed {
            let lower = max(0, i - context)
            let upper = min(old.count - 1, i + context)
            if let last = hunks.last, lower <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...upper
            } else {
                hunks.append(lower...upper)
            }
        }
        for hunk in hunks {
            out.append("@@ -\(range(hunk.lowerBound + 1, hunk.count)) +\(range(hunk.lowerBound + 1, hunk.count)) @@")
            var removed: [String] = []
            var added: [String] = []
            func flush() {
                out += removed
                out += added
                removed.removeAll()
                added.removeAll()
            }
            for i in hunk {
                let last = i == old.count - 1
                if old[i] == new[i], !(last && oldNewline != newNewline) {
                    flush()
                    out.append(" " + old[i])
                    if last, !oldNewline { out.append("\\ No newline at end of file") }
                } else {
                    removed.append("-" + old[i])
                    if last, !oldNewline { removed.append("\\ No newline at end of file") }
                    added.append("+" + new[i])
                    if last, !newNewline { added.append("\\ No newline at end of file") }
                }
            }
            flush()
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The lines of `text` without their `\n`, and whether the text ends with one.
    private static func lines(_ text: String) -> ([String], Bool) {
        // By bytes: "\r\n" is one Character, and a CR must stay on its line.
        var parts = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let endsWithNewline = parts.last == ""
        if endsWithNewline { parts.removeLast() }
        return (parts, endsWithNewline)
    }

    /// `start,count` as unified diffs write it (`start` is one less for an empty range).
    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start - 1),0" : "\(start),\(count)"
    }
}
