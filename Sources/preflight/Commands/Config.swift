import ArgumentParser
import Foundation
import Preflight

/// `preflight config --effective`: the lint configuration that applies, after the precedence
/// rules (flags, `--config`, the nearest `.preflight.yml`, defaults), as YAML.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the lint configuration that applies (preflight config --effective [path]).",
        discussion: "Exit codes: 0 shown, 2 usage, configuration or rules errors."
    )

    @Flag(name: .long, help: "Print the effective configuration: every code with its severity, globs, rules directory.")
    var effective = false

    @Argument(help: ArgumentHelp("The path that would be linted; the configuration is looked for from there (default: Templates/).", valueName: "path"))
    var path: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: the nearest .preflight.yml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A rules directory laid over the shipped rules.", valueName: "dir"))
    var rules: String?

    func run() throws {
        guard effective else {
            throw CommandFailure("nothing to show", fix: "run preflight config --effective [path]")
        }
        let setup = try LintSetup(
            paths: path.map { [$0] } ?? [], config: config, rules: rules, currentDirectory: FileManager.default.currentDirectoryPath)
        Output.line(setup.configuration.effectiveYAML)
    }
}
