internal import PhoneShim
internal import ICUShim
import Foundation

/// Parses and checks phone numbers with Google's libphonenumber.
///
/// A value is cheap to create and safe to share between threads; keep one to reuse its
/// time-zone cache.
public struct PhoneNumberParser: Sendable {
    /// Inputs longer than this many UTF-8 bytes are rejected without parsing.
    public static let maximumInputLength = Int(PHONE_SHIM_MAX_INPUT)

    private let zones = ZoneCache()

    /// Creates a parser.
    public init() {}

    /// The default regions the installed metadata supports: ISO 3166-1 alpha-2 codes and a few
    /// ITU ones such as `AC` (Ascension) and `XK` (Kosovo).
    public static var supportedRegions: Set<String> { Metadata.regions }

    /// The canonical form of a default region: nil for none (nil, empty or `ZZ`), else the
    /// upper-cased code.
    /// - Throws: ``PhoneNumberError/unknownRegion(_:)`` when the metadata does not know it.
    public static func normalizedRegion(_ region: String?) throws(PhoneNumberError) -> String? {
        guard let region, !region.isEmpty else { return nil }
        let upper = region.uppercased()
        if upper == "ZZ" { return nil }
        guard Metadata.regions.contains(upper) else { throw .unknownRegion(region) }
        return upper
    }

    /// Parses `input` (any format libphonenumber accepts: `+66 81 234 5678`, `081-234-5678`,
    /// `tel:+1-415-555-2671`…). National numbers need `defaultRegion` (ISO 3166-1 alpha-2,
    /// case-insensitive; nil or `ZZ` for none).
    ///
    /// A number that parses may still be impossible or invalid: see ``PhoneNumber/isPossible``,
    /// ``PhoneNumber/isValid`` and ``check(_:defaultRegion:field:)``.
    /// - Throws: ``PhoneNumberError``.
    public func parse(_ input: String, defaultRegion: String? = nil) throws(PhoneNumberError) -> PhoneNumber {
        try parse(input, region: Self.normalizedRegion(defaultRegion))
    }

