import PhoneNumbers

/// Phone formatting for the `e164` and `national` filters and the `phone` type (libphonenumber).
enum PhoneFormatting {
    static let parser = PhoneNumberParser()

    /// The number formatted, or `nil` when it does not parse or has an impossible length.
    static func format(_ text: String, national: Bool, defaultRegion: String?) -> String? {
        guard let number = try? parser.parse(text, defaultRegion: defaultRegion), number.isPossible else { return nil }
        return number.formatted(national ? .national : .e164)
    }
}
