import PreflightCore
import Yams

// What the decoders of Preflight's YAML data files (rule files, provider files) share: the keys
// they make, how a node reads in a message, and the hints of their messages.

/// The problems found while one data file is decoded, each an error diagnostic with the file's
/// line and column; the same message at the same place is kept once (a type may read its
/// container twice).
public final class DataFileSession {
    /// The file path shown in diagnostics.
    public let file: String
    /// The diagnostic code of every problem (`rules.invalid`, `provider.invalid_file`).
    public let code: String
    /// What was found, in the order found.
    public private(set) var problems: [Diagnostic] = []
    private let budget: Int
    private var remaining: Int
    private var seen: Set<String> = []

    /// - Parameter budget: how many values may be decoded; anchors and aliases can expand a small
    ///   file a lot, and past the budget decoding stops with one problem.
    public init(file: String, code: String, budget: Int) {
        self.file = file
        self.code = code
        self.budget = budget
        remaining = budget
    }

    /// Records an error at a 1-based line and column.
    public func report(_ message: String, fix: String, line: Int, column: Int) {
        guard seen.insert("\(line):\(column):\(message)").inserted else { return }
        problems.append(Diagnostic(
            code: code, severity: .error, message: message, fix: fix,
            location: SourceLocation(file: file, line: line, column: column)))
    }

    /// Records an error at a Yams mark (nil: the start of the file).
    public func report(_ message: String, fix: String, at mark: Mark?) {
        report(message, fix: fix, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Records an error at a mark, `columnOffset` characters into `node` when it is a scalar (past
    /// its opening quote when it is quoted).
    public func report(_ message: String, fix: String, at mark: Mark?, columnOffset: Int, in node: Node) {
        var column = mark?.column ?? 1
        if columnOffset > 0, case .scalar(let scalar) = node {
            column += columnOffset + (scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0)
        }
        report(message, fix: fix, line: mark?.line ?? 1, column: column)
    }

    /// A coding path as messages about a data file write it: `countries.GB.quietHours[0].from`,
    /// "the file" for the root.
    public static func place(_ path: [any CodingKey]) -> String {
        DocumentPath.text(path, root: "the file")
    }

    /// Counts one decoded value; false (after one report) once the budget is spent.
    public func spend(at mark: Mark?) -> Bool {
        remaining -= 1
        if remaining == -1 {
            report("the file expands to more than \(budget) values (anchors and aliases?)",
                   fix: "Write the values out instead of repeating anchored blocks.", at: mark)
        }
        return remaining >= 0
    }
}

/// A decoder over a data file that records the problems a type finds in its own values (at their
/// line and column) and lets decoding go on.
public protocol ProblemRecordingDecoder: Decoder {
    /// Records `message` at the value `keys` below this decoder's node (at the key itself when
    /// `atKey`), `columnOffset` characters into a scalar value.
    func recordProblem(_ message: String, fix: String, at keys: [any CodingKey], atKey: Bool, columnOffset: Int)
}

extension Decoder {
    /// Reports a bad value that a type found itself, at `keys` below this value (or at the last
    /// key itself when `atKey`), `columnOffset` characters into a scalar.
    ///
    /// A data file's decoder records the problem and decoding goes on; any other decoder (JSON,
    /// say) throws `DecodingError.dataCorrupted`.
    public func problem(_ message: String, fix: String, at keys: [any CodingKey] = [], atKey: Bool = false, columnOffset: Int = 0) throws {
        guard let recorder = self as? any ProblemRecordingDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + keys, debugDescription: "\(message) (\(fix))"))
        }
        recorder.recordProblem(message, fix: fix, at: keys, atKey: atKey, columnOffset: columnOffset)
    }

    /// The same, for one key.
    public func problem(_ message: String, fix: String, at key: any CodingKey, atKey: Bool = false, columnOffset: Int = 0) throws {
        try problem(message, fix: fix, at: [key], atKey: atKey, columnOffset: columnOffset)
    }
}

