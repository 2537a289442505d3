import SMSTemplates

/// A template file's text as code points with their lines and columns, numbered as the template
/// compiler numbers them (a leading byte order mark is not counted).
struct LintSource {
    let file: String
    /// Whether the file starts with a byte order mark (kept when fixes are written back).
    let hasBOM: Bool
    /// The code points, byte order mark left out.
    let scalars: [Unicode.Scalar]
    /// The offset in ``scalars`` of the start of each line (line 1 at index 0).
    let lineStarts: [Int]
    /// Whether every code point is ASCII (nothing invisible, no bidi control).
    let isASCII: Bool

    init(_ source: String, file: String) {
        self.file = file
        var scalars = Array(source.unicodeScalars)
        hasBOM = scalars.first == "\u{FEFF}"
        if hasBOM { scalars.removeFirst() }
        self.scalars = scalars
        var starts = [0]
        var ascii = true
        for (i, s) in scalars.enumerated() {
            if s == "\n" { starts.append(i + 1) }
            if s.value >= 0x80 { ascii = false }
        }
        lineStarts = starts
        isASCII = ascii
    }

    /// The location of the code point at `offset`.
    func location(ofOffset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(file: file, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The offset of the code point at `location`, if the location is in the file.
    func offset(of location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line <= lineStarts.count else { return nil }
        let offset = lineStarts[location.line - 1] + location.column - 1
        return offset < scalars.count ? offset : nil
    }

    /// The text of line `line` without its line break, or "" when there is no such line.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<max(start, end)])
        return String(text)
    }

    /// The source with `edits` applied (they must not overlap), the byte order mark kept.
    func applying(_ edits: [LintEdit]) -> String {
        var out = String.UnicodeScalarView()
        if hasBOM { out.append("\u{FEFF}") }
        var position = 0
        for edit in edits.sorted(by: { $0.offset < $1.offset }) where edit.offset >= position {
            out.append(contentsOf: scalars[position..<edit.offset])
            out.append(contentsOf: edit.replacement.unicodeScalars)
            position = edit.offset + edit.length
        }
        out.append(contentsOf: scalars[min(position, scalars.count)...])
        return String(out)
    }
}

/// One replacement in a template file: `length` code points from `offset` (counted without a
/// byte order mark) become `replacement`.
public struct LintEdit: Sendable, Hashable {
    /// The first code point replaced.
    public var offset: Int
    /// How many code points are replaced.
    public var length: Int
    /// The new text.
    public var replacement: String

    /// Creates an edit.
    public init(offset: Int, length: Int, replacement: String) {
        self.offset = offset
        self.length = length
        self.replacement = replacement
    }
}

/// The text a template sends, as the checks see it: the literal text with each tag replaced by a
/// space, and the file location of every code point (tags at their `<<`).
struct LintText {
    /// The literal text with a space for each tag.
    var text = ""
    /// The location of each code point of ``text``.
    var locations: [SourceLocation] = []
    /// The UTF-16 offset of each code point of ``text``.
    var utf16Offsets: [Int] = []
    /// Whether each code point of ``text`` stands for a tag.
    var isTag: [Bool] = []

    init(_ template: Template) {
        let literal = template.literalScalars
        let tags = template.variables
        var tagIndex = 0
        var utf16 = 0
        func append(_ scalar: Unicode.Scalar, _ location: SourceLocation, tag: Bool) {
            text.unicodeScalars.append(scalar)
            locations.append(location)
            utf16Offsets.append(utf16)
            isTag.append(tag)
            utf16 += scalar.utf16.count
        }
        for (scalar, location) in literal {
            while tagIndex < tags.count, Self.before(tags[tagIndex].location, location) {
                append(" ", tags[tagIndex].location, tag: true)
                tagIndex += 1
            }
            append(scalar, location, tag: false)
        }
        while tagIndex < tags.count {
            append(" ", tags[tagIndex].location, tag: true)
            tagIndex += 1
        }
    }

    private static func before(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// The index of the code point that starts at UTF-16 offset `offset` (or the one holding it).
    func index(ofUTF16 offset: Int) -> Int {
        var low = 0
        var high = utf16Offsets.count - 1
        if high < 0 { return 0 }
        while low < high {
            let mid = (low + high + 1) / 2
            if utf16Offsets[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The location of UTF-16 offset `offset`, or `fallback` for an empty text.
    func location(ofUTF16 offset: Int, fallback: SourceLocation) -> SourceLocation {
        locations.isEmpty ? fallback : locations[index(ofUTF16: offset)]
    }
}
