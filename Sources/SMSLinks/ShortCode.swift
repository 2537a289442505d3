/// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed 64-bit
/// hash. Short codes use it because it is specified, small enough to write here (swift-crypto is
/// not a dependency), stable across processes and platforms (unlike Swift's seeded `Hasher`), and
/// keyed: with a secret key, nobody can predict the code of a URL.
struct SipHash24 {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var tail: UInt64 = 0
    private var tailBytes = 0
    private var length = 0

    /// Starts a hash with the 128-bit key (k0, k1), the two little-endian halves of the key bytes.
    init(k0: UInt64, k1: UInt64) {
        v0 = k0 ^ 0x736f_6d65_7073_6575
        v1 = k1 ^ 0x646f_7261_6e64_6f6d
        v2 = k0 ^ 0x6c79_6765_6e65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    @inline(__always) private mutating func round() {
        v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
        v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
        v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
        v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
    }

    @inline(__always) private mutating func compress(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    /// Adds one byte.
    mutating func add(_ byte: UInt8) {
        tail |= UInt64(byte) << (8 * UInt64(tailBytes))
        tailBytes += 1
        length += 1
        if tailBytes == 8 {
            compress(tail)
            tail = 0
            tailBytes = 0
        }
    }

    /// Adds bytes.
    mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes { add(b) }
    }

    /// Adds a field unambiguously: its UTF-8 length as 8 little-endian bytes, then its bytes.
    mutating func addField(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let n = UInt64(bytes.count)
            for k in 0..<8 { add(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
            for b in bytes { add(b) }
        }
    }

    /// The 64-bit hash of everything added.
    consuming func finalize() -> UInt64 {
        compress(tail | UInt64(truncatingIfNeeded: length & 0xFF) << 56)
        v2 ^= 0xFF
        round()
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotated(_ n: UInt64) -> UInt64 { self << n | self >> (64 - n) }
}

/// Base62 short codes: digits `0-9`, then `A-Z`, then `a-z`.
enum Base62 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Whether `code` uses only base62 characters.
    static func isValid(_ code: some StringProtocol) -> Bool {
        !code.isEmpty && code.utf8.allSatisfy { isASCIIAlnum($0) }
    }

    /// Appends `count` base62 digits of `value` (least significant first); 10 digits use 59.5 bits.
    static func append(_ value: UInt64, digits count: Int, to code: inout [UInt8]) {
        var v = value
        for _ in 0..<count {
            code.append(alphabet[Int(v % 62)])
            v /= 62
        }
    }
}
