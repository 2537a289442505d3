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

    /// Builds a matcher; phrases with no words are skipped.
    init(_ phrases: [(phrase: String, label: String)]) {
        var index: [UInt64: [(rest: [UInt64], label: String)]] = [:]
        for (phrase, label) in phrases {
            let words = Self.wordHashes(phrase)
            guard let first = words.first else { continue }
            index[first, default: []].append((Array(words.dropFirst()), label))
        }
        byFirstWord = index
    }

    /// The labels of every phrase found in `text`, in order of first appearance, each once.
    func matches(in text: String) -> [String] {
        var found: [String] = []
        let words = Self.wordHashes(text)
        for start in words.indices {
            guard let candidates = byFirstWord[words[start]] else { continue }
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
        var words: [UInt64] = []
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
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 65...90: add(UInt8(value + 32))
                case 97...122, 48...57: add(UInt8(value))
                default: endWord()
                }
                continue
            }
            let kind = value < 0x10000 ? bmpKinds[Int(value)] : kind(of: scalar)
            switch kind {
            case .separator:
                endWord()
            case .wordCharacter:
                UTF8.encode(scalar) { add($0) }
            case .upperCase:
                for byte in scalar.properties.lowercaseMapping.utf8 { add(byte) }
            }
        }
        endWord()
        return words
    }
}
