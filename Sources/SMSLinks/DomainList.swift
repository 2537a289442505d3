import ShippedRules

/// Domain-name data for link detection: top-level-domain lists and configured domains.
public enum DomainList {
    /// The top-level domains of the shipped `Rules/tlds.txt` (from the Public Suffix List),
    /// lowercase ASCII, IDN TLDs in punycode.
    public static let shippedTopLevelDomains: Set<String> = {
        // The shipped file is checked by the tests; a broken one is a packaging bug, not input.
        do {
            return try topLevelDomains(from: ShippedRules.files["tlds.txt"] ?? "")
        } catch {
            preconditionFailure("Rules/tlds.txt: \(error)")
        }
    }()

    /// Parses a top-level-domain list: one TLD per line, `#` starts a comment line, blank lines
    /// are skipped; entries are lowercased, and IDN TLDs written in Unicode are converted to
    /// punycode.
    /// - Throws: ``LinkError/invalidTopLevelDomain(line:text:)`` for a line that is not a TLD.
    public static func topLevelDomains(from text: String) throws(LinkError) -> Set<String> {
        var result = Set<String>()
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingASCIIWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let tld = normalizedDomain(String(line), allowSingleLabel: true), !tld.contains("."),
                  tld.utf8.first.map(isASCIILetter) == true
            else {
                throw .invalidTopLevelDomain(line: lineNumber, text: String(line))
            }
            result.insert(tld)
        }
        return result
    }

    /// The ASCII form of a configured domain, or `nil` when it is not a valid host name: spaces
    /// around it are dropped, a leading `*.` or `.` too; the rest goes through UTS #46 ToASCII
    /// (lowercase, punycode) and must have at least two labels of letters, digits and hyphens,
    /// and a top-level label that is not all digits.
    public static func normalizedDomain(_ text: String) -> String? {
        normalizedDomain(text, allowSingleLabel: false)
    }

    static func normalizedDomain(_ text: String, allowSingleLabel: Bool) -> String? {
        var s = Substring(text).trimmingASCIIWhitespace()
        if s.hasPrefix("*.") { s = s.dropFirst(2) } else if s.hasPrefix(".") { s = s.dropFirst() }
        if s.isEmpty { return nil }
        let ascii: String
        if s.utf8.allSatisfy({ isASCIILetter($0) || isASCIIDigit($0) || $0 == 0x2D || $0 == 0x2E }) {
            ascii = s.lowercased()
            // Punycode labels still need checking; plain ASCII labels only need the shape rules.
            if ascii.contains("xn--"), !IDNA.toUnicode(ascii).isValid { return nil }
        } else {
            let converted = IDNA.toASCII(String(s))
            guard converted.isValid else { return nil }
            ascii = converted.name
        }
        let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
        guard allowSingleLabel || labels.count >= 2 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-",
                  label.utf8.allSatisfy({ isASCIILetter($0) || isASCIIDigit($0) || $0 == 0x2D })
            else { return nil }
        }
        guard let tld = labels.last, !tld.utf8.allSatisfy(isASCIIDigit) else { return nil }
        return ascii
    }

    /// Whether `host` is `domain` or a subdomain of it (both lowercase ASCII).
    static func host(_ host: String, isUnder domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

extension Substring {
    /// Drops leading and trailing ASCII spaces, tabs and line ends.
    func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
