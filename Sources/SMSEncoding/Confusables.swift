import ICUShim

/// How loosely a string mixes scripts: the restriction levels of Unicode UTS #39 section 5.2,
/// from strictest (`ascii`) to loosest (`unrestrictive`).
public enum RestrictionLevel: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Only ASCII characters.
    case ascii = 1
    /// One script, plus the Common and Inherited characters (digits, punctuation, combining marks).
    case singleScript = 2
    /// One script, or Latin with Han and Bopomofo, Latin with Han, Hiragana and Katakana, or Latin
    /// with Han and Hangul (how Chinese, Japanese and Korean are written).
    case highlyRestrictive = 3
    /// Latin plus one other script, except Cyrillic and Greek.
    case moderatelyRestrictive = 4
    /// Any mix of scripts, such as Latin with Cyrillic.
    case minimallyRestrictive = 5
    /// Characters outside ICU's identifier profile.
    case unrestrictive = 6

    public static func < (lhs: RestrictionLevel, rhs: RestrictionLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The UTS #39 name, for example `highly restrictive`.
    public var description: String {
        switch self {
        case .ascii: "ASCII-only"
        case .singleScript: "single script"
        case .highlyRestrictive: "highly restrictive"
        case .moderatelyRestrictive: "moderately restrictive"
        case .minimallyRestrictive: "minimally restrictive"
        case .unrestrictive: "unrestrictive"
        }
    }
}

/// What a spoof check found in a string (an empty set: nothing).
public struct SpoofIssues: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates a set from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The string mixes scripts more loosely than the detector's `maximumLevel` allows (for
    /// example Latin with Cyrillic, as in a Cyrillic "Р" inside "PayPal").
    public static let mixedScript = SpoofIssues(rawValue: 1)
    /// The string holds invisible characters: a zero-width space, word joiner, soft hyphen or
    /// other default-ignorable character (ZWJ and ZWNJ excepted: some scripts need them), or the
    /// same non-spacing mark twice in a row.
    public static let invisible = SpoofIssues(rawValue: 2)
    /// Digits from more than one numbering system (such as Arabic-Indic with ASCII digits).
    public static let mixedNumbers = SpoofIssues(rawValue: 4)
    /// A combining dot hidden by its base letter (such as "i" + U+0307).
    public static let hiddenOverlay = SpoofIssues(rawValue: 8)
}

/// The result of ``ConfusableDetector/check(_:)`` for one string.
public struct SpoofCheck: Sendable, Hashable {
    /// The strictest restriction level the string meets.
    public var level: RestrictionLevel
    /// What is suspicious about the string; empty when nothing is.
    public var issues: SpoofIssues
    /// The scripts of the string's letters in order of first appearance, by their Unicode long
    /// names (for example `["Cyrillic", "Latin"]`); Common and Inherited characters are not listed.
    public var scripts: [String]

    /// Creates a check result.
    public init(level: RestrictionLevel, issues: SpoofIssues, scripts: [String]) {
        self.level = level
        self.issues = issues
        self.scripts = scripts
    }
}

/// How two strings are confusable according to ICU's `uspoof_areConfusable` (case-sensitive).
public struct Confusability: OptionSet, Sendable, Hashable {
    /// The raw bits (the values of ICU's `USpoofChecks`).
    public let rawValue: Int
    /// Creates a set from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Confusable, and both strings are in the same script (`paypal` and `paypa1`).
    public static let singleScript = Confusability(rawValue: 1)
    /// Confusable, and the strings are not in the same script (`PAYPAL` and Cyrillic-mixed `РАYPAL`).
    public static let mixedScript = Confusability(rawValue: 2)
    /// Confusable, each string is in a single script and the scripts differ.
    public static let wholeScript = Confusability(rawValue: 4)
}

/// A protected name that a candidate string is equal to or looks like.
public struct ProtectedNameMatch: Sendable, Hashable {
    /// The protected name as configured, for example `PayPal`.
    public var name: String
    /// `true` when the candidate is the name itself (ignoring case); `false` when it only looks
    /// like it (`PAYPA1`, Cyrillic `РayPal`).
    public var isExact: Bool

