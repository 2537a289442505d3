import Foundation

/// The result of a dry run: who would receive the message, who would not and why, the parts and
/// what they cost.
///
/// Every row of the file is counted once: `recipients == sendable + excluded.values.sum()`, and
/// malformed rows are among the excluded (code `input.malformed_row`) as well as in ``malformedRows``.
/// Parts, encodings and cost count the sendable messages only.
public struct EstimateReport: Sendable, Hashable {
    /// Counts for one country (ISO code; `ZZ` for numbers without one).
    public struct CountrySummary: Sendable, Hashable {
        /// Rows whose number is in the country.
        public var recipients = 0
        /// Of them, the sendable ones.
        public var sendable = 0
        /// Parts of the sendable messages.
        public var parts = 0
        /// The price of one part, nil when the country is unpriced.
        public var price: Decimal?
        /// Where the price comes from.
        public var priceBasis: Pricing.Basis?
        /// parts × price (zero when unpriced).
        public var cost = Decimal(0)
    }

    /// What one template variable adds: parts and cost above the same messages with the variable empty.
    public struct VariableCost: Sendable, Hashable {
        /// The variable.
        public var name: String
        /// Parts the variable's values add over all sendable messages.
        public var extraParts: Int
        /// What those parts cost.
        public var extraCost: Decimal
        /// Messages that are UCS-2 only because of the variable's value.
        public var ucs2Messages: Int
    }

    /// A row that could not be read.
    public struct MalformedRow: Sendable, Hashable {
        /// The line the row starts on.
        public var line: Int
        /// The line it ends on (later when a quoted field spans lines).
        public var endLine: Int
        /// What is wrong.
        public var message: String
    }

    /// The stable code under which malformed rows are excluded.
    public static let malformedCode = "input.malformed_row"

    /// Rows read (the header and blank lines not counted).
    public var recipients = 0
    /// Rows whose message would be sent.
    public var sendable = 0
    /// Rows that would not be sent, by the code of their first error.
    public var excluded: [String: Int] = [:]
    /// Warnings on sendable rows, by code (a row counts once per code).
    public var warnings: [String: Int] = [:]
    /// Parts of the sendable messages by encoding (`GSM-7`, `UCS-2`).
    public var partsByEncoding: [MessageEncoding: Int] = [:]
    /// Sendable messages by encoding.
    public var messagesByEncoding: [MessageEncoding: Int] = [:]
    /// Sendable messages by their number of parts.
    public var messagesByParts: [Int: Int] = [:]
    /// Counts and cost per country.
    public var countries: [String: CountrySummary] = [:]
    /// The currency of every amount.
    public var currency = ""
    /// The cost of the sendable messages in priced countries.
    public var totalCost = Decimal(0)
    /// Digits after the point in amounts shown (the price list's most precise price).
    public var scale = 2
    /// Parts priced at the default price because their country is not in the price list, by country.
    public var defaultPriced: [String: Int] = [:]
    /// Parts with no price at all (no country price and no default), by country: not in the total.
    public var unpriced: [String: Int] = [:]
    /// Template variables by the cost they add, most expensive first.
    public var variables: [VariableCost] = []
    /// Rows that could not be read.
    public var malformedRows = 0
    /// The first malformed rows, with line numbers.
    public var malformed: [MalformedRow] = []
    /// Empty lines skipped.
    public var blankLines = 0
    /// Rendered bodies that went through the encoder (identical bodies once while they repeat).
    /// Bodies whose encoding follows from counts alone (a template whose tags insert values as
    /// they are: its literal text counted once, each row's values) are not encoded and not counted.
    public var bodiesEncoded = 0
    /// The provider priced for, if any.
    public var provider: String?
    /// Remarks about the run (for example a provider without prices).
    public var notes: [String] = []

    /// Creates an empty report.
    public init() {}

    /// The cost per country (priced countries with sendable parts).
    public var costByCountry: [String: Decimal] {
        countries.compactMapValues { $0.price == nil || $0.parts == 0 ? nil : $0.cost }
    }

    /// Every row is accounted for: sendable plus excluded equals the rows read.
    public var isBalanced: Bool { sendable + excluded.values.reduce(0, +) == recipients }
}

/// Counts one worker gathers over a batch, merged by the coordinator.
struct EstimateTally: Sendable {
    struct VariableCounts: Sendable {
        var extraParts: [String: Int] = [:]  // by country
        var ucs2Messages = 0
    }

