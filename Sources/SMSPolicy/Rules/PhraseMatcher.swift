/// Phrase matching for opt-out instructions and restricted-content keywords.
///
/// The rule: text and phrases are both cut into words, a word being a run of letters, digits and
/// combining marks (any script), lower-cased; everything else (spaces, punctuation, quotes, emoji)
/// only separates words. A phrase matches where its words appear consecutively in the text's
/// words. So the phrase `reply stop` matches `Reply "STOP" to end`, `OPT-OUT` matches `opt out`,
/// and `bet` does not match `better`.
///
/// Words are compared by a 64-bit FNV-1a hash of their lower-cased UTF-8, so matching a body
/// allocates one small array and no strings.
struct PhraseMatcher: Sendable {
    /// Phrases by the hash of their first word: the hashes of the other words and the label.
    private let byFirstWord: [UInt64: [(rest: [UInt64], label: String)]]
    /// A 4,096-bit filter of the first words' hashes: most words of a body are no phrase's first
    /// word, and one bit test is far cheaper than a dictionary lookup.
    private let firstWordFilter: [UInt64]

    /// Builds a matcher; phrases with no words are skipped.
    init(_ phrases: [(phrase: String, label: String)]) {
        var index: [UInt64: [(rest: [UInt64], label: String)]] = [:]
        var filter = [UInt64](repeating: 0, count: 64)
        for (phrase, label) in phrases {
            let words = Self.wordHashes(phrase)
            guard let first = words.first else { continue }
            index[first, default: []].append((Array(words.dropFirst()), label))
            filter[Int(first >> 6 & 63)] |= 1 << (first & 63)
        }
        byFirstWord = index
        firstWordFilter = filter
    }

    /// The labels of every phrase found in `text`, in order of first appearance, each once.
    func matches(in text: String) -> [String] { matches(inWords: Self.wordHashes(text)) }

    /// ``matches(in:)`` on words already cut by ``wordHashes(_:)`` (to cut a body once for several matchers).
    func matches(inWords words: [UInt64]) -> [String] {
        var found: [String] = []
        for start in words.indices {
            let word = words[start]
            guard firstWordFilter[Int(word >> 6 & 63)] & (1 << (word & 63)) != 0,
                  let candidates = byFirstWord[word] else { continue }
            for candidate in candidates where !found.contains(candidate.label) {
                let end = start + 1 + candidate.rest.count
                if end <= words.count, words[(start + 1)..<end].elementsEqual(candidate.rest) {
                    found.append(candidate.label)
                }
            }
        }
        return found
    }

    /// True when the words of `text` are exactly the words of one of the phrases.
    func matchesWhole(_ text: String) -> Bool {
        let words = Self.wordHashes(text)
        guard let first = words.first else { return false }
        return byFirstWord[first]?.contains { $0.rest.elementsEqual(words.dropFirst()) } ?? false
    }

    private enum Kind: UInt8 {
        case separator, wordCharacter, upperCase
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
        else { return .separator }
        return properties.changesWhenLowercased ? .upperCase : .wordCharacter
    }

    /// The kind of every scalar of the Basic Multilingual Plane, built on first use (a few
    /// milliseconds) so that a body costs one table lookup per character.
    private static let bmpKinds: [Kind] = (0..<0x10000).map { value in
        Unicode.Scalar(UInt32(value)).map(kind(of:)) ?? .separator
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hashes of the lower-cased words of `text` (runs of letters, digits and combining marks).
    static func wordHashes(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { wordHashes(utf8: $0) }
    }

    /// ``wordHashes(_:)`` over valid UTF-8: ASCII bytes are classified directly, other scalars
    /// are decoded in place and looked up in the table.
    private static func wordHashes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(bytes.count / 5 + 1)
        var hash = offsetBasis
        var inWord = false
        @inline(__always) func add(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* prime
            inWord = true
        }
        @inline(__always) func endWord() {
            if inWord { words.append(hash) }
            hash = offsetBasis
            inWord = false
        }
        let kinds = bmpKinds
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                switch lead {
                case 65...90: add(lead &+ 32)
                case 97...122, 48...57: add(lead)
                default: endWord()
                }
                i &+= 1
                continue
            }
            // Valid UTF-8 (a Swift String): the lead byte gives the length.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length where i &+ k < n { value = value << 6 | UInt32(bytes[i &+ k] & 0x3F) }
            let kind = value < 0x10000 ? kinds[Int(value)] : Unicode.Scalar(value).map(kind(of:)) ?? .separator
            switch kind {
            case .separator:
                endWord()
            case .wordCharacter:
                for k in 0..<length where i &+ k < n { add(bytes[i &+ k]) }
            case .upperCase:
                if let scalar = Unicode.Scalar(value) {
                    for byte in scalar.properties.lowercaseMapping.utf8 { add(byte) }
                }
            }
            i &+= length
        }
        endWord()
        return words
    }
}
