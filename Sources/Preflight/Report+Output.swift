extension Report {
    /// The report as JSON (the contract of `preflight check --format json` and `POST /v1/check`):
    /// `verdict`, `category`, `text`, `encoding`, `parts`, `unitsPerPart`, `units`, `characters`,
    /// `clickTracking`, `links` (`[{url, shortUrl, code}]`), `originalLength` and `rewrittenLength`
    /// (null without rewriting), `recipient` (`{input, e164, region, type, verdict}` or null),
    /// `recipients` (each with its own `encoding`, `parts` and `diagnostics`) and `diagnostics`.
    public var json: String {
        var w = JSONWriter(reservingCapacity: 1024)
        w.beginObject()
        w.field("verdict", verdict.rawValue)
        w.field("category", category.rawValue)
        w.field("text", text)
        EncodingReport.writeSummary(encoding, into: &w)
        w.key("characters")
        if let encoding { w.value(encoding.characters) } else { w.null() }
        w.field("clickTracking", clickTracking.rawValue)
        w.key("links")
        w.beginArray()
        for link in links {
            w.beginObject()
            w.field("url", link.url)
            w.field("shortUrl", link.shortUrl)
            w.field("code", link.code)
            w.endObject()
        }
        w.endArray()
        w.key("originalLength")
        if let originalLength { w.value(originalLength) } else { w.null() }
        w.key("rewrittenLength")
        if let rewrittenLength { w.value(rewrittenLength) } else { w.null() }
        w.key("recipient")
        if let recipient { Self.write(recipient, into: &w, full: false) } else { w.null() }
        w.key("recipients")
        w.beginArray()
        for r in recipients { Self.write(r, into: &w, full: true) }
        w.endArray()
        w.key("diagnostics")
        diagnostics.writeJSON(into: &w)
        w.endObject()
        return w.string
    }

    private static func write(_ r: RecipientReport, into w: inout JSONWriter, full: Bool) {
        w.beginObject()
        w.field("input", r.input)
        w.field("e164", r.e164)
        w.field("region", r.region)
        w.field("type", r.type?.rawValue)
        w.field("verdict", r.verdict.rawValue)
        if full {
            w.field("encoding", r.encoding?.encoding.rawValue)
            w.key("parts")
            if let e = r.encoding { w.value(e.partCount) } else { w.null() }
            w.key("diagnostics")
            r.diagnostics.writeJSON(into: &w)
        }
        w.endObject()
    }

    /// The report for people: verdict, recipients, text and parts, then every finding with its fix.
    public func humanDescription(color: Bool = false) -> String {
        var out: [String] = []
        out.append("Verdict:     \(verdict.rawValue.uppercased())")
        for r in recipients {
            let where_ = [r.region, r.type?.rawValue].compactMap { $0 }.joined(separator: ", ")
            out.append("Recipient:   \(r.e164 ?? r.input)\(where_.isEmpty ? "" : " (\(where_))") — \(r.verdict.rawValue)")
        }
        out.append("Category:    \(category.rawValue)")
        if let encoding {
            let unit = encoding.encoding == .gsm7 ? "septets" : "UTF-16 units"
            out.append("Encoding:    \(encoding.encoding.rawValue), \(encoding.partCount) part\(encoding.partCount == 1 ? "" : "s") (\(encoding.unitsPerPart.map(String.init).joined(separator: " + ")) \(unit))")
        }
        if let text {
            out.append("Text:        " + text.replacingOccurrences(of: "\n", with: "\n             "))
        }
        for link in links {
            out.append("Link:        \(link.shortUrl) → \(link.url)")
        }
        if let originalLength, let rewrittenLength {
            out.append("Length:      \(originalLength) characters before link rewriting, \(rewrittenLength) after")
        }
        if !diagnostics.isEmpty {
            out.append("")
            out.append(DiagnosticText.format(diagnostics, color: color))
        }
        return out.joined(separator: "\n")
    }
}