    /// Creates a match.
    public init(name: String, isExact: Bool) {
        self.name = name
        self.isExact = isExact
    }
}

/// A word of a text that fails a spoof check, found by ``ConfusableDetector/suspiciousWords(in:)``.
public struct SuspiciousWord: Sendable, Hashable {
    /// The word as it appears in the text.
    public var word: String
    /// Where the word is in the text.
    public var range: Range<String.Index>
    /// Where the word is in the text, in UTF-16 code units (the offsets of the JSON reports).
    public var utf16Range: Range<Int>
    /// What the check found; `check.issues` is never empty.
    public var check: SpoofCheck
    /// What the word looks like: its case-insensitive skeleton (see ``ConfusableDetector/foldedSkeleton(_:)``).
    public var lookalike: String

    /// Creates a suspicious word.
    public init(word: String, range: Range<String.Index>, utf16Range: Range<Int>, check: SpoofCheck, lookalike: String) {
        self.word = word
        self.range = range
        self.utf16Range = utf16Range
        self.check = check
        self.lookalike = lookalike
    }
}

/// Finds look-alike (confusable) and script-mixing text with ICU's spoof checker (Unicode UTS #39).
///
/// Two uses:
/// - **Sender names** (`sender.confusable`): ``imitatedName(by:)`` tells whether a sender such as
///   `PAYPA1` or `РayPal` (Cyrillic Р) imitates one of the `protectedNames`.
/// - **Message text** (`text.confusable`): ``suspiciousWords(in:)`` lists the words that mix
///   scripts (Latin with Cyrillic, say) or hide invisible characters.
///
/// ICU's skeletons are case-sensitive: `1` maps to lowercase `l`, `0` to uppercase `O`, so
/// `PAYPA1` and `PAYPAL` have different skeletons. The comparisons here are case-insensitive:
/// ``foldedSkeleton(_:)`` takes the skeleton, lowercases it (Unicode full lowercase mapping) and
/// takes the skeleton again, so `PAYPA1`, `paypa1`, `PAYPAI`, `G00GLE` and `g00gle` compare equal
/// to `PAYPAL` and `GOOGLE` in any case.
///
/// The value is cheap to copy and safe to use from any thread (ICU's checker is shared and used
/// only through its thread-safe entry points).
public struct ConfusableDetector: Sendable {
    /// The loosest restriction level a word may have before it counts as ``SpoofIssues/mixedScript``.
    public var maximumLevel: RestrictionLevel
    /// The names that ``imitatedName(by:)`` protects, as configured.
    public let protectedNames: [String]
    private let protectedKeys: [(key: String, lowercased: String)]

    /// Creates a detector.
    /// - Parameters:
    ///   - protectedNames: names (brands, sender IDs) that ``imitatedName(by:)`` compares against.
    ///   - maximumLevel: the loosest script mix that is not reported; the default allows one
    ///     script, and Latin mixed with Chinese, Japanese or Korean scripts.
    public init(protectedNames: [String] = [], maximumLevel: RestrictionLevel = .highlyRestrictive) {
        self.maximumLevel = maximumLevel
        self.protectedNames = protectedNames
        var keys: [(key: String, lowercased: String)] = []
        for name in protectedNames {
            keys.append((Self.folded(name), name.lowercased()))
        }
        self.protectedKeys = keys
    }

    // MARK: Skeletons and pairs

    /// The UTS #39 skeleton of `text` (ICU `uspoof_getSkeleton`): confusable strings have equal
    /// skeletons. Case-sensitive; `paypa1` becomes `paypal`, Cyrillic `РАYPAL` becomes `PAYPAL`.
    public func skeleton(_ text: String) -> String { Self.icuSkeleton(text) }

