/// A small, fast writer of compact JSON into a UTF-8 byte buffer, used by reporters whose output
/// is a stable contract (key order is the order of the calls) and by streaming commands.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value at the current level needs a comma before it.
    private var needsComma = false
    /// The same for each enclosing level, outermost first.
    private var enclosing: [Bool] = []

    /// Creates an empty writer.
    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Clears the output, keeping the buffer's capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        enclosing.removeAll(keepingCapacity: true)
        afterKey = false
    }

    private var afterKey = false

    /// Writes the comma before a value unless it is the value of a key just written.
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Starts an object (as a value, or as the value of the key just written).
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        enclosing.append(needsComma)
        needsComma = false
    }

    /// Ends the current object.
    public mutating func endObject() {
        needsComma = enclosing.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        enclosing.append(needsComma)
        needsComma = false
    }

    /// Ends the current array.
    public mutating func endArray() {
        needsComma = enclosing.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an object key; the next call writes its value.
    public mutating func key(_ key: String) {
        beforeValue()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Ends a JSON Lines record: writes a newline; the next top-level value starts a new record.
    public mutating func endLine() {
        bytes.append(0x0A)
        if enclosing.isEmpty { needsComma = false } else { enclosing[0] = false }
    }

    /// Writes a string value.
    public mutating func value(_ s: String) {
        beforeValue()
        appendQuoted(s)
    }

    /// Writes a string value given as valid UTF-8 bytes, without building a `String`.
    public mutating func value(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        beforeValue()
        appendQuoted(bytes)
    }

    /// Writes an integer value.
    public mutating func value(_ n: Int) {
        beforeValue()
        appendDecimal(n)
    }

    /// Writes a Boolean value.
    public mutating func value(_ b: Bool) {
        beforeValue()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes an optional string (`null` when nil).
    public mutating func value(_ s: String?) {
        if let s { value(s) } else { null() }
    }

    /// Writes already-encoded JSON as a value.
    public mutating func raw(_ json: String) {
        beforeValue()
        bytes.append(contentsOf: json.utf8)
    }

    /// Convenience: `"key": "value"`.
    public mutating func field(_ k: String, _ v: String?) {
        key(k)
        value(v)
    }

    /// Convenience: `"key": n`.
    public mutating func field(_ k: String, _ v: Int) {
        key(k)
        value(v)
    }

    /// Convenience: `"key": true|false`.
    public mutating func field(_ k: String, _ v: Bool) {
        key(k)
        value(v)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ s: String) {
        if let done: Void = s.utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) { return done }
        var s = s
        s.withUTF8 { appendQuoted($0) }
    }

    private mutating func appendQuoted<C: Collection<UInt8>>(_ utf8: C) {
        if let done: Void = utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) { return done }
        appendQuoted(Array(utf8))
    }

    /// Writes the bytes between quotes, escaping `"`, `\\`, control characters and DEL; runs of bytes
    /// that need no escape are copied at once.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var index = 0
        let count = utf8.count
        while index < count {
            let b = utf8[index]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0x7F {
                index += 1
                continue
            }
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            bytes.append(0x5C)
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(UInt8(ascii: "u"))
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 15)])
            }
            index += 1
            start = index
        }
        if start < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes the decimal digits of `n`.
    private mutating func appendDecimal(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        guard magnitude >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var at = 20
            while magnitude > 0 {
                at -= 1
                digits[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at..<20]))
        }
    }
}
