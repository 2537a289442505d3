import Foundation
import PreflightCore
import YAMLSupport
import Yams

// Provider files are decoded with the types' own `Decodable` conformances, through a `Decoder`
// over the composed YAML tree that knows where every value is. It reports every problem it finds
// (unknown keys with a suggestion, wrong types, bad values the types check themselves) at its
// line and column, and goes on with the next value: a value that failed decodes as absent in
// `decodeIfPresent`, and a missing or failed required value fails only the type that needs it.
// Scalars are typed here, not by YAML 1.1 rules: only plain `true`/`false` are Booleans, only
// plain decimal numbers integers, and every scalar is also text.

/// The problems of one provider file (`provider.invalid_file`; up to 200,000 values decoded).
typealias ProviderFileSession = DataFileSession

extension DataFileSession {
    /// A session for a provider file.
    convenience init(providerFile file: String, budget: Int = 200_000) {
        self.init(file: file, code: ProviderFileError.code, budget: budget)
    }
}

extension Node {
    /// The scalar text of a plain scalar.
    var plainText: String? {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }
}


/// A `Decoder` over one node of a provider file.
struct ProviderNodeDecoder: Decoder {
    let node: Node
    /// Where problems with this value are reported.
    let mark: Mark?
    let session: ProviderFileSession
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, mark: Mark?, session: ProviderFileSession, codingPath: [any CodingKey]) {
        self.node = node
        self.mark = node.mark ?? mark
        self.session = session
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw mismatch("a mapping") }
        return KeyedDecodingContainer(ProviderKeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw mismatch("a list") }
        return ProviderUnkeyedContainer(decoder: self, items: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ProviderScalarContainer(decoder: self)
    }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node.shownInMessage)"))
    }

    /// Decodes `child` as `T`, recording any problem at the child's position.
    func decode<T: Decodable>(_ type: T.Type, child: Node, keyMark: Mark?, key: any CodingKey) throws -> T {
        try decode(type, from: ProviderNodeDecoder(node: child, mark: keyMark ?? mark, session: session, codingPath: codingPath + [key]))
    }

    /// Records an error thrown while this node was decoded as `type`.
    func record(_ error: DecodingError, decoding type: Any.Type) {
        let place = DataFileSession.place(codingPath)
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            session.report("\(place): \(context.debugDescription)", fix: "Write \(DecodingHints.expected(in: context.debugDescription)) here.", at: mark)
        case .keyNotFound(let key, _):
            session.report("\(place): missing key '\(key.stringValue)'", fix: "Add '\(key.stringValue):' here.", at: mark)
        case .dataCorrupted(let context):
            if let cases = DecodingHints.caseNames(of: type) {
                session.report("\(place): unknown value \(node.shownInMessage)", fix: "Use one of: \(cases.joined(separator: ", ")).", at: mark)
            } else {
                session.report("\(place): \(context.debugDescription)", fix: "Correct the value.", at: mark)
            }
        @unknown default:
            session.report("\(place): \(error)", fix: "Correct the value.", at: mark)
        }
    }

    /// The node at `keys` below this one and its mark (this node's when the path leaves the tree).
    func locate(_ keys: [any CodingKey], atKey: Bool) -> (node: Node, mark: Mark?) {
        var current = node
        var currentMark = mark
        for (position, key) in keys.enumerated() {
            switch current {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == key.stringValue }) else { return (current, currentMark) }
                currentMark = atKey && position == keys.count - 1 ? pair.key.mark : pair.value.mark ?? pair.key.mark
                current = pair.value
            case .sequence(let sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return (current, currentMark) }
                current = sequence[index]
                currentMark = current.mark ?? currentMark
            default:
                return (current, currentMark)
            }
        }
        return (current, currentMark)
    }
}

