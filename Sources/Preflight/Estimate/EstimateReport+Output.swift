import Foundation

extension EstimateReport {
    /// The report as JSON (the contract of `preflight estimate --format json`): `recipients`,
    /// `sendable`, `excluded` (code → rows), `warnings` (code → rows), `partsByEncoding` and
    /// `messagesByEncoding` (encoding → count), `messagesByParts` (parts → messages), `cost`
    /// (`currency`, `total` and `byCountry` as decimal strings, `defaultPriced` and `unpriced`:
    /// country → parts), `countries` (ISO → `{recipients, sendable, parts, price, priceBasis, cost}`),
    /// `variables` (`[{name, extraParts, extraCost, ucs2Messages}]`), `malformedRows`, `malformed`
    /// (`[{line, endLine, message}]`, the first ones), `blankLines`, `bodiesEncoded`, `provider`, `notes`.
    public var json: String {
        var w = JSONWriter(reservingCapacity: 2048)
        w.beginObject()
        w.field("recipients", recipients)
        w.field("sendable", sendable)
        w.key("excluded")
        Self.write(excluded, into: &w)
        w.key("warnings")
        Self.write(warnings, into: &w)
        w.key("partsByEncoding")
        Self.write(MessageEncoding.allCases.map { ($0.rawValue, partsByEncoding[$0] ?? 0) }, into: &w)
        w.key("messagesByEncoding")
        Self.write(MessageEncoding.allCases.map { ($0.rawValue, messagesByEncoding[$0] ?? 0) }, into: &w)
        w.key("messagesByParts")
        Self.write(messagesByParts.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) }, into: &w)
        w.key("cost")
        w.beginObject()
        w.field("currency", currency)
        w.field("total", Money.format(totalCost, scale: scale))
        w.key("byCountry")
        w.beginObject()
        for (code, amount) in costByCountry.sorted(by: { $0.key < $1.key }) {
            w.field(code, Money.format(amount, scale: scale))
        }
        w.endObject()
        w.key("defaultPriced")
        Self.write(defaultPriced, into: &w)
        w.key("unpriced")
        Self.write(unpriced, into: &w)
        w.endObject()
        w.key("countries")
        w.beginObject()
        for (code, c) in countries.sorted(by: { $0.key < $1.key }) {
            w.key(code)
            w.beginObject()
            w.field("recipients", c.recipients)
            w.field("sendable", c.sendable)
            w.field("parts", c.parts)
            w.field("price", c.price.map { Money.format($0, scale: scale) })
            w.field("priceBasis", c.priceBasis?.rawValue)
            w.field("cost", c.price == nil ? nil : Money.format(c.cost, scale: scale))
            w.endObject()
        }
        w.endObject()
        w.key("variables")
        w.beginArray()
        for v in variables {
            w.beginObject()
            w.field("name", v.name)
            w.field("extraParts", v.extraParts)
            w.field("extraCost", Money.format(v.extraCost, scale: scale))
            w.field("ucs2Messages", v.ucs2Messages)
            w.endObject()
        }
        w.endArray()
        w.field("malformedRows", malformedRows)
        w.key("malformed")
        w.beginArray()
        for row in malformed {
            w.beginObject()
            w.field("line", row.line)
            w.field("endLine", row.endLine)
            w.field("message", row.message)
            w.endObject()
        }
        w.endArray()
        w.field("blankLines", blankLines)
        w.field("bodiesEncoded", bodiesEncoded)
        w.field("provider", provider)
        w.key("notes")
        w.beginArray()
        for note in notes { w.value(note) }
        w.endArray()
        w.endObject()
        return w.string
    }

    private static func write(_ counts: [String: Int], into w: inout JSONWriter) {
        write(counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &w)
    }

    private static func write(_ pairs: [(String, Int)], into w: inout JSONWriter) {
        w.beginObject()
        for (key, value) in pairs { w.field(key, value) }
        w.endObject()
    }

    /// The report for people: counts, exclusions, parts, cost per country, expensive variables,
    /// malformed rows with their lines, and notes.
    public func humanDescription(countryLimit: Int = 25) -> String {
        var out: [String] = []
        func percent(_ n: Int, of total: Int) -> String {
            total == 0 ? "" : String(format: " (%.1f%%)", Double(n) * 100 / Double(total))
        }
        var extras: [String] = []
        if malformedRows > 0 { extras.append("\(Count.grouped(malformedRows)) malformed") }
        if blankLines > 0 { extras.append("\(Count.grouped(blankLines)) blank line\(blankLines == 1 ? "" : "s") skipped") }
        out.append("Recipients:  \(Count.grouped(recipients)) row\(recipients == 1 ? "" : "s")\(extras.isEmpty ? "" : " (\(extras.joined(separator: ", ")))")")
        out.append("Sendable:    \(Count.grouped(sendable))\(percent(sendable, of: recipients))")
        let excludedTotal = excluded.values.reduce(0, +)
        out.append("Excluded:    \(Count.grouped(excludedTotal))\(percent(excludedTotal, of: recipients))")
        out += Self.table(excluded.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [$0.key, Count.grouped($0.value)] }, align: [.left, .right])
        if !warnings.isEmpty {
            out.append("Warnings:    on sendable rows")
            out += Self.table(warnings.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [$0.key, Count.grouped($0.value)] }, align: [.left, .right])
        }
        let encodings = MessageEncoding.allCases.filter { (messagesByEncoding[$0] ?? 0) > 0 }.map { e in
            "\(e.rawValue) \(Self.plural(messagesByEncoding[e] ?? 0, "message")), \(Self.plural(partsByEncoding[e] ?? 0, "part"))"
        }
        out.append("Encoding:    \(encodings.isEmpty ? "no message to send" : encodings.joined(separator: " · "))")
        if !messagesByParts.isEmpty {
            out.append("Parts:       per message")
            out += Self.table(
                messagesByParts.sorted { $0.key < $1.key }.map {
                    ["\($0.key) part\($0.key == 1 ? "" : "s")", Count.grouped($0.value), percent($0.value, of: sendable).trimmingCharacters(in: .whitespaces)]
                }, align: [.left, .right, .right])
        }
        out.append("Cost:        \(Money.grouped(totalCost, scale: scale)) \(currency)\(provider.map { " (provider \($0))" } ?? "")")
        let priced = countries.filter { $0.value.recipients > 0 }.sorted { ($0.value.cost, $0.value.parts, $1.key) > ($1.value.cost, $1.value.parts, $0.key) }
        if !priced.isEmpty {
            var rows = [["country", "recipients", "sendable", "parts", "per part", "cost"]]
            for (code, c) in priced.prefix(countryLimit) {
                let price = c.parts == 0 ? "" : c.price.map { Money.format($0, scale: scale) + (c.priceBasis == .default ? "*" : "") } ?? "unpriced"
                rows.append([code == "ZZ" ? "ZZ (none)" : code, Count.grouped(c.recipients), Count.grouped(c.sendable), Count.grouped(c.parts), price,
                             c.price == nil || c.parts == 0 ? "–" : Money.grouped(c.cost, scale: scale)])
            }
            if priced.count > countryLimit { rows.append(["… \(priced.count - countryLimit) more", "", "", "", "", ""]) }
            out += Self.table(rows, align: [.left, .right, .right, .right, .right, .right])
            if !defaultPriced.isEmpty { out.append("             * the default price: the country is not in the price list") }
        }
        if !variables.isEmpty {
            out.append("Variables:   parts and cost each one adds (against the same messages with it empty)")
            out += Self.table(variables.map { v in
                [v.name, "+\(Self.plural(v.extraParts, "part"))", "+\(Money.grouped(v.extraCost, scale: scale)) \(currency)",
                 v.ucs2Messages > 0 ? "\(Self.plural(v.ucs2Messages, "message")) UCS-2 because of it" : ""]
            }, align: [.left, .right, .right, .left])
        }
        if !malformed.isEmpty {
            out.append("Malformed:   \(Count.grouped(malformedRows)) row\(malformedRows == 1 ? "" : "s") skipped\(malformed.count < malformedRows ? " (the first \(malformed.count) below)" : "")")
            for row in malformed {
                let lines = row.endLine > row.line ? "lines \(row.line)–\(row.endLine)" : "line \(row.line)"
                out.append("  \(lines): \(row.message)")
            }
        }
        for note in notes { out.append("Note:        \(note)") }
        return out.joined(separator: "\n")
    }

    private enum Align { case left, right }

    private static func plural(_ n: Int, _ noun: String) -> String { "\(Count.grouped(n)) \(noun)\(n == 1 ? "" : "s")" }

    private static func table(_ rows: [[String]], align: [Align]) -> [String] {
        guard let width = rows.first?.count else { return [] }
        var widths = [Int](repeating: 0, count: width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            var line = "  "
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += i == 0 ? "" : "  "
                line += align[i] == .left ? cell + pad : pad + cell
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
