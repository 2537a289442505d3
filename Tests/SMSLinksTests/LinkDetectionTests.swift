import Testing
@testable import SMSLinks

/// The example blocked-shortener list quoted in the reference notes (compliance.md (d)), plus the
/// two Twilio names.
let publicShorteners = [
    "9qr.de", "alturl.com", "app.link", "bc.vc", "bit.do", "bit.ly", "bitly.com", "bitly.ws", "budurl.com", "clicky.me",
    "cutt.ly", "is.gd", "lc.chat", "linki.la", "lnkd.in", "minm.xyz", "ow.ly", "rb.gy", "rebrand.ly", "s2r.co",
    "serveirc.com", "shrtco.de", "soo.gd", "t.ly", "tiny.cc", "tinyurl.com", "goo.gl", "t.co",
]

let detector = try! LinkDetector(publicShorteners: publicShorteners)

/// One message and the links it must yield: each as written and as normalized.
struct DetectionCase: Sendable, CustomTestStringConvertible {
    struct Link: Sendable, Equatable, CustomStringConvertible {
        let text: String
        let url: String
        var description: String { "\(text) → \(url)" }
    }

    let note: String
    let message: String
    let links: [Link]

    init(_ note: String, _ message: String, _ links: [(String, String)] = []) {
        self.note = note
        self.message = message
        self.links = links.map { Link(text: $0.0, url: $0.1) }
    }

    var testDescription: String { note }
}

