import Foundation
import Yams
import YAMLSupport

/// The settings of `preflight lint`, from a `.preflight.yml` file or the built-in defaults.
///
/// ```yaml
/// version: 1
/// rulesDirectory: Rules          # rule files laid over the shipped ones (relative to this file)
/// include: ["**/*.sms"]           # which files a directory walk lints
/// exclude: ["Templates/legacy/**"]
/// severities:                     # off, warning or error per code
///   encoding.ucs2: off
///   text.crlf: error
/// ```
///
/// Precedence: command-line flags, then the `--config` file, else the nearest `.preflight.yml`
/// found walking up from the linted path, then the defaults. One file at most applies to a run.
public struct LintConfiguration: Sendable, Hashable {
    /// The configuration file name looked for.
    public static let fileName = ".preflight.yml"
    /// The configuration format version this build reads.
    public static let supportedVersion = 1
    /// The include globs when none are configured.
    public static let defaultInclude = ["**/*.sms"]

    /// The file the settings came from, as found; `nil` for the defaults.
    public var file: String?
    /// The absolute directory that globs and `rulesDirectory` are relative to: the configuration
    /// file's directory, else the current directory.
    public var baseDirectory: String
    /// The rules directory laid over the shipped rules (absolute), if any.
    public var rulesDirectory: String?
    /// Globs of the files to lint when walking a directory.
    public var include: [String]
    /// Globs of files and directories to leave out of a directory walk (paths named on the command
    /// line are always linted).
    public var exclude: [String]
    /// Severities set by the configuration, by code; other codes keep their default.
    public var severities: [String: LintSeverity]

    /// The defaults, relative to `baseDirectory`.
    public init(baseDirectory: String) {
        self.file = nil
        self.baseDirectory = baseDirectory
        self.rulesDirectory = nil
        self.include = Self.defaultInclude
        self.exclude = []
        self.severities = [:]
    }

    /// The severity of `code`: the configured one, else the rule's default (`error` for a code
    /// outside the catalog).
    public func severity(for code: String) -> LintSeverity {
        severities[code] ?? LintRules.rule(code)?.defaultSeverity ?? .error
    }

    /// The nearest `.preflight.yml` in `directory` or one of its parents, as an absolute path.
    public static func find(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Reads a configuration file.
    /// - Parameter path: the file; `baseDirectory` becomes its directory.
    /// - Throws: ``LintConfigurationError`` with every problem, each with line and column.
    public static func load(path: String) throws(LintConfigurationError) -> LintConfiguration {
        let text: String
        do {
            text = try TextInput.read(path: path, limit: 1 << 20)
        } catch {
            throw LintConfigurationError(diagnostics: [
                LintConfigurationError.problem(error.description, fix: error.fix, file: path, line: 1, column: 1)
            ])
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: directory)
    }

    /// Parses configuration text.
    /// - Parameters:
    ///   - text: the YAML.
    ///   - file: the name used in diagnostics and recorded in ``file``.
    ///   - baseDirectory: what relative paths and globs are relative to.
    /// - Throws: ``LintConfigurationError`` with every problem found.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws(LintConfigurationError) -> LintConfiguration {
        var reader = ConfigReader(file: file)
        var configuration = LintConfiguration(baseDirectory: baseDirectory)
        configuration.file = file
        let root: Node?
        switch YAMLDocument.compose(text) {
        case .success(let node): root = node
        case .failure(let problem):
            reader.yamlProblem(problem)
            throw LintConfigurationError(diagnostics: reader.diagnostics, source: text)
        }
        guard let root, let mapping = root.mapping else {
            reader.problem(root, "the configuration must be a mapping that starts with `version: \(supportedVersion)`",
                           fix: "write `version: 1`, then the keys you need: rulesDirectory, include, exclude, severities")
            throw LintConfigurationError(diagnostics: reader.diagnostics, source: text)
        }
        var sawVersion = false
        for (key, value) in mapping {
            switch key.scalar?.string ?? "" {
            case "version":
                sawVersion = true
                if value.scalar?.string != String(supportedVersion) {
                    reader.problem(value, "unsupported configuration version `\(value.scalar?.string ?? "?")`",
                                   fix: "this preflight reads version: \(supportedVersion)")
                }
            case "rulesDirectory":
                if let path = reader.string(value) {
                    configuration.rulesDirectory = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: baseDirectory + "/"))
                        .standardizedFileURL.path
                }
            case "include":
                configuration.include = reader.globs(value)
            case "exclude":
                configuration.exclude = reader.globs(value)
            case "severities":
                configuration.severities = reader.severities(value)
            case "rules":
                reader.problem(key, "unknown key `rules`",
                               fix: "set severities under `severities:` (code: off|warning|error); the rule files directory is `rulesDirectory:`")
            default:
                let name = key.scalar?.string ?? "?"
                let known = ["version", "rulesDirectory", "include", "exclude", "severities"]
                let hint = NameSuggestion.closest(to: name, among: known).map { "did you mean `\($0)`? " } ?? ""
                reader.problem(key, "unknown key `\(name)`", fix: hint + "known keys: \(known.joined(separator: ", "))")
            }
        }
        if !sawVersion {
            reader.problem(root, "the configuration has no `version` key", fix: "add `version: \(supportedVersion)` as the first line")
        }
        guard reader.diagnostics.isEmpty else { throw LintConfigurationError(diagnostics: reader.diagnostics, source: text) }
        return configuration
    }

    /// The settings in force, as YAML that can be saved as a `.preflight.yml`: every code with its
    /// severity, the configuration file in a comment.
    public var effectiveYAML: String {
        var lines = ["# Effective preflight lint configuration"]
        lines.append("# from: \(file ?? "built-in defaults (no \(Self.fileName) found)")")
        lines.append("# relative to: \(baseDirectory)")
        lines.append("version: \(Self.supportedVersion)")
        lines.append("rulesDirectory: \(rulesDirectory.map(Self.quoted) ?? "null  # the shipped rules")")
        lines.append("include: [\(include.map(Self.quoted).joined(separator: ", "))]")
        lines.append("exclude: [\(exclude.map(Self.quoted).joined(separator: ", "))]")
        lines.append("severities:")
        for rule in LintRules.all {
            let level = severity(for: rule.code)
            let note = severities[rule.code] == nil ? "" : "  # configured; default \(rule.defaultSeverity.rawValue)"
            lines.append("  \(rule.code): \(level.rawValue)\(note)")
        }
        return lines.joined(separator: "\n")
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A configuration file that cannot be used: every problem, each a `config.invalid` error with its
/// file, line and column. `preflight lint` exits with status 2.
public struct LintConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The diagnostic code of configuration problems.
    public static let code = "config.invalid"

    /// The problems, in file order.
    public var diagnostics: [Diagnostic]
    /// The configuration file's text, to print the offending lines.
    public var source: String?

    /// Creates an error.
    public init(diagnostics: [Diagnostic], source: String? = nil) {
        self.diagnostics = diagnostics
        self.source = source
    }

    /// The problems as text, each with its source line when the text is known.
    public var formatted: String {
        var sources: [String: String] = [:]
        if let source, let file = diagnostics.first?.location?.file { sources[file] = source }
        return DiagnosticText.format(diagnostics, sources: sources)
    }

    /// One problem per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    static func problem(_ message: String, fix: String, file: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(code: code, severity: .error, message: message, fix: fix, location: SourceLocation(file: file, line: line, column: column))
    }
}

