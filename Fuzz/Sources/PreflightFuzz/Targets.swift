import Foundation
import Preflight
import PreflightCore
import SMSEncoding
import SMSPolicy
import SMSProviders
import SMSTemplates

/// One reader of untrusted input. Each target must finish without a trap for every input; the
/// checks inside a target are properties that hold for any input (a failed one traps, which
/// libFuzzer reports as a crash with the input that caused it).
enum FuzzTarget: String, CaseIterable {
    /// The encoder under each option set: the parts are the text, their units add up.
    case encode
    /// A template source (front matter YAML included): compile, analyze, render.
    case template
    /// A template file through `preflight lint`'s checks (bytes as read from disk), with fixes.
    case lint
    /// A send request as JSON: decode, check against the shipped rules, build a payload.
    case request
    /// Recipient CSV bytes through a dry-run estimate.
    case estimate
    /// RFC 3339 times.
    case time
    /// A provider definition file.
    case provider
    /// A price list.
    case pricing
    /// A rule file (`policy.yaml`, or `countries.yaml` when the input starts with `#`) laid over
    /// the shipped rules.
    case rules
    /// A `.preflight.yml` lint configuration.
    case lintConfig = "lint-config"
    /// The bytes of a JSON object through the flat reader of the service.
    case flatJSON = "flat-json"
}

/// What the targets share, built once.
final class FuzzContext: Sendable {
    let preflight: Preflight
    let providers: [ProviderDefinition]
    let pricing: Pricing
    let estimateTemplate: Template
    let linter: Linter
    let shippedRules: RuleSet
    /// This process's folder for rule files.
    let rulesDirectory: URL

    init() {
        do {
            shippedRules = try RuleSet.shipped()
            preflight = try Preflight(rules: shippedRules)
            rulesDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-fuzz-\(getpid())")
            try FileManager.default.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
            providers = try ProviderRegistry.shipped().definitions.values.sorted { $0.name < $1.name }
            pricing = try Pricing.shipped()
            linter = try Linter(configuration: LintConfiguration(baseDirectory: "/nonexistent"), rules: RuleSet.shipped())
            estimateTemplate = try Template(source: "Hi <<name | default:\"there\">>, your code is <<code>>. Reply STOP to opt out.")
        } catch {
            fatalError("the shipped rules, providers or prices do not load: \(error)")
        }
    }

    static let optionSets: [EncodingOptions] = [
        EncodingOptions(),
        EncodingOptions(normalize: false),
        EncodingOptions(smart: .punctuation, shiftTables: [.turkish, .spanish, .portuguese]),
        EncodingOptions(smart: .letters, shiftTables: Set(NationalLanguage.allCases)),
    ]

    func run(_ target: FuzzTarget, _ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch target {
        case .encode:
            for options in Self.optionSets {
                let report = SMSEncoder(options: options).analyze(text)
                precondition(report.parts.map(\.text).joined() == report.text, "the parts are not the text")
                precondition(report.parts.reduce(0) { $0 + $1.units } == report.units, "the parts' units do not add up")
            }
        case .template:
            guard let template = try? Template(source: text) else { return }
            _ = template.analyze()
            _ = try? template.render(["name": .string("Ana"), "code": .number(123456), "order": .object(["id": .string("A-1")])])
        case .lint:
            let result = linter.lint(bytes: Array(bytes), file: "fuzz.sms")
            _ = result.fixedSource
        case .request:
            guard let request = try? RequestError.decode(Data(bytes)) else { return }
            let now = Date(timeIntervalSince1970: 1_795_440_600)
            _ = preflight.check(request, now: now)
            let provider = providers[(bytes.first.map(Int.init) ?? 0) % providers.count]
            _ = preflight.prepare(request, provider: provider, now: now)
        case .estimate:
            guard let estimator = try? Estimator(preflight: preflight, template: estimateTemplate, pricing: pricing, options: {
                var options = EstimateOptions()
                options.threads = 1
                options.senderMask = "Acme"
                options.sendAt = Date(timeIntervalSince1970: 1_795_440_600)
                return options
            }()) else { fatalError("the estimate does not start") }
            _ = try? estimator.run(.bytes(Array(bytes)))
        case .time:
            // A time that was read is written back in UTC and reads as the same instant (to the
            // second: the written form has no fraction). Years near the ends of 0000–9999 are left
            // out, where the UTC form can fall outside the four-digit years.
            if let time = ScheduledTime(iso8601: text), let year = Int(text.prefix(4)), (1000...9000).contains(year) {
                guard let back = ScheduledTime(iso8601: time.description) else { preconditionFailure("\(time) does not read back") }
                precondition(abs(back.date.timeIntervalSince(time.date)) < 1, "\(text) reads back as another instant")
            }
        case .provider:
            _ = try? ProviderRegistry.decode(text, file: "fuzz.yaml")
        case .pricing:
            _ = try? Pricing(yaml: text, file: "pricing.yaml")
        case .rules:
            let name = bytes.first == UInt8(ascii: "#") ? RuleSet.countriesFileName : RuleSet.policyFileName
            let other = name == RuleSet.policyFileName ? RuleSet.countriesFileName : RuleSet.policyFileName
            try? FileManager.default.removeItem(at: rulesDirectory.appendingPathComponent(other))
            guard (try? Data(bytes).write(to: rulesDirectory.appendingPathComponent(name))) != nil else { fatalError("cannot write \(rulesDirectory.path)") }
            if let rules = try? RuleSet.load(directory: rulesDirectory, over: shippedRules) {
                _ = try? Preflight(rules: rules)
            }
        case .lintConfig:
            _ = try? LintConfiguration.parse(text, file: ".preflight.yml", baseDirectory: "/nonexistent")
        case .flatJSON:
            _ = FlatJSON.parseObject(bytes)
        }
    }
}
