import Testing
import Yams

@testable import YAMLSupport

/// The guards every YAML data file goes through: keys that could make composing exponential are
/// refused before parsing, aliases that expand past the bound are refused after it, and every
/// error has the line and column it points at (YAML 1.2 §6.9.2 aliases, §8.2.2 explicit keys).
@Suite("YAMLDocument")
struct YAMLDocumentTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }
    }

    /// Nine levels of nine: 387,420,489 values once the aliases are expanded.
    static let bomb = (["a: &a [x, x, x, x, x, x, x, x, x]"]
        + (1..<9).map { level in
            let name = String(UnicodeScalar(UInt8(97 + level)))
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]"
        }).joined(separator: "\n")

    static let cases: [Case] = [
        Case(name: "alias as a key", text: "\(bomb)\n*i : x", line: 10, column: 1, message: "an alias cannot be used as a mapping key"),
        Case(name: "alias key inside a flow mapping", text: "a: &a x\nb: {*a : 1}", line: 2, column: 5, message: "an alias cannot"),
        Case(name: "explicit key", text: "? [a, b]\n: c", line: 1, column: 1, message: "an explicit key ('? ') cannot"),
        Case(name: "a list as a key", text: "[a, b]: c", line: 1, column: 6, message: "a list or mapping cannot"),
        Case(name: "aliases that expand too far", text: bomb + "\nj: *i", line: 1, column: 1, message: "expands to more than"),
        // The scanner stops where the flow sequence opened at 1:7 should have had `,` or `]`.
        Case(name: "syntax error", text: "name: [a\nb: c", line: 2, column: 2, message: "YAML syntax error"),
        Case(name: "tab indentation", text: "a:\n\tb: c", line: 2, column: 1, message: "YAML syntax error"),
        Case(name: "duplicate key", text: "m:\n  a: 1\n  a: 2", line: 2, column: 3, message: "duplicate key 'a'"),
    ]

    @Test(arguments: cases)
    func refusesWithAPosition(_ c: Case) throws {
        guard case .failure(let problem) = YAMLDocument.compose(c.text) else {
            Issue.record("\(c.name) was accepted")
            return
        }
        #expect(problem.message.contains(c.message), "\(problem)")
        #expect(problem.line == c.line, "\(problem)")
        #expect(problem.column == c.column, "\(problem)")
        #expect(!problem.fix.isEmpty)
    }

    /// Aliases as values, quoted stars and question marks, and stars inside words are fine.
    @Test(arguments: [
        "a: &a [x, y]\nb: *a\nc: [*a, *a]",
        "glob: \"**/*.sms\"\nq: 'why? because: yes'",
        "text: 5*3 is fifteen, a*b too",
        "include: ['*.sms']",
        "",
    ])
    func acceptsOrdinaryDocuments(_ text: String) throws {
        guard case .success = YAMLDocument.compose(text) else {
            Issue.record("refused: \(text)")
            return
        }
    }

    @Test func theBoundCountsExpandedValues() throws {
        // 1 mapping + 2 × (key + sequence of 3) = 1 + 2 × 5 = 11 nodes once `b` is expanded.
        let text = "a: &a [x, y, z]\nb: *a"
        guard case .success(let node?) = YAMLDocument.compose(text) else { throw ProblemAccepting() }
        #expect(YAMLDocument.fits(node, limit: 11))
        #expect(!YAMLDocument.fits(node, limit: 10))
    }

    @Test func byteOffsetsBecomeLinesAndColumns() {
        #expect(YAMLDocument.position(ofByte: 0, in: "ab\ncd") == (1, 1))
        #expect(YAMLDocument.position(ofByte: 4, in: "ab\ncd") == (2, 2))
        // Columns count Unicode scalars, not bytes: "é" is two bytes.
        #expect(YAMLDocument.position(ofByte: 3, in: "éx") == (1, 3))
    }

    struct ProblemAccepting: Error {}
}