    /// Whether `input` is written `+` and digit groups joined by single spaces, dashes or dots: the
    /// form parsed from libphonenumber's metadata in about 0.1 µs (others take libphonenumber's
    /// text analysis, 10–20 µs), so a caller need not cache its answers.
    public static func hasFastForm(_ input: String) -> Bool {
        var input = input
        return input.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { phone_has_fast_shape($0.baseAddress, Int32(clamping: $0.count)) == 1 }
        }
    }

    /// Parses with an already normalized region (nil for none).
    func parse(_ input: String, region: String?) throws(PhoneNumberError) -> PhoneNumber {
        let info = try parseInfo(input, region: region, flags: 0)
        let regionCode = Self.string(info.region)
        return PhoneNumber(
            e164: Self.string(info.e164),
            countryCode: Int(info.country_code),
            nationalNumber: Self.string(info.national_number),
            regionCode: regionCode == "ZZ" || regionCode.isEmpty ? nil : regionCode,
            type: PhoneNumberType(shim: info.type),
            isValid: info.valid != 0,
            possibility: PhoneNumberPossibility(shim: info.possibility)
        )
    }

    /// libphonenumber's E.164 and length check only, without the type and region lookups that
    /// cost about half of a parse (for number lists).
    func normalize(_ input: String, region: String?) throws(PhoneNumberError) -> (e164: String, possibility: PhoneNumberPossibility) {
        let info = try parseInfo(input, region: region, flags: PHONE_FLAG_NORMALIZE_ONLY)
        return (Self.string(info.e164), PhoneNumberPossibility(shim: info.possibility))
    }

    /// The shim's raw answer (tests use `PHONE_FLAG_CROSS_CHECK`).
    func parseInfo(_ input: String, region: String?, flags: Int32) throws(PhoneNumberError) -> phone_info {
        var input = input
        let bytes = input.utf8.count
        if bytes > Self.maximumInputLength { throw .inputTooLong(bytes: bytes) }
        if input.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { throw .empty }
        var info = phone_info()
        let code = input.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                phone_parse(chars.baseAddress, Int32(chars.count), region ?? "ZZ", flags, &info)
            }
        }
        guard code == PHONE_OK else { throw PhoneNumberError(shim: code, bytes: bytes) }
        return info
    }

    /// IsValidNumber's own answer next to the shim's derived one, for the tests.
    func crossCheckedValidity(_ input: String, defaultRegion: String?) -> (derived: Bool, library: Bool)? {
        do {
            let info = try parseInfo(input, region: Self.normalizedRegion(defaultRegion), flags: PHONE_FLAG_CROSS_CHECK)
            return (info.valid != 0, info.valid_checked == 1)
        } catch {
            return nil
        }
    }

    /// The IANA time zones of the number's region, sorted; empty when it has no region.
    ///
    /// libphonenumber 8.12 as packaged has no time-zone mapper, so this is every canonical
    /// location zone ICU lists for the region: one for most countries (`TH`: Asia/Bangkok), many
    /// for large ones (29 for `US`, 26 for `RU`, 16 for `BR`, 13 for `AU`). Treat the set
    /// conservatively: a send is inside quiet hours unless the window holds in every zone.
    /// The IDs are ICU's canonical ones, which for a few zones are IANA's older link names
    /// (`Asia/Calcutta`, not `Asia/Kolkata`); every one of them resolves with `TimeZone(identifier:)`.
    public func timeZones(for number: PhoneNumber) -> [String] {
        guard let region = number.regionCode else { return [] }
        return timeZones(forRegion: region)
    }

    /// The IANA time zones of an ISO 3166-1 alpha-2 region (see ``timeZones(for:)``), sorted;
    /// empty for an unknown region.
    public func timeZones(forRegion region: String) -> [String] {
        let upper = region.uppercased()
        guard upper.utf8.count == 2, upper.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else { return [] }
        return zones.zones(upper)
    }

    /// Which way `phone_parse` may take (for the tests).
    enum ShimPath: Sendable {
        /// The fast path where it applies, else libphonenumber (what ``parse(_:defaultRegion:)`` does).
        case automatic
        /// libphonenumber's Parse only (`PHONE_FLAG_SLOW_PATH`).
        case slow
        /// The fast path only; ``ShimAnswer/declined`` where it does not apply (`PHONE_FLAG_FAST_ONLY`).
        case fastOnly
    }

    /// Every field and every byte of one `phone_parse` answer (for the tests).
    struct ShimAnswer: Equatable, Sendable, CustomStringConvertible {
        let error: Int32
        let countryCode: Int32
        let type: Int32
        let valid: Int32
        let possibility: Int32
        let validChecked: Int32
        let region: String
        let e164: String
        let nationalNumber: String
        /// The whole C struct, so that equal answers are equal byte for byte.
        let bytes: [UInt8]

        /// The fast path declined the input (only with ``ShimPath/fastOnly``).
        var declined: Bool { error == PHONE_ERR_NOT_FAST }

        var description: String {
            "error \(error) cc \(countryCode) type \(type) valid \(valid)/\(validChecked) possibility \(possibility) "
                + "region \(region) e164 \(e164) nsn \(nationalNumber)"
        }
    }

    /// `phone_parse`'s raw answer for `input` by `path`, with `PHONE_FLAG_CROSS_CHECK` or
    /// `PHONE_FLAG_NORMALIZE_ONLY` on request (for the tests).
    static func shimAnswer(
        _ input: String, region: String?, path: ShimPath, crossCheck: Bool = false, normalizeOnly: Bool = false
    ) -> ShimAnswer {
        var flags: Int32 = 0
        if crossCheck { flags |= PHONE_FLAG_CROSS_CHECK }
        if normalizeOnly { flags |= PHONE_FLAG_NORMALIZE_ONLY }
        switch path {
        case .automatic: break
        case .slow: flags |= PHONE_FLAG_SLOW_PATH
        case .fastOnly: flags |= PHONE_FLAG_FAST_ONLY
        }
        var input = input
        var info = phone_info()
        input.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                _ = phone_parse(chars.baseAddress, Int32(chars.count), region, flags, &info)
            }
        }
        return ShimAnswer(
            error: info.error, countryCode: info.country_code, type: info.type, valid: info.valid,
            possibility: info.possibility, validChecked: info.valid_checked, region: string(info.region),
            e164: string(info.e164), nationalNumber: string(info.national_number),
            bytes: withUnsafeBytes(of: info) { Array($0) }
        )
    }

    /// The metadata's example number of a region and type, in E.164 (for the tests).
    static func exampleNumber(region: String, type: PhoneNumberType) -> String? {
        var buffer = [CChar](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBufferPointer {
            phone_example_number(region, type.shimValue, $0.baseAddress, Int32($0.count))
        }
        return n < 0 ? nil : string(buffer)
    }

    /// Reads a NUL-terminated fixed-size C field.
    static func string<T>(_ field: T) -> String {
        withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Reads a NUL-terminated C buffer.
    static func string(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBytes { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// Time zones per region, computed on first use (about 0.2 ms each) and kept.
/// At most 26 × 26 entries: callers pass only two upper-case letters.
final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: [String]] = [:]

    func zones(_ region: String) -> [String] {
        lock.lock()
        let cached = table[region]
        lock.unlock()
        if let cached { return cached }
        let zones = Self.load(region)
        lock.lock()
        table[region] = zones
        lock.unlock()
        return zones
    }

    private static func load(_ region: String) -> [String] {
        var capacity = 1024
        while true {
            var err: Int32 = 0
            var buffer = [CChar](repeating: 0, count: capacity)
            let needed = Int(buffer.withUnsafeMutableBufferPointer {
                icuzones_for_region(region, $0.baseAddress, Int32($0.count), &err)
            })
            if err == ICUSHIM_BUFFER_OVERFLOW, needed > capacity {
                capacity = needed
                continue
            }
            guard err <= 0 else { return [] }
            let text = String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return text.split(separator: "\n").map(String.init).sorted()
        }
    }
}
