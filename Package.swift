// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Preflight",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Preflight", targets: ["Preflight"]),
        .library(name: "SMSEncoding", targets: ["SMSEncoding"]),
        .library(name: "PreflightCore", targets: ["PreflightCore"]),
        .executable(name: "preflight", targets: ["preflight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System ICU: link flags only. No Swift module imports it (see DEVELOPERS.md).
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        // The only place that includes <unicode/*.h>; its public header uses plain C types.
        .target(name: "ICUShim", dependencies: ["CICU"]),
        .target(name: "PreflightCore"),
        .target(name: "SMSEncoding", dependencies: ["PreflightCore", "ICUShim"]),
        .target(name: "Preflight", dependencies: ["PreflightCore", "SMSEncoding"]),
        .executableTarget(
            name: "preflight",
            dependencies: [
                "Preflight",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PreflightCoreTests", dependencies: ["PreflightCore"]),
        .testTarget(name: "SMSEncodingTests", dependencies: ["SMSEncoding"]),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight"]),
        .testTarget(name: "PreflightCLITests", dependencies: ["preflight"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
