import Foundation
import Preflight
import Testing

/// The rule catalog is the one source of `preflight rules`, the SARIF metadata and the examples:
/// every example is linted here.
@Suite("lint rule catalog")
struct LintRuleCatalogTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var rule: LintRule
        var testDescription: String { rule.code }
    }

    static let examples = LintRules.all.map(Example.init)

    static func linter(policy: String?) throws -> Linter { try LintTesting.linter(policy: policy) }

    @Test(arguments: examples)
    func failingExampleIsReported(_ example: Example) throws {
        let rule = example.rule
        let result = try Self.linter(policy: rule.failing.policy).lint(bytes: rule.failing.fileBytes, file: "example.sms")
        #expect(result.diagnostics.contains { $0.code == rule.code }, "\(result.diagnostics)")
        let finding = try #require(result.diagnostics.first { $0.code == rule.code })
        #expect(finding.severity == rule.defaultSeverity.diagnosticSeverity)
        #expect(finding.location != nil)
    }

    @Test(arguments: examples)
    func passingExampleIsClean(_ example: Example) throws {
        let rule = example.rule
        let result = try Self.linter(policy: rule.passing.policy).lint(bytes: rule.passing.fileBytes, file: "example.sms")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test(arguments: examples)
    func fixableRulesFixTheirFailingExample(_ example: Example) throws {
        let rule = example.rule
        let result = try Self.linter(policy: rule.failing.policy).lint(bytes: rule.failing.fileBytes, file: "example.sms")
        let fixable = result.findings.filter { $0.diagnostic.code == rule.code }.allSatisfy(\.isFixable)
        #expect(fixable == rule.fixable)
        if rule.fixable {
            let fixed = try #require(result.fixedSource)
            let again = try Self.linter(policy: rule.failing.policy).lint(source: fixed, file: "example.sms")
            #expect(!again.diagnostics.contains { $0.code == rule.code })
        }
    }

    @Test func catalogIsCompleteSortedAndDescribed() {
        let codes = LintRules.codes
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        // The codes issue #8 names, the template compiler's and the policy checks a template can fail.
        let required: Set<String> = [
            "text.invisible_character", "text.bidi_control", "text.crlf", "text.confusable", "encoding.smart_replaceable",
            "encoding.ucs2", "lint.unused_directive", "template.syntax", "template.unknown_filter", "template.bad_argument",
            "template.front_matter", "input.invalid", "template.undefined_variable", "template.unused_variable",
            "template.unbounded_variable", "body.empty", "body.too_long", "body.too_many_parts", "optout.language_missing",
            "link.public_shortener", "link.unbranded_domain", "link.insecure", "link.ip_address", "content.restricted",
        ]
        #expect(required.isSubset(of: Set(codes)), "\(required.subtracting(codes))")
        for rule in LintRules.all {
            #expect(!rule.summary.isEmpty && !rule.description.isEmpty && !rule.rationale.isEmpty, "\(rule.code)")
            #expect(rule.defaultSeverity != .off, "\(rule.code)")
            #expect(rule.failing.source != rule.passing.source, "\(rule.code)")
        }
        #expect(LintRules.rule("encoding.ucs2")?.defaultSeverity == .warning)
        #expect(LintRules.rule("template.syntax")?.isSuppressible == false)
        #expect(LintRules.rule("nope") == nil)
    }

    @Test func visibleSourceShowsHiddenCharacters() {
        #expect(LintExample("a\u{200B}b\r\nc\u{202E}").visibleSource == "a\\u{200B}b\\r\nc\\u{202E}")
    }
}
