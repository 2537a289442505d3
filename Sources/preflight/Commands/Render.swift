import ArgumentParser
import Foundation
import Preflight

/// `preflight render`: renders a template file and shows its encoding, parts and worst case.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a template file with variables; show encoding, parts and the worst case.",
        discussion: """
            Exit codes: 0 rendered, 1 template or value errors (printed as file:line:column with the \
            source line), 2 usage errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The template file (.sms).")
    var file: String

    @Option(name: .customLong("var"), help: ArgumentHelp("A variable, key=value (dotted keys nest: order.id=42). Repeatable.", valueName: "key=value"))
    var vars: [String] = []

    @Option(name: .customLong("vars"), help: ArgumentHelp("A JSON object file with the variables (--var wins over it).", valueName: "values.json"))
    var varsFile: String?

    @Flag(name: .long, help: "Fill variables without a value from the front matter's `example`s.")
    var examples = false

    @Option(name: .long, help: "Locale for upper/lower/date/number, overriding the template's (e.g. tr_TR).")
    var locale: String?

    @Option(name: .customLong("time-zone"), help: "Time zone for dates, overriding the template's (e.g. Europe/Istanbul).")
    var timeZone: String?

    @Option(name: .long, help: "Default region for phone values without a country code (e.g. TH).")
    var region: String?

    @Option(name: .long, help: ArgumentHelp("National language shift tables allowed, e.g. tr,es (default: the template locale's).", valueName: "languages"))
    var shift: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        var values: [String: TemplateValue] = [:]
        if let varsFile {
            let text: String
            do { text = try TextInput.read(path: varsFile) } catch { throw CommandFailure(error) }
            do {
                values = try JSONDecoder().decode([String: TemplateValue].self, from: Data(text.utf8))
            } catch {
                throw CommandFailure("\(varsFile): not a JSON object of variables: \(Self.describe(error))",
                                     fix: "write {\"name\": \"Ana\", \"order\": {\"id\": 42}}")
            }
        }
        do {
            values.merge(try TemplateValue.assignments(vars)) { _, new in new }
        } catch {
            throw CommandFailure(error.description, fix: error.fix)
        }
        var options = RenderOptions()
        if let locale {
            guard Locale.availableIdentifiers.contains(locale.replacingOccurrences(of: "-", with: "_")) else {
                throw CommandFailure("unknown locale '\(locale)'", fix: "use an identifier such as en_US, tr_TR or th_TH")
            }
            options.locale = Locale(identifier: locale)
        }
        if let timeZone {
            guard let zone = TimeZone(identifier: timeZone) else {
                throw CommandFailure("unknown time zone '\(timeZone)'", fix: "use an IANA name such as Europe/Istanbul or UTC")
            }
            options.timeZone = zone
        }
        options.defaultRegion = region?.uppercased()
        var encoding: EncodingOptions?
        if let shift {
            do { encoding = EncodingOptions(shiftTables: try NationalLanguage.parseList(shift)) } catch {
                throw CommandFailure(error.description, fix: "use ISO 639-1 codes of TS 23.038 annex A, e.g. --shift tr,es,pt")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isReadableFile(atPath: file)
        else {
            throw CommandFailure("\(file): no such readable template file", fix: "check the path (templates usually live in Templates/)")
        }
        let template: Result<Template, TemplateError>
        do {
            let compiled = try Template(contentsOf: file)
            if examples { values.merge(compiled.exampleValues) { given, _ in given } }
            template = .success(compiled)
        } catch {
            template = .failure(error)
        }
        let report = RenderReport(template: template, values: values, options: options, encoding: encoding)
        switch format {
        case .json: Output.line(report.json)
        case .text: Output.line(report.humanDescription(color: Terminal.colorEnabled(fd: 1)))
        }
        if report.failed { throw ExitCode(1) }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.typeMismatch(_, let context): context.debugDescription
        default: "\(error)"
        }
    }
}

/// Whether to colour output: only on a terminal, never when `NO_COLOR` is set.
enum Terminal {
    static func colorEnabled(fd: Int32) -> Bool {
        isatty(fd) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}
