import PreflightCore

extension RecipientRule {
    /// `one per request`, `a list of at most 1,000`, `joined with "<", at most 1,000`.
    public var summary: String {
        let most = maxPerRequest.map { " of at most \($0.formatted())" } ?? ""
        switch mode {
        case .single: return "one per request"
        case .array: return group ? "a list that makes a group conversation: one request per recipient" : "a list\(most) per request"
        case .joined: return "joined with \"\(separator ?? ",")\"\(maxPerRequest.map { ", at most \($0.formatted()) per request" } ?? "")"
        }
    }
}

extension ProviderLimits {
    /// The limits as `name: value` pairs, in a fixed order (durations in seconds).
    public var entries: [(name: String, value: String)] {
        var list: [(String, String)] = []
        if let bodyLength { list.append(("bodyLength", String(bodyLength))) }
        if let bodyLengthUCS2 { list.append(("bodyLengthUCS2", String(bodyLengthUCS2))) }
        if let bodyBytes { list.append(("bodyBytes", String(bodyBytes))) }
        if let maxParts { list.append(("maxParts", String(maxParts))) }
        if let senderMaskLength { list.append(("senderMaskLength", String(senderMaskLength))) }
        if !senderMaskNotIn.isEmpty { list.append(("senderMaskNotIn", senderMaskNotIn.joined(separator: ","))) }
        if let referenceLength { list.append(("referenceLength", String(referenceLength))) }
        if let scheduleMinimum { list.append(("scheduleMinimumSeconds", String(scheduleMinimum))) }
        if let scheduleMaximum { list.append(("scheduleMaximumSeconds", String(scheduleMaximum))) }
        return list
    }
}

extension ProviderDefinition {
    /// The URL templates, conditional ones with their condition.
    private var urlSummary: [String] {
        request.urls.map { choice in
            choice.when.isEmpty ? choice.template.description : "\(choice.template) (when \(choice.when.map(\.description).joined(separator: ", ")))"
        }
    }

    /// A few lines for people: endpoint, auth, recipients, body limit, features, settings, credentials.
    public var summary: String {
        var lines = ["\(name) — \(title)"]
        func line(_ label: String, _ value: String) { lines.append("  " + (label + ":").padding(toLength: 13, withPad: " ", startingAt: 0) + value) }
        for url in urlSummary { line("endpoint", "\(request.method) \(url)") }
        line("body", "\(request.encoding.rawValue) (\(request.effectiveContentType))")
        line("auth", auth.style.rawValue + (auth.signatureName.map { ", \($0)" } ?? ""))
        line("recipients", recipients.summary)
        var text: [String] = []
        if let n = limits.bodyLength { text.append("at most \(n.formatted()) characters") }
        if let n = limits.bodyLengthUCS2 { text.append("\(n.formatted()) in UCS-2") }
        if let n = limits.bodyBytes { text.append("at most \(n.formatted()) bytes") }
        if let n = limits.maxParts { text.append("at most \(n) parts") }
        line("text", text.isEmpty ? "no documented limit" : text.joined(separator: ", "))
        let features = ProviderFeature.allCases.map { feature -> String in
            var word = feature.rawValue
            if feature == .schedule, let min = limits.scheduleMinimum, let max = limits.scheduleMaximum {
                word += " (\(PayloadDurations.short(min))–\(PayloadDurations.short(max)))"
            }
            if feature == .senderMask, let n = limits.senderMaskLength { word += " (≤\(n)" + (limits.senderMaskNotIn.isEmpty ? ")" : ", not \(limits.senderMaskNotIn.joined(separator: ", ")))") }
            return (self.features.contains(feature) ? "yes " : "no  ") + word
        }
        let carried = features.filter { $0.hasPrefix("yes") }.map { String($0.dropFirst(4)) }
        line("features", carried.isEmpty ? "none" : carried.joined(separator: ", "))
        let missing = ProviderFeature.allCases.filter { !self.features.contains($0) }
        if !missing.isEmpty { line("lacks", missing.map(\.rawValue).joined(separator: ", ")) }
        if !settings.isEmpty {
            line("settings", settings.map { $0.name + ($0.required ? " (required)" : $0.defaultValue.map { " (default \($0))" } ?? "") }.joined(separator: ", "))
        }
        if !credentials.isEmpty { line("credentials", credentials.joined(separator: ", ")) }
        if let messageIdField { line("message id", messageIdField) }
        return lines.joined(separator: "\n")
    }

    /// Writes the definition as a JSON object: name, title, docs, method, urls, encoding,
    /// contentType, auth, signature, recipients, features, lacks, limits, settings, credentials,
    /// messageIdField, notes.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("title", title)
        w.field("docs", docs)
        w.field("method", request.method)
        w.key("urls")
        w.beginArray()
        for url in urlSummary { w.value(url) }
        w.endArray()
        w.field("encoding", request.encoding.rawValue)
        w.field("contentType", request.effectiveContentType)
        w.field("auth", auth.style.rawValue)
        w.field("signature", auth.signatureName)
        w.key("recipients")
        w.beginObject()
        w.field("mode", recipients.mode.rawValue)
        if let separator = recipients.separator { w.field("separator", separator) }
        w.key("maxPerRequest")
        if let max = recipients.chunkSize { w.value(max) } else { w.null() }
        w.field("group", recipients.group)
        w.endObject()
        w.key("features")
        w.beginArray()
        for feature in features.sorted() { w.value(feature.rawValue) }
        w.endArray()
        w.key("lacks")
        w.beginArray()
        for feature in ProviderFeature.allCases where !features.contains(feature) { w.value(feature.rawValue) }
        w.endArray()
        w.key("limits")
        w.beginObject()
        for (key, value) in limits.entries {
            if let number = Int(value) { w.field(key, number) } else { w.field(key, value) }
        }
        w.endObject()
        w.key("settings")
        w.beginArray()
        for setting in settings {
            w.beginObject()
            w.field("name", setting.name)
            w.field("required", setting.required)
            if let value = setting.defaultValue { w.field("default", value) }
            if let allowed = setting.allowed {
                w.key("allowed")
                w.beginArray()
                for value in allowed { w.value(value) }
                w.endArray()
            }
            if let format = setting.format { w.field("format", format.rawValue) }
            if let description = setting.description { w.field("description", description) }
            w.endObject()
        }
        w.endArray()
        w.key("credentials")
        w.beginArray()
        for credential in credentials { w.value(credential) }
        w.endArray()
        w.field("messageIdField", messageIdField)
        w.key("notes")
        w.beginArray()
        for note in notes { w.value(note) }
        w.endArray()
        w.endObject()
    }
}

/// Short durations for listings: `5m`, `35d`, `90s`.
enum PayloadDurations {
    static func short(_ seconds: Int) -> String {
        for (size, unit) in [(86400, "d"), (3600, "h"), (60, "m")] where seconds >= size && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
