/// "Did you mean" hints for mistyped names (filters, keys, diagnostic codes).
public enum NameSuggestion {
    /// The candidate closest to `name` by Levenshtein distance, when it is at most `maxDistance`
    /// edits away; the first of equally close candidates wins.
    public static func closest(to name: String, among candidates: [String], maxDistance: Int = 3) -> String? {
        guard let best = candidates.min(by: { editDistance($0, name) < editDistance($1, name) }),
            editDistance(best, name) <= maxDistance
        else { return nil }
        return best
    }
}
