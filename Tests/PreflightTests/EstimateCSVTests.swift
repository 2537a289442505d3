@testable import Preflight
import Testing

/// The streaming CSV reader against RFC 4180 and the bad input it must survive.
@Suite("Estimate: CSV reader")
struct EstimateCSVTests {
    /// A record as the tests compare it: its lines, fields and problem.
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var endLine: Int
        var fields: [String]
        var problem: String?

        var description: String { "\(line)-\(endLine) \(fields) \(problem ?? "")" }
    }

    /// Reads `bytes` fed in chunks of `chunk` bytes (0: all at once).
    static func read(_ bytes: [UInt8], chunk: Int = 0, batchSize: Int = 3) -> (rows: [Row], blank: Int) {
        var batches: [CSVBatch] = []
        var reader = CSVReader(batchSize: batchSize) { batches.append($0) }
        let size = chunk == 0 ? max(1, bytes.count) : chunk
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBufferPointer { reader.consume($0) }
            offset = end
        }
        reader.finish()
        var rows: [Row] = []
        for batch in batches {
            for record in batch.records {
                rows.append(Row(line: record.line, endLine: record.endLine, fields: batch.strings(of: record) ?? ["<invalid UTF-8>"], problem: record.problem))
            }
        }
        return (rows, reader.blankLines)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: [UInt8]
        var rows: [(Int, Int, [String], String?)]
        var blank = 0
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ rows: [(Int, Int, [String], String?)], blank: Int = 0) {
            self.name = name
            self.input = Array(input.utf8)
            self.rows = rows
            self.blank = blank
        }

        init(_ name: String, bytes: [UInt8], _ rows: [(Int, Int, [String], String?)], blank: Int = 0) {
            self.name = name
            self.input = bytes
            self.rows = rows
            self.blank = blank
        }
    }

    static let quoteProblem = "a quote inside an unquoted field (quote the whole field and write a quote as two: \"\")"

    // Expected records written from RFC 4180 §2 (rules 1-7) and the reader's documented recovery.
    static let cases: [Case] = [
        Case("LF records", "phone,name\n+1,Ana\n", [(1, 1, ["phone", "name"], nil), (2, 2, ["+1", "Ana"], nil)]),
        Case("CR LF records (rule 1)", "phone,name\r\n+1,Ana\r\n", [(1, 1, ["phone", "name"], nil), (2, 2, ["+1", "Ana"], nil)]),
        Case("lone CR ends a record", "a\r+1\r", [(1, 1, ["a"], nil), (2, 2, ["+1"], nil)]),
        Case("last record without a line break (rule 2)", "a,b\n1,2", [(1, 1, ["a", "b"], nil), (2, 2, ["1", "2"], nil)]),
        Case("UTF-8 byte order mark is dropped", bytes: [0xEF, 0xBB, 0xBF] + Array("phone\n+1\n".utf8), [(1, 1, ["phone"], nil), (2, 2, ["+1"], nil)]),
        Case("quoted comma (rule 6)", "a,b\n\"Smith, Ana\",2\n", [(1, 1, ["a", "b"], nil), (2, 2, ["Smith, Ana", "2"], nil)]),
        Case("quoted line breaks (rule 6)", "a,b\n\"one\r\ntwo\nthree\",x\n4,5\n",
             [(1, 1, ["a", "b"], nil), (2, 4, ["one\r\ntwo\nthree", "x"], nil), (5, 5, ["4", "5"], nil)]),
        Case("doubled quote (rule 7)", "a\n\"say \"\"hi\"\"\"\n", [(1, 1, ["a"], nil), (2, 2, ["say \"hi\""], nil)]),
        Case("empty fields and quoted empty field", "a,b,c\n,,\n\"\",x,\n",
             [(1, 1, ["a", "b", "c"], nil), (2, 2, ["", "", ""], nil), (3, 3, ["", "x", ""], nil)]),
        Case("spaces are data (rule 4)", "a,b\n +1 , x \n", [(1, 1, ["a", "b"], nil), (2, 2, [" +1 ", " x "], nil)]),
        Case("blank lines are skipped and counted", "a\n\n+1\r\n\r\n+2\n", [(1, 1, ["a"], nil), (3, 3, ["+1"], nil), (5, 5, ["+2"], nil)], blank: 2),
        Case("quote inside an unquoted field", "a,b\nBo\"b,2\n3,4\n", [(1, 1, ["a", "b"], nil), (2, 2, ["Bo\"b", "2"], quoteProblem), (3, 3, ["3", "4"], nil)]),
        Case("text after a closing quote", "a,b\n\"Bo\"b,2\n3,4\n",
             [(1, 1, ["a", "b"], nil), (2, 2, ["Bob", "2"], "text after the closing quote of a field"), (3, 3, ["3", "4"], nil)]),
        Case("quote never closed", "a,b\n1,2\n\"open,3\n4,5\n",
             [(1, 1, ["a", "b"], nil), (2, 2, ["1", "2"], nil), (3, 4, ["open,3\n4,5\n"], "a quoted field opened on line 3 is never closed")]),
        Case("invalid UTF-8 is kept for the worker to flag", bytes: Array("a\n".utf8) + [0xC3, 0x28, 0x0A], [(1, 1, ["a"], nil), (2, 2, ["<invalid UTF-8>"], nil)]),
        Case("empty input", "", []),
    ]

    @Test(arguments: cases)
    func records(_ c: Case) {
        let expected = c.rows.map { Row(line: $0.0, endLine: $0.1, fields: $0.2, problem: $0.3) }
        for chunk in [0, 1, 2, 7] {
            let (rows, blank) = Self.read(c.input, chunk: chunk)
            #expect(rows == expected, "chunk size \(chunk)")
            #expect(blank == c.blank, "chunk size \(chunk)")
        }
    }

    @Test func recordLongerThanTheLimitIsSkippedToTheNextLine() {
        let long = "\"" + String(repeating: "x", count: CSVReader.maximumRecordBytes + 10)
        let (rows, _) = Self.read(Array("a\n\(long)\n+1\n".utf8), chunk: 1 << 16)
        #expect(rows.count == 3)
        #expect(rows[1].line == 2)
        #expect(rows[1].fields.isEmpty)
        #expect(rows[1].problem?.contains("longer than 1048576 bytes") == true)
        #expect(rows[2] == Row(line: 3, endLine: 3, fields: ["+1"], problem: nil))
    }

    @Test func batchesHoldAtMostTheBatchSize() {
        var sizes: [Int] = []
        var reader = CSVReader(batchSize: 4) { sizes.append($0.records.count) }
        let text = "phone\n" + (1...10).map { "+\($0)\n" }.joined()
        Array(text.utf8).withUnsafeBufferPointer { reader.consume($0) }
        reader.finish()
        #expect(sizes == [4, 4, 3])
    }
}
