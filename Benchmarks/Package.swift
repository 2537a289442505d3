// swift-tools-version:6.1
// Benchmarks for Preflight, in their own package so that library users never resolve
// package-benchmark. Run with `make bench` (or `swift package benchmark` in this folder).
import PackageDescription

let package = Package(
    name: "PreflightBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Preflight", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EncodingBenchmarks",
            dependencies: [
                .product(name: "SMSEncoding", package: "Preflight"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EncodingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TemplateBenchmarks",
            dependencies: [
                .product(name: "SMSTemplates", package: "Preflight"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TemplateBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PhoneBenchmarks",
            dependencies: [
                .product(name: "PhoneNumbers", package: "Preflight"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PhoneBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LinkBenchmarks",
            dependencies: [
                .product(name: "SMSLinks", package: "Preflight"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LinkBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CheckBenchmarks",
            dependencies: [
                .product(name: "Preflight", package: "Preflight"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CheckBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
