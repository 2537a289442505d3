import Benchmark
import PhoneNumbers

/// Recipients as services send them: E.164 from ten countries (NANP numbers cost the most,
/// because libphonenumber tries each NANP region in turn).
let mixed = [
    "+14155552671", "+16135550123", "+66812345678", "+447400123456", "+4915123456789",
    "+33612345678", "+919876543210", "+5511987654321", "+61412345678", "+8613800138000",
]

/// A list file of `count` strict E.164 numbers (`+` and 11-13 digits) from six countries.
func e164List(_ count: Int) -> [UInt8] {
    let prefixes = ["+1415", "+44740", "+6681", "+4915", "+3361", "+9198"]
    var text: [UInt8] = []
    text.reserveCapacity(count * 15)
    for i in 0..<count {
        text.append(contentsOf: prefixes[i % prefixes.count].utf8)
        let digits = String(i)
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 7 - digits.count))
        text.append(contentsOf: digits.utf8)
        text.append(0x0A)
    }
    return text
}

/// A list file of `count` Thai national numbers (`081 234 5678` style), all through libphonenumber.
func nationalList(_ count: Int) -> [UInt8] {
    var text: [UInt8] = []
    for i in 0..<count {
        let digits = String(i)
        text.append(contentsOf: ("081 " + String(repeating: "0", count: 7 - digits.count) + digits + "\n").utf8)
    }
    return text
}

/// `count` distinct numbers in the recipient spellings of `make recipients` (`+44…`, `+34 654 …`,
/// `+49-151-…`): all on phone_parse's fast path, none repeated, so nothing is cached.
func distinctRecipients(_ count: Int) -> [String] {
    let shapes = ["+44 7400 ", "+1 415-5", "+49-151-2", "+33 6 12 ", "+91 9876 ", "+34 654.", "+61 412 "]
    return (0..<count).map { i in
        let digits = String(i)
        return shapes[i % shapes.count] + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    let parser = PhoneNumberParser()

    Benchmark("parse E.164, 10 countries") { benchmark in
        for i in benchmark.scaledIterations { blackHole(try? parser.parse(mixed[i % mixed.count])) }
    }
    let distinct = distinctRecipients(100_000)
    Benchmark("parse 100k distinct recipients (fast path)") { benchmark in
        for i in benchmark.scaledIterations { blackHole(try? parser.parse(distinct[i % distinct.count])) }
    }
    Benchmark("parse Thai mobile") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? parser.parse("+66812345678")) }
    }
    Benchmark("parse national 081 234 5678 (TH)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? parser.parse("081 234 5678", defaultRegion: "TH")) }
    }
    Benchmark("check E.164, 10 countries") { benchmark in
        for i in benchmark.scaledIterations { blackHole(parser.check(mixed[i % mixed.count])) }
    }

    let listConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 10)
    let million = e164List(1_000_000)
    Benchmark("NumberList load 1M E.164", configuration: listConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? NumberList(bytes: million, source: "bench.txt"))
        }
    }
    let national = nationalList(100_000)
    Benchmark("NumberList load 100k national (TH)", configuration: listConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? NumberList(bytes: national, source: "bench.txt", defaultRegion: "TH"))
        }
    }

    let list = try! NumberList(bytes: million, source: "bench.txt")
    let probes = try! mixed.map { try parser.parse($0) } + [try! parser.parse("+66810012345")]
    Benchmark("NumberList lookup (1M entries)") { benchmark in
        for i in benchmark.scaledIterations { blackHole(list.contains(probes[i % probes.count])) }
    }
}
