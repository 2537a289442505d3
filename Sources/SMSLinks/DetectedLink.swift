/// Why a link's host looks like a spoof.
public struct HostSpoof: Sendable, Hashable {
    /// The kind of trick.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A label mixes scripts, such as a Cyrillic `а` in `pаypal.com`.
        case mixedScript
        /// A label is written entirely in another script but looks like an ASCII label, such as
        /// Cyrillic `аррӏе.com` for `apple.com`.
        case wholeScriptLookalike
        /// A label hides invisible characters or repeated combining marks, or mixes numbering systems.
        case invisibleCharacters
    }

    /// The kind of trick.
    public var kind: Kind
    /// The host in Unicode, as a reader sees it (for example `pаypal.com`).
    public var unicodeHost: String
    /// What the host looks like: each non-ASCII label replaced by its case-insensitive confusable
    /// skeleton (see `ConfusableDetector.foldedSkeleton`), for example `paypal.com`.
    public var lookalike: String

    /// Creates a spoof finding.
    public init(kind: Kind, unicodeHost: String, lookalike: String) {
        self.kind = kind
        self.unicodeHost = unicodeHost
        self.lookalike = lookalike
    }
}

/// A link found in a message by ``LinkDetector``.
public struct DetectedLink: Sendable, Hashable {
    /// Where the link is in the text.
    public var range: Range<String.Index>
    /// Where the link is in the text, in UTF-16 code units (the unit of the JSON reports).
    public var utf16Range: Range<Int>
    /// The link as written in the text (for example `Example.com/Offer`).
    public var text: String
    /// The normalized URL: lowercase scheme (``LinkDetector/Options/defaultScheme`` when none was
    /// written), ASCII host, the port if one was written, then the path, query and fragment as
    /// written, with characters outside ASCII percent-encoded as UTF-8
    /// (`https://example.com/Offer`).
    public var url: String
    /// The scheme written in the text, lowercase (`http` or `https`), or `nil` for a bare domain.
    public var scheme: String?
    /// The host in lowercase ASCII; Unicode labels in punycode (`xn--mnchen-3ya.de`).
    public var host: String
    /// The port written after the host, if any.
    public var port: Int?
    /// Whether the host is, or is under, one of the configured public URL shorteners.
    public var isPublicShortener: Bool
    /// Whether the link is not plain `http`: `https`, or no scheme (the normalized URL then uses
    /// the default scheme, `https` unless configured otherwise).
    public var isSecure: Bool
    /// Whether the host is an IPv4 address such as `192.0.2.1`.
    public var isIPAddress: Bool
    /// Why the host looks like a spoof, or `nil` when it does not.
    public var spoof: HostSpoof?

    /// Creates a detected link.
    public init(
        range: Range<String.Index>, utf16Range: Range<Int>, text: String, url: String, scheme: String?,
        host: String, port: Int?, isPublicShortener: Bool, isSecure: Bool, isIPAddress: Bool, spoof: HostSpoof?
    ) {
        self.range = range
        self.utf16Range = utf16Range
        self.text = text
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.isPublicShortener = isPublicShortener
        self.isSecure = isSecure
        self.isIPAddress = isIPAddress
        self.spoof = spoof
    }
}
