import PreflightCore

/// The link checks of the policy engine, as one function over detected links.
///
/// Diagnostics (all on the request field `body`):
/// - `link.public_shortener` (severity from the caller: error where the rules block shorteners,
///   else warning): the link's host is a public URL shortener.
/// - `link.unbranded_domain` (warning): the link's host is not one of the account's brand domains
///   (nor under one, nor the tracking domain); only when brand domains are configured, and not for
///   shortener or IP links, which have their own codes.
/// - `link.insecure` (info): the link is plain `http`.
/// - `link.ip_address` (warning): the host is an IP address.
/// - `link.confusable_host` (warning): the host mixes scripts or imitates an ASCII name (see ``HostSpoof``).
/// - `link.tracking_domain_invalid` (error): the configured tracking domain is unusable
///   (see ``LinkRewriter/validateTrackingDomain(_:detector:)``).
public struct LinkPolicyCheck: Sendable {
    /// The severity of `link.public_shortener`.
    public var shortenerSeverity: Severity
    /// The account's brand domains in lowercase ASCII.
    public let brandDomains: [String]
    /// The tracking (short-link) domain, if click tracking is configured.
    public var trackingDomain: String?

    /// Creates the check.
    /// - Parameters:
    ///   - shortenerSeverity: `.error` where the rules block public shorteners, else `.warning`.
    ///   - brandDomains: the account's own domains (`example.com` also covers `www.example.com`);
    ///     normalized like ``DomainList/normalizedDomain(_:)``.
    ///   - trackingDomain: the branded short domain used for click tracking, if any.
    /// - Throws: ``LinkError/invalidDomain(_:role:)`` for a brand domain that is not a domain name.
    public init(shortenerSeverity: Severity = .warning, brandDomains: [String] = [], trackingDomain: String? = nil) throws(LinkError) {
        var brands: [String] = []
        for entry in brandDomains {
            guard let domain = DomainList.normalizedDomain(entry) else { throw .invalidDomain(entry, role: "brand domain") }
            brands.append(domain)
        }
        self.shortenerSeverity = shortenerSeverity
        self.brandDomains = brands
        self.trackingDomain = trackingDomain
    }

    /// The diagnostics for the links of one message, in link order, and first the tracking-domain
    /// problem if there is one.
    /// - Parameters:
    ///   - links: the links found in the body.
    ///   - detector: the policy's detector (its shortener list vets the tracking domain).
    public func diagnostics(for links: [DetectedLink], detector: LinkDetector) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var tracking: String?
        if let trackingDomain {
            do throws(LinkError) {
                tracking = try LinkRewriter.validateTrackingDomain(trackingDomain, detector: detector)
            } catch {
                out.append(error.diagnostic())
            }
        }
        for link in links {
            let at = "`\(link.text)` (offset \(link.utf16Range.lowerBound))"
            if link.isPublicShortener {
                out.append(diagnostic(
                    "link.public_shortener", shortenerSeverity,
                    "link \(at) uses the public URL shortener \(detector.publicShortener(containing: link.host) ?? link.host); carriers filter shared short links",
                    "link to your own domain, or turn on click tracking with a branded short domain"))
            } else if !link.isIPAddress, !brandDomains.isEmpty, !isBranded(link.host, tracking: tracking) {
                out.append(diagnostic(
                    "link.unbranded_domain", .warning,
                    "link \(at) points to \(link.host), which is not one of the account's brand domains (\(brandDomains.joined(separator: ", ")))",
                    "link to a domain of your brand, or add \(link.host) to the account's brand domains"))
            }
            if !link.isSecure {
                out.append(diagnostic(
                    "link.insecure", .info, "link \(at) uses http, not https",
                    "use https:// (carriers and handsets may warn about plain http)"))
            }
            if link.isIPAddress {
                out.append(diagnostic(
                    "link.ip_address", .warning, "link \(at) points to the IP address \(link.host), not a domain name",
                    "link to a domain name of your brand; carriers filter links to bare IP addresses"))
            }
            if let spoof = link.spoof {
                let how = switch spoof.kind {
                case .mixedScript: "mixes scripts"
                case .wholeScriptLookalike: "is written in another script"
                case .invisibleCharacters: "hides invisible or combining characters"
                }
                out.append(diagnostic(
                    "link.confusable_host", .warning,
                    "link \(at) has the host \(spoof.unicodeHost), which \(how) and looks like \(spoof.lookalike)",
                    "write the host in plain ASCII if that is what you mean; look-alike hosts are a phishing sign"))
            }
        }
        return out
    }

    private func isBranded(_ host: String, tracking: String?) -> Bool {
        (brandDomains + (tracking.map { [$0] } ?? [])).contains { DomainList.host(host, isUnder: $0) }
    }

    private func diagnostic(_ code: String, _ severity: Severity, _ message: String, _ fix: String) -> Diagnostic {
        Diagnostic(code: code, severity: severity, message: message, fix: fix, field: "body")
    }
}
