import Foundation
import Hummingbird
import Preflight

extension Handlers {
    /// `POST /v1/payload`: the object of `preflight payload --format json` — `provider`,
    /// `requests` (empty when the check blocks or the provider cannot take the message) and
    /// `diagnostics` — with status 200 either way. Credentials stay `${NAME}` placeholders: the
    /// server never puts a secret in an answer.
    func payload(_ body: ByteBuffer, outcome: inout ServiceResponder.Outcome, metrics: Metrics) throws(APIError) -> Response {
        let engine = store.engine
        let request = try Self.sendRequest(body, engine: engine)
        let definition = try engine.provider(named: request.provider)
        let prepared = engine.preflight.prepare(
            request, provider: definition, settings: engine.providerSettings[definition.name] ?? [:], credentials: nil, now: Date())
        metrics.record(prepared.report)
        outcome.verdict = prepared.report.verdict
        outcome.codes = prepared.diagnostics.map(\.code)
        var w = JSONWriter(reservingCapacity: 2048)
        w.beginObject()
        w.field("provider", definition.name)
        w.key("requests")
        w.beginArray()
        if prepared.isReady {
            for spec in prepared.payload?.requests ?? [] { spec.writeJSON(into: &w) }
        }
        w.endArray()
        w.key("diagnostics")
        prepared.diagnostics.writeJSON(into: &w)
        w.endObject()
        return .json(w.string)
    }

    /// `GET /v1/providers`: the array of `preflight providers --format json`.
    func providers() -> Response {
        .json(store.engine.providersJSON)
    }
}
