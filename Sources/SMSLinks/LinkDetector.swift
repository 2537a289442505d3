import SMSEncoding

/// Finds the links in a message: `http` and `https` URLs, and bare host names (`www.example.com`,
/// `example.com/offer`) whose last label is a real top-level domain.
///
/// Rules, in short:
/// - A scheme is recognized in any case (`HTTPS://`); other schemes (`ftp:`, `tel:`, `mailto:`)
///   are not links. With a scheme any host counts (`http://localhost`); without one the host needs
///   two or more labels and a top-level domain from the list (so `report.pdf`, `3.14` and `e.g.`
///   are not links, but `notes.zip` is: `.zip` is a delegated TLD, and handsets link it).
/// - Ports (`:8080`), paths, queries and fragments belong to the link; sentence punctuation at
///   the end (`. , : ; ! ? ' *`) and closing brackets without an opening one inside the link do not.
/// - E-mail addresses are not links, nor are phone numbers and decimals (their last label is numeric).
///   Dotted IPv4 addresses are links (``DetectedLink/isIPAddress``).
/// - Unicode host names are converted with UTS #46 (``IDNA``); a host that IDNA rejects is not a
///   link. Labels that mix scripts or imitate ASCII are reported in ``DetectedLink/spoof``. Next to
///   Chinese, Japanese, Thai, Lao, Khmer or Myanmar text, where words are not separated by spaces,
///   a host ends where ASCII letters meet those scripts.
/// - User info (`http://user@host`) is skipped: the host is what follows the last `@`, and the
///   normalized URL leaves the user info out.
/// - IPv6 literals (`http://[::1]/`) are not recognized.
///
/// Create a detector once (it compiles the TLD and shortener sets) and use it from any thread.
/// A text without `.` and `:` cannot hold a link and returns at once.
public struct LinkDetector: Sendable {
    /// The scheme given to links written without one.
    public enum DefaultScheme: String, Sendable, Hashable, CaseIterable {
        /// `http://`, as handsets open a bare domain.
        case http
        /// `https://` (the default): what a short-link redirect should point at.
        case https
    }

    /// Detection settings.
    public struct Options: Sendable, Hashable {
        /// The scheme of the normalized URL of a link written without one.
        public var defaultScheme: DefaultScheme
        /// The loosest script mix a host label may have before it is a ``HostSpoof/Kind/mixedScript`` spoof.
        public var maximumLevel: RestrictionLevel

        /// Creates options.
        public init(defaultScheme: DefaultScheme = .https, maximumLevel: RestrictionLevel = .highlyRestrictive) {
            self.defaultScheme = defaultScheme
            self.maximumLevel = maximumLevel
        }
    }

    /// The top-level domains bare host names may end with (lowercase ASCII, punycode for IDN TLDs).
    public let topLevelDomains: Set<String>
    /// The public URL shorteners (lowercase ASCII); a host equal to one or under one is a shortener link.
    public let publicShorteners: Set<String>
    /// The settings.
    public let options: Options
    private let confusables: ConfusableDetector

    /// Creates a detector.
    /// - Parameters:
    ///   - topLevelDomains: the TLD list; by default the shipped `Rules/tlds.txt`.
    ///   - publicShorteners: the public shortener domains from the policy (`bit.ly`, `app.link`…);
    ///     entries are normalized like ``DomainList/normalizedDomain(_:)`` (`*.` and case dropped,
    ///     Unicode to punycode).
    ///   - options: detection settings.
    /// - Throws: ``LinkError/invalidDomain(_:role:)`` for a shortener entry that is not a domain name.
    public init(
        topLevelDomains: Set<String> = DomainList.shippedTopLevelDomains, publicShorteners: [String] = [],
        options: Options = Options()
    ) throws(LinkError) {
        var shorteners = Set<String>()
        for entry in publicShorteners {
            guard let domain = DomainList.normalizedDomain(entry) else { throw .invalidDomain(entry, role: "public shortener") }
            shorteners.insert(domain)
        }
        self.topLevelDomains = Set(topLevelDomains.map { $0.lowercased() })
        self.publicShorteners = shorteners
        self.options = options
        self.confusables = ConfusableDetector(maximumLevel: options.maximumLevel)
    }

    /// The links in `text`, in order of appearance.
    public func links(in text: String) -> [DetectedLink] {
        if let links = text.utf8.withContiguousStorageIfAvailable({ links(in: text, bytes: $0) }) { return links }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { links(in: copy, bytes: $0) } ?? []
    }

    /// Whether `host` (ASCII, lowercase) is one of the public shorteners or a subdomain of one.
    public func isPublicShortener(host: String) -> Bool { publicShortener(containing: host) != nil }

