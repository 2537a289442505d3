/// The words of a text as the phrase checks cut them (opt-out instructions, restricted content).
///
/// The rule: a word is a run of letters, digits and combining marks (any script), lower-cased;
/// everything else (spaces, punctuation, quotes, emoji) only separates words. Each word is kept as
/// the 64-bit FNV-1a hash of its lower-cased UTF-8, so cutting a body allocates one small array
/// and no strings.
///
/// Words can be built piece by piece: the words of `a + b` are the words of `a` then those of `b`,
/// a word running across the seam when both sides have word characters there. A caller that checks
/// many texts made of the same fixed pieces (a template's literal text around different values)
/// cuts the fixed pieces once (``Piece``) and only the values per text.
public struct BodyWords: Sendable, Hashable {
    /// The complete words so far.
    private var hashes: [UInt64] = []
    /// The hash of the word being read, when ``inWord``.
    private var hash = Self.offsetBasis
    private var inWord = false

    /// No words.
    public init() {}

    /// No words yet, with room for `minimumCapacity` words.
    public init(minimumCapacity: Int) {
        hashes.reserveCapacity(minimumCapacity)
    }

    /// The words of `text`.
    public init(_ text: String) {
        hashes.reserveCapacity(text.utf8.count / 5 + 1)
        append(text)
    }

    /// Appends a piece of text (a word at the end of the words so far continues into it).
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { Self.cut($0, into: &self) }
    }

    /// Appends a piece cut beforehand: the same words as appending its text.
    public mutating func append(_ piece: Piece) {
        for byte in piece.head { add(byte) }
        guard let rest = piece.rest else { return }
        separate()
        hashes.append(contentsOf: rest.hashes)
        hash = rest.hash
        inWord = rest.inWord
    }

    /// A fixed piece of text, cut once, to append to many ``BodyWords``.
    public struct Piece: Sendable, Hashable {
        /// The bytes the piece's leading word characters add (they may continue a word).
        fileprivate var head: [UInt8] = []
        /// What follows the piece's first separator, cut on its own; nil when it has none.
        fileprivate var rest: BodyWords?

        /// Cuts `text`.
        public init(_ text: String) {
            var text = text
            text.withUTF8 { BodyWords.cut($0, into: &self) }
        }
    }

    /// Number of words, the one being read included.
    public var count: Int { hashes.count + (inWord ? 1 : 0) }

    /// The hash of the word at `index` (below ``count``).
    subscript(index: Int) -> UInt64 { index < hashes.count ? hashes[index] : hash }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

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

    @inline(__always) fileprivate mutating func add(_ byte: UInt8) {
        hash = (hash ^ UInt64(byte)) &* Self.prime
        inWord = true
    }

    @inline(__always) fileprivate mutating func separate() {
        if inWord { hashes.append(hash) }
        hash = Self.offsetBasis
        inWord = false
    }

    /// Cuts valid UTF-8 (a Swift string's) into `sink`: ASCII bytes are classified directly, other
    /// scalars are decoded in place and looked up in the table.
    fileprivate static func cut<Sink: WordSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        let n = bytes.count
        var i = 0
        bmpKinds.withUnsafeBufferPointer { kinds in
            while i < n {
                let lead = bytes[i]
                if lead < 0x80 {
                    switch lead {
                    case 65...90: sink.add(lead &+ 32)
                    case 97...122, 48...57: sink.add(lead)
                    default: sink.separate()
                    }
                    i &+= 1
                    continue
                }
                // Valid UTF-8: the lead byte gives the length.
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length where i &+ k < n { value = value << 6 | UInt32(bytes[i &+ k] & 0x3F) }
                let kind = value < 0x10000 ? kinds[Int(value)] : Unicode.Scalar(value).map(kind(of:)) ?? .separator
                switch kind {
                case .separator:
                    sink.separate()
                case .wordCharacter:
                    for k in 0..<length where i &+ k < n { sink.add(bytes[i &+ k]) }
                case .upperCase:
                    if let scalar = Unicode.Scalar(value) {
                        for byte in scalar.properties.lowercaseMapping.utf8 { sink.add(byte) }
                    }
                }
                i &+= length
            }
        }
    }
}

/// What ``BodyWords/cut(_:into:)`` feeds: the bytes of word characters, and separators.
fileprivate protocol WordSink {
    mutating func add(_ byte: UInt8)
    mutating func separate()
}

extension BodyWords: WordSink {}

extension BodyWords.Piece: WordSink {
    fileprivate mutating func add(_ byte: UInt8) {
        if rest == nil { head.append(byte) } else { rest!.add(byte) }
    }

