import Foundation

/// Accepted findings: `--write-baseline FILE` records them, `--baseline FILE` leaves them out of
/// later runs so that only new findings are reported.
///
/// A finding is matched on its content, not its line number: the file, the code and the text of
/// the line it points at (spaces at both ends ignored), so edits elsewhere in the file do not
/// bring it back. When several findings share a key, the baseline keeps their count and accepts
/// that many. The file is pretty-printed JSON, one finding per line, sorted:
///
/// ```json
/// {
///   "schemaVersion": 1,
///   "findings": [
///     {"file": "Templates/promo.sms", "code": "encoding.ucs2", "line": "Big sale 🎉", "count": 1}
///   ]
/// }
/// ```
public struct LintBaseline: Sendable, Hashable {
    /// The version of the file format.
    public static let schemaVersion = 1

    /// One accepted finding (or several with the same key).
    public struct Entry: Sendable, Hashable, Codable, Comparable {
        /// The file as reports name it.
        public var file: String
        /// The diagnostic code.
        public var code: String
        /// The text of the line the finding points at, trimmed.
        public var line: String
        /// How many findings with this key are accepted.
        public var count: Int

        /// Creates an entry.
        public init(file: String, code: String, line: String, count: Int = 1) {
            self.file = file
            self.code = code
            self.line = line
            self.count = count
        }

        public static func < (a: Entry, b: Entry) -> Bool { (a.file, a.code, a.line) < (b.file, b.code, b.line) }
    }

    /// The accepted findings, sorted.
    public var entries: [Entry]

    /// A baseline from entries (merged by key and sorted).
    public init(entries: [Entry]) {
        var counts: [Key: Int] = [:]
        for e in entries { counts[Key(file: e.file, code: e.code, line: e.line), default: 0] += e.count }
        self.entries = counts.map { Entry(file: $0.key.file, code: $0.key.code, line: $0.key.line, count: $0.value) }.sorted()
    }

    /// The baseline that accepts every finding of `report`.
    public init(report: LintReport) {
        var entries: [Entry] = []
        for file in report.files {
            let source = file.source.map { LintSource($0, file: file.file) }
            for finding in file.findings {
                let key = Self.key(finding.diagnostic, file: file.file, source: source)
                entries.append(Entry(file: key.file, code: key.code, line: key.line))
            }
        }
        self.init(entries: entries)
    }

    struct Key: Hashable {
        var file: String
        var code: String
        var line: String
    }

    var counts: [Key: Int] {
        var result: [Key: Int] = [:]
        for e in entries { result[Key(file: e.file, code: e.code, line: e.line), default: 0] += e.count }
        return result
    }

    static func key(_ diagnostic: Diagnostic, file: String, source: LintSource?) -> Key {
        let line = diagnostic.location.flatMap { location in source?.lineText(location.line) } ?? ""
        return Key(file: file, code: diagnostic.code, line: line.trimmingCharacters(in: .whitespaces))
    }

    /// The baseline file's text.
    public var json: String {
        var lines = ["{", "  \"schemaVersion\": \(Self.schemaVersion),"]
        if entries.isEmpty {
            lines.append("  \"findings\": []")
        } else {
            lines.append("  \"findings\": [")
            for (i, e) in entries.enumerated() {
                let fields = "\"file\": \(Self.quoted(e.file)), \"code\": \(Self.quoted(e.code)), \"line\": \(Self.quoted(e.line))"
                lines.append("    {\(fields), \"count\": \(e.count)}"
                    + (i == entries.count - 1 ? "" : ","))
            }
            lines.append("  ]")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ s: String) -> String {
        var w = JSONWriter()
        w.value(s)
        return w.string
    }

    /// Reads a baseline file.
    /// - Throws: ``LintBaselineError`` when the file cannot be read or is not a baseline.
    public static func load(path: String) throws(LintBaselineError) -> LintBaseline {
        let text: String
        do {
            text = try TextInput.read(path: path)
        } catch {
            throw LintBaselineError(path: path, reason: error.description)
        }
        struct File: Decodable {
            var schemaVersion: Int
            var findings: [Entry]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(text.utf8))
        } catch {
            throw LintBaselineError(path: path, reason: "not a baseline file (\(Self.describe(error)))")
        }
        guard file.schemaVersion == schemaVersion else {
            throw LintBaselineError(path: path, reason: "unsupported schemaVersion \(file.schemaVersion) (this preflight reads \(schemaVersion))")
        }
        if let bad = file.findings.first(where: { $0.count < 1 }) {
            throw LintBaselineError(path: path, reason: "the entry for \(bad.file) \(bad.code) has count \(bad.count); counts start at 1")
        }
        return LintBaseline(entries: file.findings)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.keyNotFound(_, let c), DecodingError.typeMismatch(_, let c),
            DecodingError.valueNotFound(_, let c):
            let path = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// A baseline file that cannot be used (exit status 2).
public struct LintBaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var reason: String

    /// `PATH: reason`.
    public var description: String { "\(path): \(reason)" }
}
