import ArgumentParser
import Foundation
import Preflight

/// `preflight providers`: every provider with its capabilities and limits.
struct Providers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the providers `preflight payload` knows, with their capabilities and limits.",
        discussion: "Exit codes: 0 success; 2 usage errors or provider files with errors (listed with file:line:column)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Only these providers (default: all).")
    var names: [String] = []

    @OptionGroup var providers: ProvidersOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let registry = try providers.registry()
        var selected: [ProviderDefinition] = []
        for name in names {
            guard let definition = registry.provider(named: name) else {
                throw CommandFailure("unknown provider `\(name)` [\(ProviderCode.unknown)]", fix: ProvidersOptions.hint(for: name, in: registry))
            }
            selected.append(definition)
        }
        if names.isEmpty { selected = registry.providers }
        switch format {
        case .text:
            Output.line(selected.map(\.summary).joined(separator: "\n\n"))
        case .json:
            var w = JSONWriter(reservingCapacity: 16 * 1024)
            w.beginArray()
            for definition in selected { definition.writeJSON(into: &w) }
            w.endArray()
            Output.line(w.string)
        }
    }
}

/// `--providers DIR`: provider files that add to or replace the shipped ones.
struct ProvidersOptions: ParsableArguments {
    @Option(name: .customLong("providers"), help: ArgumentHelp("A directory of provider files (*.yaml) that add to or replace the shipped providers.", valueName: "dir"))
    var directory: String?

    /// The shipped providers with `--providers` over them.
    func registry() throws -> ProviderRegistry {
        do {
            let shipped = try ProviderRegistry.shipped()
            guard let directory else { return shipped }
            return try shipped.adding(directory: URL(fileURLWithPath: directory))
        } catch {
            var sources: [String: String] = [:]
            for file in Set(error.diagnostics.compactMap { $0.location?.file }) {
                sources[file] = try? TextInput.read(path: file, limit: ProviderRegistry.maximumFileSize)
            }
            Output.stderr(DiagnosticText.format(error.diagnostics, sources: sources, color: Terminal.colorEnabled(fd: 2)) + "\n")
            throw CommandFailure("the provider files have \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")",
                                 fix: "fix the problems listed above")
        }
    }

    /// The fix for an unknown provider name: the nearest known name and the list.
    static func hint(for name: String, in registry: ProviderRegistry) -> String {
        (registry.suggestion(for: name).map { "did you mean `\($0)`? " } ?? "") + "known providers: \(registry.names.joined(separator: ", "))"
    }
}
