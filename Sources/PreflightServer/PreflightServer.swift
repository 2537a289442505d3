import Foundation
import Hummingbird
import Logging
import Preflight
import ServiceLifecycle
import UnixSignals

/// How `preflight serve` runs: where it listens, what it loads, who may call it and its limits.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (default loopback only).
    public var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one.
    public var port = 8080
    /// A rules directory laid over the shipped rules (`--rules`).
    public var rulesDirectory: String?
    /// A directory of `*.sms` templates that requests may name (`--templates`).
    public var templatesDirectory: String?
    /// Provider files that add to or replace the shipped ones (`--providers`).
    public var providersDirectory: String?
    /// Provider settings that are not secrets, `{provider: {setting: value}}` (`--provider-settings`);
    /// a request's `account.settings` win over them.
    public var providerSettingsFile: String?
    /// A price list for estimates (`--pricing`; default the shipped sample prices).
    public var pricingFile: String?
    /// The SQLite link store for click tracking (`--links-db`; default the policy's `links.database`, else memory).
    public var linksDatabase: String?
    /// The accepted bearer tokens; nil serves without authentication.
    public var tokens: BearerTokens?
    /// Size and time limits.
    public var limits = Limits()
    /// Log level and format.
    public var log = LogOptions()

    /// Size and time limits of requests and connections.
    public struct Limits: Sendable, Hashable {
        /// The largest request body, in bytes (1 MiB); `POST /v1/estimate` streams and has none.
        public var bodyBytes = 1 << 20
        /// How long a request body may take to arrive.
        public var requestTimeout: Duration = .seconds(30)
        /// How long a connection may stay idle before the server closes it.
        public var idleTimeout: Duration = .seconds(60)

        /// The defaults.
        public init() {}
    }

    /// The defaults: loopback port 8080, shipped rules, no templates, no tokens.
    public init() {}
}

/// Log level and line format.
public struct LogOptions: Sendable, Hashable {
    /// The least severe level written.
    public var level: LogLevel = .info
    /// `text` (swift-log's stream format) or `json` (one object per line).
    public var format: LogFormat = .text

    /// The defaults: info, text.
    public init(level: LogLevel = .info, format: LogFormat = .text) {
        self.level = level
        self.format = format
    }
}

/// A log level (swift-log's).
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    /// Every request and more.
    case trace
    /// Every request.
    case debug
    /// Refused requests, start and stop.
    case info
    /// Reloads.
    case notice
    /// Failed reloads.
    case warning
    /// Failures to answer.
    case error
    /// Failures that stop the server.
    case critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}

/// The format of log lines.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// swift-log's stream format, `2026-11-23T12:00:00+0000 info preflight: key=value [source] message`.
    case text
    /// `{"time": …, "level": …, "message": …, "metadata": …}`.
    case json
}

/// The pre-send check as an HTTP service (Hummingbird 2): the routes of ``Route``, bearer-token
/// authentication, body limits, Prometheus metrics, atomic reloads and the playground page.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.rulesDirectory = "Rules"
/// let server = try PreflightServer(configuration: configuration)
/// try await server.run()   // until SIGTERM or SIGINT; SIGHUP reloads the rules
/// ```
public struct PreflightServer: Sendable, CustomStringConvertible {
    /// The configuration.
    public let configuration: ServerConfiguration
    let store: EngineStore
    let metrics = Metrics()
    let logger: Logger

    /// Loads the rules and templates and opens the link store.
    /// - Parameters:
    ///   - configuration: the configuration.
    ///   - logger: where logs go (default: standard error in the configured format and level).
    /// - Throws: ``LoadError`` when the rules, the number lists, the templates or the link store
    ///   do not load.
    public init(configuration: ServerConfiguration, logger: Logger? = nil) throws(LoadError) {
        self.configuration = configuration
        self.logger = logger ?? Self.makeLogger(configuration.log)
        var store: (any LinkStore)?
        if let path = configuration.linksDatabase { store = try Self.openLinkStore(path) }
        var loader = EngineLoader(
            rulesDirectory: configuration.rulesDirectory, templatesDirectory: configuration.templatesDirectory,
            providersDirectory: configuration.providersDirectory, providerSettingsFile: configuration.providerSettingsFile,
            pricingFile: configuration.pricingFile, linkStore: store)
        var engines = try EngineStore(loader: loader)
        if store == nil, let path = engines.engine.rules.policy.links.database {
            loader.linkStore = try Self.openLinkStore(path)
            engines = try EngineStore(loader: loader)
        }
        self.store = engines
    }

