/// The source line of a location and a caret under its column, as compilers print them:
///
/// ```
///     Hi <<name | shout>>!
///                 ^~~~~
/// ```
public enum SourceExcerpt {
    /// The line `location.line` of `source` and a caret line under `location.column`, each prefixed
    /// with `indent`; `nil` when the line does not exist. `length` is how many characters to underline
    /// (at least one). Tabs in the line stay tabs in the caret line, so the caret lines up.
    public static func lines(
        of source: String, at location: SourceLocation, length: Int = 1, indent: String = "    "
    ) -> [String]? {
        guard location.line >= 1 else { return nil }
        var lineNumber = 1
        var start = source.unicodeScalars.startIndex
        let scalars = source.unicodeScalars
        var index = scalars.startIndex
        while lineNumber < location.line {
            guard let newline = scalars[index...].firstIndex(of: "\n") else { return nil }
            index = scalars.index(after: newline)
            lineNumber += 1
        }
        start = index
        let end = scalars[start...].firstIndex(of: "\n") ?? scalars.endIndex
        var line = String(scalars[start..<end])
        if line.hasSuffix("\r") { line.removeLast() }
        let prefixScalars = line.unicodeScalars.prefix(max(0, location.column - 1))
        var caret = ""
        for character in String(String.UnicodeScalarView(prefixScalars)) {
            caret.append(character == "\t" ? "\t" : " ")
        }
        caret += "^" + String(repeating: "~", count: max(0, length - 1))
        return [indent + line, indent + caret]
    }
}
