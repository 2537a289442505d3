/// A small, fast writer of compact JSON into a UTF-8 byte buffer, used by reporters whose output
/// is a stable contract (key order is the order of the calls) and by streaming commands.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Clears the output, keeping the buffer's capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = [false]
        afterKey = false
    }

    private var afterKey = false

    /// Writes the comma before a value unless it is the value of a key just written.
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Starts an object (as a value, or as the value of the key just written).
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Ends the current object.
    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Ends the current array.
    public mutating func endArray() {
        needsComma.removeLast()
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
        needsComma[0] = false
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
        bytes.append(contentsOf: String(n).utf8)
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
        appendQuoted(s.utf8)
    }

    private mutating func appendQuoted<C: Collection<UInt8>>(_ utf8: C) {
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
