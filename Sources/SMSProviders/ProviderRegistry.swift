import Foundation
import PreflightCore
import ShippedRules
import Yams
import YAMLSupport

/// Provider files that could not be read: every problem, each a `provider.invalid_file` error
/// ``Diagnostic`` with the file, line and column.
public struct ProviderFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The diagnostic code of problems in provider files.
    public static let code = "provider.invalid_file"

    /// The problems, by file and position.
    public let diagnostics: [Diagnostic]

    /// Creates an error from problems.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted {
            ($0.location?.file ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0)
                < ($1.location?.file ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0)
        }
    }

    /// One problem per line: `file:line:column: error: message [provider.invalid_file]`.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The providers Preflight knows: the shipped definitions (`Rules/providers/*.yaml`) and any a
/// user adds from a directory.
///
/// ```swift
/// var registry = try ProviderRegistry.shipped()
/// registry = try registry.adding(directory: URL(fileURLWithPath: "my-providers"))
/// let twilio = registry.provider(named: "twilio")
/// ```
public struct ProviderRegistry: Sendable {
    /// The definitions by name.
    public private(set) var definitions: [String: ProviderDefinition]

    /// A registry of the given definitions.
    public init(_ definitions: [ProviderDefinition] = []) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The names, sorted.
    public var names: [String] { definitions.keys.sorted() }

    /// Every definition, sorted by name.
    public var providers: [ProviderDefinition] { names.compactMap { definitions[$0] } }

    /// The known name closest to a misspelt one (at most two edits), if any.
    public func suggestion(for name: String) -> String? {
        DecodingHints.nearest(to: name, in: names)
    }

    /// The definition with a name (case-insensitive), if any.
    public func provider(named name: String) -> ProviderDefinition? {
        definitions[name.lowercased()]
    }

    /// Provider files larger than this are refused unread.
    public static let maximumFileSize = 1 << 20

    private static let shippedResult: Result<ProviderRegistry, ProviderFileError> = {
        var definitions: [ProviderDefinition] = []
        var problems: [Diagnostic] = []
        for (name, text) in ShippedRules.providerFiles.sorted(by: { $0.key < $1.key }) {
            do throws(ProviderFileError) {
                definitions.append(try decode(text, file: "Rules/providers/\(name)"))
            } catch {
                problems += error.diagnostics
            }
        }
        return problems.isEmpty ? .success(ProviderRegistry(definitions)) : .failure(ProviderFileError(diagnostics: problems))
    }()

    /// The shipped providers, decoded once.
    /// - Throws: ``ProviderFileError`` if a shipped file is broken (a build problem).
    public static func shipped() throws(ProviderFileError) -> ProviderRegistry {
        try shippedResult.get()
    }

    /// This registry with the definitions of every `*.yaml` file in `directory` added; a file
    /// whose `name` is already known replaces that provider.
    /// - Throws: ``ProviderFileError`` with every problem of every file.
    public func adding(directory: URL) throws(ProviderFileError) -> ProviderRegistry {
        let path = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProviderFileError(diagnostics: [Self.fileProblem(path, "is not a directory", fix: "Give a directory of provider files (*.yaml).")])
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw ProviderFileError(diagnostics: [Self.fileProblem(path, "cannot be listed: \(error.localizedDescription)", fix: "Check the permissions.")])
        }
        var result = self
        var problems: [Diagnostic] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = directory.appendingPathComponent(name).path
            do {
                let bytes = try TextInput.readBytes(path: file, limit: Self.maximumFileSize)
                let text = try TextInput.decode(bytes, path: file)
                let definition = try Self.decode(text, file: file)
                result.definitions[definition.name] = definition
            } catch let error as ProviderFileError {
                problems += error.diagnostics
            } catch let error as InputError {
                problems.append(Self.fileProblem(file, "cannot be read: \(error)", fix: error.fix))
            } catch {
                problems.append(Self.fileProblem(file, "cannot be read: \(error)", fix: "Check the file."))
            }
        }
        if !problems.isEmpty { throw ProviderFileError(diagnostics: problems) }
        return result
    }

    /// Decodes one provider file; `file` is the path shown in diagnostics, and its name without
    /// `.yaml` must be the provider's `name`.
    /// - Throws: ``ProviderFileError`` with every problem found.
    public static func decode(_ text: String, file: String) throws(ProviderFileError) -> ProviderDefinition {
        let session = ProviderFileSession(providerFile: file)
        let definition = decodeDefinition(text, session: session)
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if let name = definition?.name, name != stem {
            let mark = try? Yams.compose(yaml: text)?.mapping?.first { $0.key.string == "name" }?.value.mark
            session.report("the name '\(name)' differs from the file name '\(stem)'", fix: "Name the file \(name).yaml, or the provider \(stem).",
                           at: mark ?? nil)
        }
        guard var definition, session.problems.isEmpty else { throw ProviderFileError(diagnostics: session.problems) }
        definition.file = file
        return definition
    }

    private static func decodeDefinition(_ text: String, session: ProviderFileSession) -> ProviderDefinition? {
        let root: Node?
        switch YAMLDocument.compose(text) {
        case .success(let node): root = node
        case .failure(let problem):
            session.report(problem.message, fix: problem.fix, line: problem.line, column: problem.column)
            return nil
        }
        guard let root, case .mapping = root else {
            session.report("a provider file is a mapping that starts with 'version: 1'", fix: "Start the file with 'version: 1'.", at: root?.mark)
            return nil
        }
        let decoder = ProviderNodeDecoder(node: root, mark: nil, session: session, codingPath: [])
        do {
            return try ProviderDefinition(from: decoder)
        } catch let error as DecodingError {
            decoder.record(error, decoding: ProviderDefinition.self)
        } catch {
            if !(error is RecordedProblem) { session.report("\(error)", fix: "Correct the file.", at: nil) }
        }
        return nil
    }

    private static func fileProblem(_ path: String, _ problem: String, fix: String) -> Diagnostic {
        Diagnostic(code: ProviderFileError.code, severity: .error, message: "\(path) \(problem)", fix: fix,
                   location: SourceLocation(file: path, line: 1, column: 1))
    }
}
