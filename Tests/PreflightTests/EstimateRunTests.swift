import Foundation
import Preflight
import Testing

/// `Estimator`: totals worked out by hand on small files, bad input, links, per-recipient rows.
///
/// Part sizes are those of 3GPP TS 23.038 / 23.040: GSM-7 160 septets in one part, 153 per part
/// when concatenated; UCS-2 70 and 67 UTF-16 units.
@Suite("Estimate: estimator")
struct EstimateRunTests {
    static let prices = """
        version: 1
        currency: EUR
        default: 0.05
        countries:
          GB: 0.04
          US: {price: 0.0079, providers: {twilio: 0.0083}}
          DE: 0.085
          TH: 0.025
        """
    static let noon = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!
    /// "Hello " and "! Your parcel is on its way." are 34 characters around the name.
    static let parcel = "Hello <<name>>! Your parcel is on its way."

    static func run(
        _ csv: String, template: String = parcel, prices: String = prices, rules: RuleSet? = nil,
        configure: (inout EstimateOptions) -> Void = { _ in }, store: (any LinkStore)? = nil
    ) throws -> (report: EstimateReport, rows: [RecipientEstimate]) {
        var options = EstimateOptions()
        options.sendAt = noon
        options.batchSize = 2  // many batches even for a small file: exercises ordering
        configure(&options)
        let estimator = try Estimator(
            preflight: Preflight(rules: rules ?? RuleSet.shipped()), template: Template(source: template, file: "t.sms"),
            pricing: Pricing(yaml: prices, file: "p.yaml"), options: options, linkStore: store)
        var rows: [RecipientEstimate] = []
        let report = try estimator.run(.bytes(Array(csv.utf8)), each: { rows.append($0) })
        return (report, rows)
    }

    static let longName = String(repeating: "a", count: 127)  // 34 + 127 = 161 septets: 2 parts

    /// Seven data rows (one malformed, one invalid number), a blank line, CR LF, a BOM.
    static let mixed = "\u{FEFF}phone,name\r\n"
        + "+447400123456,Ana\r\n"  // GB, 37 septets: 1 part at 0.04
        + "+14155552671,\(longName)\r\n"  // US, 161 septets: 2 parts at 0.0079
        + "+4915112345678,\"Łukasz\"\r\n"  // DE, Ł is not GSM: UCS-2, 40 units, 1 part at 0.085
        + "not-a-number,Bob\r\n"  // recipient.invalid
        + "+33612345678,Bo\"b\r\n"  // line 6: a quote inside an unquoted field
        + "\r\n"  // blank line 7
        + "+66812345678,\"Som, chai\"\r\n"  // TH, 43 septets, 1 part at 0.025
        + "+94771234567,Nimal\r\n"  // LK, not listed: default 0.05

