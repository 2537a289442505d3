import PreflightCore

/// The short-code lengths a rewriter accepts: 4 base62 characters give 14.8 million codes, 32 far more than needed.
let shortCodeLengths = 4...32

/// What went wrong in link detection, rewriting or the link store.
public enum LinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A configured domain (a public shortener, a brand domain) is not a valid host name.
    case invalidDomain(String, role: String)
    /// The branded tracking domain is not a valid host name.
    case invalidTrackingDomain(String)
    /// The branded tracking domain is (under) a public shortener, which carriers block.
    case trackingDomainIsPublicShortener(String, shortener: String)
    /// The short-code length is outside 4...32.
    case invalidCodeLength(Int)
    /// A line of a top-level-domain list is not a valid TLD.
    case invalidTopLevelDomain(line: Int, text: String)
    /// No free short code was found for a link.
    case codeSpaceExhausted(url: String)
    /// The link store failed (for example the database file cannot be opened or written).
    case store(String)

    /// The diagnostic code: `link.tracking_domain_invalid` for tracking-domain problems,
    /// `link.config_invalid` for other configuration, `link.store_failed` for the store.
    public var code: String {
        switch self {
        case .invalidTrackingDomain, .trackingDomainIsPublicShortener: "link.tracking_domain_invalid"
        case .invalidDomain, .invalidCodeLength, .invalidTopLevelDomain: "link.config_invalid"
        case .codeSpaceExhausted, .store: "link.store_failed"
        }
    }

    /// What is wrong, in one sentence.
    public var message: String {
        switch self {
        case .invalidDomain(let d, let role): "\(role) `\(d)` is not a valid domain name"
        case .invalidTrackingDomain(let d): "tracking domain `\(d)` is not a valid domain name"
        case .trackingDomainIsPublicShortener(let d, let s):
            "tracking domain `\(d)` is a public URL shortener (\(s)); carriers block shared short links"
        case .invalidCodeLength(let n):
            "short-code length \(n) is outside \(shortCodeLengths.lowerBound)...\(shortCodeLengths.upperBound)"
        case .invalidTopLevelDomain(let line, let text): "line \(line) of the TLD list is not a top-level domain: `\(text)`"
        case .codeSpaceExhausted(let url): "no free short code found for \(url)"
        case .store(let m): "link store: \(m)"
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .invalidDomain: "write a host name such as `example.com`, without scheme, path or spaces"
        case .invalidTrackingDomain: "use a (sub)domain you own and use only for short links, such as `go.example.com`"
        case .trackingDomainIsPublicShortener:
            "register a short domain of your own (such as `go.example.com`) and point it at your redirect service"
        case .invalidCodeLength: "choose a length from \(shortCodeLengths.lowerBound) to \(shortCodeLengths.upperBound) (7 by default)"
        case .invalidTopLevelDomain: "write one lowercase TLD per line, IDN TLDs in punycode (`xn--p1ai`), `#` for comments"
        case .codeSpaceExhausted: "use longer codes or a new campaign name"
        case .store: "check that the database path is writable and not used by an incompatible program"
        }
    }

    /// The error as a diagnostic (severity error) on the request field `field`.
    public func diagnostic(field: String? = "body") -> Diagnostic {
        Diagnostic(code: code, severity: .error, message: message, fix: fix, field: field)
    }

    /// `message (fix: …)`.
    public var description: String { "\(message) (fix: \(fix))" }
}
