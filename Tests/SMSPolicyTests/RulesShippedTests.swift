import Foundation
import PhoneNumbers
import PreflightCore
import Testing
@testable import SMSPolicy

@Suite("Shipped rules")
struct RulesShippedTests {
    @Test func shippedRulesLoadWithoutDiagnostics() {
        do {
            let rules = try RuleSet.shipped()
            #expect(rules.countries.count == 58)
            #expect(rules.policy.checks.count == CheckCode.allCases.count)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func shippedRulesAreDecodedOnce() throws {
        #expect(try RuleSet.shipped() == RuleSet.shipped())
    }

    /// The sample lists of Examples/lists hold only numbers libphonenumber accepts.
    @Test(arguments: [("blocklist.txt", 5), ("optouts.txt", 3)])
    func sampleListLoadsClean(_ name: String, _ numbers: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let list = try NumberList(contentsOfFile: root.appendingPathComponent("Examples/lists/\(name)").path)
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
        #expect(list.count == numbers)
    }
}
