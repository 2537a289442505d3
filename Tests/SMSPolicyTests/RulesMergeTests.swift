import Foundation
import PreflightCore
import Testing
@testable import SMSPolicy

@Suite("Rule files over the shipped rules")
struct RulesMergeTests {
    static let shipped = try! RuleSet.shipped()

    @Test func oneFieldOfOneCountryChanges() throws {
        let rules = try loadRules(countries: """
            version: 1
            countries:
              GB:
                sender:
                  maxLength: 9
            """)
        let gb = try #require(rules.country("GB"))
        let shippedGB = try #require(Self.shipped.country("GB"))
        #expect(gb.sender.maxLength == 9)
        #expect(gb.sender.minLength == shippedGB.sender.minLength)
        #expect(gb.sender.blockedSenders == shippedGB.sender.blockedSenders)
        #expect(gb.sender.allowedCharacters == shippedGB.sender.allowedCharacters)
        #expect(gb.quietHours == shippedGB.quietHours)
        #expect(gb.sources == shippedGB.sources)
        #expect(rules.countries.filter { $0.key != "GB" } == Self.shipped.countries.filter { $0.key != "GB" })
        #expect(rules.policy == Self.shipped.policy)
    }

    /// "NO" would be `false` in YAML 1.1; in a user file it must still be Norway.
    @Test func norwayInAUserFile() throws {
        let rules = try loadRules(countries: """
            version: 1
            countries:
              NO:
                sender: {maxLength: 8}
            """)
        #expect(rules.country("NO")?.name == "Norway")
        #expect(rules.country("NO")?.sender.maxLength == 8)
        #expect(rules.countries.count == 58)
    }

    @Test func yamlBooleanWordsStayStrings() throws {
        let rules = try loadRules(policy: """
            version: 1
            restrictedContent:
              words: [NO, ON, yes, off, y, n]
            """)
        #expect(rules.policy.restrictedContent.categories["words"] == ["NO", "ON", "yes", "off", "y", "n"])
    }

    @Test func listsAreReplacedNotExtended() throws {
        let rules = try loadRules(countries: """
            version: 1
            countries:
              US:
                quietHours:
                  - categories: [marketing]
                    allowed: [{from: "10:00", to: "18:00"}]
            """)
        let us = try #require(rules.country("US"))
        #expect(us.quietHours.count == 1)
        #expect(us.quietHours.first?.allowed.first?.from == TimeOfDay(hour: 10, minute: 0))
        #expect(us.regions == Self.shipped.country("US")?.regions)
    }

    @Test func aNewCompleteCountryIsAdded() throws {
        let rules = try loadRules(countries: """
            version: 1
            countries:
              XK:
                name: Kosovo
                callingCode: 383
                sender: {alphanumeric: allowed}
            """)
        let kosovo = try #require(rules.country("XK"))
        #expect(kosovo.sender.maxLength == 11)
        #expect(kosovo.sender.allowedCharacters == AllowedCharacters("A-Za-z0-9 "))
        #expect(kosovo.sender.numeric == NumericSenderRules(support: nil, maxDigits: 15))
        #expect(kosovo.quietHours.isEmpty)
        #expect(rules.countries.count == 59)
    }

    /// An empty entry per country merges nothing: every country must come back unchanged, which
    /// also proves that encoding a country and decoding it again loses nothing.
    @Test func emptyOverridesChangeNothing() throws {
        let entries = Self.shipped.countries.keys.sorted().map { "  \($0): {}" }.joined(separator: "\n")
        let rules = try loadRules(countries: "version: 1\ncountries:\n\(entries)\n", policy: "version: 1\n")
        #expect(rules == Self.shipped)
    }

    @Test func oneSeverityChanges() throws {
        let rules = try loadRules(policy: """
            version: 1
            checks:
              body.too_long: {severity: warning}
              encoding.ucs2: {enabled: false}
            """)
        #expect(rules.policy.setting(for: .bodyTooLong) == CheckSetting(enabled: true, severity: .warning))
        #expect(rules.policy.setting(for: .encodingUCS2) == CheckSetting(enabled: false, severity: nil))
        #expect(rules.policy.setting(for: .senderMaskTooLong) == CheckSetting())
        #expect(rules.policy.shorteners == Self.shipped.policy.shorteners)
    }

    @Test func keywordsAreReplacedAndInstructionsFollow() throws {
        let rules = try loadRules(policy: """
            version: 1
            optOut:
              keywords: [HALT]
            """)
        #expect(rules.policy.optOut.keywords == ["HALT"])
        #expect(rules.policy.optOut.instructions == Self.shipped.policy.optOut.instructions)
        #expect(rules.policy.optOut.instruction(in: "Reply HALT to end") == "reply HALT")
        #expect(rules.policy.optOut.instruction(in: "Reply STOP to end") == nil)
    }

    @Test func nullResetsAValue() throws {
        let withDomain = try RuleSet.load(
            countries: nil, policy: RuleFileText(path: "a.yaml", text: "version: 1\naccount: {linkDomain: Go.Example.com}\n"),
            over: Self.shipped, listDirectory: nil)
        #expect(withDomain.policy.account.linkDomain == "go.example.com")
        let reset = try RuleSet.load(
            countries: nil, policy: RuleFileText(path: "b.yaml", text: "version: 1\naccount: {linkDomain: null}\n"),
            over: withDomain, listDirectory: nil)
        #expect(reset.policy.account.linkDomain == nil)
        #expect(reset.policy.account.protectedBrands == Self.shipped.policy.account.protectedBrands)
    }

    @Test func directoryWithPolicyOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("policy.yaml", """
            version: 1
            defaultRegion: GB
            lists:
              blocklists: [lists/blocked.txt, /srv/lists/global.txt]
              optOuts: [opt-outs.txt]
            """)
        let rules = try RuleSet.load(directory: directory.url, over: Self.shipped)
        let shown = directory.url.relativePath
        #expect(rules.policy.lists.blocklists == ["\(shown)/lists/blocked.txt", "/srv/lists/global.txt"])
        #expect(rules.policy.lists.optOuts == ["\(shown)/opt-outs.txt"])
        #expect(rules.policy.defaultRegion == "GB")
        #expect(rules.countries == Self.shipped.countries)
    }

    @Test func directoryProblemsNameTheUserFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("countries.yaml", "version: 1\ncountries:\n  GB: {twoWay: maybe}\n")
        do {
            _ = try RuleSet.load(directory: directory.url, over: Self.shipped)
            Issue.record("loaded")
        } catch {
            let location = try #require(error.diagnostics.first?.location)
            #expect(location.file == directory.url.relativePath + "/countries.yaml")
            #expect(location.line == 3)
            #expect(location.column == 16)
        }
    }
}
