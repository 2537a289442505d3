import Benchmark
import Foundation
import Preflight

/// Full pre-send checks through the facade with a compiled policy: phone parse (libphonenumber),
/// encoding, every policy check. A 150-character GSM-7 body to a UK mobile with a sender ID.
let body = String(String(repeating: "Your parcel 4821 is out for delivery today between 10:00 and 14:00. Track it at acme.example/t/4821. Reply STOP to opt out. ", count: 2).prefix(150))

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    let preflight = try! Preflight(rules: RuleSet.shipped())
    let now = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23 12:00 UTC
    var request = SendRequest(to: ["+447400123456"], body: body)
    request.senderMask = "ACME"

    Benchmark("check, repeated recipient (phone cache hit)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(preflight.check(request, now: now)) }
    }
    Benchmark("check and its JSON report (the work of POST /v1/check)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(preflight.check(request, now: now).json) }
    }
    Benchmark("check, a new recipient every time (a new phone number each time)", configuration: .init(scalingFactor: .one, maxIterations: 100_000)) { benchmark in
        var n = 7_400_000_000 + Int.random(in: 0..<50_000_000)
        for _ in benchmark.scaledIterations {
            n += 1
            var r = request
            r.to = ["+44\(n)"]
            blackHole(preflight.check(r, now: now))
        }
    }
    Benchmark("phone parse alone (+ and digits: the fast path over libphonenumber metadata)", configuration: .init(scalingFactor: .one, maxIterations: 100_000)) { benchmark in
        let parser = PhoneNumberParser()
        for _ in benchmark.scaledIterations { blackHole(try? parser.parse("+447400123456")) }
    }
}
