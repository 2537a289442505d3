import PreflightCore
import SMSLinks

/// `link.*` checks on the links of the final text (SMSLinks' ``LinkPolicyCheck``), with the
/// shortener severity from the recipient country's rules.
enum LinkChecks {
    static func run(account: AccountSettings, links: [DetectedLink], detector: LinkDetector, country: CountryRef?, into found: inout Findings) {
        guard !links.isEmpty || account.linkDomain != nil else { return }
        let blocked = country?.rules.links.publicShortenersBlocked == true
        let check: LinkPolicyCheck
        do {
            check = try LinkPolicyCheck(
                shortenerSeverity: blocked ? .error : .warning, brandDomains: account.brandDomains,
                trackingDomain: account.linkDomain)
        } catch {
            found.add(.linkTrackingDomainInvalid, .error, "the account's brand domains are not all domain names: \(error)",
                      fix: "list plain domain names such as example.com under account.brandDomains", field: "account.brandDomains")
            return
        }
        for d in check.diagnostics(for: links, detector: detector) {
            var d = d
            if d.code == CheckCode.linkPublicShortener.rawValue, blocked, let country {
                d.message += " (\(country.rules.name) networks block them)"
            }
            found.add(d)
        }
    }
}