/// Expected normalized URLs follow RFC 3986 (lowercase scheme and host, path kept, non-ASCII
/// percent-encoded as UTF-8) and UTS #46 / RFC 3492 punycode; bare hosts get `https://`.
let detectionCases: [DetectionCase] = [
    // Schemes
    DetectionCase("https URL", "Visit https://example.com today", [("https://example.com", "https://example.com")]),
    DetectionCase("http URL", "Visit http://example.com today", [("http://example.com", "http://example.com")]),
    DetectionCase("uppercase scheme and host", "GO HTTP://EXAMPLE.COM/Path", [("HTTP://EXAMPLE.COM/Path", "http://example.com/Path")]),
    DetectionCase("mixed-case scheme", "HtTpS://Example.com", [("HtTpS://Example.com", "https://example.com")]),
    DetectionCase("scheme with any host", "dev: http://localhost:3000/", [("http://localhost:3000/", "http://localhost:3000/")]),
    DetectionCase("ftp is not a link", "ftp://example.com/file"),
    DetectionCase("tel is not a link", "Call tel:+15551234567"),
    DetectionCase("scheme without host", "type https:// then the address"),
    DetectionCase("unknown scheme ending in https", "xhttps://example.com"),
    DetectionCase("user info is skipped", "http://paypal.com@evil.example/login", [("http://paypal.com@evil.example/login", "http://evil.example/login")]),
    // No scheme
    DetectionCase("bare www host", "Go to www.example.com.", [("www.example.com", "https://www.example.com")]),
    DetectionCase("bare domain alone", "example.com", [("example.com", "https://example.com")]),
    DetectionCase("uppercase bare domain", "EXAMPLE.COM/Sale", [("EXAMPLE.COM/Sale", "https://example.com/Sale")]),
    DetectionCase("deep subdomain, ccTLD", "a.b.example.co.uk/x", [("a.b.example.co.uk/x", "https://a.b.example.co.uk/x")]),
    DetectionCase("punycode written as ASCII", "xn--mnchen-3ya.de", [("xn--mnchen-3ya.de", "https://xn--mnchen-3ya.de")]),
    DetectionCase("two links", "a.com and https://b.org/x.", [("a.com", "https://a.com"), ("https://b.org/x", "https://b.org/x")]),
    // Paths, queries, fragments, ports
    DetectionCase("path query fragment", "See example.com/offer?id=42#top!", [("example.com/offer?id=42#top", "https://example.com/offer?id=42#top")]),
    DetectionCase("query with + and &", "https://example.com/search?q=a+b&x=1", [("https://example.com/search?q=a+b&x=1", "https://example.com/search?q=a+b&x=1")]),
    DetectionCase("comma inside a path", "example.com/a,b done", [("example.com/a,b", "https://example.com/a,b")]),
    DetectionCase("port with scheme", "https://example.com:8443/x", [("https://example.com:8443/x", "https://example.com:8443/x")]),
    DetectionCase("port without scheme", "example.com:8080/path", [("example.com:8080/path", "https://example.com:8080/path")]),
    DetectionCase("colon after host is not a port", "example.com: great deals", [("example.com", "https://example.com")]),
    DetectionCase("port out of range", "http://example.com:99999", [("http://example.com", "http://example.com")]),
    // Trailing punctuation and brackets
    DetectionCase("trailing period", "Link: https://example.com/path/.", [("https://example.com/path/", "https://example.com/path/")]),
    DetectionCase("trailing comma", "Visit example.com, or reply.", [("example.com", "https://example.com")]),
    DetectionCase("trailing question mark", "Is it example.com?", [("example.com", "https://example.com")]),
    DetectionCase("trailing exclamation marks", "Go https://example.com/deal!!!", [("https://example.com/deal", "https://example.com/deal")]),
    DetectionCase("ellipsis around", "...example.com...", [("example.com", "https://example.com")]),
    DetectionCase("single quotes", "'example.com/x'", [("example.com/x", "https://example.com/x")]),
    DetectionCase("double quotes", "\"https://example.com\"", [("https://example.com", "https://example.com")]),
    DetectionCase("parentheses", "(see https://example.com/a)", [("https://example.com/a", "https://example.com/a")]),
    DetectionCase("balanced parentheses kept", "https://en.wikipedia.org/wiki/Bracket_(disambiguation))",
                  [("https://en.wikipedia.org/wiki/Bracket_(disambiguation)", "https://en.wikipedia.org/wiki/Bracket_(disambiguation)")]),
    DetectionCase("square brackets", "[example.com/x]", [("example.com/x", "https://example.com/x")]),
    DetectionCase("angle brackets", "<https://example.com>", [("https://example.com", "https://example.com")]),
    DetectionCase("trailing semicolon and colon", "example.com/a; example.org/b:", [("example.com/a", "https://example.com/a"), ("example.org/b", "https://example.org/b")]),
    // Not links
    DetectionCase("version number", "Version 1.2.3 released"),
    DetectionCase("decimal", "Pi is 3.14 today"),
    DetectionCase("price", "Now $19.99. Hurry"),
    DetectionCase("abbreviations", "e.g. this, i.e. that, U.S.A. and No.1"),
    DetectionCase("title without space", "Ask Mr.Smith"),
    DetectionCase("file names", "Open report.pdf and photo.jpg"),
    DetectionCase("time", "Meet at 10:30. Bring ID."),
    DetectionCase("dates", "Due 12.05.2024 or 2024.05.12"),
    DetectionCase("e-mail", "Mail john.doe@example.com now"),
    DetectionCase("e-mail with ccTLD", "Write to support@example.co.uk."),
    DetectionCase("e-mail with plus tag", "first.last+tag@gmail.com"),
    DetectionCase("e-mail with path-like tail", "user@example.com/path"),
    DetectionCase("phone with dots", "Call +1.555.123.4567"),
    DetectionCase("phone with dots, no plus", "Call 555.123.4567 now"),
    DetectionCase("phone with brackets", "Call +1 (555) 123-4567"),
    DetectionCase("octet over 255", "999.1.1.1"),
    DetectionCase("underscore glued", "exa_mple.com"),
    DetectionCase("hashtag", "#example.com"),
    DetectionCase("leading hyphen label", "https://-bad-.com"),
    DetectionCase("no dot, no colon", "Your code is 123456"),
    // File names on real TLDs are links: handsets and carrier filters link them.
    DetectionCase("file name on a real TLD", "Download notes.zip", [("notes.zip", "https://notes.zip")]),
    // IP addresses
    DetectionCase("IPv4 with scheme", "http://192.168.1.10/login", [("http://192.168.1.10/login", "http://192.168.1.10/login")]),
    DetectionCase("bare IPv4", "Visit 203.0.113.5 now", [("203.0.113.5", "https://203.0.113.5")]),
    // Emoji and other scripts next to links
    DetectionCase("emoji around", "🎉example.com🎉", [("example.com", "https://example.com")]),
    DetectionCase("emoji ends a path", "👉 https://example.com/🎁", [("https://example.com/", "https://example.com/")]),
    DetectionCase("emoji after a space", "Sale https://example.com 🎁🎁", [("https://example.com", "https://example.com")]),
    DetectionCase("Chinese text around", "访问example.com获取", [("example.com", "https://example.com")]),
    DetectionCase("Thai text before", "ดูที่example.com/th", [("example.com/th", "https://example.com/th")]),
    DetectionCase("curly quotes", "“example.com”", [("example.com", "https://example.com")]),
    // Internationalized domain names (UTS #46 / RFC 3492)
    DetectionCase("IDN label", "münchen.de", [("münchen.de", "https://xn--mnchen-3ya.de")]),
    DetectionCase("IDN host and TLD with path", "http://пример.рф/путь",
                  [("http://пример.рф/путь", "http://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C")]),
    DetectionCase("Japanese IDN", "例え.jp です", [("例え.jp", "https://xn--r8jz45g.jp")]),
    DetectionCase("fullwidth letters", "ＥＸＡＭＰＬＥ.com", [("ＥＸＡＭＰＬＥ.com", "https://example.com")]),
    DetectionCase("mixed-script IDN", "Login: pаypal.com", [("pаypal.com", "https://xn--pypal-4ve.com")]),
]

