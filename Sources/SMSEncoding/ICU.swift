import ICUShim

/// Swift side of the C shim over system ICU. All functions are thread-safe.
enum ICU {
    /// The ICU version in use, for example "72.1".
    static var version: String { String(cString: icushim_version()) }

    /// NFC of UTF-16 text.
    static func nfc(_ units: [UInt16]) -> [UInt16] {
        var capacity = max(units.count + units.count / 2 + 8, 16)
        while true {
            var err: Int32 = 0
            var out = [UInt16](repeating: 0, count: capacity)
            let n = units.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    icushim_nfc(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(dst.count), &err)
                }
            }
            if err == ICUSHIM_BUFFER_OVERFLOW {
                capacity = Int(n) + 1
                continue
            }
            precondition(err <= 0, "ICU normalization failed: \(String(cString: icushim_error_name(err)))")
            out.removeSubrange(Int(n)...)
            return out
        }
    }

    /// End offsets of the extended grapheme clusters of UTF-16 text (the last is `units.count`).
    static func graphemeEnds(_ units: [UInt16]) -> [Int32] {
        if units.isEmpty { return [] }
        var out = [Int32](repeating: 0, count: units.count)
        var err: Int32 = 0
        let n = units.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                icushim_grapheme_ends(src.baseAddress, Int32(src.count), dst.baseAddress, &err)
            }
        }
        precondition(err <= 0, "ICU break iterator failed: \(String(cString: icushim_error_name(err)))")
        out.removeSubrange(Int(n)...)
        return out
    }

    /// Which transliterator of smart encoding to run.
    enum Transliterator: Int32 {
        case punctuation = 1
        case letters = 2
    }

    /// Transliterates UTF-16 text.
    static func transliterate(_ units: ArraySlice<UInt16>, with t: Transliterator) -> [UInt16] {
        var capacity = units.count * 4 + 16
        while true {
            var buf = [UInt16](repeating: 0, count: capacity)
            buf.replaceSubrange(0..<units.count, with: units)
            var err: Int32 = 0
            let n = buf.withUnsafeMutableBufferPointer {
                icushim_transliterate(t.rawValue, $0.baseAddress, Int32(units.count), Int32($0.count), &err)
            }
            if err == ICUSHIM_BUFFER_OVERFLOW {
                capacity *= 2
                continue
            }
            precondition(err <= 0, "ICU transliteration failed: \(String(cString: icushim_error_name(err)))")
            buf.removeSubrange(Int(n)...)
            return buf
        }
    }
}
