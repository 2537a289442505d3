/// Decodes scalars from valid UTF-8 (Swift strings are always valid), with their byte ranges.
struct UTF8Scalars {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    /// The next scalar; `position` is then the byte offset just after it.
    @inline(__always)
    mutating func next() -> UInt32? {
        let p = position
        guard p < end else { return nil }
        let b0 = bytes[p]
        if b0 < 0x80 {
            position = p &+ 1
            return UInt32(b0)
        }
        if b0 < 0xE0 {
            position = p &+ 2
            return UInt32(b0 & 0x1F) << 6 | UInt32(bytes[p &+ 1] & 0x3F)
        }
        if b0 < 0xF0 {
            position = p &+ 3
            return UInt32(b0 & 0x0F) << 12 | UInt32(bytes[p &+ 1] & 0x3F) << 6 | UInt32(bytes[p &+ 2] & 0x3F)
        }
        position = p &+ 4
        return UInt32(b0 & 0x07) << 18 | UInt32(bytes[p &+ 1] & 0x3F) << 12
            | UInt32(bytes[p &+ 2] & 0x3F) << 6 | UInt32(bytes[p &+ 3] & 0x3F)
    }
}

extension String {
    /// Runs `body` over the string's contiguous UTF-8 (copying only for bridged or lazy strings).
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }

    /// The text between two UTF-8 offsets that fall on scalar boundaries.
    func slice(utf8 range: Range<Int>) -> Substring {
        let a = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let b = utf8.index(a, offsetBy: range.count)
        return self[a..<b]
    }

    /// UTF-16 code units, transcoded directly from UTF-8.
    var utf16Units: [UInt16] {
        withUTF8Bytes { bytes in
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count)
            var it = UTF8Scalars(bytes)
            while let s = it.next() {
                if s < 0x10000 {
                    units.append(UInt16(s))
                } else {
                    units.append(UInt16(0xD800 + ((s - 0x10000) >> 10)))
                    units.append(UInt16(0xDC00 + ((s - 0x10000) & 0x3FF)))
                }
            }
            return units
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes in `range` as a string (valid UTF-8 by construction).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }
}
