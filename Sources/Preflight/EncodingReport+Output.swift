extension EncodingReport {
    /// Writes the report as the stable JSON object of `preflight inspect --format json`:
    /// `encoding`, `parts`, `unitsPerPart`, `units`, `characters`, `nonGSM`, `text`, `replacements`,
    /// `shiftTables`, then `udhOctetsPerPart`, `crlf`, `normalized` and `partTexts`.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("encoding", encoding.rawValue)
        w.field("parts", partCount)
        w.key("unitsPerPart")
        w.beginArray()
        for part in parts { w.value(part.units) }
        w.endArray()
        w.field("units", units)
        w.field("characters", characters)
        w.key("nonGSM")
        w.beginArray()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for r in nonGSMRanges {
                w.beginObject()
                w.key("char")
                w.value(utf8: UnsafeBufferPointer(rebasing: bytes[Int(r.start)..<Int(r.end)]))
                w.field("offset", Int(r.offset))
                w.endObject()
            }
        } ?? {
            for c in nonGSM {
                w.beginObject()
                w.field("char", c.char)
                w.field("offset", c.offset)
                w.endObject()
            }
        }()
        w.endArray()
        w.field("text", text)
        w.key("replacements")
        w.beginArray()
        for r in replacements {
            w.beginObject()
            w.field("offset", r.offset)
            w.field("from", r.from)
            w.field("to", r.to)
            w.endObject()
        }
        w.endArray()
        w.key("shiftTables")
        w.beginObject()
        w.field("locking", shiftTables.locking?.rawValue)
        w.field("single", shiftTables.single?.rawValue)
        w.endObject()
        w.field("udhOctetsPerPart", udhOctetsPerPart)
        w.field("crlf", crlfCount)
        w.field("normalized", normalized)
        w.key("partTexts")
        w.beginArray()
        for part in parts {
            var slice = part.slice
            slice.withUTF8 { w.value(utf8: $0) }
        }
        w.endArray()
        w.endObject()
    }

    /// The report as one line of JSON.
    public var json: String {
        var w = JSONWriter()
        writeJSON(into: &w)
        return w.string
    }

    /// A human-readable report: encoding, parts, the characters that forced UCS-2 marked in the
    /// text, smart-encoding replacements, line-break costs, and what `--smart` would save.
    ///
    /// - Parameter alternatives: reports of the same text with smart encoding and with LF line
    ///   breaks, used for the hints (pass nil to leave the hints out).
    public func humanDescription(smartAlternative: EncodingReport? = nil, lfAlternative: EncodingReport? = nil) -> String {
        var out: [String] = []
        let unitName = encoding == .gsm7 ? "septets" : "UTF-16 code units"
        var encodingLine = encoding.rawValue
        if encoding == .gsm7, shiftTables.count > 0 {
            let names = [shiftTables.locking.map { "locking shift \($0.rawValue)" },
                         shiftTables.single.map { "single shift \($0.rawValue)" }].compactMap { $0 }
            encodingLine += " with national language " + names.joined(separator: " + ")
        }
        if encoding == .ucs2 {
            encodingLine += " (forced by \(nonGSM.count) character\(nonGSM.count == 1 ? "" : "s"))"
        }
        out.append("Encoding:    \(encodingLine)")
        let sizes = parts.map { String($0.units) }.joined(separator: " + ")
        out.append("Parts:       \(partCount) (\(sizes) \(unitName))")
        let (one, many) = limits
        out.append("Limits:      \(one) in one part, \(many) per part when concatenated\(udhOctetsPerPart > 0 ? " (UDH \(udhOctetsPerPart) octets)" : "")")
        out.append("Characters:  \(characters)")
        if normalized { out.append("Normalized:  the text was changed to NFC; send the text below") }
        if !replacements.isEmpty {
            out.append("Replaced:    \(replacements.count) by smart encoding")
            for r in replacements {
                out.append("             \(Self.describe(r.from)) → \(r.to.isEmpty ? "(removed)" : "'\(r.to)'") at offset \(r.offset)")
            }
        }
        if !nonGSM.isEmpty {
            out.append("Non-GSM:     \(nonGSM.count) character\(nonGSM.count == 1 ? "" : "s") force UCS-2:")
            for c in nonGSM.prefix(20) {
                out.append("             \(Self.describe(c.char)) at offset \(c.offset)")
            }
            if nonGSM.count > 20 { out.append("             … and \(nonGSM.count - 20) more") }
            out.append("             " + markedText(limit: 200))
        }
        if crlfCount > 0 {
            var line = "Line breaks: \(crlfCount) CR LF pair\(crlfCount == 1 ? "" : "s") cost \(encoding == .gsm7 ? "2 septets" : "2 units") each where LF costs 1"
            if let lf = lfAlternative, lf.partCount < partCount {
                line += "; with LF only: \(lf.partCount) part\(lf.partCount == 1 ? "" : "s")"
            }
            out.append(line)
        }
        if let smart = smartAlternative, smart.partCount < partCount || smart.encoding != encoding {
            out.append("Tip:         smart encoding would send \(smart.encoding.rawValue) in \(smart.partCount) part\(smart.partCount == 1 ? "" : "s") (\(smart.replacements.count) replacement\(smart.replacements.count == 1 ? "" : "s"))")
        }
        if partCount > 1 {
            for (i, part) in parts.enumerated() {
                out.append("Part \(i + 1):      \(part.units) \(unitName): \(Self.excerpt(part.text))")
            }
        }
        out.append("Text:        \(Self.excerpt(text, limit: 400))")
        return out.joined(separator: "\n")
    }

    private var limits: (Int, Int) {
        if encoding == .ucs2 { return (70, 67) }
        switch shiftTables.count {
        case 0: return (160, 153)
        case 1: return (155, 149)
        default: return (152, 146)
        }
    }

    /// The text with each non-GSM character wrapped in ⟦ ⟧.
    func markedText(limit: Int) -> String {
        var result = ""
        let utf16 = Array(text.utf16)
        var position = 0
        for c in nonGSM {
            guard c.offset >= position, c.offset <= utf16.count else { continue }
            result += String(decoding: utf16[position..<c.offset], as: UTF16.self)
            result += "⟦\(c.char)⟧"
            position = c.offset + c.char.utf16.count
            if result.count > limit { break }
        }
        if position < utf16.count { result += String(decoding: utf16[position...], as: UTF16.self) }
        return Self.excerpt(result, limit: limit)
    }

    /// `’ (U+2019 RIGHT SINGLE QUOTATION MARK)`; several scalars are listed by code point.
    static func describe(_ s: String) -> String {
        let scalars = s.unicodeScalars
        let codes = scalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(4) }
        if scalars.count == 1, let name = scalars.first?.properties.name {
            return "'\(visible(s))' (\(codes[0]) \(name))"
        }
        return "'\(visible(s))' (\(codes.joined(separator: " ")))"
    }

    private static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func excerpt(_ s: String, limit: Int = 60) -> String {
        let v = visible(s)
        return v.count > limit ? String(v.prefix(limit)) + "…" : v
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}

extension EncodingReport {
    /// Writes `encoding`, `parts`, `unitsPerPart` and `units` of a report, or nulls when there is
    /// none (a render or check that failed before encoding).
    public static func writeSummary(_ report: EncodingReport?, into w: inout JSONWriter) {
        w.field("encoding", report?.encoding.rawValue)
        w.key("parts")
        if let report { w.value(report.partCount) } else { w.null() }
        w.key("unitsPerPart")
        if let report {
            w.beginArray()
            for u in report.unitsPerPart { w.value(u) }
            w.endArray()
        } else {
            w.null()
        }
        w.key("units")
        if let report { w.value(report.units) } else { w.null() }
    }
}
