import Foundation
import Preflight

/// The service's counters, rendered in the Prometheus text exposition format (version 0.0.4).
///
/// - `preflight_http_requests_total{route, method, status}`: requests answered.
/// - `preflight_http_request_duration_seconds{route}`: a histogram of the time to answer.
/// - `preflight_check_verdicts_total{verdict}`: verdicts of `/v1/check` and `/v1/payload`.
/// - `preflight_check_findings_total{code, severity}`: their findings by diagnostic code.
/// - `preflight_rules_generation`, `preflight_rules_loaded_timestamp_seconds`,
///   `preflight_rules_reloads_total{result}`: the rules in force and the reloads.
///
/// Unknown paths are counted under the route `unmatched`, so clients cannot grow the label set.
final class Metrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct FindingKey: Hashable {
        var code: String
        var severity: String
    }

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var durations: [String: Histogram] = [:]
    private var verdicts: [Verdict: Int] = [:]
    private var findings: [FindingKey: Int] = [:]
    private var reloads: [String: Int] = ["ok": 0, "failed": 0]

    /// Counts one answered request.
    func record(route: String, method: String, status: Int, seconds: Double) {
        let bucket = Self.buckets.firstIndex { seconds <= $0 }
        lock.lock()
        defer { lock.unlock() }
        requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
        var histogram = durations[route] ?? Histogram()
        if let bucket { histogram.counts[bucket] += 1 }
        histogram.sum += seconds
        histogram.count += 1
        durations[route] = histogram
    }

    /// Counts a check's verdict and findings.
    func record(_ report: Report) {
        lock.lock()
        defer { lock.unlock() }
        verdicts[report.verdict, default: 0] += 1
        for diagnostic in report.diagnostics {
            findings[FindingKey(code: diagnostic.code, severity: diagnostic.severity.rawValue), default: 0] += 1
        }
    }

    /// Counts a reload.
    func recordReload(succeeded: Bool) {
        lock.lock()
        defer { lock.unlock() }
        reloads[succeeded ? "ok" : "failed", default: 0] += 1
    }

    /// The exposition text.
    func render(engine: Engine) -> String {
        lock.lock()
        let requests = requests, durations = durations, verdicts = verdicts, findings = findings, reloads = reloads
        lock.unlock()
        var out = Exposition()
        out.family("preflight_http_requests_total", .counter, "HTTP requests answered, by route, method and status.")
        for (key, value) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out.sample("preflight_http_requests_total", ["route": key.route, "method": key.method, "status": "\(key.status)"], Double(value))
        }
        out.family("preflight_http_request_duration_seconds", .histogram, "Time to answer a request, by route.")
        for (route, histogram) in durations.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, histogram.counts) {
                cumulative += count
                out.sample("preflight_http_request_duration_seconds_bucket", ["route": route, "le": Self.number(bound)], Double(cumulative))
            }
            out.sample("preflight_http_request_duration_seconds_bucket", ["route": route, "le": "+Inf"], Double(histogram.count))
            out.sample("preflight_http_request_duration_seconds_sum", ["route": route], histogram.sum)
            out.sample("preflight_http_request_duration_seconds_count", ["route": route], Double(histogram.count))
        }
        out.family("preflight_check_verdicts_total", .counter, "Verdicts of checked send requests.")
        for verdict in Verdict.allCases {
            out.sample("preflight_check_verdicts_total", ["verdict": verdict.rawValue], Double(verdicts[verdict] ?? 0))
        }
        out.family("preflight_check_findings_total", .counter, "Findings of checked send requests, by diagnostic code and severity.")
        for (key, value) in findings.sorted(by: { ($0.key.code, $0.key.severity) < ($1.key.code, $1.key.severity) }) {
            out.sample("preflight_check_findings_total", ["code": key.code, "severity": key.severity], Double(value))
        }
        out.family("preflight_rules_generation", .gauge, "Generation of the rules in force (1 at start, +1 per successful reload).")
        out.sample("preflight_rules_generation", [:], Double(engine.generation))
        out.family("preflight_rules_loaded_timestamp_seconds", .gauge, "When the rules in force were loaded (Unix time).")
        out.sample("preflight_rules_loaded_timestamp_seconds", [:], engine.loadedAt.timeIntervalSince1970)
        out.family("preflight_rules_reloads_total", .counter, "Reloads of rules and templates, by result.")
        for (result, value) in reloads.sorted(by: { $0.key < $1.key }) {
            out.sample("preflight_rules_reloads_total", ["result": result], Double(value))
        }
        return out.text
    }

    /// Text in the exposition format: a `# HELP` and `# TYPE` pair per family, then its samples.
    struct Exposition {
        enum Kind: String { case counter, gauge, histogram }

        private(set) var text = ""

        init() { text.reserveCapacity(4096) }

        mutating func family(_ name: String, _ kind: Kind, _ help: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
        }

        /// A sample; labels in the order given (`route` first, `le` last, as Prometheus writes them).
        mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Double) {
            text += name
            if labels.count > 0 {
                text += "{" + labels.map { "\($0.key)=\"\(Metrics.escape($0.value))\"" }.joined(separator: ",") + "}"
            }
            text += " \(Metrics.number(value))\n"
        }
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A sample value: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