/// A decoder over one node of a data file that keeps going after a problem: it records what is
/// wrong with a value at the value's position and lets the caller skip it.
public protocol DataFileNodeDecoder: ProblemRecordingDecoder {
    /// Where problems go.
    var session: DataFileSession { get }
    /// Where this node is (or the nearest position above it).
    var mark: Mark? { get }
    /// Records a decoding error thrown while this node was decoded as `type`.
    func record(_ error: DecodingError, decoding type: Any.Type)
}

extension DataFileNodeDecoder {
    /// Decodes `T` from `child` (a decoder one level below this one), counting it against the
    /// session's bound; any problem is recorded at the child's position and thrown as
    /// ``RecordedProblem``.
    public func decode<T: Decodable>(_ type: T.Type, from child: Self) throws -> T {
        guard session.spend(at: child.mark) else { throw RecordedProblem() }
        do {
            return try T(from: child)
        } catch let error as RecordedProblem {
            throw error
        } catch let error as DecodingError {
            child.record(error, decoding: type)
            throw RecordedProblem()
        } catch {
            session.report("\(DataFileSession.place(child.codingPath)): \(error)", fix: "Correct the value.", at: child.mark)
            throw RecordedProblem()
        }
    }
}

/// A coding key made at run time: a mapping key the type does not list, or a list position.
public struct YAMLKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) { self.stringValue = stringValue }

    public init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Thrown once a decoder has recorded a problem (with its line and column), so that no caller
/// records it again.
public struct RecordedProblem: Error, Sendable {
    public init() {}
}

extension Node {
    /// True for a plain `~`, `null` (any case the YAML core schema allows) or empty scalar; a
    /// quoted "null" is text.
    public var isNullScalar: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the node reads in a message: `'text'` (cut after 40 characters), `nothing` (an empty
    /// value), `null`, `a mapping`, `a list`, `an alias`.
    public var shownInMessage: String {
        switch self {
        case .scalar(let scalar):
            if isNullScalar { return scalar.string.isEmpty ? "nothing" : "null" }
            let text = scalar.string
            return "'\(text.count > 40 ? text.prefix(40) + "…" : Substring(text))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The hints of the data files' messages.
public enum DecodingHints {
    /// The known name nearest to a misspelt one: at most two edits, case ignored; the first such
    /// name when several are as near.
    public static func nearest(to name: String, in known: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let letters = Array(candidate.lowercased())
            var row = Array(0...letters.count)
            for (i, a) in target.enumerated() {
                var next = [i + 1]
                for (j, b) in letters.enumerated() {
                    next.append(Swift.min(row[j + 1] + 1, next[j] + 1, row[j] + (a == b ? 0 : 1)))
                }
                row = next
            }
            let distance = row[letters.count]
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The keys a `CaseIterable` coding-key type lists, or nil for an open mapping.
    public static func knownKeys<Key: CodingKey>(_: Key.Type) -> [String]? {
        func names<K: CaseIterable & CodingKey>(_: K.Type) -> [String] { K.allCases.map(\.stringValue) }
        guard let iterable = Key.self as? any (CaseIterable & CodingKey).Type else { return nil }
        return names(iterable)
    }

    /// The case names of a `CaseIterable` string enum, for "use one of" hints; nil for other types.
    public static func caseNames(of type: Any.Type) -> [String]? {
        func names<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String] { E.allCases.compactMap { $0.rawValue as? String } }
        guard let enumType = type as? any (CaseIterable & RawRepresentable).Type else { return nil }
        let result = names(enumType)
        return result.isEmpty ? nil : result
    }

    /// "a mapping" from "expected a mapping, found 'x'" (a type error's description).
    public static func expected(in description: String) -> String {
        guard description.hasPrefix("expected "), let end = description.range(of: ", found") else { return "a value of the right type" }
        return String(description[description.index(description.startIndex, offsetBy: 9)..<end.lowerBound])
    }
}
