/// A path glob of the lint configuration, matched against `/`-separated paths relative to the
/// configuration's directory.
///
/// `*` matches any characters but `/`, `?` one character but `/`, and a whole `**` segment any
/// number of directories (none included). A glob without `/` matches a name at any depth
/// (`*.bak.sms`); one with `/` is anchored at the configuration's directory (a leading `/` only
/// anchors). A trailing `/` matches directories only.
public struct LintGlob: Sendable, Hashable, CustomStringConvertible {
    /// The glob as written.
    public let pattern: String
    private let segments: [[Character]]
    private let directoryOnly: Bool

    /// Compiles a glob (see ``problem(in:)`` for the ones refused by the configuration).
    public init(_ pattern: String) {
        self.pattern = pattern
        var body = Substring(pattern)
        directoryOnly = body.hasSuffix("/")
        while body.hasSuffix("/") { body = body.dropLast() }
        let anchored = body.contains("/")
        while body.hasPrefix("/") { body = body.dropFirst() }
        var parts = body.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        if !anchored { parts.insert(Array("**"), at: 0) }
        segments = parts
    }

    /// The glob as written.
    public var description: String { pattern }

    /// Why a glob cannot be used, or `nil`.
    public static func problem(in pattern: String) -> String? {
        if pattern.isEmpty || pattern.allSatisfy({ $0 == "/" }) { return "it is empty" }
        if pattern.contains("\\") { return "write paths with /, not \\" }
        if pattern.split(separator: "/").contains(where: { $0.contains("**") && $0 != "**" }) {
            return "** must be a whole path segment (a/**/b)"
        }
        return nil
    }

    /// Whether the glob matches the path itself (a file).
    public func matches(_ path: String) -> Bool {
        guard !directoryOnly else { return false }
        return Self.match(segments[...], Self.split(path)[...])
    }

    /// Whether the glob matches the path or one of its parent directories (for exclusions).
    public func matchesPathOrParent(_ path: String) -> Bool {
        let parts = Self.split(path)
        guard !parts.isEmpty else { return false }
        for end in 1...parts.count where !(directoryOnly && end == parts.count) {
            if Self.match(segments[...], parts[..<end]) { return true }
        }
        return false
    }

    private static func split(_ path: String) -> [[Character]] {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.map { Array($0) }
    }

    private static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let p = pattern.first else { return name.isEmpty }
        switch p {
        case "*":
            var tail = name
            while true {
                if matchSegment(pattern.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case "?":
            return !name.isEmpty && matchSegment(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == p && matchSegment(pattern.dropFirst(), name.dropFirst())
        }
    }
}
