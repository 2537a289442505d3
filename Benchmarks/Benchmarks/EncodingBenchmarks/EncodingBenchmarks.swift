import Benchmark
import SMSEncoding

/// 150-character bodies: a GSM-7 notice (1 part) and a Cyrillic one (UCS-2, 3 parts).
let gsm150 = String(String(repeating: "Your parcel 4821 is out for delivery today between 10:00 and 14:00. Track it or change the slot at example.com/t/4821. Reply STOP to opt out. ", count: 2).prefix(150))
let ucs150 = String(String(repeating: "Ваша посылка 4821 будет доставлена сегодня с 10:00 до 14:00. Отследить: example.com/t/4821 ", count: 3).prefix(150))
let gsm1600 = String(repeating: "0123456789", count: 160)
let ucs1600 = String(repeating: "Привет мир", count: 160)
let megabyte = String(repeating: "a", count: 1 << 20)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    precondition(gsm150.count == 150 && ucs150.count == 150)

    let encoder = SMSEncoder()
    let smart = SMSEncoder(options: EncodingOptions(smart: .punctuation))

    Benchmark("analyze GSM-7 150 chars") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoder.analyze(gsm150)) }
    }
    Benchmark("analyze UCS-2 150 chars") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoder.analyze(ucs150)) }
    }
    Benchmark("analyze GSM-7 150 chars, smart") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(smart.analyze(gsm150)) }
    }
    Benchmark("analyze GSM-7 1600 chars") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoder.analyze(gsm1600)) }
    }
    Benchmark("analyze UCS-2 1600 chars") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoder.analyze(ucs1600)) }
    }
    Benchmark("analyze GSM-7 1 MiB", configuration: .init(scalingFactor: .one, maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoder.analyze(megabyte)) }
    }
}
