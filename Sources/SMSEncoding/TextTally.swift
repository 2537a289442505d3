import Foundation

/// Counts of a piece of text that add up when pieces are joined, and the encoding and parts they
/// decide: for what-if questions on templated messages ("the same message without this value")
/// without building and analysing the other text.
///
/// The counts decide the answer of ``SMSEncoder/analyze(_:)`` (default options: normalization on,
/// no smart encoding, no national shift tables) only for *additive* text: every character is a
/// BMP character that is its own grapheme cluster and is NFC-inert (quick check Yes, combining
/// class 0), and there is no CR. Joining or cutting such pieces changes no normalization and no
/// cluster, so the counts of `a + b` are the counts of `a` plus those of `b`.
public struct TextTally: Sendable, Hashable {
    /// Septets of the characters the default GSM 7-bit alphabet has (extension characters count 2).
    public var septets: Int
    /// Characters of the default alphabet's extension table (an escape and a septet each).
    public var escapes: Int
    /// Characters outside the default GSM 7-bit alphabet (any of them makes the text UCS-2).
    public var outside: Int
    /// UTF-16 code units.
    public var utf16: Int
    /// Pieces that are not additive (see the type's description); 0 for additive text.
    public var nonAdditive: Int

    /// Counts `text` in one pass over its UTF-8.
    public init(_ text: String) {
        let scan = Scan(text)
        septets = scan.septets
        outside = scan.culpritCount
        escapes = scan.septets - (scan.scalarCount - scan.culpritCount)
        utf16 = scan.utf16Count
        // `simple` already means BMP scalars that are clusters of their own (but CR LF).
        nonAdditive = scan.simple && scan.nfcInert && scan.cr == 0 ? 0 : 1
    }

    private init(septets: Int, escapes: Int, outside: Int, utf16: Int, nonAdditive: Int) {
        self.septets = septets
        self.escapes = escapes
        self.outside = outside
        self.utf16 = utf16
        self.nonAdditive = nonAdditive
    }

    /// The counts of the two pieces joined.
    public static func + (a: TextTally, b: TextTally) -> TextTally {
        TextTally(septets: a.septets + b.septets, escapes: a.escapes + b.escapes, outside: a.outside + b.outside,
                  utf16: a.utf16 + b.utf16, nonAdditive: a.nonAdditive + b.nonAdditive)
    }

    /// The counts of `a` with the piece `b` cut out of it (`b` must occur in `a`).
    public static func - (a: TextTally, b: TextTally) -> TextTally {
        TextTally(septets: a.septets - b.septets, escapes: a.escapes - b.escapes, outside: a.outside - b.outside,
                  utf16: a.utf16 - b.utf16, nonAdditive: a.nonAdditive - b.nonAdditive)
    }

    /// The counts `times` times over.
    public static func * (a: TextTally, times: Int) -> TextTally {
        TextTally(septets: a.septets * times, escapes: a.escapes * times, outside: a.outside * times,
                  utf16: a.utf16 * times, nonAdditive: a.nonAdditive * times)
    }

    /// The encoding and part count that ``SMSEncoder/analyze(_:)`` with default options gives a
    /// text with these counts, or nil when the counts do not decide them: text that is not
    /// additive, or a multi-part GSM 7-bit message with extension characters (an escape is never
    /// split from its character, so where they fall moves the part boundaries).
    ///
    /// One part holds 160 septets or 70 UTF-16 units; with the 6-octet concatenation header a part
    /// holds 153 septets or 67 units (3GPP TS 23.040 §9.2.3.24.1, TS 23.038 §6.2.1).
    public var outcome: (encoding: MessageEncoding, parts: Int)? {
        guard nonAdditive == 0, septets >= 0, utf16 >= 0 else { return nil }
        if outside == 0 {
            let single = Capacity.gsm(udh: 0)
            if septets <= single { return (.gsm7, 1) }
            guard escapes == 0 else { return nil }
            let perPart = Capacity.gsm(udh: Capacity.concatenationUDH)
            return (.gsm7, (septets + perPart - 1) / perPart)
        }
        if utf16 <= Capacity.ucs2(udh: 0) { return (.ucs2, 1) }
        let perPart = Capacity.ucs2(udh: Capacity.concatenationUDH)
        return (.ucs2, (utf16 + perPart - 1) / perPart)
    }
}
