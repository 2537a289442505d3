/// The byte-level part of link detection: finds where links are in UTF-8 text.
///
/// Triggers are `:` (for `http://` and `https://`) and `.` between two host characters (for bare
/// domains); everything else is skipped byte by byte. Every candidate region is evaluated once and
/// the scan resumes after it, so the scan is linear in the length of the text.
struct LinkScanner {
    /// A link located in the text, in UTF-8 byte offsets.
    struct Candidate {
        var start: Int
        var end: Int
        /// The scheme's `:` when a scheme was written (the scheme is `start..<schemeColon`).
        var schemeColon: Int?
        var hostStart: Int
        var hostEnd: Int
        /// The host in lowercase ASCII (punycode for Unicode labels).
        var host: String
        /// The host in Unicode when any label is an IDN (`nil` for plain ASCII hosts).
        var unicodeHost: String?
        var isIPAddress: Bool
        var port: Int?
        /// Where the path, query or fragment begins (`end` when there is none).
        var tailStart: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let topLevelDomains: Set<String>

    /// Every link of the text, in order.
    func scan() -> [Candidate] {
        let n = bytes.count
        var found: [Candidate] = []
        var minStart = 0
        var noMailBefore = 0
        var i = 0
        while i < n {
            let c = bytes[i]
            if c == 0x3A {  // ':'
                if i + 2 < n, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F, let link = schemeLink(colon: i, minStart: minStart) {
                    found.append(link)
                    minStart = link.end
                    i = link.end
                    continue
                }
            } else if c == 0x2E, i > minStart, i + 1 < n, isHostByte(bytes[i - 1]), isHostByte(bytes[i + 1]) {  // '.'
                switch bareLink(dot: i, minStart: minStart, noMailBefore: &noMailBefore) {
                case .link(let link):
                    found.append(link)
                    minStart = link.end
                    i = link.end
                    continue
                case .skip(let end):
                    minStart = max(minStart, end)
                    i = max(i + 1, end)
                    continue
                }
            }
            i += 1
        }
        return found
    }

    // MARK: Links with a scheme

    private func schemeLink(colon: Int, minStart: Int) -> Candidate? {
        var s = colon
        while s > minStart, colon - s < 6, isASCIILetter(bytes[s - 1]) { s -= 1 }
        if s > 0, isASCIIAlnum(bytes[s - 1]) { return nil }
        let length = colon - s
        guard length == 4 || length == 5 else { return nil }
        guard bytes[s] | 0x20 == 0x68, bytes[s + 1] | 0x20 == 0x74, bytes[s + 2] | 0x20 == 0x74, bytes[s + 3] | 0x20 == 0x70,
              length == 4 || bytes[s + 4] | 0x20 == 0x73
        else { return nil }

        // The authority runs to the first '/', '?' or '#'; a user-info part ends at its last '@'.
        let authorityStart = colon + 3
        var a = authorityStart
        var lastAt: Int?
        while a < bytes.count {
            let b = bytes[a]
            if b == 0x2F || b == 0x3F || b == 0x23 { break }
            if b == 0x40 { lastAt = a }
            let len = urlCharLength(at: a)
            if len == 0 { break }
            a += len
        }
        let hostStart = lastAt.map { $0 + 1 } ?? authorityStart
        guard let host = hostRegion(from: hostStart, limit: a) else { return nil }
        guard let parsed = parseHost(host.start, host.end, requireTLD: false) else { return nil }
        return finish(start: s, schemeColon: colon, hostStart: host.start, hostEnd: host.end, parsed: parsed)
    }

    /// The host that starts at `from`: host characters up to `limit`, without trailing dots and hyphens.
    private func hostRegion(from: Int, limit: Int) -> (start: Int, end: Int)? {
        var nonASCII = false
        var e = walk(from: from, bound: limit, forward: true, asciiOnly: false, nonASCII: &nonASCII)
        while e > from, bytes[e - 1] == 0x2E || bytes[e - 1] == 0x2D { e -= 1 }
        return e > from ? (from, e) : nil
    }

