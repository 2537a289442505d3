import ArgumentParser
import Foundation
import Preflight

/// `preflight payload`: the whole check, then the exact HTTP requests for a provider.
struct Payload: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a send request, then print the provider's ready-to-send HTTP requests.",
        discussion: """
            Credentials are ${NAME} placeholders unless --resolve-env reads them from the \
            environment. Provider settings (serviceId, accountSid, region…) come from the \
            request's account.settings or a --settings file. Exit codes: 0 requests printed \
            (warnings possible), 1 the check blocks or the provider cannot take the message, \
            2 usage, request, rules or provider file errors, unknown provider.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, curl, http
    }

    @Argument(help: "The request file (JSON); '-' for standard input.")
    var request: String

    @Option(name: .long, help: ArgumentHelp("The provider (see `preflight providers`); default: the request's provider.", valueName: "name"))
    var provider: String?

    @Option(name: .long, help: "Output: json (the contract), curl (shell commands) or http (.http file).")
    var format: Format = .json

    @OptionGroup var rules: RulesOptions

    @OptionGroup var linkStore: LinkStoreOptions

    @OptionGroup var providers: ProvidersOptions

    @Option(name: .long, help: ArgumentHelp("A YAML or JSON file of provider settings: {provider: {setting: value}}.", valueName: "file"))
    var settings: String?

    @Flag(name: .customLong("resolve-env"), help: "Read the credentials from environment variables of the same names (signs AWS and Azure requests).")
    var resolveEnv = false

    @Option(name: .long, help: ArgumentHelp("The current time (ISO 8601 with offset); default now.", valueName: "time"))
    var now: String?

    func run() throws {
        let sendRequest = try RequestInput.sendRequest(path: request)
        guard let name = provider ?? sendRequest.provider else {
            throw CommandFailure("no provider: the request has no `provider` and --provider is not given",
                                 fix: "add --provider NAME (see `preflight providers`)")
        }
        let registry = try providers.registry()
        guard let definition = registry.provider(named: name) else {
            throw CommandFailure("unknown provider `\(name)` [\(ProviderCode.unknown)]", fix: ProvidersOptions.hint(for: name, in: registry))
        }
        let fileSettings = try loadSettings()[definition.name] ?? [:]
        let instant = try RequestInput.instant(now: now)
        let credentials = resolveEnv ? ProviderCredentials.environment(definition.credentials) : nil
        let prepared = try rules.preflight(linkStore: linkStore, providers: registry)
            .prepare(sendRequest, provider: definition, settings: fileSettings, credentials: credentials, now: instant)
        let requests = prepared.isReady ? prepared.payload?.requests ?? [] : []
        switch format {
        case .json:
            var w = JSONWriter(reservingCapacity: 1024)
            w.beginObject()
            w.field("provider", definition.name)
            w.key("requests")
            w.beginArray()
            for spec in requests { spec.writeJSON(into: &w) }
            w.endArray()
            w.key("diagnostics")
            prepared.diagnostics.writeJSON(into: &w)
            w.endObject()
            Output.line(w.string)
        case .curl, .http:
            if !prepared.diagnostics.isEmpty {
                Output.stderr(DiagnosticText.format(prepared.diagnostics, color: Terminal.colorEnabled(fd: 2)) + "\n")
            }
            if !requests.isEmpty {
                let texts = requests.map { format == .curl ? $0.curlCommand : $0.httpMessage }
                Output.line(texts.joined(separator: format == .curl ? "\n\n" : "\n\n###\n\n"))
            }
        }
        if !prepared.isReady {
            let reason = prepared.report.verdict == .block ? "the check blocks this message" : "\(definition.name) cannot take this message"
            throw CommandFailure(reason, fix: "fix the findings listed " + (format == .json ? "under \"diagnostics\"" : "above"), code: 1)
        }
    }

    /// The settings file, by provider.
    private func loadSettings() throws -> [String: [String: String]] {
        guard let settings else { return [:] }
        let text: String
        do { text = try TextInput.read(path: settings, limit: 1 << 20) } catch { throw CommandFailure(error) }
        do { return try ProviderSettingsFile.decode(text, file: settings) } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics, sources: [settings: text]) + "\n")
            throw CommandFailure("the settings file has \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")",
                                 fix: "fix the problems listed above")
        }
    }
}
