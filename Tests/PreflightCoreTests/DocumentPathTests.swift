import PreflightCore
import Testing

@Suite("DocumentPath")
struct DocumentPathTests {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = "Index \(intValue)"
            self.intValue = intValue
        }
    }

    @Test func pathsAreWrittenAsPeopleWriteThem() {
        #expect(DocumentPath.text([], root: "the file") == "the file")
        #expect(DocumentPath.text([Key(stringValue: "to"), Key(intValue: 1)], root: "") == "to[1]")
        #expect(DocumentPath.text([Key(stringValue: "countries"), Key(stringValue: "GB"), Key(stringValue: "quietHours"), Key(intValue: 0), Key(stringValue: "from")], root: "")
            == "countries.GB.quietHours[0].from")
        #expect(DocumentPath.text([Key(intValue: 2), Key(stringValue: "name")], root: "") == "[2].name")
    }
}
