import Foundation
import Preflight

/// One loaded generation of the service: the rules compiled into a ``Preflight``, the templates
/// compiled, and the rules document of `GET /v1/rules`. Immutable; a reload builds a new one and
/// swaps it in whole, so a request sees either the old rules or the new ones, never a mix.
final class Engine: Sendable {
    /// 1 for the rules loaded at start, then one more per successful reload.
    let generation: Int
    /// When this generation was loaded.
    let loadedAt: Date
    /// `loadedAt` in ISO 8601.
    let loadedAtText: String
    /// The pre-send check over these rules.
    let preflight: Preflight
    /// The compiled templates by their path under the templates directory (`otp.sms`).
    let templates: [String: Template]
    /// The body of `GET /v1/rules`.
    let rulesJSON: String
    /// The provider definitions.
    let providers: ProviderRegistry
    /// Provider settings from `--provider-settings`, by provider.
    let providerSettings: [String: [String: String]]
    /// The body of `GET /v1/providers`.
    let providersJSON: String
    /// Prices per part for estimates.
    let pricing: Pricing

    init(
        generation: Int, loadedAt: Date, preflight: Preflight, templates: [String: Template], rulesJSON: String,
        providers: ProviderRegistry, providerSettings: [String: [String: String]], pricing: Pricing
    ) {
        self.pricing = pricing
        self.generation = generation
        self.loadedAt = loadedAt
        loadedAtText = ISO8601DateFormatter().string(from: loadedAt)
        self.preflight = preflight
        self.templates = templates
        self.rulesJSON = rulesJSON
        self.providers = providers
        self.providerSettings = providerSettings
        var w = JSONWriter(reservingCapacity: 64 * 1024)
        w.beginArray()
        for definition in providers.providers { definition.writeJSON(into: &w) }
        w.endArray()
        providersJSON = w.string
    }

    /// The provider a request names, or the error to answer.
    func provider(named name: String?) throws(APIError) -> ProviderDefinition {
        guard let name else {
            throw APIError.invalidRequest(
                "`provider`: missing; a payload is for one provider", fix: "set `provider` to one of: \(providers.names.joined(separator: ", "))")
        }
        if let definition = providers.provider(named: name) { return definition }
        throw APIError(
            status: 422, code: "unknown_provider", message: "`provider`: no provider `\(Route.shown(name))` on this server",
            fix: (providers.suggestion(for: name).map { "did you mean `\($0)`? " } ?? "") + "known providers: \(providers.names.joined(separator: ", ")) (GET /v1/providers)")
    }

    /// The rules.
    var rules: RuleSet { preflight.policy.rules }

    /// The template of a request's `template` field, or the error to answer.
    func template(named name: String) throws(APIError) -> Template {
        if let template = templates[name] { return template }
        let names = templates.keys.sorted()
        throw APIError(
            status: 422, code: "unknown_template",
            message: names.isEmpty
                ? "this server has no templates, so `template` cannot be used"
                : "no template `\(Route.shown(name))` on this server",
            fix: names.isEmpty
                ? "send the text in `body` or `templateSource`, or start the server with --templates DIR"
                : "use one of: \(names.prefix(50).joined(separator: ", ")) (GET /v1/rules lists them)")
    }
}

/// A reload (or the first load) that failed: the rules or templates do not load. The server keeps
/// the rules it had.
public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public var message: String
    /// Every problem, with file, line and column where known.
    public var diagnostics: [Diagnostic]

    /// The message, then one problem per line.
    public var description: String {
        ([message] + diagnostics.map(\.description)).joined(separator: "\n")
    }

    /// The error answered by `POST /v1/reload`.
    var apiError: APIError {
        APIError(
            status: 422, code: "rules_invalid", message: message + "; the server keeps the rules it had",
            fix: "fix the files listed in `diagnostics`, then reload again", diagnostics: diagnostics)
    }
}

/// Builds engines from the rules and templates directories.
struct EngineLoader: Sendable {
    var rulesDirectory: String?
    var templatesDirectory: String?
    var providersDirectory: String?
    var providerSettingsFile: String?
    var pricingFile: String?
    var linkStore: (any LinkStore)?

    /// Templates above this count are refused (a directory given by mistake, such as `/`).
    static let maxTemplates = 10_000

