import Benchmark
import SMSTemplates

/// A 120-character template with three variables, as the issue specifies.
let source = "Hi <<first_name | default:\"there\">>, your order <<order_id>> ships today. Track: acme.example/t/<<code>>. Reply STOP now"
let values: [String: TemplateValue] = ["first_name": .string("Ana"), "order_id": .string("A-20931"), "code": .string("x7Kp2Q")]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    precondition(source.count == 120, "template is \(source.count) characters")
    let template = try! Template(source: source)

    Benchmark("render 120-char template, 3 variables") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! template.render(values)) }
    }
    Benchmark("compile 120-char template, 3 variables") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! Template(source: source)) }
    }
    Benchmark("analyze shipped-size template (worst case)", configuration: .init(scalingFactor: .one, maxIterations: 10_000)) { benchmark in
        let declared = try! Template(source: "---\nvariables:\n  first_name: {maxLength: 20}\n  order_id: {maxLength: 12, charset: gsm}\n  code: {maxLength: 8, charset: gsm}\n---\n" + source)
        for _ in benchmark.scaledIterations { blackHole(declared.analyze()) }
    }
}
