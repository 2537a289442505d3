import Foundation
import PreflightCore
import YAMLSupport
import Yams

// A strict `Decoder` over a composed Yams `Node`, used for the rule files.
//
// Why not `YAMLDecoder`: it stops at the first error, knows nothing of unknown keys and reports
// coding paths, not lines and columns. This decoder
// - reads scalars as text and types them itself: only `true`/`false` are booleans, only plain
//   decimal numbers are integers, and any scalar decodes as a `String` (so `NO` stays Norway);
// - reports every key that is not one of the type's `CodingKeys` (which must be `CaseIterable`),
//   at the key's line and column;
// - records a problem where it happens and carries on with the next value: `decodeIfPresent`
//   answers nil after a recorded problem, and a required value stops only the type that needs it.
//   Types report bad values they validate themselves with `Decoder.problem(_:fix:at:)`.

/// The problems of one rule file (`rules.invalid`; up to a million values decoded).
typealias RuleFileSession = DataFileSession

extension DataFileSession {
    /// A session for a rule file.
    convenience init(ruleFile file: String, budget: Int = 1_000_000) {
        self.init(file: file, code: RulesError.code, budget: budget)
    }
}

/// A `Decoder` over one node of a rule file.
struct RuleNodeDecoder: Decoder {
    let node: Node
    /// Where the node is: its own mark, or the nearest mark above it (merged nodes have none).
    let mark: Mark?
    /// The mark of the mapping key that holds this node, if any.
    let keyMark: Mark?
    let session: RuleFileSession
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, mark: Mark?, keyMark: Mark?, session: RuleFileSession, codingPath: [any CodingKey]) {
        self.node = node
        self.mark = node.mark ?? mark
        self.keyMark = keyMark
        self.session = session
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node, !node.isNullScalar else {
            throw typeMismatch(expected: "a mapping")
        }
        return KeyedDecodingContainer(RuleKeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw typeMismatch(expected: "a list")
        }
        return RuleUnkeyedContainer(decoder: self, nodes: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        RuleSingleValueContainer(decoder: self)
    }

    func typeMismatch(expected: String) -> DecodingError {
        DecodingError.typeMismatch(
            Any.self,
            .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node.shownInMessage)"))
    }

    /// Decodes a child node, recording any problem at the child's position.
    func decodeChild<T: Decodable>(
        _ type: T.Type, node child: Node, keyMark childKeyMark: Mark?, key: any CodingKey
    ) throws -> T {
        try decode(type, from: RuleNodeDecoder(
            node: child, mark: childKeyMark ?? mark, keyMark: childKeyMark, session: session,
            codingPath: codingPath + [key]))
    }

    /// Records a decoding error thrown while this decoder's value was being decoded as `type`.
    func record(_ error: DecodingError, decoding type: Any.Type) {
        switch error {
        case .keyNotFound(let key, let context):
            let owner = locate(context.codingPath)
            session.report(
                "\(DataFileSession.place(context.codingPath)): missing key '\(key.stringValue)'",
                fix: "Add '\(key.stringValue):' here.", at: owner.keyMark ?? owner.mark)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let place = locate(context.codingPath)
            session.report(
                "\(DataFileSession.place(context.codingPath)): wrong type: \(context.debugDescription)",
                fix: "Write \(DecodingHints.expected(in: context.debugDescription)) here.",
                at: place.mark)
        case .dataCorrupted(let context):
            let place = locate(context.codingPath)
            if let cases = DecodingHints.caseNames(of: type), context.codingPath.count == codingPath.count {
                session.report(
                    "\(DataFileSession.place(context.codingPath)): unknown value \(place.node.shownInMessage)",
                    fix: "Use one of: \(cases.joined(separator: ", ")).", at: place.mark)
            } else {
                session.report(
                    "\(DataFileSession.place(context.codingPath)): \(context.debugDescription)",
                    fix: "Correct the value.", at: place.mark)
            }
        @unknown default:
            session.report("\(DataFileSession.place(codingPath)): \(error)", fix: "Correct the value.", at: mark)
        }
    }

    /// Finds the node at `path` (which starts with this decoder's path) and its marks; `found` is
    /// false when the path leaves the tree (the marks are then those of the deepest node reached).
    func locate(_ path: [any CodingKey]) -> (node: Node, mark: Mark?, keyMark: Mark?, found: Bool) {
        var current = node
        var currentMark = mark
        var currentKeyMark = keyMark
        for key in path.dropFirst(codingPath.count) {
            switch current {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == key.stringValue }) else {
                    return (current, currentMark, currentKeyMark, false)
                }
                currentKeyMark = pair.key.mark ?? currentMark
                currentMark = pair.value.mark ?? currentKeyMark
                current = pair.value
            case .sequence(let sequence):
                guard let index = key.intValue, index >= 0, index < sequence.count else {
                    return (current, currentMark, currentKeyMark, false)
                }
                current = sequence[index]
                currentMark = current.mark ?? currentMark
                currentKeyMark = nil
            default:
                return (current, currentMark, currentKeyMark, false)
            }
        }
        return (current, currentMark, currentKeyMark, true)
    }

    /// Records a problem found by a type's own validation, at the value (or key) `keys` below this node.
    func recordProblem(_ message: String, fix: String, at keys: [any CodingKey], atKey: Bool, columnOffset: Int) {
        let path = codingPath + keys
        let place = locate(path)
        guard place.found else {
            session.report("\(DataFileSession.place(path)): \(message)", fix: fix, at: keyMark ?? mark)
            return
        }
        let position = atKey ? place.keyMark ?? place.mark : place.mark
        session.report("\(DataFileSession.place(path)): \(message)", fix: fix, at: position,
                       columnOffset: atKey ? 0 : columnOffset, in: place.node)
    }
}