    /// Loads the rules (shipped, with the directory laid over them) and the templates.
    func load(generation: Int, now: Date = Date()) throws(LoadError) -> Engine {
        let rules: RuleSet
        do {
            let shipped = try RuleSet.shipped()
            rules = try rulesDirectory.map { directory throws(RulesError) in
                try RuleSet.load(directory: URL(fileURLWithPath: directory), over: shipped)
            } ?? shipped
        } catch {
            throw LoadError(message: "the rules have \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")", diagnostics: error.diagnostics)
        }
        let providers: ProviderRegistry
        do {
            let shipped = try ProviderRegistry.shipped()
            providers = try providersDirectory.map { directory throws(ProviderFileError) in
                try shipped.adding(directory: URL(fileURLWithPath: directory))
            } ?? shipped
        } catch {
            throw LoadError(message: "the provider files have \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")", diagnostics: error.diagnostics)
        }
        let preflight: Preflight
        do {
            let base = templatesDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            preflight = try Preflight(rules: rules, baseDirectory: base, linkStore: linkStore, providers: providers)
        } catch {
            throw LoadError(message: "the number lists could not be loaded", diagnostics: error.diagnostics)
        }
        let templates = try loadTemplates()
        // Fill the facade's template cache now, so requests never compile a template.
        for name in templates.keys {
            var warm = SendRequest(to: [])
            warm.template = name
            _ = preflight.check(warm, now: now)
        }
        return Engine(
            generation: generation, loadedAt: now, preflight: preflight, templates: templates,
            rulesJSON: Self.rulesDocument(rules, templates: templates, generation: generation, loadedAt: now),
            providers: providers, providerSettings: try loadProviderSettings(), pricing: try loadPricing())
    }

    /// The `--pricing` price list, else the shipped sample prices.
    func loadPricing() throws(LoadError) -> Pricing {
        do throws(PricingError) {
            if let pricingFile { return try Pricing(contentsOf: pricingFile) }
            return try Pricing.shipped()
        } catch {
            throw LoadError(message: "the price list has \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")", diagnostics: error.diagnostics)
        }
    }

    /// The `--provider-settings` file: `{provider: {setting: value}}`.
    func loadProviderSettings() throws(LoadError) -> [String: [String: String]] {
        guard let providerSettingsFile else { return [:] }
        let text: String
        do { text = try TextInput.read(path: providerSettingsFile, limit: 1 << 20) } catch {
            throw LoadError(message: "\(providerSettingsFile): \(error.description)", diagnostics: [])
        }
        do { return try ProviderSettingsFile.decode(text, file: providerSettingsFile) } catch {
            throw LoadError(message: "the provider settings file has \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")", diagnostics: error.diagnostics)
        }
    }

    /// Every `*.sms` file under the templates directory, compiled, by relative path.
    func loadTemplates() throws(LoadError) -> [String: Template] {
        guard let templatesDirectory else { return [:] }
        let root = URL(fileURLWithPath: templatesDirectory, isDirectory: true).resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(message: "\(templatesDirectory) is not a directory", diagnostics: [
                Diagnostic(code: "input.invalid", severity: .error, message: "\(templatesDirectory) is not a directory",
                           fix: "pass the directory that holds your .sms templates to --templates")
            ])
        }
        var names: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".sms") else { continue }
            names.append(relative)
            if names.count > Self.maxTemplates {
                throw LoadError(message: "\(templatesDirectory) holds more than \(Self.maxTemplates) templates", diagnostics: [])
            }
        }
        var templates: [String: Template] = [:]
        var problems: [Diagnostic] = []
        for name in names.sorted() {
            do { templates[name] = try Template(contentsOf: root.appendingPathComponent(name).path) } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else {
            let files = Set(problems.compactMap { $0.location?.file }).count
            throw LoadError(message: "\(max(files, 1)) template\(files == 1 ? "" : "s") do\(files == 1 ? "es" : "") not compile", diagnostics: problems)
        }
        return templates
    }

    /// `GET /v1/rules`: `generation`, `loadedAt`, `templates` (`[{name, category, variables}]`),
    /// `countries` (the rules per country) and `policy` (the policy profile), the last two as the
    /// rule files define them.
    static func rulesDocument(_ rules: RuleSet, templates: [String: Template], generation: Int, loadedAt: Date) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var w = JSONWriter(reservingCapacity: 1 << 16)
        w.beginObject()
        w.field("generation", generation)
        w.field("loadedAt", ISO8601DateFormatter().string(from: loadedAt))
        w.key("templates")
        w.beginArray()
        for name in templates.keys.sorted() {
            let template = templates[name]!
            w.beginObject()
            w.field("name", name)
            w.field("category", template.frontMatter.category?.rawValue)
            w.key("variables")
            w.beginArray()
            for variable in Set(template.variables.map { $0.path[0] }).sorted() { w.value(variable) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("countries")
        w.raw((try? encoder.encode(rules.countries)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
        w.key("policy")
        w.raw((try? encoder.encode(rules.policy)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
        w.endObject()
        return w.string
    }
}

/// The current engine, swapped atomically on reload.
final class EngineStore: @unchecked Sendable {
    private let lock = NSLock()
    private let reloadLock = NSLock()
    private var current: Engine
    let loader: EngineLoader

    /// Loads generation 1.
    init(loader: EngineLoader) throws(LoadError) {
        self.loader = loader
        current = try loader.load(generation: 1)
    }

    /// The engine in force.
    var engine: Engine {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Loads the rules and templates again; on success the new engine replaces the old one, on
    /// failure the old one stays. Reloads run one at a time.
    func reload() -> Result<Engine, LoadError> {
        reloadLock.lock()
        defer { reloadLock.unlock() }
        do {
            let next = try loader.load(generation: engine.generation + 1)
            lock.lock()
            current = next
            lock.unlock()
            return .success(next)
        } catch {
            return .failure(error)
        }
    }
}
