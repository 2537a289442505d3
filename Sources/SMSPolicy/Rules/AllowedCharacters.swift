import YAMLSupport

/// A set of characters written as a short spec string, such as `"A-Za-z0-9 .-_&"`.
///
/// The syntax, read left to right:
/// - `X-Y` where X and Y are both ASCII upper-case letters, both ASCII lower-case letters, or
///   both ASCII digits, with X ≤ Y, is the inclusive range from X to Y (`A-Z`, `a-f`, `0-9`);
/// - every other character stands for itself, including a space and any other hyphen. So in
///   `"A-Za-z0-9 .-_&"` the `.-_` part is the three characters `.`, `-` and `_`, not a range.
///
/// There is no escaping and no negation. Membership is tested per Unicode scalar; a character
/// made of several scalars is allowed only if all of them are.
public struct AllowedCharacters: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The spec string as written.
    public let spec: String
    private let ranges: [ClosedRange<Unicode.Scalar>]

    /// Letters, digits and space: the set every provider accepts in an alphanumeric sender ID.
    public static let lettersDigitsSpace = AllowedCharacters("A-Za-z0-9 ")!

    /// Parses a spec; nil when it is empty.
    public init?(_ spec: String) {
        let scalars = Array(spec.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var index = 0
        while index < scalars.count {
            let low = scalars[index]
            if index + 2 < scalars.count, scalars[index + 1] == "-",
               Self.sameKind(low, scalars[index + 2]), low <= scalars[index + 2] {
                ranges.append(low...scalars[index + 2])
                index += 3
            } else {
                ranges.append(low...low)
                index += 1
            }
        }
        self.spec = spec
        self.ranges = ranges
    }

    private static func sameKind(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        for kind: ClosedRange<Unicode.Scalar> in ["A"..."Z", "a"..."z", "0"..."9"] where kind.contains(a) {
            return kind.contains(b)
        }
        return false
    }

    /// True when the scalar is in the set.
    public func contains(scalar: Unicode.Scalar) -> Bool {
        ranges.contains { $0.contains(scalar) }
    }

    /// True when every scalar of the character is in the set.
    public func contains(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { contains(scalar: $0) }
    }

    /// The characters of `text` that are not in the set, in order, each once.
    public func disallowedCharacters(in text: String) -> [Character] {
        var seen = Set<Character>()
        return text.filter { !contains($0) && seen.insert($0).inserted }.map { $0 }
    }

    /// The spec string.
    public var description: String { spec }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.spec == rhs.spec }

    public func hash(into hasher: inout Hasher) { hasher.combine(spec) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = AllowedCharacters(text) else {
            try decoder.problem(
                "an empty character set", fix: "Write the allowed characters, such as \"A-Za-z0-9 \".")
            throw RecordedProblem()
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(spec)
    }
}
