import ArgumentParser
import Foundation
import Preflight

/// `preflight links`: the short links of click-tracked messages in the link store.
struct Links: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve, list and count the short links of click-tracked messages.",
        subcommands: [Resolve.self, List.self, Stats.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// The store options every subcommand takes.
    struct Options: ParsableArguments {
        @OptionGroup var rules: RulesOptions
        @OptionGroup var linkStore: LinkStoreOptions
        @Option(name: .long, help: "Output format: text or json.")
        var format: Format = .text

        func store() throws -> any LinkStore {
            let fallback = rules.rules == nil ? nil : try rules.ruleSet().policy.links.database
            guard let store = try linkStore.store(default: fallback ?? (try? RuleSet.shipped())?.policy.links.database) else {
                throw CommandFailure("no link store: pass --links-db FILE", fix: "name the SQLite file that check and payload wrote with --links-db")
            }
            return store
        }
    }

    static func write(_ link: ShortLink, into w: inout JSONWriter) {
        w.beginObject()
        w.field("code", link.code)
        w.field("url", link.url)
        w.field("campaign", link.campaign)
        w.field("recipient", link.recipient)
        w.field("createdAt", ISO8601DateFormatter().string(from: link.createdAt))
        w.field("expiresAt", link.expiresAt.map { ISO8601DateFormatter().string(from: $0) })
        w.field("clicks", link.clicks)
        w.endObject()
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the long URL of a code (exit 1 when unknown).")
        @Argument(help: "The short-link code.")
        var code: String
        @OptionGroup var options: Options

        func run() throws {
            let store = try options.store()
            let link: ShortLink?
            do { link = try store.resolve(code) } catch { throw CommandFailure(error.message, fix: error.fix) }
            guard let link else {
                Output.stderr("error: no short link with code \(code)\n")
                throw ExitCode(1)
            }
            switch options.format {
            case .text: Output.line(link.url)
            case .json:
                var w = JSONWriter()
                Links.write(link, into: &w)
                Output.line(w.string)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the short links, optionally of one campaign.")
        @Option(name: .long, help: "Only this campaign.")
        var campaign: String?
        @OptionGroup var options: Options

        func run() throws {
            let store = try options.store()
            let links: [ShortLink]
            do { links = try store.list(campaign: campaign) } catch { throw CommandFailure(error.message, fix: error.fix) }
            switch options.format {
            case .text:
                for link in links {
                    Output.line("\(link.code)\t\(link.clicks)\t\(link.campaign)\t\(link.recipient ?? "-")\t\(link.url)")
                }
            case .json:
                var w = JSONWriter()
                w.beginArray()
                for link in links { Links.write(link, into: &w) }
                w.endArray()
                Output.line(w.string)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count links and clicks, per campaign.")
        @OptionGroup var options: Options

        func run() throws {
            let store = try options.store()
            let stats: LinkStats
            do { stats = try store.stats() } catch { throw CommandFailure(error.message, fix: error.fix) }
            switch options.format {
            case .text:
                Output.line("Links:   \(stats.links) (\(stats.clickedLinks) clicked)")
                Output.line("Clicks:  \(stats.clicks)")
                for c in stats.campaigns {
                    Output.line("  \(c.campaign.isEmpty ? "(no campaign)" : c.campaign): \(c.links) links, \(c.clicks) clicks")
                }
            case .json:
                var w = JSONWriter()
                w.beginObject()
                w.field("links", stats.links)
                w.field("clicks", stats.clicks)
                w.field("clickedLinks", stats.clickedLinks)
                w.key("campaigns")
                w.beginArray()
                for c in stats.campaigns {
                    w.beginObject()
                    w.field("campaign", c.campaign)
                    w.field("links", c.links)
                    w.field("clicks", c.clicks)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
                Output.line(w.string)
            }
        }
    }
}
