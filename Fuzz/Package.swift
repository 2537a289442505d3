// swift-tools-version:6.1
// Coverage-guided fuzzing (libFuzzer) of Preflight's readers of untrusted input, in its own
// package so that library users never build it. Run with `make fuzz` (see the README).
import PackageDescription

let package = Package(
    name: "PreflightFuzz",
    dependencies: [
        .package(name: "Preflight", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "PreflightFuzz",
            dependencies: [
                .product(name: "Preflight", package: "Preflight"),
                .product(name: "SMSEncoding", package: "Preflight"),
                .product(name: "SMSTemplates", package: "Preflight"),
                .product(name: "SMSPolicy", package: "Preflight"),
                .product(name: "SMSProviders", package: "Preflight"),
                .product(name: "PreflightCore", package: "Preflight"),
            ]
        ),
    ]
)