@Suite("Link detection")
struct LinkDetectionTests {
    @Test(arguments: detectionCases)
    func detects(_ c: DetectionCase) {
        let found = detector.links(in: c.message)
        #expect(found.map { DetectionCase.Link(text: $0.text, url: $0.url) } == c.links)
        for link in found {
            #expect(String(c.message[link.range]) == link.text)
            let utf16 = Array(c.message.utf16)
            #expect(String(decoding: utf16[link.utf16Range], as: UTF16.self) == link.text)
        }
    }

    @Test func tableIsLargeEnough() {
        #expect(detectionCases.count >= 50)
    }

    @Test func utf16RangesCountSurrogatePairs() {
        // Each 🎉 is two UTF-16 units; "example.com" is 11.
        let link = detector.links(in: "🎉🎉 example.com").first
        #expect(link?.utf16Range == 5..<16)
    }

    @Test func flags() throws {
        let links = detector.links(in: "http://x.com https://bit.ly/a BIT.LY/B https://xyz.app.link/c notbit.ly 10.0.0.1 y.org")
        #expect(links.map(\.host) == ["x.com", "bit.ly", "bit.ly", "xyz.app.link", "notbit.ly", "10.0.0.1", "y.org"])
        #expect(links.map(\.isSecure) == [false, true, true, true, true, true, true])
        #expect(links.map(\.isPublicShortener) == [false, true, true, true, false, false, false])
        #expect(links.map(\.isIPAddress) == [false, false, false, false, false, true, false])
        #expect(links.map(\.scheme) == ["http", "https", nil, "https", nil, nil, nil])
    }

    @Test func ports() {
        #expect(detector.links(in: "https://example.com:8443/x").first?.port == 8443)
        #expect(detector.links(in: "https://example.com/x").first?.port == nil)
    }

    @Test func spoofedHosts() throws {
        // Cyrillic а (U+0430) inside a Latin label.
        let mixed = try #require(detector.links(in: "Login: p\u{0430}ypal.com").first)
        #expect(mixed.spoof?.kind == .mixedScript)
        #expect(mixed.spoof?.lookalike == "paypal.com")
        #expect(mixed.spoof?.unicodeHost == "p\u{0430}ypal.com")
        // All-Cyrillic label that looks like ASCII, under an ASCII TLD, also when written in punycode.
        let whole = try #require(detector.links(in: "\u{0430}\u{0440}\u{0440}\u{04CF}\u{0435}.com").first)
        #expect(whole.spoof?.kind == .wholeScriptLookalike)
        #expect(whole.host == "xn--80ak6aa92e.com")
        #expect(detector.links(in: "xn--80ak6aa92e.com").first?.spoof?.kind == .wholeScriptLookalike)
        // Legitimate IDNs.
        #expect(detector.links(in: "münchen.de").first?.spoof == nil)
        #expect(detector.links(in: "пример.рф").first?.spoof == nil)
        #expect(detector.links(in: "例え.jp").first?.spoof == nil)
        #expect(detector.links(in: "example.com").first?.spoof == nil)
    }

    @Test func defaultSchemeIsConfigurable() throws {
        let http = try LinkDetector(options: LinkDetector.Options(defaultScheme: .http))
        #expect(http.links(in: "example.com/x").first?.url == "http://example.com/x")
    }