    /// The public shortener that `host` (ASCII, lowercase) is or is under (`bit.ly` for
    /// `x.bit.ly`), or `nil`.
    public func publicShortener(containing host: String) -> String? {
        if publicShorteners.isEmpty { return nil }
        var host = host
        return host.withUTF8 { h in
            // The host itself, then every suffix that starts after a dot.
            var start = 0
            while start < h.count {
                let suffix = String(decoding: UnsafeBufferPointer(rebasing: h[start...]), as: UTF8.self)
                if publicShorteners.contains(suffix) { return suffix }
                while start < h.count, h[start] != 0x2E { start += 1 }
                start += 1
            }
            return nil
        }
    }

    private func links(in text: String, bytes: UnsafeBufferPointer<UInt8>) -> [DetectedLink] {
        // Fast path: no '.' and no ':' means no link.
        var hasTrigger = false
        for b in bytes where b == 0x2E || b == 0x3A {
            hasTrigger = true
            break
        }
        if !hasTrigger { return [] }
        let candidates = LinkScanner(bytes: bytes, topLevelDomains: topLevelDomains).scan()
        if candidates.isEmpty { return [] }

        var result: [DetectedLink] = []
        result.reserveCapacity(candidates.count)
        var utf8Offset = 0
        var utf16Offset = 0
        func utf16(at offset: Int) -> Int {
            while utf8Offset < offset {
                let b = bytes[utf8Offset]
                if b & 0xC0 != 0x80 { utf16Offset += b >= 0xF0 ? 2 : 1 }
                utf8Offset += 1
            }
            return utf16Offset
        }
        let utf8 = text.utf8
        for c in candidates {
            let lower = utf8.index(utf8.startIndex, offsetBy: c.start)
            let upper = utf8.index(utf8.startIndex, offsetBy: c.end)
            let start16 = utf16(at: c.start)
            let end16 = utf16(at: c.end)
            let scheme = c.schemeColon.map { colon in
                (colon - c.start == 5 ? "https" : "http")
            }
            result.append(DetectedLink(
                range: lower..<upper, utf16Range: start16..<end16,
                text: String(decoding: UnsafeBufferPointer(rebasing: bytes[c.start..<c.end]), as: UTF8.self),
                url: normalizedURL(c, scheme: scheme, bytes: bytes), scheme: scheme, host: c.host, port: c.port,
                isPublicShortener: isPublicShortener(host: c.host), isSecure: scheme != "http",
                isIPAddress: c.isIPAddress, spoof: c.unicodeHost.flatMap(spoof)))
        }
        return result
    }

    private func normalizedURL(_ c: LinkScanner.Candidate, scheme: String?, bytes: UnsafeBufferPointer<UInt8>) -> String {
        var url = (scheme ?? options.defaultScheme.rawValue) + "://" + c.host
        if let port = c.port { url += ":\(port)" }
        if c.tailStart < c.end {
            let tail = UnsafeBufferPointer(rebasing: bytes[c.tailStart..<c.end])
            if tail.allSatisfy({ $0 < 0x80 }) {
                url += String(decoding: tail, as: UTF8.self)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                var encoded: [UInt8] = []
                encoded.reserveCapacity(tail.count * 3)
                for b in tail {
                    if b < 0x80 {
                        encoded.append(b)
                    } else {
                        encoded += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
                    }
                }
                url += String(decoding: encoded, as: UTF8.self)
            }
        }
        return url
    }

    /// Checks each label of an IDN host but the top-level one (IDN TLDs are legitimate).
    private func spoof(_ unicodeHost: String) -> HostSpoof? {
        let labels = unicodeHost.split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return nil }
        let tldIsASCII = labels[labels.count - 1].utf8.allSatisfy { $0 < 0x80 }
        var kind: HostSpoof.Kind?
        for label in labels.dropLast() where !label.utf8.allSatisfy({ $0 < 0x80 }) {
            let check = confusables.check(label)
            let found: HostSpoof.Kind?
            if check.issues.contains(.mixedScript) {
                found = .mixedScript
            } else if !check.issues.isDisjoint(with: [.invisible, .mixedNumbers, .hiddenOverlay]) {
                found = .invisibleCharacters
            } else if tldIsASCII, check.scripts != ["Latin"],
                      confusables.foldedSkeleton(label).utf8.allSatisfy({ isASCIIAlnum($0) || $0 == 0x2D })
            {
                found = .wholeScriptLookalike
            } else {
                found = nil
            }
            if let found, kind == nil || found == .mixedScript { kind = found }
        }
        guard let kind else { return nil }
        let lookalike = labels.map { $0.utf8.allSatisfy { $0 < 0x80 } ? $0 : confusables.foldedSkeleton($0) }
            .joined(separator: ".")
        return HostSpoof(kind: kind, unicodeHost: unicodeHost, lookalike: lookalike)
    }
}