    /// Walks over host characters from `from` towards `bound` and returns where it stopped: ASCII
    /// letters, digits and hyphens, dots between two host characters and, unless `asciiOnly`,
    /// non-ASCII letters, marks and digits; it stops where ASCII letters meet a script written
    /// without spaces.
    private func walk(from: Int, bound: Int, forward: Bool, asciiOnly: Bool, nonASCII: inout Bool) -> Int {
        var k = from
        var cls = ScriptClass.none
        while forward ? k < bound : k > bound {
            let at = forward ? k : scalarStart(before: k, floor: bound)
            let b = bytes[at]
            var length = 1
            if b == 0x2E {
                let next = forward ? at + 1 : at - 1
                guard forward ? next < bound : next >= bound, isHostByte(bytes[next]) else { break }
                cls = .none
            } else if b != 0x2D {
                let c: ScriptClass?
                if b < 0x80 {
                    c = isASCIIAlnum(b) ? .ascii : nil
                } else {
                    if asciiOnly { break }
                    let (scalar, len) = decode(at: at)
                    c = hostClass(scalar)
                    length = len
                    nonASCII = true
                }
                guard let c, !(c == .spaceless && cls == .ascii), !(c == .ascii && cls == .spaceless) else { break }
                if c != .other { cls = c }
            }
            k = forward ? at + length : at
        }
        return k
    }

    // MARK: Bare domains

    enum BareResult {
        case link(Candidate)
        /// Not a link; nothing before `end` can start one (an e-mail address, a rejected token).
        case skip(Int)
    }

    /// `noMailBefore`: a look-ahead for an e-mail "@" found none in the local-part characters up to
    /// there, so tokens ending before it need not look again (which keeps the scan linear).
    private func bareLink(dot: Int, minStart: Int, noMailBefore: inout Int) -> BareResult {
        let unicode = token(around: dot, minStart: minStart, asciiOnly: false)
        if let result = evaluate(unicode, noMailBefore: &noMailBefore) { return result }
        if unicode.hasNonASCII {
            let ascii = token(around: dot, minStart: minStart, asciiOnly: true)
            if let result = evaluate(ascii, noMailBefore: &noMailBefore) { return result }
        }
        return .skip(unicode.end)
    }

    private struct Token {
        var start: Int
        var end: Int
        var hasNonASCII: Bool
    }

    /// The run of host characters around the dot at `dot`, without leading or trailing dots and hyphens.
    private func token(around dot: Int, minStart: Int, asciiOnly: Bool) -> Token {
        var nonASCII = false
        var s = walk(from: dot, bound: minStart, forward: false, asciiOnly: asciiOnly, nonASCII: &nonASCII)
        var e = walk(from: dot + 1, bound: bytes.count, forward: true, asciiOnly: asciiOnly, nonASCII: &nonASCII)
        while s < e, bytes[s] == 0x2E || bytes[s] == 0x2D { s += 1 }
        while e > s, bytes[e - 1] == 0x2E || bytes[e - 1] == 0x2D { e -= 1 }
        return Token(start: s, end: e, hasNonASCII: nonASCII)
    }

    /// `nil` when the token is not a link but a shorter token around the same dot might be.
    private func evaluate(_ t: Token, noMailBefore: inout Int) -> BareResult? {
        guard t.start < t.end else { return nil }
        // An e-mail address: the token is its domain ("@" before) or its local part ("@" after).
        if t.start > 0 {
            let before = bytes[t.start - 1]
            if before == 0x40 { return .skip(t.end) }
            // Characters that glue the token to a word that is not a host ("_", "%", "+", "=", "/"...).
            if before == 0x5F || before == 0x25 || before == 0x2B || before == 0x3D || before == 0x26 || before == 0x7E
                || before == 0x2F || before == 0x5C || before == 0x24 || before == 0x23
            {
                return .skip(t.end)
            }
        }
        if t.end >= noMailBefore {
            var a = t.end
            while a < bytes.count, isASCIIAlnum(bytes[a]) || bytes[a] == 0x2E || bytes[a] == 0x5F || bytes[a] == 0x25
                || bytes[a] == 0x2B || bytes[a] == 0x2D
            {
                a += 1
            }
            if a < bytes.count, bytes[a] == 0x40 {
                var d = a + 1
                while d < bytes.count, isHostByte(bytes[d]) || bytes[d] == 0x2E || bytes[d] == 0x2D { d += 1 }
                return .skip(d)
            }
            noMailBefore = a
        }
        guard let parsed = parseHost(t.start, t.end, requireTLD: true) else { return nil }
        return .link(finish(start: t.start, schemeColon: nil, hostStart: t.start, hostEnd: t.end, parsed: parsed))
    }