    @Test func totalsOfASmallFileMatchTheHandCount() throws {
        let (r, _) = try Self.run(Self.mixed)
        #expect(r.recipients == 7)
        #expect(r.sendable == 5)
        #expect(r.excluded == ["recipient.invalid": 1, "input.malformed_row": 1])
        #expect(r.isBalanced)
        #expect(r.malformedRows == 1)
        #expect(r.malformed.map(\.line) == [6])
        #expect(r.blankLines == 1)
        #expect(r.partsByEncoding == [.gsm7: 5, .ucs2: 1])
        #expect(r.messagesByEncoding == [.gsm7: 4, .ucs2: 1])
        #expect(r.messagesByParts == [1: 4, 2: 1])
        // 0.04 + 2 × 0.0079 + 0.085 + 0.025 + 0.05 = 0.2158
        #expect(r.totalCost == Decimal(string: "0.2158"))
        #expect(r.costByCountry == ["GB": Decimal(string: "0.04")!, "US": Decimal(string: "0.0158")!, "DE": Decimal(string: "0.085")!,
                                    "TH": Decimal(string: "0.025")!, "LK": Decimal(string: "0.05")!])
        #expect(r.defaultPriced == ["LK": 1])
        #expect(r.unpriced.isEmpty)
        #expect(r.notes.contains { $0.contains("priced at the default: LK") })
        // name: the US message is 1 part without it (+1 part, 0.0079); the DE one GSM-7 without Ł.
        #expect(r.variables.map(\.name) == ["name"])
        #expect(r.variables.first?.extraParts == 1)
        #expect(r.variables.first?.extraCost == Decimal(string: "0.0079"))
        #expect(r.variables.first?.ucs2Messages == 1)
    }

    @Test func providerPricesApplyWhereListed() throws {
        let (r, _) = try Self.run(Self.mixed) { $0.provider = "twilio" }
        // US now 2 × 0.0083 = 0.0166: 0.04 + 0.0166 + 0.085 + 0.025 + 0.05 = 0.2166
        #expect(r.totalCost == Decimal(string: "0.2166"))
        #expect(r.countries["US"]?.priceBasis == .provider)
        #expect(r.notes.allSatisfy { !$0.contains("no prices for the provider") })
        let (sinch, _) = try Self.run(Self.mixed) { $0.provider = "sinch" }
        #expect(sinch.notes.contains("the price list has no prices for the provider 'sinch': country prices are used"))
    }

    @Test func withoutADefaultPriceUnlistedCountriesAreFlaggedNotDropped() throws {
        let (r, _) = try Self.run(Self.mixed, prices: "version: 1\ncurrency: EUR\ncountries: {GB: 0.04, US: 0.0079, DE: 0.085, TH: 0.025}\n")
        #expect(r.sendable == 5)
        #expect(r.unpriced == ["LK": 1])
        #expect(r.totalCost == Decimal(string: "0.1658"))
        #expect(r.countries["LK"]?.sendable == 1)
        #expect(r.notes.contains { $0.contains("left out of the total: LK") })
    }

    @Test func perRecipientRowsComeInFileOrderWithTheirCost() throws {
        let (_, rows) = try Self.run(Self.mixed)
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6, 8, 9])
        #expect(rows.map(\.status) == [.sendable, .sendable, .sendable, .excluded, .malformed, .sendable, .sendable])
        #expect(rows.map(\.reason) == [nil, nil, nil, "recipient.invalid", "input.malformed_row", nil, nil])
        #expect(rows.map(\.parts) == [1, 2, 1, 0, 0, 1, 1])
        #expect(rows.map(\.country) == ["GB", "US", "DE", nil, nil, "TH", "LK"])
        #expect(rows.map(\.encoding) == [.gsm7, .gsm7, .ucs2, nil, nil, .gsm7, .gsm7])
        #expect(rows.map(\.cost) == ["0.04", "0.0158", "0.085", nil, nil, "0.025", "0.05"].map { $0.flatMap { Decimal(string: $0) } })
        #expect(rows[0].e164 == "+447400123456")
        #expect(rows[3].phone == "not-a-number")
        #expect(rows[4].detail?.contains("quote inside an unquoted field") == true)
    }

    @Test func threadsAndBatchSizesDoNotChangeTheResult() throws {
        let csv = "phone,name\n" + (0..<300).map { i in "+4474001\(String(format: "%05d", i)),\(String(repeating: "n", count: i % 139 + 1))\n" }.joined()
        let one = try Self.run(csv) { $0.threads = 1; $0.batchSize = 1000 }
        var many = try Self.run(csv) { $0.threads = 4; $0.batchSize = 7 }
        // Each thread keeps its own body cache, so only this count may differ.
        #expect(many.report.bodiesEncoded >= one.report.bodiesEncoded)
        many.report.bodiesEncoded = one.report.bodiesEncoded
        #expect(one.report == many.report)
        #expect(one.rows == many.rows)
        #expect(one.report.recipients == 300)
        // Names of 1-126 characters fit one part (34 + 126 = 160), 127-139 need two.
        #expect(one.report.messagesByParts == [1: 126 + 126 + 22, 2: 13 + 13])
    }

    @Test func identicalBodiesAreEncodedOnce() throws {
        let csv = "phone,name\n" + (0..<50).map { "+4474001234\(String(format: "%02d", $0)),Ana\n" }.joined()
        // A filter sends every row through the renderer and the encoder.
        let (r, _) = try Self.run(csv, template: "Hello <<name | upper>>! Your parcel is on its way.") { $0.threads = 1 }
        #expect(r.sendable == 50)
        #expect(r.bodiesEncoded == 1)
        // Tags that insert values as they are: the parts follow from counts, nothing is encoded.
        let (plain, _) = try Self.run(csv) { $0.threads = 1 }
        #expect(plain.sendable == 50)
        #expect(plain.bodiesEncoded == 0)
    }

    @Test func quietHoursAreCheckedAtTheScheduledTimeInTheRecipientsZone() throws {
        // Marketing to GB is allowed 09:00-20:00 local (countries.yaml); 21:30 UTC is 21:30 in London
        // and 11:30 to 16:30 across the US zones (federal window 08:00-21:00).
        let template = "Hi <<name>>, 20% off today. Reply STOP to opt out."
        let csv = "phone,name\n+447400123456,Ana\n+14155552671,Ben\n"
        let (late, rows) = try Self.run(csv, template: template) {
            $0.category = .marketing
            $0.sendAt = ISO8601DateFormatter().date(from: "2026-11-23T21:30:00Z")!
        }
        #expect(late.excluded == ["time.quiet_hours": 1])
        #expect(rows.map(\.status) == [.excluded, .sendable])
        // 18:00 UTC: 18:00 in London, 08:00 in Honolulu, 13:00 in New York.
        let (day, _) = try Self.run(csv, template: template) {
            $0.category = .marketing
            $0.sendAt = ISO8601DateFormatter().date(from: "2026-11-23T18:00:00Z")!
        }
        #expect(day.excluded.isEmpty)
    }

    @Test func blocklistedNumbersAreExcluded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = dir.appendingPathComponent("blocked.txt")
        try "+44 7400 123456\n".write(to: list, atomically: true, encoding: .utf8)
        try "version: 1\nlists:\n  blocklists: [\(list.path)]\n".write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let rules = try RuleSet.load(directory: dir, over: RuleSet.shipped())
        let (r, rows) = try Self.run("phone,name\n+447400123456,Ana\n+447400123457,Ben\n", rules: rules)
        #expect(r.excluded == ["recipient.blocked": 1])
        #expect(rows.map(\.reason) == ["recipient.blocked", nil])
    }

    @Test func senderRulesApplyPerCountry() throws {
        // The US does not deliver alphanumeric sender IDs; GB does.
        let (r, rows) = try Self.run("phone,name\n+447400123456,Ana\n+14155552671,Ben\n") { $0.senderMask = "ACME" }
        #expect(r.excluded == ["sender.alphanumeric_not_allowed": 1])
        #expect(rows.map(\.status) == [.sendable, .excluded])
    }

    @Test func warningsAreCountedOnSendableRows() throws {
        let (r, rows) = try Self.run("phone,name\n+442079460000,Ana\n")  // a London landline
        #expect(r.sendable == 1)
        #expect(r.warnings == ["recipient.landline": 1])
        #expect(rows[0].warnings == ["recipient.landline"])
    }

    @Test func templateValuesComeFromTheirColumns() throws {
        let template = "Order <<order.id>> for <<name | default:\"you\">>"
        let csv = "Phone,order.id,name,unused\n+447400123456,A-1,,x\n+447400123457,,Ben,y\n"
        let (r, rows) = try Self.run(csv, template: template)
        #expect(r.sendable == 1)
        // An empty cell is a missing value: `default` fills name; order.id has none.
        #expect(r.excluded == ["template.undefined_variable": 1])
        #expect(rows[1].detail == "the template cannot be rendered with this row's values")
    }

    /// One-word names reuse one dictionary from row to row: an empty cell must not keep the
    /// previous row's value.
    @Test func anEmptyCellNeverKeepsThePreviousRowsValue() throws {
        let template = "Hi <<name | default:\"there\">>, your code is <<code>>."
        let csv = "phone,name,code\n+447400123456,Ana,1234\n+447400123457,,5678\n+447400123458,Ben,\n"
        let (r, rows) = try Self.run(csv, template: template) { $0.threads = 1 }
        #expect(r.sendable == 2)
        #expect(r.excluded == ["template.undefined_variable": 1])
        #expect(rows.map(\.status) == [.sendable, .sendable, .excluded])
        // "Hi Ana, your code is 1234." is 26 septets; "Hi there, your code is 5678." 28.
        #expect(r.partsByEncoding == [.gsm7: 2])
    }

    @Test func theSameMessageGetsTheSameVerdictAsCheck() throws {
        let preflight = try Preflight(rules: RuleSet.shipped())
        let csv = Self.mixed
        let (_, rows) = try Self.run(csv)
        let names = ["Ana", Self.longName, "Łukasz", "Bob", nil, "Som, chai", "Nimal"]
        let phones = ["+447400123456", "+14155552671", "+4915112345678", "not-a-number", nil, "+66812345678", "+94771234567"]
        for (i, row) in rows.enumerated() {
            guard let phone = phones[i], let name = names[i] else { continue }
            var request = SendRequest(to: [phone])
            request.templateSource = Self.parcel
            request.variables = ["name": .string(name)]
            let report = preflight.check(request, now: Self.noon)
            #expect((report.verdict == .block) == (row.status == .excluded), "row \(row.line)")
            if row.status == .sendable { #expect(report.recipient?.encoding?.partCount == row.parts, "row \(row.line)") }
        }
    }

    // MARK: Links

    /// 125 + 1 + 40 = 166 septets (2 parts); with the link rewritten to https://go.example.com/ and
    /// a 7-character code (30 characters), 156 (1 part).
    static let linkTemplate = "<<name>> https://shop.example.com/sale/abcdefghij"
    static let linkRows = "phone,name\n" + ["+447400123456", "+447400123457", "+447400123458"].map { "\($0),\(String(repeating: "n", count: 125))\n" }.joined()

    @Test func brandedClickTrackingRewritesBeforeCounting() throws {
        let plain = try Self.run(Self.linkRows, template: Self.linkTemplate)
        #expect(plain.report.messagesByParts == [2: 3])
        let store = InMemoryLinkStore()
        let tracked = try Self.run(Self.linkRows, template: Self.linkTemplate, configure: {
            $0.clickTracking = .branded
            var account = AccountOverrides()
            account.linkDomain = "go.example.com"
            $0.account = account
        }, store: store)
        #expect(tracked.report.messagesByParts == [1: 3])
        #expect(tracked.report.totalCost == Decimal(string: "0.12"))
        // Campaign scope: one code for every recipient, kept in the store that was given.
        #expect(store.list(campaign: nil).map(\.url) == ["https://shop.example.com/sale/abcdefghij"])
    }

    @Test func recipientScopedCodesAreStoredPerRecipient() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "version: 1\naccount:\n  linkDomain: go.example.com\nlinks:\n  codeScope: recipient\n"
            .write(to: dir.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let store = InMemoryLinkStore()
        let (r, _) = try Self.run(Self.linkRows, template: Self.linkTemplate, rules: try RuleSet.load(directory: dir, over: RuleSet.shipped()),
                                  configure: { $0.clickTracking = .branded }, store: store)
        #expect(r.messagesByParts == [1: 3])
        #expect(Set(store.list(campaign: nil).compactMap(\.recipient)) == ["+447400123456", "+447400123457", "+447400123458"])
    }

    @Test func clickTrackingThatCannotWorkIsRefusedUpFront() throws {
        #expect(throws: EstimateError.self) { try Self.run(Self.linkRows, template: Self.linkTemplate) { $0.clickTracking = .branded } }
        let error = #expect(throws: EstimateError.self) {
            try Self.run(Self.linkRows, template: Self.linkTemplate) { $0.clickTracking = .provider; $0.provider = "plivo" }
        }
        #expect(error?.code == "provider.unsupported_feature")
        let (r, _) = try Self.run(Self.linkRows, template: Self.linkTemplate) { $0.clickTracking = .provider; $0.provider = "twilio" }
        #expect(r.warnings["link.provider_tracking"] == 3)
    }

    // MARK: Bad input

    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var csv: [UInt8]
        var template = EstimateRunTests.parcel
        var error: EstimateError
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadFile(name: "empty file", csv: [], error: .empty(path: "<csv>")),
        BadFile(name: "only a BOM", csv: [0xEF, 0xBB, 0xBF], error: .empty(path: "<csv>")),
        BadFile(name: "no phone column", csv: Array("mobile,name\n+447400123456,Ana\n".utf8),
                error: .missingPhoneColumn(path: "<csv>", column: "phone", columns: ["mobile", "name"])),
        BadFile(name: "two phone columns", csv: Array("phone,name,phone\n1,2,3\n".utf8), error: .duplicateColumn(path: "<csv>", column: "phone")),
        BadFile(name: "no column for a variable", csv: Array("phone,nmae\n+447400123456,Ana\n".utf8),
                error: .missingVariableColumns(path: "<csv>", variables: ["name"], columns: ["phone", "nmae"])),
        BadFile(name: "header not UTF-8", csv: [0x70, 0x68, 0xFF, 0x0A], error: .badHeader(path: "<csv>", problem: "it is not valid UTF-8")),
        BadFile(name: "header with an unclosed quote", csv: Array("\"phone,name\n".utf8),
                error: .badHeader(path: "<csv>", problem: "a quoted field opened on line 1 is never closed")),
    ])
    func badFilesStopWithAClearError(_ c: BadFile) throws {
        let estimator = try Estimator(
            preflight: Preflight(rules: RuleSet.shipped()), template: Template(source: c.template), pricing: Pricing.shipped())
        #expect(throws: c.error) { try estimator.run(.bytes(c.csv)) }
        #expect(!c.error.fix.isEmpty)
    }

    @Test func headerOnlyIsAnEmptyCampaign() throws {
        let (r, rows) = try Self.run("phone,name\r\n")
        #expect(r.recipients == 0)
        #expect(r.totalCost == 0)
        #expect(rows.isEmpty)
    }

    @Test func malformedRowsAreCountedListedAndTheRunGoesOn() throws {
        let fixed = Array("phone,name\n+447400123456,Ana,extra\n+447400123456\n+447400123456,A\"b\n+447400123456,\"A\"b\n".utf8)
            + [0x2B, 0x34, 0x34, 0x2C, 0xC3, 0x28, 0x0A]  // line 6: 0xC3 0x28 is not UTF-8
            + Array("+447400123456,Ana\n".utf8)
        let estimator = try Estimator(
            preflight: Preflight(rules: RuleSet.shipped()), template: Template(source: Self.parcel), pricing: Pricing.shipped())
        var rows: [RecipientEstimate] = []
        let r = try estimator.run(.bytes(fixed), each: { rows.append($0) })
        #expect(r.recipients == 6)
        #expect(r.malformedRows == 5)
        #expect(r.sendable == 1)
        #expect(r.malformed.map(\.line) == [2, 3, 4, 5, 6])
        #expect(r.malformed.map(\.message) == [
            "the row has 3 fields; the header has 2",
            "the row has 1 field; the header has 2",
            "a quote inside an unquoted field (quote the whole field and write a quote as two: \"\")",
            "text after the closing quote of a field",
            "a field is not valid UTF-8",
        ])
        #expect(rows.last?.status == .sendable)
    }

    @Test func aFileThatCannotBeOpenedIsAnError() throws {
        let estimator = try Estimator(
            preflight: Preflight(rules: RuleSet.shipped()), template: Template(source: Self.parcel), pricing: Pricing.shipped())
        #expect(throws: EstimateError.self) { try estimator.run(.file("/nonexistent/recipients.csv")) }
        #expect(throws: EstimateError.unreadable(path: "/tmp", reason: "it is a directory")) { try estimator.run(.file("/tmp")) }
    }

    @Test func aFileOfManyChunksIsCountedCompletely() throws {
        // 30,000 rows with an unused 100-character column: about 4 MiB, read in 1 MiB chunks by two threads.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let note = String(repeating: "z", count: 100)
        var text = "phone,name,note\n"
        for i in 0..<30_000 { text += "+4474\(String(format: "%08d", i)),Ana,\(note)\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        var options = EstimateOptions()
        options.threads = 2
        let estimator = try Estimator(
            preflight: Preflight(rules: RuleSet.shipped()), template: Template(source: Self.parcel),
            pricing: Pricing(yaml: Self.prices, file: "p"), options: options)
        var progress: [EstimateProgress] = []
        let r = try estimator.run(.file(path), progress: { progress.append($0) })
        #expect(r.recipients == 30_000)
        #expect(r.isBalanced)
        #expect(r.partsByEncoding[.gsm7] == r.sendable)
        #expect(progress.last?.rows == 30_000)
        #expect(progress.last?.totalBytes == text.utf8.count)
        #expect(progress.last?.bytesRead == text.utf8.count)
    }
}