struct ProviderKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ProviderNodeDecoder
    /// The mapping's entries in file order.
    let entries: [(name: String, keyMark: Mark?, value: Node)]
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: ProviderNodeDecoder, mapping: Node.Mapping) {
        self.decoder = decoder
        let known = DecodingHints.knownKeys(Key.self)
        var entries: [(name: String, keyMark: Mark?, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                decoder.session.report(
                    "\(DataFileSession.place(decoder.codingPath)): a key must be text, found \(key.shownInMessage)",
                    fix: "Use a plain word as the key.", at: key.mark ?? decoder.mark)
                continue
            }
            if let known, !known.contains(scalar.string) {
                let hint = DecodingHints.nearest(to: scalar.string, in: known).map { "Did you mean '\($0)'? " } ?? ""
                decoder.session.report(
                    "\(DataFileSession.place(decoder.codingPath)): unknown key '\(scalar.string)'",
                    fix: "\(hint)Known keys here: \(known.joined(separator: ", ")).", at: key.mark ?? decoder.mark)
                continue
            }
            entries.append((scalar.string, key.mark ?? decoder.mark, value))
        }
        self.entries = entries
    }

    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.name) } }

    private func entry(_ key: Key) -> (name: String, keyMark: Mark?, value: Node)? {
        entries.first { $0.name == key.stringValue }
    }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { entry(key)?.value.isNullScalar ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let entry = entry(key) else {
            decoder.session.report(
                "\(DataFileSession.place(codingPath)): missing key '\(key.stringValue)'", fix: "Add '\(key.stringValue):' here.", at: decoder.mark)
            throw RecordedProblem()
        }
        return try decoder.decode(type, child: entry.value, keyMark: entry.keyMark, key: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let entry = entry(key), !entry.value.isNullScalar else { return nil }
        do {
            return try decoder.decode(type, child: entry.value, keyMark: entry.keyMark, key: key)
        } catch is RecordedProblem {
            return nil
        }
    }

    private func childDecoder(_ key: Key) throws -> ProviderNodeDecoder {
        guard let entry = entry(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return ProviderNodeDecoder(node: entry.value, mark: entry.keyMark, session: decoder.session, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try childDecoder(key) }
}

struct ProviderUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ProviderNodeDecoder
    let items: [Node]
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: ProviderNodeDecoder, items: [Node]) {
        self.decoder = decoder
        self.items = items
    }

    private mutating func next() throws -> (Node, any CodingKey) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "expected more items, found the end of the list"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], YAMLKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNullScalar else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, key) = try next()
        return try decoder.decode(type, child: node, keyMark: nil, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (node, key) = try next()
        return try ProviderNodeDecoder(node: node, mark: decoder.mark, session: decoder.session, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, key) = try next()
        return try ProviderNodeDecoder(node: node, mark: decoder.mark, session: decoder.session, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, key) = try next()
        return ProviderNodeDecoder(node: node, mark: decoder.mark, session: decoder.session, codingPath: codingPath + [key])
    }
}

struct ProviderScalarContainer: SingleValueDecodingContainer {
    let decoder: ProviderNodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNullScalar }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch decoder.node.plainText {
        case "true": return true
        case "false": return false
        default: throw decoder.mismatch("true or false")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .scalar(let scalar) = decoder.node, !decoder.node.isNullScalar else { throw decoder.mismatch("text") }
        return scalar.string
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard let text = decoder.node.plainText, let value = Int(text), text.allSatisfy({ $0.isASCII }) else {
            throw decoder.mismatch("a whole number")
        }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double { throw decoder.mismatch("a whole number") }
    func decode(_ type: Float.Type) throws -> Float { throw decoder.mismatch("a whole number") }
    func decode(_ type: Int8.Type) throws -> Int8 { throw decoder.mismatch("a whole number") }
    func decode(_ type: Int16.Type) throws -> Int16 { throw decoder.mismatch("a whole number") }
    func decode(_ type: Int32.Type) throws -> Int32 { throw decoder.mismatch("a whole number") }
    func decode(_ type: Int64.Type) throws -> Int64 { Int64(try decode(Int.self)) }
    func decode(_ type: UInt.Type) throws -> UInt { throw decoder.mismatch("a whole number") }
    func decode(_ type: UInt8.Type) throws -> UInt8 { throw decoder.mismatch("a whole number") }
    func decode(_ type: UInt16.Type) throws -> UInt16 { throw decoder.mismatch("a whole number") }
    func decode(_ type: UInt32.Type) throws -> UInt32 { throw decoder.mismatch("a whole number") }
    func decode(_ type: UInt64.Type) throws -> UInt64 { throw decoder.mismatch("a whole number") }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}

extension ProviderNodeDecoder: DataFileNodeDecoder {
    func recordProblem(_ message: String, fix: String, at keys: [any CodingKey], atKey: Bool, columnOffset: Int) {
        let (node, mark) = locate(keys, atKey: atKey)
        session.report("\(DataFileSession.place(codingPath + keys)): \(message)", fix: fix, at: mark, columnOffset: atKey ? 0 : columnOffset, in: node)
    }
}
