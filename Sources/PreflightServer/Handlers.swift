import Foundation
import Hummingbird
import Logging
import Preflight

/// The route handlers. Each returns the response or throws an ``APIError``; none reads the
/// network itself except the streamed estimate.
struct Handlers: Sendable {
    let store: EngineStore
    let logger: Logger
    let playground: String
    let openAPI: String

    // MARK: Service

    func health() -> Response {
        let engine = store.engine
        var w = JSONWriter()
        w.beginObject()
        w.field("status", "ok")
        w.field("generation", engine.generation)
        w.field("loadedAt", engine.loadedAtText)
        w.endObject()
        return .json(w.string)
    }

    func metrics(_ metrics: Metrics) -> Response {
        .text(metrics.render(engine: store.engine), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    func rules() -> Response {
        .json(store.engine.rulesJSON)
    }

    /// `POST /v1/reload`: the new generation, or the reasons the old rules stay.
    func reload(metrics: Metrics) throws(APIError) -> Response {
        let engine = try reload(trigger: "POST /v1/reload", metrics: metrics).get()
        var w = JSONWriter()
        w.beginObject()
        w.field("reloaded", true)
        w.field("generation", engine.generation)
        w.field("loadedAt", engine.loadedAtText)
        w.field("countries", engine.rules.countries.count)
        w.field("templates", engine.templates.count)
        w.endObject()
        return .json(w.string)
    }

    /// Reloads rules and templates, logs and counts the result (also run on SIGHUP).
    func reload(trigger: String, metrics: Metrics) -> Result<Engine, APIError> {
        switch store.reload() {
        case .success(let engine):
            metrics.recordReload(succeeded: true)
            logger.notice("rules reloaded", metadata: [
                "trigger": "\(trigger)", "generation": "\(engine.generation)",
                "countries": "\(engine.rules.countries.count)", "templates": "\(engine.templates.count)",
            ])
            return .success(engine)
        case .failure(let error):
            metrics.recordReload(succeeded: false)
            logger.warning("reload failed, the previous rules stay in force", metadata: [
                "trigger": "\(trigger)", "generation": "\(store.engine.generation)",
                "reason": "\(error.message)", "problems": .array(error.diagnostics.prefix(20).map { "\($0.description)" }),
            ])
            return .failure(error.apiError)
        }
    }

    // MARK: The check

    /// `POST /v1/check`: the report of `preflight check --format json`, status 200 whatever the verdict.
    func check(_ body: ByteBuffer, outcome: inout ServiceResponder.Outcome, metrics: Metrics) throws(APIError) -> Response {
        let engine = store.engine
        let request = try Self.sendRequest(body, engine: engine)
        let report = engine.preflight.check(request, now: Date())
        metrics.record(report)
        outcome.verdict = report.verdict
        outcome.codes = report.diagnostics.map(\.code)
        return .json(report.json)
    }

    /// A send request from a JSON body, with a template name checked against the loaded templates.
    static func sendRequest(_ body: ByteBuffer, engine: Engine) throws(APIError) -> SendRequest {
        let request: SendRequest
        if let flat = body.withUnsafeReadableBytes({ SendRequestFastPath.parse($0.bindMemory(to: UInt8.self)) }) {
            request = flat
        } else {
            let data = try JSONBody.data(body)
            do { request = try RequestError.decode(data, source: "request") } catch {
                throw JSONBody.malformation(data) ?? APIError.invalidRequest(error.message, fix: error.fix)
            }
        }
        if let name = request.template { _ = try engine.template(named: name) }
        return request
    }

    // MARK: Encoding and templates

    /// `POST /v1/inspect`: the object of `preflight inspect --format json`.
    func inspect(_ body: ByteBuffer) throws(APIError) -> Response {
        let request = try JSONBody.decode(InspectRequest.self, from: body)
        let options = EncodingOptions(normalize: request.normalize ?? true, smart: request.smart ?? .off, shiftTables: request.shift ?? [])
        return .json(SMSEncoder(options: options).analyze(request.text).json)
    }

    /// `POST /v1/render`: the object of `preflight render --format json`, status 200 whatever the findings.
    func render(_ body: ByteBuffer) throws(APIError) -> Response {
        let request = try JSONBody.decode(RenderRequest.self, from: body)
        let engine = store.engine
        var values = request.variables ?? [:]
        let template: Result<Template, TemplateError>
        switch (request.template, request.templateSource) {
        case (let name?, nil):
            template = .success(try engine.template(named: name))
        case (nil, let source?):
            do { template = .success(try Template(source: source, file: "templateSource")) } catch { template = .failure(error) }
        default:
            throw APIError.invalidRequest(
                "give exactly one of `template` and `templateSource`",
                fix: "name a template of the server in `template` (GET /v1/rules lists them), or send its text in `templateSource`")
        }
        if request.examples == true, case .success(let compiled) = template {
            values.merge(compiled.exampleValues) { given, _ in given }
        }
        var options = RenderOptions(defaultRegion: request.defaultRegion?.uppercased())
        if let locale = request.locale {
            guard Locale.availableIdentifiers.contains(locale.replacingOccurrences(of: "-", with: "_")) else {
                throw APIError.invalidRequest("`locale`: unknown locale `\(Route.shown(locale))`", fix: "use an identifier such as en_US, tr_TR or th_TH")
            }
            options.locale = Locale(identifier: locale)
        }
        if let name = request.timeZone {
            guard let zone = TimeZone(identifier: name) else {
                throw APIError.invalidRequest("`timeZone`: unknown time zone `\(Route.shown(name))`", fix: "use an IANA name such as Europe/Istanbul or UTC")
            }
            options.timeZone = zone
        }
        let encoding = request.shift.map { EncodingOptions(shiftTables: $0) }
        return .json(RenderReport(template: template, values: values, options: options, encoding: encoding).json)
    }
}

/// The body of `POST /v1/inspect`: the fields of an `inspect --format jsonl` line.
struct InspectRequest: Decodable {
    /// The message body.
    var text: String
    /// `true` (punctuation), `false`, `"off"`, `"punctuation"` or `"letters"`.
    var smart: SmartEncoding?
    /// NFC normalization (default true).
    var normalize: Bool?
    /// Shift tables, `"tr,es"` or `["tr", "es"]`.
    var shift: Set<NationalLanguage>?

    init(from decoder: any Decoder) throws {
        let c = try JSONBody.container(decoder, known: ["text", "smart", "normalize", "shift"])
        text = try c.decode(String.self, forKey: JSONKey("text"))
        normalize = try c.decodeIfPresent(Bool.self, forKey: JSONKey("normalize"))
        smart = try JSONBody.smartEncoding(c, key: JSONKey("smart"))
        shift = try JSONBody.languages(c, key: JSONKey("shift"))
    }
}

/// The body of `POST /v1/render`.
struct RenderRequest: Decodable {
    /// A template of the server, by its path under the templates directory.
    var template: String?
    /// A template given inline.
    var templateSource: String?
    /// The values.
    var variables: [String: TemplateValue]?
    /// Fill missing values from the front matter's examples.
    var examples: Bool?
    /// Locale for case mapping, dates and numbers.
    var locale: String?
    /// Time zone for dates.
    var timeZone: String?
    /// Region for phone values without a country code.
    var defaultRegion: String?
    /// Shift tables for the encoding (default: the template locale's).
    var shift: Set<NationalLanguage>?

    init(from decoder: any Decoder) throws {
        let c = try JSONBody.container(
            decoder, known: ["template", "templateSource", "variables", "examples", "locale", "timeZone", "defaultRegion", "shift"])
        template = try c.decodeIfPresent(String.self, forKey: JSONKey("template"))
        templateSource = try c.decodeIfPresent(String.self, forKey: JSONKey("templateSource"))
        variables = try c.decodeIfPresent([String: TemplateValue].self, forKey: JSONKey("variables"))
        examples = try c.decodeIfPresent(Bool.self, forKey: JSONKey("examples"))
        locale = try c.decodeIfPresent(String.self, forKey: JSONKey("locale"))
        timeZone = try c.decodeIfPresent(String.self, forKey: JSONKey("timeZone"))
        defaultRegion = try c.decodeIfPresent(String.self, forKey: JSONKey("defaultRegion"))
        shift = try JSONBody.languages(c, key: JSONKey("shift"))
    }
}