    /// `PreflightServer(127.0.0.1:8080)`.
    public var description: String { "PreflightServer(\(configuration.host):\(configuration.port))" }

    /// The generation of the rules in force: 1 at start, one more per successful reload.
    public var generation: Int { store.engine.generation }

    /// Reloads rules and templates, as `SIGHUP` and `POST /v1/reload` do: on success the new
    /// rules replace the old ones at once; on failure the old ones stay.
    /// - Returns: the new generation, or the reasons the rules did not load.
    public func reload() -> Result<Int, LoadError> {
        switch handlers.reload(trigger: "API", metrics: metrics) {
        case .success(let engine): .success(engine.generation)
        case .failure(let error): .failure(LoadError(message: error.message, diagnostics: error.diagnostics))
        }
    }

    /// The Hummingbird application (tests run it with HummingbirdTesting).
    public func makeApplication() -> some ApplicationProtocol {
        makeApplication(onListening: { _ in })
    }

    func makeApplication(onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let host = configuration.host
        let logger = logger
        let authenticated = configuration.tokens != nil
        let store = store
        return Application(
            responder: ServiceResponder(handlers: handlers, metrics: metrics, tokens: configuration.tokens, limits: configuration.limits),
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Self.nanoseconds(configuration.limits.idleTimeout)))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), backlog: 1024),
            onServerRunning: { channel in
                let engine = store.engine
                let port = channel.localAddress?.port ?? 0
                logger.notice("listening", metadata: [
                    "address": "\(host)", "port": "\(port)", "authentication": "\(authenticated ? "bearer" : "none")",
                    "generation": "\(engine.generation)", "countries": "\(engine.rules.countries.count)", "templates": "\(engine.templates.count)",
                ])
                await onListening(port)
            },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT (graceful: requests under way are answered), reloading on SIGHUP.
    public func run() async throws {
        if configuration.tokens == nil && !Self.isLoopback(configuration.host) {
            logger.warning("serving without authentication on a non-loopback address", metadata: ["address": "\(configuration.host)"])
        }
        try await serviceGroup(shutdownSignals: [.sigterm, .sigint]).run()
        logger.notice("stopped")
    }

    /// The server and the SIGHUP reloader in one service group that shuts down gracefully on `shutdownSignals`.
    func serviceGroup(shutdownSignals: [UnixSignal], onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> ServiceGroup {
        ServiceGroup(configuration: .init(
            services: [makeApplication(onListening: onListening), HangupReloader(server: self)],
            gracefulShutdownSignals: shutdownSignals,
            logger: logger))
    }

    var handlers: Handlers {
        Handlers(store: store, logger: logger, playground: ServerResources.playground, openAPI: ServerResources.openAPI)
    }

    static func openLinkStore(_ path: String) throws(LoadError) -> any LinkStore {
        do { return try SQLiteLinkStore(path: path) } catch {
            throw LoadError(message: "the link store \(path) cannot be opened: \(error.message)", diagnostics: [])
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func makeLogger(_ options: LogOptions) -> Logger {
        var logger = Logger(label: "preflight") { PreflightLogHandler(label: $0, format: options.format) }
        logger.logLevel = options.level.level
        return logger
    }
}

/// Reloads the rules on every SIGHUP until the service group shuts down.
struct HangupReloader: Service, CustomStringConvertible {
    let server: PreflightServer

    var description: String { "SIGHUP reloader" }

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = server.handlers.reload(trigger: "SIGHUP", metrics: server.metrics)
        }
    }
}