    // MARK: Hosts

    private struct ParsedHost {
        var ascii: String
        var unicode: String?
        var isIPAddress: Bool
    }

    /// Checks and converts the host `bytes[start..<end]`; `nil` when it is not a host name.
    private func parseHost(_ start: Int, _ end: Int, requireTLD: Bool) -> ParsedHost? {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        var ascii: String
        var unicode: String?
        if raw.allSatisfy({ $0 < 0x80 }) {
            var punycode = false
            ascii = String(unsafeUninitializedCapacity: raw.count) { out in
                for (k, b) in raw.enumerated() {
                    out[k] = b &- 0x41 < 26 ? b | 0x20 : b
                    if b == 0x2D, k >= 3, raw[k - 1] == 0x2D, raw[k - 2] | 0x20 == 0x6E, raw[k - 3] | 0x20 == 0x78 { punycode = true }
                }
                return raw.count
            }
            guard validLabels(ascii) else { return nil }
            if punycode {
                let decoded = IDNA.toUnicode(ascii)
                guard decoded.isValid else { return nil }
                unicode = decoded.name
            }
        } else {
            let original = String(decoding: raw, as: UTF8.self)
            let converted = IDNA.toASCII(original)
            guard converted.isValid, validLabels(converted.name) else { return nil }
            ascii = converted.name
            unicode = IDNA.toUnicode(ascii).name
        }
        if isIPv4(ascii) { return ParsedHost(ascii: ascii, unicode: nil, isIPAddress: true) }
        var tld = Substring(ascii)
        var hasDot = false
        ascii.utf8.withContiguousStorageIfAvailable { h in
            var k = h.count
            while k > 0, h[k - 1] != 0x2E { k -= 1 }
            hasDot = k > 0
            tld = ascii[ascii.utf8.index(ascii.utf8.startIndex, offsetBy: k)...]
        }
        if tld.utf8.allSatisfy(isASCIIDigit) { return nil }
        if requireTLD {
            guard hasDot, topLevelDomains.contains(String(tld)) else { return nil }
        }
        return ParsedHost(ascii: ascii, unicode: unicode, isIPAddress: false)
    }

    /// Labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, and
    /// at most 253 bytes in all (RFC 1035 limits).
    private func validLabels(_ host: String) -> Bool {
        guard host.utf8.count <= 253 else { return false }
        var length = 0
        var previous: UInt8 = 0x2E
        for b in host.utf8 {
            if b == 0x2E {
                if length == 0 || previous == 0x2D { return false }
                length = 0
            } else {
                guard isASCIIAlnum(b) || b == 0x2D, !(b == 0x2D && length == 0) else { return false }
                length += 1
                if length > 63 { return false }
            }
            previous = b
        }
        return length > 0 && previous != 0x2D
    }

    private func isIPv4(_ host: String) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        var leadingZero = false
        for b in host.utf8 {
            if b == 0x2E {
                guard digits > 0 else { return false }
                parts += 1
                value = 0
                digits = 0
                continue
            }
            guard isASCIIDigit(b) else { return false }
            if digits == 0 { leadingZero = b == 0x30 } else if leadingZero { return false }
            value = value * 10 + Int(b - 0x30)
            digits += 1
            if value > 255 { return false }
        }
        return digits > 0 && parts == 3
    }

    // MARK: Port, path, query, fragment