    /// The case-insensitive skeleton: skeleton, Unicode lowercase, skeleton again. `PAYPA1`,
    /// `PayPal` and Cyrillic `РАYPAL` all give `paypal`.
    public func foldedSkeleton(_ text: String) -> String { Self.folded(text) }

    /// Whether `a` looks like `b`, ignoring case: their ``foldedSkeleton(_:)`` are equal. Equal
    /// strings are confusable too.
    public func isConfusable(_ a: String, with b: String) -> Bool { Self.folded(a) == Self.folded(b) }

    /// How `a` and `b` are confusable according to ICU (`uspoof_areConfusable`), case-sensitive;
    /// empty when they are not.
    public func confusability(of a: String, and b: String) -> Confusability {
        if a.isEmpty || b.isEmpty { return [] }
        var err: Int32 = 0
        var a = a
        var b = b
        let bits = a.withUTF8 { ua in
            b.withUTF8 { ub in
                ua.withMemoryRebound(to: CChar.self) { ca in
                    ub.withMemoryRebound(to: CChar.self) { cb in
                        icutext_confusable(ca.baseAddress, Int32(ca.count), cb.baseAddress, Int32(cb.count), &err)
                    }
                }
            }
        }
        Self.require(err, "uspoof_areConfusable")
        return Confusability(rawValue: Int(bits))
    }

    /// The protected name that `candidate` is or imitates, or `nil`. An exact match (ignoring
    /// case) wins over a look-alike; among look-alikes the first configured name wins.
    public func imitatedName(by candidate: String) -> ProtectedNameMatch? {
        if protectedKeys.isEmpty { return nil }
        let lowered = candidate.lowercased()
        if let i = protectedKeys.firstIndex(where: { $0.lowercased == lowered }) {
            return ProtectedNameMatch(name: protectedNames[i], isExact: true)
        }
        let key = Self.folded(candidate)
        if let i = protectedKeys.firstIndex(where: { $0.key == key }) {
            return ProtectedNameMatch(name: protectedNames[i], isExact: false)
        }
        return nil
    }

    // MARK: Single strings and text

