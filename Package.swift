// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Preflight",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Preflight", targets: ["Preflight"]),
        .library(name: "SMSEncoding", targets: ["SMSEncoding"]),
        .library(name: "SMSTemplates", targets: ["SMSTemplates"]),
        .library(name: "SMSPolicy", targets: ["SMSPolicy"]),
        .library(name: "SMSLinks", targets: ["SMSLinks"]),
        .library(name: "SMSProviders", targets: ["SMSProviders"]),
        .library(name: "PhoneNumbers", targets: ["PhoneNumbers"]),
        .library(name: "PreflightCore", targets: ["PreflightCore"]),
        .executable(name: "preflight", targets: ["preflight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System ICU: link flags only. No Swift module imports it (see DEVELOPERS.md).
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        // The only place that includes <unicode/*.h>; its public headers use plain C types.
        .target(name: "ICUShim", dependencies: ["CICU"]),
        // C API over Google's libphonenumber (C++); the only place that includes <phonenumbers/*.h>.
        .target(name: "PhoneShim", linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("protobuf")]),
        .target(name: "PreflightCore"),
        // The shipped rule files in Rules/, embedded in the code (no bundle lookup at run time).
        .target(
            name: "ShippedRules", path: "Rules", exclude: ["README.md", "providers/README.md"],
            resources: [
                .embedInCode("countries.yaml"), .embedInCode("policy.yaml"), .embedInCode("tlds.txt"), .embedInCode("pricing.yaml"),
                // Provider definitions (SMSProviders), one entry per file.
                .embedInCode("providers/africastalking.yaml"),
                .embedInCode("providers/antryk.yaml"),
                .embedInCode("providers/aws-sms.yaml"),
                .embedInCode("providers/aws-sns.yaml"),
                .embedInCode("providers/azure.yaml"),
                .embedInCode("providers/bandwidth.yaml"),
                .embedInCode("providers/bird.yaml"),
                .embedInCode("providers/clickatell.yaml"),
                .embedInCode("providers/infobip.yaml"),
                .embedInCode("providers/me-sms.yaml"),
                .embedInCode("providers/pingram.yaml"),
                .embedInCode("providers/plivo.yaml"),
                .embedInCode("providers/sinch.yaml"),
                .embedInCode("providers/skycore.yaml"),
                .embedInCode("providers/telnyx.yaml"),
                .embedInCode("providers/textmagic.yaml"),
                .embedInCode("providers/twilio.yaml"),
                .embedInCode("providers/vonage-messages.yaml"),
                .embedInCode("providers/vonage.yaml"),
            ]
        ),
        // One reader's guards for every YAML data file: refused alias keys, bounded expansion, positioned errors.
        .target(name: "YAMLSupport", dependencies: ["PreflightCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "SMSEncoding", dependencies: ["PreflightCore", "ICUShim"]),
        .target(name: "PhoneNumbers", dependencies: ["PreflightCore", "PhoneShim", "ICUShim"]),
        .target(
            name: "SMSTemplates",
            dependencies: ["PreflightCore", "SMSEncoding", "PhoneNumbers", "YAMLSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SMSLinks",
            dependencies: ["PreflightCore", "SMSEncoding", "ICUShim", "ShippedRules", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "SMSPolicy",
            dependencies: [
                "PreflightCore", "SMSEncoding", "PhoneNumbers", "SMSLinks", "ShippedRules", "YAMLSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SMSProviders",
            dependencies: [
                "PreflightCore", "PhoneNumbers", "ShippedRules", "YAMLSupport", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Preflight",
            dependencies: [
                "PreflightCore", "SMSEncoding", "PhoneNumbers", "SMSTemplates", "SMSLinks", "SMSPolicy", "SMSProviders",
                "ShippedRules", "YAMLSupport", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The HTTP service (`preflight serve`): routes, auth, limits, metrics, reload, the playground page.
        .target(
            name: "PreflightServer",
            dependencies: ["Preflight", .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.embedInCode("openapi.yaml"), .embedInCode("playground.html")]
        ),
        .executableTarget(
            name: "preflight",
            dependencies: [
                "Preflight",
                "PreflightServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (not in any product).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PreflightCoreTests", dependencies: ["PreflightCore"]),
        .testTarget(name: "YAMLSupportTests", dependencies: ["YAMLSupport"]),
        .testTarget(name: "SMSEncodingTests", dependencies: ["SMSEncoding", "TestSupport"]),
        .testTarget(name: "PhoneNumbersTests", dependencies: ["PhoneNumbers", "TestSupport"]),
        .testTarget(name: "SMSTemplatesTests", dependencies: ["SMSTemplates"]),
        .testTarget(name: "SMSLinksTests", dependencies: ["SMSLinks"]),
        .testTarget(name: "SMSPolicyTests", dependencies: ["SMSPolicy"]),
        .testTarget(name: "SMSProvidersTests", dependencies: ["SMSProviders"]),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight"], exclude: ["Golden"]),
        .testTarget(name: "PreflightCLITests", dependencies: ["preflight"]),
        .testTarget(
            name: "PreflightServerTests",
            dependencies: [
                "PreflightServer", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    cxxLanguageStandard: .cxx17
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
