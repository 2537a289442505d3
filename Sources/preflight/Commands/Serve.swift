import ArgumentParser
import Foundation
import Preflight
import PreflightServer

/// `preflight serve`: the pre-send check as an HTTP service, with the playground page at `/`.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the pre-send check over HTTP (JSON API, metrics, playground page).",
        discussion: """
            Routes: POST /v1/check, /v1/inspect, /v1/render, /v1/payload, /v1/estimate (CSV, \
            streamed), /v1/reload; GET \
            /v1/providers, /v1/rules, /healthz, /metrics, /openapi.yaml and the playground at /. \
            Rules, templates, providers and prices are compiled at start; SIGHUP or POST /v1/reload loads \
            them again (a broken file keeps the old ones). Payloads carry credential placeholders, \
            never secrets. \
            SIGTERM or SIGINT stops gracefully. Exit codes: 0 stopped, 2 usage errors or rules, \
            templates, token file or port that cannot be used.
            """
    )

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The TCP port (0 picks a free one).")
    var port = 8080

    @OptionGroup var rules: RulesOptions

    @Option(name: .long, help: ArgumentHelp("A directory of .sms templates that requests may name in `template`.", valueName: "dir"))
    var templates: String?

    @OptionGroup var linkStore: LinkStoreOptions

    @OptionGroup var providers: ProvidersOptions

    @Option(name: .customLong("provider-settings"), help: ArgumentHelp(
        "A YAML or JSON file of provider settings that are not secrets: {provider: {setting: value}}.", valueName: "file"))
    var providerSettings: String?

    @Option(name: .long, help: ArgumentHelp("A price list (YAML) for POST /v1/estimate instead of the shipped sample prices.", valueName: "file"))
    var pricing: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp(
        "A file of bearer tokens, one per line; every route but /, /openapi.yaml and /healthz then needs one.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("body-limit"), help: ArgumentHelp("The largest request body in bytes (POST /v1/estimate excepted).", valueName: "bytes"))
    var bodyLimit = 1 << 20

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a request body may take to arrive.", valueName: "seconds"))
    var requestTimeout = 30

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds without traffic before a connection is closed (also in the middle of a body).", valueName: "seconds"))
    var idleTimeout = 60

    @Option(name: .customLong("log-level"), help: "trace, debug (every request), info, notice, warning, error or critical.")
    var logLevel: LogLevel = .info

    @Option(name: .customLong("log-format"), help: "text or json (one object per line).")
    var logFormat: LogFormat = .text

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard bodyLimit >= 1024 else { throw ValidationError("--body-limit must be at least 1024 bytes") }
        guard requestTimeout >= 1, idleTimeout >= 1 else { throw ValidationError("timeouts must be at least 1 second") }
    }

    func run() throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.rulesDirectory = rules.rules
        configuration.templatesDirectory = templates
        configuration.linksDatabase = linkStore.path
        configuration.providersDirectory = providers.directory
        configuration.providerSettingsFile = providerSettings
        configuration.pricingFile = pricing
        configuration.limits.bodyBytes = bodyLimit
        configuration.limits.requestTimeout = .seconds(requestTimeout)
        configuration.limits.idleTimeout = .seconds(idleTimeout)
        configuration.log = LogOptions(level: logLevel, format: logFormat)
        if let tokenFile {
            do { configuration.tokens = try BearerTokens(contentsOf: tokenFile) } catch {
                throw CommandFailure(error.message, fix: error.fix)
            }
        }
        let server: PreflightServer
        do { server = try PreflightServer(configuration: configuration) } catch {
            if !error.diagnostics.isEmpty { Output.stderr(DiagnosticText.format(error.diagnostics) + "\n") }
            throw CommandFailure(error.message, fix: "fix the files listed above, or check the --rules, --templates, --providers, --provider-settings, --pricing and --links-db paths")
        }
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await server.run() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw CommandFailure("the server stopped: \(error)", fix: "check that \(host):\(port) is free and that this user may listen on it")
        }
    }
}

/// The error the server task ended with, handed back to the command's thread.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func set(_ error: any Error) {
        lock.lock()
        stored = error
        lock.unlock()
    }
}

extension LogLevel: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
