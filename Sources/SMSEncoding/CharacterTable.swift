import ICUShim

/// Per-code-point facts for the BMP, computed once from the default GSM alphabet and ICU
/// properties, so the hot loop does one array load per character.
struct CharacterTable: Sendable {
    static let gsmBasic: UInt8 = 1
    static let gsmExtension: UInt8 = 2
    static let graphemeSimple: UInt8 = 4
    static let nfcInert: UInt8 = 8
    static let pictographic: UInt8 = 16

    /// The shared immutable table (built on first use, thread-safe).
    static let shared = CharacterTable()

    let flags: [UInt8]

    private init() {
        var flags = [UInt8](repeating: 0, count: 0x10000)
        for c in 0..<0x10000 {
            let p = icushim_properties(UInt32(c))
            var f: UInt8 = 0
            if p & ICUSHIM_GCB_SIMPLE != 0 { f |= Self.graphemeSimple }
            if p & ICUSHIM_NFC_INERT != 0 { f |= Self.nfcInert }
            if p & ICUSHIM_PICTOGRAPHIC != 0 { f |= Self.pictographic }
            flags[c] = f
        }
        for u in GSMAlphabet.basic where u != 0xFFFF { flags[Int(u)] |= Self.gsmBasic }
        for u in GSMAlphabet.extensionTable.values { flags[Int(u)] |= Self.gsmExtension }
        self.flags = flags
    }

    /// Flags of a scalar outside the BMP (never GSM, never grapheme-simple in our fast path).
    static func astralFlags(_ scalar: UInt32) -> UInt8 {
        let p = icushim_properties(scalar)
        var f: UInt8 = 0
        if p & ICUSHIM_NFC_INERT != 0 { f |= nfcInert }
        if p & ICUSHIM_PICTOGRAPHIC != 0 { f |= pictographic }
        return f
    }
}
