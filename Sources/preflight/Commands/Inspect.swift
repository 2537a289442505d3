import ArgumentParser
import Foundation
import Preflight

/// `preflight inspect`: encoding, parts and the characters that force UCS-2.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a message body will be encoded and split into parts.",
        discussion: """
            Reads the body from --text, a file, or standard input. With --format jsonl, reads JSON \
            Lines from standard input ({"text": "..."} with optional "smart", "normalize" and \
            "shift") and writes one result object per line.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @Option(name: .long, help: "The message body.")
    var text: String?

    @Argument(help: "A file holding the message body ('-' for standard input).")
    var file: String?

    @Option(name: .long, help: ArgumentHelp(
        "Smart encoding: --smart (punctuation, spaces, invisible characters) or --smart=letters (also transliterate letters outside GSM).",
        valueName: "level"))
    var smart: SmartEncoding = .off

    @Flag(name: .long, help: "Do not normalize to NFC before counting.")
    var noNormalize = false

    @Option(name: .long, help: ArgumentHelp("National language shift tables the chooser may use, e.g. tr,es,pt.", valueName: "languages"))
    var shift: String?

    @Option(name: .long, help: "Output format: text, json or jsonl.")
    var format: Format = .text

    func validate() throws {
        if text != nil && file != nil { throw ValidationError("give either --text or a file, not both") }
        if format == .jsonl && (text != nil || (file != nil && file != "-")) {
            throw ValidationError("--format jsonl reads JSON Lines from standard input; drop --text and the file")
        }
    }

    func run() throws {
        let languages: Set<NationalLanguage>
        do { languages = try NationalLanguage.parseList(shift ?? "") } catch {
            throw CommandFailure(error.description, fix: "use ISO 639-1 codes of TS 23.038 annex A, e.g. --shift tr,es,pt")
        }
        let options = EncodingOptions(normalize: !noNormalize, smart: smart, shiftTables: languages)
        if format == .jsonl {
            try JSONLinesInspector(defaults: options).run()
            return
        }
        let body: String
        do {
            body = try text ?? TextInput.read(path: file ?? "-")
        } catch let error as InputError {
            throw CommandFailure(error)
        }
        let encoder = SMSEncoder(options: options)
        let report = encoder.analyze(body)
        switch format {
        case .json:
            Output.line(report.json)
        case .text, .jsonl:
            var smartAlternative: EncodingReport?
            if options.smart != .letters && (report.encoding == .ucs2 || report.partCount > 1) {
                var o = options
                o.smart = .letters
                smartAlternative = SMSEncoder(options: o).analyze(body)
            }
            let lf = report.crlfCount > 0 ? encoder.analyze(body.replacingOccurrences(of: "\r\n", with: "\n")) : nil
            Output.line(report.humanDescription(smartAlternative: smartAlternative, lfAlternative: lf))
        }
    }
}

extension SmartEncoding: ExpressibleByArgument {}