    var recipients = 0
    var sendable = 0
    var excluded: [String: Int] = [:]
    var warnings: [String: Int] = [:]
    var partsByEncoding: [MessageEncoding: Int] = [:]
    var messagesByEncoding: [MessageEncoding: Int] = [:]
    var messagesByParts: [Int: Int] = [:]
    var countries: [String: EstimateReport.CountrySummary] = [:]
    var variables: [String: VariableCounts] = [:]
    var malformedRows = 0
    var malformed: [EstimateReport.MalformedRow] = []
    var bodiesEncoded = 0

    mutating func merge(_ other: EstimateTally, listLimit: Int) {
        recipients += other.recipients
        sendable += other.sendable
        excluded.merge(other.excluded, uniquingKeysWith: +)
        warnings.merge(other.warnings, uniquingKeysWith: +)
        partsByEncoding.merge(other.partsByEncoding, uniquingKeysWith: +)
        messagesByEncoding.merge(other.messagesByEncoding, uniquingKeysWith: +)
        messagesByParts.merge(other.messagesByParts, uniquingKeysWith: +)
        countries.merge(other.countries) { a, b in
            var sum = a
            sum.recipients += b.recipients
            sum.sendable += b.sendable
            sum.parts += b.parts
            return sum
        }
        variables.merge(other.variables) { a, b in
            var sum = a
            sum.extraParts.merge(b.extraParts, uniquingKeysWith: +)
            sum.ucs2Messages += b.ucs2Messages
            return sum
        }
        malformedRows += other.malformedRows
        malformed += other.malformed.prefix(max(0, listLimit - malformed.count))
        bodiesEncoded += other.bodiesEncoded
    }

    /// The report, priced.
    func report(pricing: Pricing, provider: String?, variableOrder: [String], blankLines: Int) -> EstimateReport {
        var report = EstimateReport()
        report.recipients = recipients
        report.sendable = sendable
        report.excluded = excluded
        report.warnings = warnings
        report.partsByEncoding = partsByEncoding
        report.messagesByEncoding = messagesByEncoding
        report.messagesByParts = messagesByParts
        report.currency = pricing.currency
        report.scale = pricing.scale
        report.malformedRows = malformedRows
        report.malformed = malformed
        report.blankLines = blankLines
        report.bodiesEncoded = bodiesEncoded
        report.provider = provider
        var quotes: [String: Pricing.Quote?] = [:]
        func quote(_ country: String) -> Pricing.Quote? {
            if let known = quotes[country] { return known }
            let q = pricing.quote(country: country == "ZZ" ? nil : country, provider: provider)
            quotes[country] = q
            return q
        }
        for (code, var summary) in countries {
            if let q = quote(code) {
                summary.price = q.amount
                summary.priceBasis = q.basis
                summary.cost = q.amount * Decimal(summary.parts)
                report.totalCost += summary.cost
                if q.basis == .default, summary.parts > 0 { report.defaultPriced[code] = summary.parts }
            } else if summary.parts > 0 {
                report.unpriced[code] = summary.parts
            }
            report.countries[code] = summary
        }
        report.variables = variableOrder.compactMap { name in
            guard let counts = variables[name] else { return nil }
            var cost = Decimal(0)
            for (country, parts) in counts.extraParts {
                if let q = quote(country) { cost += q.amount * Decimal(parts) }
            }
            return EstimateReport.VariableCost(
                name: name, extraParts: counts.extraParts.values.reduce(0, +), extraCost: cost, ucs2Messages: counts.ucs2Messages)
        }
        .sorted { ($0.extraCost, $0.extraParts, $0.ucs2Messages) > ($1.extraCost, $1.extraParts, $1.ucs2Messages) }
        if let provider, !pricing.knows(provider: provider) {
            report.notes.append("the price list has no prices for the provider '\(provider)': country prices are used")
        }
        if !report.defaultPriced.isEmpty {
            report.notes.append("not in the price list, priced at the default: \(report.defaultPriced.keys.sorted().joined(separator: ", "))")
        }
        if !report.unpriced.isEmpty {
            report.notes.append("no price and no default price, left out of the total: \(report.unpriced.keys.sorted().joined(separator: ", "))")
        }
        return report
    }
}
