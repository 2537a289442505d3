import ArgumentParser
import Foundation
import Preflight

/// `preflight check`: the whole pre-send check of one request.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a send request (JSON) against the rules: verdict, findings, text and parts.",
        discussion: """
            The request format is in the README. Exit codes: 0 pass or warn, 1 block, 2 usage, \
            request or rules errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The request file (JSON); '-' for standard input.")
    var request: String

    @OptionGroup var rules: RulesOptions

    @OptionGroup var linkStore: LinkStoreOptions

    @OptionGroup var providers: ProvidersOptions

    @Option(name: .long, help: ArgumentHelp("The send time when the request has no scheduledAt (ISO 8601 with offset); default now.", valueName: "time"))
    var now: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let sendRequest = try RequestInput.sendRequest(path: request)
        let instant = try RequestInput.instant(now: now)
        let preflight = try rules.preflight(linkStore: linkStore, providers: providers.registry())
        let report = preflight.check(sendRequest, now: instant)
        switch format {
        case .json: Output.line(report.json)
        case .text: Output.line(report.humanDescription(color: Terminal.colorEnabled(fd: 1)))
        }
        if report.verdict == .block { throw ExitCode(1) }
    }
}

/// The send request file and the `--now` time of `check` and `payload`.
enum RequestInput {
    /// The request in a JSON file (`-` for standard input).
    static func sendRequest(path: String) throws -> SendRequest {
        let text: String
        do { text = try TextInput.read(path: path) } catch { throw CommandFailure(error) }
        do { return try RequestError.decode(Data(text.utf8), source: path) } catch {
            throw CommandFailure(error.message, fix: error.fix)
        }
    }

    /// `--now` (RFC 3339 with an offset), or the current time.
    static func instant(now: String?) throws -> Date {
        guard let now else { return Date() }
        guard let date = Preflight.instant(now) else {
            throw CommandFailure("--now '\(now)' is not a date and time that exists, with an offset (RFC 3339)", fix: "write it as 2026-11-23T14:30:00+01:00")
        }
        return date
    }
}

/// `--rules DIR`: a user's rules laid over the shipped ones.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory with countries.yaml and/or policy.yaml laid over the shipped rules.", valueName: "dir"))
    var rules: String?

    /// The rule set: shipped, with `--rules` over it.
    func ruleSet() throws -> RuleSet {
        do {
            let shipped = try RuleSet.shipped()
            guard let rules else { return shipped }
            return try RuleSet.load(directory: URL(fileURLWithPath: rules), over: shipped)
        } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics) + "\n")
            throw CommandFailure("the rules have \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")",
                                 fix: "fix the rule files listed above")
        }
    }

    /// A compiled pre-send check over ``ruleSet()``, with the link store `--links-db` (or the
    /// policy's `links.database`) names and the providers requests may name.
    func preflight(linkStore: LinkStoreOptions = LinkStoreOptions(), providers: ProviderRegistry) throws -> Preflight {
        let rules = try ruleSet()
        let store = try linkStore.store(default: rules.policy.links.database)
        do { return try Preflight(rules: rules, linkStore: store, providers: providers) } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics) + "\n")
            throw CommandFailure("the number lists could not be loaded", fix: "fix the list files listed above")
        }
    }
}

/// `--links-db FILE`: the SQLite link store of click-tracked messages.
struct LinkStoreOptions: ParsableArguments {
    @Option(name: .customLong("links-db"), help: ArgumentHelp("The SQLite file that keeps short-link codes (created when missing).", valueName: "file"))
    var path: String?

    /// The store at `--links-db`, else at `fallback`, else nil (codes kept in memory).
    func store(default fallback: String? = nil) throws -> (any LinkStore)? {
        guard let path = path ?? fallback else { return nil }
        do { return try SQLiteLinkStore(path: path) } catch {
            throw CommandFailure(error.message, fix: error.fix)
        }
    }
}
