import Foundation

/// Settings of a dry run that are the same for every recipient: what a send request would say
/// besides `to` and `variables`.
public struct EstimateOptions: Sendable, Hashable {
    /// The CSV column with the phone numbers (matched exactly, else ignoring case).
    public var phoneColumn = "phone"
    /// The region (ISO 3166 code) for numbers without a country code; the policy's default when nil.
    public var defaultRegion: String?
    /// An alphanumeric sender ID.
    public var senderMask: String?
    /// A numeric sender.
    public var from: String?
    /// The message category; the template's own, else `transactional`, when nil.
    public var category: MessageCategory?
    /// The campaign reference.
    public var campaignRef: String?
    /// How links are tracked (`branded` rewrites them to the account's short domain).
    public var clickTracking: ClickTracking = .off
    /// The provider: selects provider prices and is needed for `clickTracking: provider`.
    public var provider: String?
    /// When the messages would be sent (quiet hours are checked at this instant).
    public var sendAt = Date()
    /// Overrides of the policy's account settings (`linkDomain`, `registeredSenders`, …).
    public var account: AccountOverrides?
    /// Worker threads; the number of active processors by default.
    public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Rows per unit of work handed to a thread.
    public var batchSize = 1024
    /// How many malformed rows are listed with their line numbers (all are counted).
    public var listedMalformedRows = 100

    /// Default options: phone column `phone`, no sender, click tracking off, sent now.
    /// Whether rows of a template whose tags insert values as they are may be rendered and
    /// counted piece by piece (see `EstimateWorker.plain`); off, every row goes through the
    /// renderer and the encoder. The results are the same (the tests compare both).
    var piecewise = true

    public init() {}
}

/// Where the recipients come from: a CSV file with a header row.
public enum RecipientSource: Sendable, Hashable {
    /// A CSV file (`-` for standard input), read as a stream.
    case file(String)
    /// CSV text in memory.
    case bytes([UInt8])

    var name: String {
        switch self {
        case .file(let path): path == "-" ? "<stdin>" : path
        case .bytes: "<csv>"
        }
    }
}

/// What happens to one recipient row.
public enum RecipientStatus: String, Sendable, Hashable, CaseIterable {
    /// The message would be sent and is priced.
    case sendable
    /// A finding with error severity (invalid number, blocklist, quiet hours, …) stops it.
    case excluded
    /// The CSV row cannot be read (`input.malformed_row`).
    case malformed
}

/// The estimate for one recipient row, in file order (for `--per-recipient`).
public struct RecipientEstimate: Sendable, Hashable {
    /// The line the row starts on (the header is line 1).
    public var line: Int
    /// The phone number as written in the file (empty for a malformed row).
    public var phone: String
    /// The number in E.164, when it parses.
    public var e164: String?
    /// The number's ISO 3166 region.
    public var country: String?
    /// Sendable, excluded or malformed.
    public var status: RecipientStatus
    /// The code that excludes the row (the first error), nil when sendable.
    public var reason: String?
    /// Why, in words (for malformed rows and template errors; otherwise the code says it).
    public var detail: String?
    /// Warning codes of a sendable row, in the order found.
    public var warnings: [String]
    /// The encoding of the message, when it was rendered.
    public var encoding: MessageEncoding?
    /// Parts of the message (0 when it was not rendered).
    public var parts: Int
    /// Parts × the price of a part; nil when excluded or the country has no price.
    public var cost: Decimal?
}

/// How far a run is, for progress bars.
public struct EstimateProgress: Sendable, Hashable {
    /// Bytes of the file read so far.
    public var bytesRead: Int
    /// The file size, when known (nil for a pipe).
    public var totalBytes: Int?
    /// Recipient rows finished so far.
    public var rows: Int
}

/// Errors that stop a dry run before or while it reads the file. Bad rows never stop it: they
/// are counted and listed in the report.
public enum EstimateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file has no header row.
    case empty(path: String)
    /// The header row is not readable CSV or not UTF-8.
    case badHeader(path: String, problem: String)
    /// No column holds the phone numbers.
    case missingPhoneColumn(path: String, column: String, columns: [String])
    /// A column the estimate needs appears twice in the header.
    case duplicateColumn(path: String, column: String)
    /// Template variables without a column (and without a default).
    case missingVariableColumns(path: String, variables: [String], columns: [String])
    /// The settings cannot work (click tracking without a domain, …).
    case configuration(Diagnostic)

    /// What is wrong.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .empty(let path): "\(path) is empty: a recipients file needs a header row"
        case .badHeader(let path, let problem): "\(path):1: the header row cannot be read: \(problem)"
        case .missingPhoneColumn(let path, let column, let columns):
            "\(path):1: no column '\(column)' for the phone numbers (columns: \(Self.list(columns)))"
        case .duplicateColumn(let path, let column): "\(path):1: the column '\(column)' appears more than once"
        case .missingVariableColumns(let path, let variables, let columns):
            "\(path):1: no column for the template variable\(variables.count == 1 ? "" : "s") \(variables.map { "'\($0)'" }.joined(separator: ", ")) (columns: \(Self.list(columns)))"
        case .configuration(let diagnostic): diagnostic.message
        }
    }

    /// How to fix it.
    public var fix: String {
        switch self {
        case .unreadable: "check the path and its permissions"
        case .empty: "start the file with a header row such as: phone,name"
        case .badHeader: "write the header as comma-separated column names in UTF-8"
        case .missingPhoneColumn(_, let column, _):
            "name the phone column '\(column)' in the header, or pass the column's name with --phone-column"
        case .duplicateColumn: "give every column its own name"
        case .missingVariableColumns:
            "add a column named like each variable (dotted names such as order.id stay whole), or give the variable a default: <<name | default:\"…\">>"
        case .configuration(let diagnostic): diagnostic.fix
        }
    }

    /// A stable code: `input.invalid` for the file, the diagnostic's own for settings.
    public var code: String {
        if case .configuration(let diagnostic) = self { return diagnostic.code }
        return "input.invalid"
    }

    private static func list(_ columns: [String]) -> String {
        columns.isEmpty ? "none" : columns.prefix(20).map { "'\($0)'" }.joined(separator: ", ") + (columns.count > 20 ? ", …" : "")
    }
}
