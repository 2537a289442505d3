import ArgumentParser
import Foundation
import Preflight

/// `preflight lint`: checks template files in CI, like a code linter.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint template files (.sms): syntax, variables, length, encoding, hidden characters, links, opt-out.",
        discussion: """
            PATH is a template file or a directory searched recursively (default: Templates/). \
            Configuration: --config FILE, else the nearest .preflight.yml above the first PATH. \
            Exit codes: 0 clean or warnings only, 1 errors (or warnings under --strict or past \
            --max-warnings; with --diff, a patch), 2 usage, configuration, rules or baseline errors. \
            `preflight rules` lists every code.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Argument(help: ArgumentHelp("Template files or directories (default: Templates/).", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, sarif or github.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: the nearest .preflight.yml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A rules directory laid over the shipped rules (overrides rulesDirectory).", valueName: "dir"))
    var rules: String?

    @Flag(name: .long, help: "Report warnings as errors, so that they fail the run.")
    var strict = false

    @Option(name: .customLong("max-warnings"), help: ArgumentHelp("Fail when there are more than N warnings.", valueName: "n"))
    var maxWarnings: Int?

    @Option(name: .long, help: ArgumentHelp("Leave out the findings this baseline file accepts.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write a baseline of every finding to FILE (then nothing is new).", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .long, help: "Apply the safe fixes (smart-encoding replacements, CR LF to LF) to the files.")
    var fix = false

    @Flag(name: .long, help: "Print the fixes as a unified diff instead of applying them (exit 1 when there is one).")
    var diff = false

    func validate() throws {
        if let maxWarnings, maxWarnings < 0 {
            throw ValidationError("--max-warnings must be 0 or more")
        }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let setup = try LintSetup(paths: paths, config: config, rules: rules, currentDirectory: cwd)
        let files: [LintFile]
        do {
            files = try LintFileFinder.files(for: setup.paths, configuration: setup.configuration, currentDirectory: cwd)
        } catch {
            throw CommandFailure(error.description, fix: paths.isEmpty ? "create Templates/ or pass the files or directories to lint" : "check the path")
        }
        var accepted: LintBaseline?
        if let baseline {
            do { accepted = try LintBaseline.load(path: baseline) } catch {
                throw CommandFailure(error.description, fix: "write one with --write-baseline \(baseline)")
            }
        }
        if files.isEmpty {
            Output.stderr("warning: no template files found in \(setup.paths.joined(separator: ", "))\n")
        }

        var report = LintReport(files: setup.linter.lint(files))
        if diff {
            let patch = report.fixedFiles.map { LintDiff.unified(file: $0.file, original: $0.original, fixed: $0.fixed) }.joined()
            try emit(patch.isEmpty ? "" : String(patch.dropLast()))
            if !patch.isEmpty { throw ExitCode(1) }
            return
        }
        if fix {
            var written = 0
            let paths = Dictionary(files.map { ($0.displayPath, $0.path) }, uniquingKeysWith: { first, _ in first })
            for (file, _, fixed) in report.fixedFiles {
                guard let target = paths[file] else { continue }
                do {
                    try Data(fixed.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
                    written += 1
                } catch {
                    throw CommandFailure("\(file): cannot write the fixed file: \(error.localizedDescription)", fix: "check the file's permissions")
                }
            }
            if written > 0 {
                Output.stderr("fixed \(written) file\(written == 1 ? "" : "s")\n")
                report = LintReport(files: setup.linter.lint(files))
            }
        }
        if let writeBaseline {
            let recorded = LintBaseline(report: report)
            do { try Data(recorded.json.utf8).write(to: URL(fileURLWithPath: writeBaseline), options: .atomic) } catch {
                throw CommandFailure("\(writeBaseline): cannot write the baseline: \(error.localizedDescription)", fix: "check the directory")
            }
            Output.stderr("wrote \(writeBaseline): \(recorded.entries.reduce(0) { $0 + $1.count }) findings\n")
            report = report.applying(recorded)
        } else if let accepted {
            report = report.applying(accepted)
        }
        if strict { report = report.strict() }

        let text: String
        switch format {
        case .text:
            let color = output == nil && Terminal.colorEnabled(fd: 1)
            text = LintTextReporter.format(report, color: color, maxWarnings: maxWarnings)
        case .json: text = LintJSONReporter.format(report, toolVersion: PreflightCommand.configuration.version)
        case .sarif: text = SARIFReporter.format(report, toolVersion: PreflightCommand.configuration.version)
        case .github: text = GitHubReporter.format(report, maxWarnings: maxWarnings)
        }
        try emit(text)
        let status = report.exitStatus(maxWarnings: maxWarnings)
        if status != 0 { throw ExitCode(status) }
    }

    /// Writes the output (to `--output` when given) before any exit status is decided.
    private func emit(_ text: String) throws {
        guard let output else {
            if !text.isEmpty { Output.line(text) }
            return
        }
        do {
            try Data((text.isEmpty ? "" : text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure("\(output): cannot write the report: \(error.localizedDescription)", fix: "check the directory and its permissions")
        }
    }
}

/// The configuration, rules and linter of a lint run, from the command line.
struct LintSetup {
    let paths: [String]
    let configuration: LintConfiguration
    let linter: Linter

    /// Finds and reads the configuration (`--config`, else the nearest `.preflight.yml` above the
    /// first path, else the defaults), lays `--rules` (else `rulesDirectory`) over the shipped rules.
    init(paths: [String], config: String?, rules: String?, currentDirectory cwd: String) throws {
        self.paths = paths.isEmpty ? ["Templates"] : paths
        var configuration = LintConfiguration(baseDirectory: cwd)
        var file = config
        if file == nil {
            let first = URL(fileURLWithPath: self.paths[0], relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: first.path, isDirectory: &isDirectory)
            let start = exists && isDirectory.boolValue ? first.path : first.deletingLastPathComponent().path
            file = LintConfiguration.find(from: start).map { LintFileFinder.relative($0, to: cwd) }
        }
        if let file {
            do { configuration = try LintConfiguration.load(path: file) } catch {
                Output.stderr(error.formatted + "\n")
                throw CommandFailure("the configuration \(file) has \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")",
                                     fix: "fix the lines listed above (preflight config --effective shows what applies)")
            }
        }
        if let rules {
            configuration.rulesDirectory = URL(fileURLWithPath: rules, relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL.path
        }
        self.configuration = configuration
        var ruleOptions = RulesOptions()
        ruleOptions.rules = configuration.rulesDirectory
        let ruleSet = try ruleOptions.ruleSet()
        do { linter = try Linter(configuration: configuration, rules: ruleSet) } catch {
            Output.stderr(DiagnosticText.format(error.diagnostics) + "\n")
            throw CommandFailure("the rules cannot be used", fix: "fix the rule files")
        }
    }
}
