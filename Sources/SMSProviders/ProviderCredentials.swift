import Foundation

/// Secret values for a provider's `${NAME}` placeholders (API keys, tokens, secrets).
///
/// The values are never printed: `description`, `debugDescription` and mirrors show the names only.
public struct ProviderCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let values: [String: String]

    /// Credentials by name (`["TWILIO_AUTH_TOKEN": "…"]`).
    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The credentials `names` taken from environment variables of the same names (absent and
    /// empty ones are left out).
    public static func environment(_ names: [String], from environment: [String: String] = ProcessInfo.processInfo.environment) -> ProviderCredentials {
        ProviderCredentials(Dictionary(uniqueKeysWithValues: names.compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : (name, $0) }
        }))
    }

    /// The value of a credential.
    public subscript(name: String) -> String? { values[name] }

    /// The names that have values, sorted.
    public var names: [String] { values.keys.sorted() }

    var all: [String: String] { values }

    /// The names only: `ProviderCredentials(TWILIO_AUTH_TOKEN: <redacted>)`.
    public var description: String {
        "ProviderCredentials(\(names.map { "\($0): <redacted>" }.joined(separator: ", ")))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the values.
    public var customMirror: Mirror { Mirror(self, children: ["names": names]) }
}