    @Test func invalidShortenerEntryIsAnError() {
        #expect(throws: LinkError.invalidDomain("bit ly", role: "public shortener")) {
            try LinkDetector(publicShorteners: ["bit ly"])
        }
        #expect(throws: LinkError.invalidDomain("", role: "public shortener")) {
            try LinkDetector(publicShorteners: [""])
        }
    }

    @Test func shortenerEntriesAreNormalized() throws {
        let d = try LinkDetector(publicShorteners: ["*.Bit.LY", " t.co "])
        #expect(d.publicShorteners == ["bit.ly", "t.co"])
        #expect(d.isPublicShortener(host: "x.bit.ly"))
        #expect(!d.isPublicShortener(host: "bit.lyx"))
    }

    @Test func longInputIsLinear() {
        // Pathological dotted runs must not make the scan quadratic (or hang).
        let dots = String(repeating: "1.", count: 200_000)
        #expect(detector.links(in: dots).isEmpty)
        let words = String(repeating: "a.b", count: 100_000)
        #expect(detector.links(in: words).isEmpty)
        let glued = String(repeating: "a.b_", count: 100_000)
        #expect(detector.links(in: glued).isEmpty)
        let brackets = "example.com/" + String(repeating: ")", count: 200_000)
        #expect(detector.links(in: brackets).map(\.text) == ["example.com/"])
        // "http://http" is a link (any host goes with a scheme), then the next one.
        let schemes = String(repeating: "http://", count: 100_000)
        #expect(detector.links(in: schemes).count == 50_000)
        // One 700,000-byte "host": longer than the 253 bytes DNS allows, so not a link.
        let hosts = String(repeating: "ab.com.", count: 100_000)
        #expect(detector.links(in: hosts).isEmpty)
        #expect(detector.links(in: String(repeating: "a.", count: 126) + "com").isEmpty)  // 255 bytes
        #expect(detector.links(in: String(repeating: "a.", count: 125) + "com").count == 1)  // 253 bytes
    }
}

@Suite("Domain lists")
struct DomainListTests {
    @Test func shippedTLDList() {
        let tlds = DomainList.shippedTopLevelDomains
        // IANA root zone facts: generic, country-code, IDN (рф = xn--p1ai, 中国 = xn--fiqs8s) TLDs.
        for tld in ["com", "org", "uk", "de", "jp", "zip", "xn--p1ai", "xn--fiqs8s"] { #expect(tlds.contains(tld)) }
        for notTLD in ["pdf", "jpg", "txt", "example", "localhost"] { #expect(!tlds.contains(notTLD)) }
        #expect(tlds.count > 1000)
    }

    @Test func parsesComments() throws {
        #expect(try DomainList.topLevelDomains(from: "# header\n\nCOM\r\nрф\n  de  \n") == ["com", "xn--p1ai", "de"])
    }

    @Test func rejectsBadLines() {
        #expect(throws: LinkError.invalidTopLevelDomain(line: 2, text: "not a tld")) {
            try DomainList.topLevelDomains(from: "com\nnot a tld\n")
        }
        #expect(throws: LinkError.invalidTopLevelDomain(line: 1, text: "co.uk")) { try DomainList.topLevelDomains(from: "co.uk") }
        #expect(throws: LinkError.invalidTopLevelDomain(line: 1, text: "123")) { try DomainList.topLevelDomains(from: "123") }
    }

    @Test func normalizesDomains() {
        #expect(DomainList.normalizedDomain("Go.Example.COM") == "go.example.com")
        #expect(DomainList.normalizedDomain("*.example.com") == "example.com")
        #expect(DomainList.normalizedDomain("faß.de") == "xn--fa-hia.de")  // UTS #46 nontransitional
        #expect(DomainList.normalizedDomain("localhost") == nil)
        #expect(DomainList.normalizedDomain("https://example.com") == nil)
        #expect(DomainList.normalizedDomain("-x.com") == nil)
        #expect(DomainList.normalizedDomain("1.2.3.4") == nil)
    }

    @Test func idna() {
        #expect(IDNA.toASCII("Пример.рф") == IDNAResult(name: "xn--e1afmkfd.xn--p1ai", errors: []))
        #expect(IDNA.toUnicode("xn--mnchen-3ya.de") == IDNAResult(name: "münchen.de", errors: []))
        #expect(IDNA.toASCII("a..b").errors.contains(.emptyLabel))
        #expect(IDNA.toASCII("-ab.com").errors.contains(.leadingHyphen))
        // RFC 5892 ContextJ: ZWJ is only allowed after a virama.
        #expect(IDNA.toASCII("a\u{200D}b.com").errors.contains(.contextJ))
        #expect(IDNA.toASCII("").errors == .emptyLabel)
    }
}
