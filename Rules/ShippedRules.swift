// The shipped default rule set, embedded in the binary at build time (`.embedInCode`), so that the
// `preflight` executable and library users always have it, wherever they run. The YAML and text files
// next to this one are the single source: edit them, not generated code.

/// The rule files shipped in `Rules/`, embedded at build time.
public enum ShippedRules {
    /// Every shipped rule file by its name in `Rules/` (for example `countries.yaml`), as UTF-8 text.
    public static let files: [String: String] = [
        "countries.yaml": String(decoding: PackageResources.countries_yaml, as: UTF8.self),
        "policy.yaml": String(decoding: PackageResources.policy_yaml, as: UTF8.self),
        "tlds.txt": String(decoding: PackageResources.tlds_txt, as: UTF8.self),
    ]
}
