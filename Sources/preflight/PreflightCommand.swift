import ArgumentParser
import Preflight

#if canImport(Glibc)
import Glibc
#endif

/// The `preflight` command: checks and prepares SMS before they are sent.
@main
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check and prepare SMS before they are sent.",
        version: "0.1.0",
        subcommands: [Check.self, Inspect.self, Render.self, Phone.self, Links.self, Estimate.self, Payload.self, Providers.self, Serve.self, Lint.self, RulesCommand.self, Config.self]
    )

    /// Runs the command line. Exit codes: 0 success, 1 findings that block (per command),
    /// 2 usage or input errors. `--smart` alone means `--smart=punctuation`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst()).map { $0 == "--smart" ? "--smart=punctuation" : $0 }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as CommandFailure {
            Output.error(error.message, fix: error.fix)
            Glibc.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            if error is ExitCode { Glibc.exit(code.rawValue) }
            Output.stderr(fullMessage(for: error) + "\n")
            Glibc.exit(2)
        }
    }
}

/// A failure with a message, a fix hint and an exit code (2 for usage and input errors).
struct CommandFailure: Error {
    var message: String
    var fix: String
    var code: Int32 = 2

    init(_ message: String, fix: String, code: Int32 = 2) {
        self.message = message
        self.fix = fix
        self.code = code
    }

    init(_ error: InputError) {
        self.init(error.description, fix: error.fix)
    }
}

/// Writes to standard output and standard error with plain `write(2)` calls (no shared FILE state).
enum Output {
    static func write(_ bytes: [UInt8], fd: Int32 = 1) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    static func line(_ s: String) {
        write(Array((s + "\n").utf8))
    }

    static func stderr(_ s: String) {
        write(Array(s.utf8), fd: 2)
    }

    static func error(_ message: String, fix: String) {
        stderr("error: \(message)\n  fix: \(fix)\n")
    }

}
