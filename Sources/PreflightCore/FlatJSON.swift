/// A strict, allocation-light parser for the common case of a JSON Lines record: one flat object
/// whose values are strings, Booleans, `null` or arrays of strings.
///
/// It only ever answers for input it fully understands. Anything else — nested objects, numbers,
/// duplicate keys, lone surrogates, invalid UTF-8, malformed JSON — returns nil, and the caller
/// falls back to Foundation's JSON decoder, which also produces the error messages. So a non-nil
/// result is always the parse a full JSON parser would give.
public enum FlatJSON {
    /// A value of a flat object.
    public enum Value: Sendable, Equatable {
        case string(String)
        case bool(Bool)
        case null
        case strings([String])
    }

    /// Parses one object, or returns nil when the input is not a flat object of the supported kinds.
    public static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>) -> [(key: String, value: Value)]? {
        var p = Parser(bytes: bytes)
        return p.object()
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
                i += 1
            }
        }

        mutating func eat(_ c: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }

        mutating func object() -> [(key: String, value: Value)]? {
            guard eat(UInt8(ascii: "{")) else { return nil }
            var result: [(key: String, value: Value)] = []
            if eat(UInt8(ascii: "}")) { return finish(result) }
            repeat {
                guard let key = string(), eat(UInt8(ascii: ":")), let value = value() else { return nil }
                if result.contains(where: { $0.key == key }) { return nil }
                result.append((key, value))
            } while eat(UInt8(ascii: ","))
            guard eat(UInt8(ascii: "}")) else { return nil }
            return finish(result)
        }

        mutating func finish(_ result: [(key: String, value: Value)]) -> [(key: String, value: Value)]? {
            skipSpace()
            return i == bytes.count ? result : nil
        }

        mutating func value() -> Value? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "["):
                i += 1
                var items: [String] = []
                if eat(UInt8(ascii: "]")) { return .strings(items) }
                repeat {
                    guard let s = string() else { return nil }
                    items.append(s)
                } while eat(UInt8(ascii: ","))
                return eat(UInt8(ascii: "]")) ? .strings(items) : nil
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// The string of UTF-8 bytes, or nil when they are not valid UTF-8. Decoding repairs invalid
        /// bytes with U+FFFD, so the text is valid exactly when its bytes are the input's (the
        /// generic `String(validating:as:)` is not specialized and looks up type metadata per call).
        static func validString(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
            let text = String(decoding: utf8, as: UTF8.self)
            return text.utf8.elementsEqual(utf8) ? text : nil
        }

        mutating func string() -> String? {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = Self.validString(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { return nil }
                i += 1
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                switch b {
                case UInt8(ascii: "\""):
                    return out.withUnsafeBufferPointer { Self.validString($0) }
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var v = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(v) {
                            guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(v) {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(v) else { return nil }
                        out.append(contentsOf: UTF8.encode(scalar)!)
                    default: return nil
                    }
                default:
                    if b < 0x20 { return nil }
                    out.append(b)
                }
            }
            return nil
        }
    }
}