    /// Checks one string (a word, a sender name, a host label): the restriction level it meets,
    /// its scripts, and any ``SpoofIssues``.
    public func check(_ text: String) -> SpoofCheck {
        var hasLetter = false
        var ascii = true
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; break }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { hasLetter = true }
        }
        if ascii {
            // ASCII is one script (Latin) and has nothing invisible: no need for ICU.
            return SpoofCheck(level: .ascii, issues: [], scripts: hasLetter ? ["Latin"] : [])
        }
        var level: Int32 = 0
        var err: Int32 = 0
        var copy = text
        let bits = copy.withUTF8 { u in
            u.withMemoryRebound(to: CChar.self) { icutext_spoof_check($0.baseAddress, Int32($0.count), &level, &err) }
        }
        Self.require(err, "uspoof_check2")
        let restriction = RestrictionLevel(rawValue: Int(level)) ?? .unrestrictive
        var issues: SpoofIssues = []
        if restriction > maximumLevel { issues.insert(.mixedScript) }
        if bits & ICUTEXT_INVISIBLE != 0 || text.unicodeScalars.contains(where: Self.isInvisible) { issues.insert(.invisible) }
        if bits & ICUTEXT_MIXED_NUMBERS != 0 { issues.insert(.mixedNumbers) }
        if bits & ICUTEXT_HIDDEN_OVERLAY != 0 { issues.insert(.hiddenOverlay) }
        return SpoofCheck(level: restriction, issues: issues, scripts: Self.scripts(of: text))
    }

    /// The words of `text` that fail ``check(_:)``: they mix scripts beyond ``maximumLevel``,
    /// hold invisible characters, mix numbering systems or hide a combining dot.
    ///
    /// A word is a run of letters, combining marks, decimal digits and invisible (default-ignorable)
    /// characters holding at least one letter; everything else separates words. ASCII text has no
    /// suspicious words and returns at once.
    public func suspiciousWords(in text: String) -> [SuspiciousWord] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return [] }
        var found: [SuspiciousWord] = []
        var wordStart: String.Index?
        var startUTF16 = 0
        var utf16 = 0
        var nonASCII = false
        var hasLetter = false
        let scalars = text.unicodeScalars

        func finish(at end: String.Index) {
            defer { wordStart = nil; nonASCII = false; hasLetter = false }
            guard let start = wordStart, nonASCII, hasLetter else { return }
            let word = String(text[start..<end])
            let result = check(word)
            if !result.issues.isEmpty {
                found.append(SuspiciousWord(
                    word: word, range: start..<end, utf16Range: startUTF16..<utf16, check: result,
                    lookalike: Self.folded(word)))
            }
        }

        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            let props = s.properties
            let isLetter = props.isAlphabetic && !props.generalCategory.isMark
            let inWord = isLetter || props.generalCategory.isMark || props.numericType == .decimal || Self.isInvisible(s)
                || s == "\u{200C}" || s == "\u{200D}"
            if inWord {
                if wordStart == nil {
                    wordStart = i
                    startUTF16 = utf16
                }
                if s.value >= 0x80 { nonASCII = true }
                if isLetter { hasLetter = true }
            } else if wordStart != nil {
                finish(at: i)
            }
            utf16 += s.utf16.count
            i = scalars.index(after: i)
        }
        if wordStart != nil { finish(at: text.endIndex) }
        return found
    }

    // MARK: ICU calls

    /// Default-ignorable characters other than ZWJ and ZWNJ (which Indic scripts and Persian need).
    private static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        s.properties.isDefaultIgnorableCodePoint && s != "\u{200C}" && s != "\u{200D}"
    }

    private static func folded(_ text: String) -> String {
        icuSkeleton(icuSkeleton(text).lowercased())
    }

    private static func icuSkeleton(_ text: String) -> String {
        if text.isEmpty { return "" }
        return icuUTF8Output(text, function: "uspoof_getSkeleton") { icutext_skeleton($0, $1, $2, $3, &$4) }
    }

    private static func scripts(of text: String) -> [String] {
        var codes: [Int32] = []
        for s in text.unicodeScalars {
            let code = icutext_script(s.value)
            // 0 Common, 1 Inherited, -1 invalid
            if code > 1 && !codes.contains(code) { codes.append(code) }
        }
        return codes.map { String(cString: icutext_script_name($0)) }
    }

    /// ICU fails here only when its data cannot be loaded (a broken installation), never because
    /// of the input: Swift strings are always valid UTF-8.
    private static func require(_ err: Int32, _ function: String) {
        precondition(err <= 0, "ICU \(function) failed: \(String(cString: icushim_error_name(err)))")
    }
}

/// Calls a function of the C shim that reads the UTF-8 of `input` and writes UTF-8 into a caller
/// buffer (`input, length, output, capacity, &err`), with a bigger buffer when ICU asks for one.
/// ICU fails here only when its data cannot be loaded (a broken installation), never because of
/// the input, so a failure stops the program with the ICU error name.
package func icuUTF8Output(
    _ input: String, function: String,
    _ call: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32, inout Int32) -> Int32
) -> String {
    var copy = input
    return copy.withUTF8 { src in
        src.withMemoryRebound(to: CChar.self) { s in
            var capacity = s.count * 4 + 16
            while true {
                var err: Int32 = 0
                var out = [UInt8](repeating: 0, count: capacity)
                let n = out.withUnsafeMutableBufferPointer { dst in
                    dst.withMemoryRebound(to: CChar.self) { call(s.baseAddress, Int32(s.count), $0.baseAddress, Int32($0.count), &err) }
                }
                if err == ICUSHIM_BUFFER_OVERFLOW {
                    capacity = Int(n) + 1
                    continue
                }
                precondition(err <= 0, "ICU \(function) failed: \(String(cString: icushim_error_name(err)))")
                return String(decoding: out[..<Int(n)], as: UTF8.self)
            }
        }
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool {
        switch self {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