extension RuleNodeDecoder: DataFileNodeDecoder {}

struct RuleKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RuleNodeDecoder
    /// Values by key text, with the key's mark.
    let entries: [String: (keyMark: Mark?, value: Node)]
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: RuleNodeDecoder, mapping: Node.Mapping) {
        self.decoder = decoder
        var entries: [String: (keyMark: Mark?, value: Node)] = [:]
        let known = DecodingHints.knownKeys(Key.self)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                decoder.session.report(
                    "\(DataFileSession.place(decoder.codingPath)): a key must be a plain string, found \(key.shownInMessage)",
                    fix: "Use a plain word as the key.", at: key.mark ?? decoder.mark)
                continue
            }
            entries[scalar.string] = (key.mark ?? decoder.mark, value)
            if let known, !known.contains(scalar.string) {
                let hint = DecodingHints.nearest(to: scalar.string, in: known).map { "Did you mean '\($0)'? " } ?? ""
                decoder.session.report(
                    "\(DataFileSession.place(decoder.codingPath)): unknown key '\(scalar.string)'",
                    fix: "\(hint)Known keys here: \(known.joined(separator: ", ")).", at: key.mark ?? decoder.mark)
            }
        }
        self.entries = entries
    }

    var allKeys: [Key] { entries.keys.sorted().compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        entries[key.stringValue].map { $0.value.isNullScalar } ?? true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try required(type, key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optional(type, key) }

    private func required<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let entry = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return try decoder.decodeChild(type, node: entry.value, keyMark: entry.keyMark, key: key)
    }

    /// nil when the key is absent or null, or after a problem with its value has been recorded.
    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let entry = entries[key.stringValue], !entry.value.isNullScalar else { return nil }
        do {
            return try decoder.decodeChild(type, node: entry.value, keyMark: entry.keyMark, key: key)
        } catch is RecordedProblem {
            return nil
        }
    }

    // The concrete overloads all go through the generic paths above.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try required(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try required(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try required(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try required(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try required(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try required(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try required(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try required(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try required(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try required(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try nestedDecoder(forKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nestedDecoder(forKey: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try nestedDecoder(forKey: key) }

    private func nestedDecoder(forKey key: Key) throws -> RuleNodeDecoder {
        guard let entry = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return RuleNodeDecoder(
            node: entry.value, mark: entry.keyMark, keyMark: entry.keyMark, session: decoder.session,
            codingPath: codingPath + [key])
    }
}

struct RuleUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: RuleNodeDecoder
    let nodes: [Node]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { nodes.count }
    var isAtEnd: Bool { currentIndex >= nodes.count }

    init(decoder: RuleNodeDecoder, nodes: [Node]) {
        self.decoder = decoder
        self.nodes = nodes
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, nodes[currentIndex].isNullScalar else { return false }
        currentIndex += 1
        return true
    }

    // The concrete overloads all go through the generic path below.
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) }

    private mutating func next<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "no more values"))
        }
        let index = currentIndex
        currentIndex += 1
        return try decoder.decodeChild(type, node: nodes[index], keyMark: nil, key: YAMLKey(intValue: index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }

    private mutating func nextDecoder() throws -> RuleNodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "no more values"))
        }
        let index = currentIndex
        currentIndex += 1
        return RuleNodeDecoder(
            node: nodes[index], mark: decoder.mark, keyMark: nil, session: decoder.session,
            codingPath: codingPath + [YAMLKey(intValue: index)])
    }
}

struct RuleSingleValueContainer: SingleValueDecodingContainer {
    let decoder: RuleNodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNullScalar }

    /// The scalar's text, or a type error naming what was expected.
    private func scalar(expected: String, plainOnly: Bool) throws -> String {
        guard case .scalar(let scalar) = decoder.node, !decoder.node.isNullScalar else {
            throw decoder.typeMismatch(expected: expected)
        }
        if plainOnly, scalar.style != .plain, scalar.style != .any {
            throw DecodingError.typeMismatch(
                Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found a quoted string"))
        }
        return scalar.string
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch try scalar(expected: "true or false", plainOnly: true) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let word where ["yes", "no", "on", "off", "y", "n"].contains(word.lowercased()):
            throw DecodingError.typeMismatch(Bool.self, .init(
                codingPath: codingPath,
                debugDescription: "expected true or false, found '\(word)' (YAML 1.1 words are not booleans in rule files)"))
        default: throw decoder.typeMismatch(expected: "true or false")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        try scalar(expected: "a string", plainOnly: false)
    }

    func decode(_ type: Double.Type) throws -> Double {
        let text = try scalar(expected: "a number", plainOnly: true)
        guard text.allSatisfy({ "0123456789.-+eE".contains($0) }), let value = Double(text), value.isFinite else {
            throw decoder.typeMismatch(expected: "a number")
        }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    /// A plain decimal integer (no underscores, octal or hex forms) that fits the type.
    private func integer<I: FixedWidthInteger>() throws -> I {
        let text = try scalar(expected: "an integer", plainOnly: true)
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw decoder.typeMismatch(expected: "an integer")
        }
        guard let value = I(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "\(text) is out of range"))
        }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: decoder)
    }
}
