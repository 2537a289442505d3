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
        "pricing.yaml": String(decoding: PackageResources.pricing_yaml, as: UTF8.self),
    ]

    /// Every shipped provider definition by its file name in `Rules/providers/` (for example
    /// `twilio.yaml`), as UTF-8 text.
    public static let providerFiles: [String: String] = [
        "africastalking.yaml": String(decoding: PackageResources.africastalking_yaml, as: UTF8.self),
        "antryk.yaml": String(decoding: PackageResources.antryk_yaml, as: UTF8.self),
        "aws-sms.yaml": String(decoding: PackageResources.aws_sms_yaml, as: UTF8.self),
        "aws-sns.yaml": String(decoding: PackageResources.aws_sns_yaml, as: UTF8.self),
        "azure.yaml": String(decoding: PackageResources.azure_yaml, as: UTF8.self),
        "bandwidth.yaml": String(decoding: PackageResources.bandwidth_yaml, as: UTF8.self),
        "bird.yaml": String(decoding: PackageResources.bird_yaml, as: UTF8.self),
        "clickatell.yaml": String(decoding: PackageResources.clickatell_yaml, as: UTF8.self),
        "infobip.yaml": String(decoding: PackageResources.infobip_yaml, as: UTF8.self),
        "me-sms.yaml": String(decoding: PackageResources.me_sms_yaml, as: UTF8.self),
        "pingram.yaml": String(decoding: PackageResources.pingram_yaml, as: UTF8.self),
        "plivo.yaml": String(decoding: PackageResources.plivo_yaml, as: UTF8.self),
        "sinch.yaml": String(decoding: PackageResources.sinch_yaml, as: UTF8.self),
        "skycore.yaml": String(decoding: PackageResources.skycore_yaml, as: UTF8.self),
        "telnyx.yaml": String(decoding: PackageResources.telnyx_yaml, as: UTF8.self),
        "textmagic.yaml": String(decoding: PackageResources.textmagic_yaml, as: UTF8.self),
        "twilio.yaml": String(decoding: PackageResources.twilio_yaml, as: UTF8.self),
        "vonage-messages.yaml": String(decoding: PackageResources.vonage_messages_yaml, as: UTF8.self),
        "vonage.yaml": String(decoding: PackageResources.vonage_yaml, as: UTF8.self),
    ]
}
