/// What kind of message it is. Rules depend on it: marketing needs opt-out language and respects
/// quiet hours, an OTP does not.
public enum MessageCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// A one-time password or verification code.
    case otp
    /// A message the recipient expects as part of a transaction (delivery, appointment, receipt).
    case transactional
    /// Promotion or advertising; needs consent and opt-out instructions.
    case marketing
    /// An alert or notification (fraud, outage, emergency).
    case alert

    /// Decodes one of the names; any other string is an error that lists them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = MessageCategory(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
        }
        self = value
    }
}
