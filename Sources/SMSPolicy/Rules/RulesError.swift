import PreflightCore

/// Rule files that could not be loaded: every problem found, each a `rules.invalid` error
/// ``Diagnostic`` with the file, line and column.
public struct RulesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The diagnostic code of every problem in a rule file.
    public static let code = "rules.invalid"

    /// The problems, by file and then by position.
    public let diagnostics: [Diagnostic]

    /// Creates an error from problems (sorted by file, line and column).
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            let left = lhs.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            let right = rhs.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            return left < right
        }
    }

    /// One problem per line, as `file:line:column: error: message [rules.invalid]`.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
