import Foundation
import PreflightCore
import Yams
import YAMLSupport

/// The text of one rule file and the path shown in its diagnostics.
struct RuleFileText {
    let path: String
    let text: String
}

/// Reading rule files from disk: size limit, UTF-8 check.
enum RuleFileReader {
    /// Rule files larger than this are refused before they are read.
    static let maximumSize = 16 * 1024 * 1024

    /// Reads `url`; nil when there is no such file.
    static func read(_ url: URL, displayPath: String) throws(RulesError) -> RuleFileText? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try TextInput.readBytes(path: url.path, limit: maximumSize)
        } catch {
            switch error {
            case .tooLarge:
                throw failure(
                    displayPath, "is larger than \(maximumSize) bytes (16 MiB), too large for a rule file",
                    fix: "Check that this is the right file; keep long number lists in list files.")
            default:
                throw failure(displayPath, "cannot be read: \(error)", fix: error.fix)
            }
        }
        return RuleFileText(path: displayPath, text: try text(of: bytes, path: displayPath))
    }

    /// The UTF-8 text of `bytes`; an invalid byte sequence is reported at its line and column.
    static func text(of bytes: [UInt8], path: String) throws(RulesError) -> String {
        do {
            return try TextInput.decode(bytes, path: path)
        } catch {
            guard case .invalidUTF8(_, let offset) = error else { throw failure(path, "\(error)", fix: error.fix) }
            let valid = String(decoding: bytes[..<offset], as: UTF8.self)
            let lines = valid.split(separator: "\n", omittingEmptySubsequences: false)
            throw RulesError(diagnostics: [Diagnostic(
                code: RulesError.code, severity: .error,
                message: "the file is not valid UTF-8 (byte offset \(offset))", fix: "Save the file as UTF-8.",
                location: SourceLocation(
                    file: path, line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1))])
        }
    }

    /// A one-problem error about a whole file.
    static func failure(_ path: String, _ problem: String, fix: String) -> RulesError {
        RulesError(diagnostics: [Diagnostic(
            code: RulesError.code, severity: .error, message: "\(path) \(problem)", fix: fix,
            location: SourceLocation(file: path, line: 1, column: 1))])
    }
}

/// Parsing a rule file into its root mapping, and merging nodes.
enum RuleFileParser {
    /// The file format version this code reads.
    static let version = 1

    /// The root mapping of `file` without its `version` key, or nil after recording why not.
    static func root(of file: RuleFileText, session: RuleFileSession) -> Node.Mapping? {
        let node: Node?
        switch YAMLDocument.compose(file.text, valueLimit: 1_000_000) {
        case .success(let composed): node = composed
        case .failure(let problem):
            session.report(problem.message, fix: problem.fix, at: nil, line: problem.line, column: problem.column)
            return nil
        }
        guard let node, case .mapping(let mapping) = node else {
            session.report(
                "the file must be a mapping that starts with 'version: \(version)'",
                fix: "Start the file with 'version: \(version)'.", at: node?.mark)
            return nil
        }
        guard let versionPair = mapping.first(where: { $0.key.string == "version" }) else {
            session.report(
                "missing 'version'", fix: "Add 'version: \(version)' as the first line.", at: mapping.first?.key.mark)
            return nil
        }
        let value = versionPair.value
        guard case .scalar(let scalar) = value, scalar.style == .plain, scalar.string == "\(version)" else {
            session.report(
                "unsupported version \(value.shownInMessage); this Preflight reads version \(version)",
                fix: "Write 'version: \(version)' and the keys of that version.", at: value.mark)
            return nil
        }
        return Node.Mapping(
            mapping.filter { $0.key.string != "version" }.map { ($0.key, $0.value) },
            mapping.tag, mapping.style, mapping.mark)
    }

    /// `over` laid on `base`: mappings merge key by key (recursively), anything else in `over` wins.
    static func merge(_ base: Node, _ over: Node) -> Node {
        guard case .mapping(let baseMapping) = base, case .mapping(let overMapping) = over else { return over }
        var pairs = baseMapping.map { ($0.key, $0.value) }
        for (key, value) in overMapping {
            if let index = pairs.firstIndex(where: { $0.0.string != nil && $0.0.string == key.string }) {
                pairs[index] = (key, merge(pairs[index].1, value))
            } else {
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs, overMapping.tag, overMapping.style, overMapping.mark))
    }

    /// A decoded value as a node without marks, to merge a user file over it.
    static func node<T: Encodable>(of value: T) throws -> Node {
        let text = try YAMLEncoder().encode(value)
        guard let node = try Yams.compose(yaml: text, .default, .default, .utf8) else { return Node.Mapping([]).asNode }
        return withoutMarks(node)
    }

    private static func withoutMarks(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = nil
            return .scalar(scalar)
        case .mapping(let mapping):
            return .mapping(Node.Mapping(
                mapping.map { (withoutMarks($0.key), withoutMarks($0.value)) }, mapping.tag, mapping.style, nil))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(withoutMarks), sequence.tag, sequence.style, nil))
        case .alias:
            return node
        }
    }

    /// The policy root with the relative paths under `lists` resolved against `directory`.
    static func resolvingListPaths(in root: Node.Mapping, against directory: String) -> Node.Mapping {
        guard let listsIndex = root.firstIndex(where: { $0.key.string == "lists" }),
              case .mapping(let lists) = root[listsIndex].value else { return root }
        let resolvedLists = lists.map { pair -> (Node, Node) in
            guard case .sequence(let paths) = pair.value else { return (pair.key, pair.value) }
            let resolved = paths.map { path -> Node in
                guard case .scalar(var scalar) = path, !path.isNullScalar,
                      !scalar.string.hasPrefix("/"), !scalar.string.isEmpty else { return path }
                scalar.string = directory.hasSuffix("/") ? directory + scalar.string : directory + "/" + scalar.string
                return .scalar(scalar)
            }
            return (pair.key, .sequence(Node.Sequence(resolved, paths.tag, paths.style, paths.mark)))
        }
        var pairs = root.map { ($0.key, $0.value) }
        pairs[listsIndex].1 = .mapping(Node.Mapping(resolvedLists, lists.tag, lists.style, lists.mark))
        return Node.Mapping(pairs, root.tag, root.style, root.mark)
    }
}

extension Node.Mapping {
    var asNode: Node { .mapping(self) }
}

extension DataFileSession {
    /// Records a problem at a mark, or at an explicit line and column when there is no mark.
    func report(_ message: String, fix: String, at mark: Mark?, line: Int, column: Int) {
        if let mark {
            report(message, fix: fix, at: mark)
        } else {
            report(message, fix: fix, line: line, column: column)
        }
    }
}

extension RuleNodeDecoder {
    /// Decodes this node as `T`; nil after recording the problems that prevented it.
    func decodeRoot<T: Decodable>(_ type: T.Type) -> T? {
        do {
            return try T(from: self)
        } catch is RecordedProblem {
            return nil
        } catch let error as DecodingError {
            record(error, decoding: type)
            return nil
        } catch {
            session.report("\(DataFileSession.place(codingPath)): \(error)", fix: "Correct the value.", at: mark)
            return nil
        }
    }
}