    fileprivate mutating func separate() {
        if rest == nil { rest = BodyWords() } else { rest!.separate() }
    }
}

/// Finds phrases in a text's words (``BodyWords``): a phrase matches where its words appear
/// consecutively in the text's words. So the phrase `reply stop` matches `Reply "STOP" to end`,
/// `OPT-OUT` matches `opt out`, and `bet` does not match `better`.
struct PhraseMatcher: Sendable {
    /// The distinct labels, numbered.
    private let labels: [String]
    /// Phrases grouped by their first word: the group's first word, and its range in ``phrases``.
    private let groups: [(first: UInt64, phrases: Range<Int>)]
    /// Each phrase: where the words after its first are in ``rest``, and its label's number.
    private let phrases: [(rest: Range<Int>, label: Int)]
    private let rest: [UInt64]
    /// An open-addressing table of ``groups`` by first word (-1 for an empty slot): the words are
    /// hashes already, so a lookup is a multiply, a shift and a compare.
    private let slots: [Int32]
    private let shift: UInt64

    /// Builds a matcher; phrases with no words are skipped.
    init(_ list: [(phrase: String, label: String)]) {
        var labelNumbers: [String: Int] = [:]
        var labels: [String] = []
        var byFirst: [UInt64: [(rest: [UInt64], label: Int)]] = [:]
        var firstOrder: [UInt64] = []
        for (phrase, label) in list {
            let words = BodyWords(phrase)
            guard words.count > 0 else { continue }
            let number: Int
            if let known = labelNumbers[label] {
                number = known
            } else {
                number = labels.count
                labelNumbers[label] = number
                labels.append(label)
            }
            let first = words[0]
            if byFirst[first] == nil { firstOrder.append(first) }
            byFirst[first, default: []].append(((1..<words.count).map { words[$0] }, number))
        }
        var groups: [(UInt64, Range<Int>)] = []
        var phrases: [(Range<Int>, Int)] = []
        var rest: [UInt64] = []
        for first in firstOrder {
            let start = phrases.count
            for phrase in byFirst[first]! {
                phrases.append((rest.count..<(rest.count + phrase.rest.count), phrase.label))
                rest += phrase.rest
            }
            groups.append((first, start..<phrases.count))
        }
        var bits: UInt64 = 4
        while (1 << bits) < 2 * groups.count { bits += 1 }
        var slots = [Int32](repeating: -1, count: 1 << bits)
        let shift = 64 - bits
        for (g, group) in groups.enumerated() {
            var slot = Int(truncatingIfNeeded: (group.0 &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(g)
        }
        self.labels = labels
        self.groups = groups
        self.phrases = phrases
        self.rest = rest
        self.slots = slots
        self.shift = shift
    }

    /// The phrases whose first word is `word` (an empty range for none).
    @inline(__always) private func candidates(_ word: UInt64) -> Range<Int> {
        var slot = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let g = Int(slots[slot])
            if g < 0 { return 0..<0 }
            if groups[g].first == word { return groups[g].phrases }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Whether the phrase `p` matches the words from `start` on.
    @inline(__always) private func phrase(_ p: Int, matches words: BodyWords, at start: Int) -> Bool {
        let tail = phrases[p].rest
        guard start + 1 + tail.count <= words.count else { return false }
        for k in tail.indices where words[start + 1 + k - tail.lowerBound] != rest[k] { return false }
        return true
    }

    /// The labels of every phrase found, in order of first appearance, each once.
    func matches(in words: BodyWords) -> [String] {
        var found: [Int] = []
        for start in 0..<words.count {
            for p in candidates(words[start]) where !found.contains(phrases[p].label) {
                if phrase(p, matches: words, at: start) { found.append(phrases[p].label) }
            }
        }
        return found.map { labels[$0] }
    }

    /// The label of the first phrase found (the one starting earliest); nil when there is none.
    func firstMatch(in words: BodyWords) -> String? {
        for start in 0..<words.count {
            for p in candidates(words[start]) where phrase(p, matches: words, at: start) { return labels[phrases[p].label] }
        }
        return nil
    }

    /// Whether some phrase is found (``firstMatch(in:)`` without making its label).
    func containsMatch(in words: BodyWords) -> Bool {
        for start in 0..<words.count {
            for p in candidates(words[start]) where phrase(p, matches: words, at: start) { return true }
        }
        return false
    }

    /// True when the words of `text` are exactly the words of one of the phrases.
    func matchesWhole(_ text: String) -> Bool {
        let words = BodyWords(text)
        guard words.count > 0 else { return false }
        return candidates(words[0]).contains { phrases[$0].rest.count == words.count - 1 && phrase($0, matches: words, at: 0) }
    }
}
