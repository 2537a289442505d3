import Foundation
import Preflight

/// Shared helpers of the lint tests.
enum LintTesting {
    /// A linter over the shipped rules (with `policy` laid over them) and `configuration`.
    static func linter(policy: String? = nil, configuration: LintConfiguration = LintConfiguration(baseDirectory: "/")) throws -> Linter {
        var rules = try RuleSet.shipped()
        if let policy {
            let directory = try temporaryDirectory()
            try Data(policy.utf8).write(to: directory.appendingPathComponent("policy.yaml"))
            rules = try RuleSet.load(directory: directory, over: rules)
        }
        return try Linter(configuration: configuration, rules: rules)
    }

    /// `(code, line, column)` of each finding, in report order.
    static func positions(_ result: LintFileResult) -> [Position] {
        result.diagnostics.map { Position($0.code, $0.location?.line ?? 0, $0.location?.column ?? 0) }
    }

    /// A new empty directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes `files` (relative path → text) under `directory`.
    static func write(_ files: [String: String], in directory: URL) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}

/// A finding's code and position.
struct Position: Hashable, CustomStringConvertible, Sendable {
    var code: String
    var line: Int
    var column: Int

    init(_ code: String, _ line: Int, _ column: Int) {
        self.code = code
        self.line = line
        self.column = column
    }

    var description: String { "\(code)@\(line):\(column)" }
}
