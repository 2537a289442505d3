/// Phone formatting for the `e164` and `national` filters and the `phone` type (libphonenumber).
enum PhoneFormatting {
    /// The number formatted, or `nil` when it does not parse.
    static func format(_ text: String, national: Bool, defaultRegion: String?) -> String? {
        nil  // wired to PhoneNumbers once that module lands
    }
}
