import Foundation
import PreflightCore
@testable import SMSPolicy

/// Rule-file text with a `1️⃣` marker where a diagnostic is expected: the text without the marker,
/// and the marker's 1-based line and column (columns count Unicode scalars, as Yams does).
struct MarkedText {
    static let marker = "1️⃣"
    let text: String
    let line: Int?
    let column: Int?

    init(_ marked: String) {
        guard let range = marked.range(of: Self.marker) else {
            text = marked
            line = nil
            column = nil
            return
        }
        let before = marked[..<range.lowerBound]
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        line = lines.count
        column = (lines.last?.unicodeScalars.count ?? 0) + 1
        text = marked.replacingOccurrences(of: Self.marker, with: "")
    }
}

/// The diagnostics of loading the given rule texts over the shipped rules (empty when they load).
func ruleProblems(countries: String? = nil, policy: String? = nil, overShipped: Bool = true) -> [Diagnostic] {
    do {
        _ = try RuleSet.load(
            countries: countries.map { RuleFileText(path: "countries.yaml", text: $0) },
            policy: policy.map { RuleFileText(path: "policy.yaml", text: $0) },
            over: overShipped ? try RuleSet.shipped() : nil, listDirectory: nil)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Loads the given rule texts over the shipped rules.
func loadRules(countries: String? = nil, policy: String? = nil) throws -> RuleSet {
    try RuleSet.load(
        countries: countries.map { RuleFileText(path: "countries.yaml", text: $0) },
        policy: policy.map { RuleFileText(path: "policy.yaml", text: $0) },
        over: try RuleSet.shipped(), listDirectory: nil)
}

/// A fresh directory under the temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("preflight-rules-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The shipped rules with their `checks` settings changed by `change`, compiled.
func shippedPolicy(changingChecks change: (inout [CheckCode: CheckSetting]) -> Void) throws -> Policy {
    let shipped = try RuleSet.shipped()
    let p = shipped.policy
    var checks = p.checks
    change(&checks)
    let rules = RuleSet(
        countries: shipped.countries,
        policy: PolicyProfile(
            checks: checks, account: p.account, body: p.body, optOut: p.optOut, shorteners: p.shorteners,
            quietHours: p.quietHours, restrictedContent: p.restrictedContent, lists: p.lists,
            defaultRegion: p.defaultRegion, links: p.links))
    return try Policy(rules: rules)
}