    private func finish(start: Int, schemeColon: Int?, hostStart: Int, hostEnd: Int, parsed: ParsedHost) -> Candidate {
        var e = hostEnd
        var port: Int?
        if e + 1 < bytes.count, bytes[e] == 0x3A, isASCIIDigit(bytes[e + 1]) {
            var p = e + 1
            var value = 0
            while p < bytes.count, isASCIIDigit(bytes[p]), p - e <= 5 {
                value = value * 10 + Int(bytes[p] - 0x30)
                p += 1
            }
            if value <= 65535, p == bytes.count || !isASCIIAlnum(bytes[p]) {
                port = value
                e = p
            }
        }
        let tailStart = e
        if e < bytes.count, bytes[e] == 0x2F || bytes[e] == 0x3F || bytes[e] == 0x23 {
            var cls = ScriptClass.none
            while e < bytes.count {
                let b = bytes[e]
                if b < 0x80 {
                    guard urlCharLength(at: e) == 1 else { break }
                    cls = isASCIIAlnum(b) ? .ascii : .none
                    e += 1
                } else {
                    let (scalar, len) = decode(at: e)
                    guard let c = hostClass(scalar), !(c == .spaceless && cls == .ascii) else { break }
                    cls = c
                    e += len
                }
            }
            e = trimTrailing(tailStart, e)
        }
        return Candidate(
            start: start, end: e, schemeColon: schemeColon, hostStart: hostStart, hostEnd: hostEnd, host: parsed.ascii,
            unicodeHost: parsed.unicode, isIPAddress: parsed.isIPAddress, port: port, tailStart: tailStart)
    }

    /// Drops sentence punctuation and unbalanced closing brackets from the end of a path.
    private func trimTrailing(_ start: Int, _ end: Int) -> Int {
        // Brackets are counted once; trimming a closing one only lowers its count.
        var parens = 0
        var squares = 0
        for k in start..<end {
            switch bytes[k] {
            case 0x28: parens += 1
            case 0x29: parens -= 1
            case 0x5B: squares += 1
            case 0x5D: squares -= 1
            default: break
            }
        }
        var e = end
        while e > start {
            switch bytes[e - 1] {
            case 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0x27, 0x2A:  // . , : ; ! ? ' *
                e -= 1
            case 0x29 where parens < 0:
                parens += 1
                e -= 1
            case 0x5D where squares < 0:
                squares += 1
                e -= 1
            default:
                return e
            }
        }
        return e
    }

    // MARK: Characters

    /// How a character takes part in a host: ASCII letters and digits, letters of scripts written
    /// without spaces between words (a link stuck to such text ends where the script changes), or
    /// other letters, marks and digits.
    private enum ScriptClass { case none, ascii, spaceless, other }

    private func hostClass(_ s: Unicode.Scalar) -> ScriptClass? {
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return Self.isSpaceless(s.value) ? .spaceless : .other
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return .other
        default:
            return nil
        }
    }

    /// Han, Hiragana, Katakana, Thai, Lao, Khmer and Myanmar (Unicode blocks).
    private static func isSpaceless(_ v: UInt32) -> Bool {
        switch v {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            true
        default: false
        }
    }

    /// ASCII letters and digits, or any byte of a non-ASCII character (checked later).
    @inline(__always) private func isHostByte(_ b: UInt8) -> Bool { b >= 0x80 || isASCIIAlnum(b) }

    /// The UTF-8 length of the URL character at `i`, or 0 when a URL cannot contain it: controls,
    /// spaces, `"<>\^`{|}`, and non-ASCII characters other than letters, marks and digits.
    private func urlCharLength(at i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 {
            switch b {
            case 0...0x20, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F: return 0
            default: return 1
            }
        }
        let (scalar, len) = decode(at: i)
        return hostClass(scalar) == nil ? 0 : len
    }

    /// The scalar starting at `i` and its UTF-8 length (the text is valid UTF-8).
    @inline(__always) private func decode(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            let v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    /// The start of the scalar that ends at `i`.
    @inline(__always) private func scalarStart(before i: Int, floor: Int) -> Int {
        var k = i - 1
        while k > floor, bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }
}

@inline(__always) func isASCIIAlnum(_ b: UInt8) -> Bool { isASCIILetter(b) || isASCIIDigit(b) }