/// Typed reads of configuration nodes that record a problem, with line and column, for every
/// value of the wrong shape.
private struct ConfigReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func problem(_ node: Node?, _ message: String, fix: String) {
        diagnostics.append(
            LintConfigurationError.problem(message, fix: fix, file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1))
    }

    mutating func yamlProblem(_ problem: YAMLDocument.Problem) {
        let fix = problem.message.hasPrefix("YAML syntax error") ? "\(problem.fix); quote globs that start with * (\"**/*.sms\")" : problem.fix
        diagnostics.append(
            LintConfigurationError.problem(problem.message, fix: fix, file: file, line: problem.line, column: problem.column))
    }

    mutating func string(_ node: Node) -> String? {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            problem(node, "expected a text value", fix: "write a path or a quoted string")
            return nil
        }
        return scalar.string
    }

    /// One glob or a list of globs.
    mutating func globs(_ node: Node) -> [String] {
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [checked(scalar.string, node)].compactMap { $0 } }
        guard let sequence = node.sequence else {
            problem(node, "expected a glob or a list of globs", fix: "write [\"**/*.sms\"]")
            return []
        }
        return sequence.compactMap { item in
            guard let text = item.scalar?.string else {
                problem(item, "expected a glob", fix: "write a quoted glob such as \"Templates/**/*.sms\"")
                return nil
            }
            return checked(text, item)
        }
    }

    private mutating func checked(_ glob: String, _ node: Node) -> String? {
        if let problem = LintGlob.problem(in: glob) {
            self.problem(node, "invalid glob `\(glob)`: \(problem)", fix: "globs use *, ** and ? (for example \"Templates/**/*.sms\")")
            return nil
        }
        return glob
    }

    mutating func severities(_ node: Node) -> [String: LintSeverity] {
        guard let mapping = node.mapping else {
            problem(node, "`severities` must map codes to off, warning or error", fix: "write severities:, then `encoding.ucs2: off` lines")
            return [:]
        }
        var result: [String: LintSeverity] = [:]
        for (key, value) in mapping {
            let code = key.scalar?.string ?? ""
            guard LintRules.rule(code) != nil else {
                let hint = NameSuggestion.closest(to: code, among: LintRules.codes).map { "did you mean `\($0)`? " } ?? ""
                problem(key, "unknown code `\(code)`", fix: hint + "`preflight rules` lists every code")
                continue
            }
            guard let text = value.scalar?.string, let level = LintSeverity(rawValue: text) else {
                problem(value, "`\(value.scalar?.string ?? "a collection")` is not a severity", fix: "use off, warning or error")
                continue
            }
            result[code] = level
        }
        return result
    }
}
