internal import PhoneShim

/// Facts read once from the installed libphonenumber metadata. Immutable after first use.
enum Metadata {
    /// The region codes libphonenumber supports (`TH`, `US`, `GG`…).
    static let regions: Set<String> = {
        let needed = Int(phone_supported_regions(nil, 0))
        var buffer = [CChar](repeating: 0, count: needed + 1)
        _ = buffer.withUnsafeMutableBufferPointer { phone_supported_regions($0.baseAddress, Int32($0.count)) }
        let text = String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Set(text.split(separator: " ").map(String.init))
    }()

    /// Calling codes whose national-prefix-for-parsing rules (in the metadata of their main region)
    /// can rewrite a number that starts with a digit other than the trunk prefix, so that
    /// libphonenumber's E.164 differs from the digits as written: `+52 1…` (Mexico's old mobile
    /// prefix), Argentina's `15`, Brazil's `90` carrier prefix, Australia's `1831/1832`, China's
    /// `1[12]xx`/`179xx` carrier codes, the carrier codes of Costa Rica, the Faroes, Luxembourg
    /// and Liechtenstein, and the short local numbers of Madagascar, Norfolk Island and San
    /// Marino. Taken from libphonenumber 8.12.57's `PhoneNumberMetadata.xml`; the tests compare
    /// the fast path with libphonenumber on every region's example numbers to catch drift.
    static let rewritingCallingCodes: Set<Int> = [52, 54, 55, 61, 86, 261, 298, 352, 378, 423, 506, 672]

    /// For every calling code below 1000, a bit mask of the first digits of a national number
    /// that the E.164 fast path may take: 0 when the code is unknown or rewrites numbers; else
    /// every digit except 0 and the first digit of the trunk prefix.
    static let fastPathDigits: [UInt16] = {
        var masks = [UInt16](repeating: 0, count: 1000)
        var codes = [Int32](repeating: 0, count: 1000)
        let count = Int(phone_supported_calling_codes(&codes, Int32(codes.count)))
        for code in codes.prefix(min(count, codes.count)) where (1..<1000).contains(code) {
            guard !rewritingCallingCodes.contains(Int(code)) else { continue }
            var mask: UInt16 = 0b11_1111_1110  // digits 1-9
            var prefix = [CChar](repeating: 0, count: 16)
            if phone_national_prefix(code, &prefix, Int32(prefix.count)) > 0 {
                let first = Int(prefix[0]) - 0x30
                if (0...9).contains(first) { mask &= ~(1 << UInt16(first)) }
            }
            masks[Int(code)] = mask
        }
        return masks
    }()

    /// Whether any calling code starts with these digits (for finding its end).
    static let callingCodes: [Bool] = {
        var known = [Bool](repeating: false, count: 1000)
        var codes = [Int32](repeating: 0, count: 1000)
        let count = Int(phone_supported_calling_codes(&codes, Int32(codes.count)))
        for code in codes.prefix(min(count, codes.count)) where (1..<1000).contains(code) { known[Int(code)] = true }
        return known
    }()

    /// The E.164 value of a strict E.164 entry (`+` and 8–15 digits, the first not 0) when
    /// libphonenumber would write it back unchanged, or nil when it must go through
    /// libphonenumber: unknown calling code, a national number starting with 0 or the trunk
    /// prefix, or a calling code with rewriting rules (see ``rewritingCallingCodes``).
    static func fastE164(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let n = bytes.count
        guard (9...16).contains(n), bytes[0] == UInt8(ascii: "+"), bytes[1] != UInt8(ascii: "0") else { return nil }
        var value: UInt64 = 0
        var code = -1
        var codeDigits = 0
        for i in 1..<n {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            if code < 0 {
                codeDigits += 1
                if callingCodes[Int(value) * 10 + Int(d)] {
                    code = Int(value) * 10 + Int(d)
                } else if codeDigits == 3 {
                    return nil
                }
            } else if i == codeDigits + 1, fastPathDigits[code] & (1 << UInt16(d)) == 0 {
                return nil
            }
            value = value * 10 + UInt64(d)
        }
        return code < 0 ? nil : value
    }
}
