import ArgumentParser
import Foundation
import Preflight

/// `preflight phone`: parses a phone number with libphonenumber and tells whether an SMS can go to it.
struct Phone: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse and check a phone number (E.164, region, type) with libphonenumber.",
        discussion: """
            National numbers need --region. With --format jsonl, reads JSON Lines from standard \
            input ({"input": "...", "defaultRegion": "TH"}, defaultRegion optional) and writes one \
            {"input", "valid", "e164", "region", "type", "error"} object per line. Exit codes: 0 valid \
            (jsonl: always), 1 invalid or not a number, 2 usage errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @Argument(help: "The phone number, in any common format (quote it when it has spaces).")
    var number: String?

    @Option(name: .long, help: "Default region of national numbers (ISO 3166-1 alpha-2, e.g. TH).")
    var region: String?

    @Option(name: .long, help: "Output format: text, json or jsonl.")
    var format: Format = .text

    func validate() throws {
        if format == .jsonl && number != nil {
            throw ValidationError("--format jsonl reads JSON Lines from standard input; drop the number argument")
        }
        if format != .jsonl && number == nil { throw ValidationError("give a phone number, e.g. preflight phone +66812345678") }
    }

    func run() throws {
        let defaultRegion: String?
        do { defaultRegion = try PhoneNumberParser.normalizedRegion(region) } catch {
            throw CommandFailure(error.description, fix: "\(error.fix), or leave --region out for numbers written with +")
        }
        let parser = PhoneNumberParser()
        guard let number else {
            PhoneJSONLines(parser: parser, defaultRegion: defaultRegion).run()
            return
        }
        let check = parser.check(number, defaultRegion: defaultRegion, field: "number")
        switch format {
        case .json, .jsonl:
            var writer = JSONWriter()
            Self.writeJSON(input: number, check: check, into: &writer)
            writer.endLine()
            Output.write(writer.bytes)
        case .text:
            Output.line(Self.humanDescription(input: number, check: check, parser: parser))
        }
        if check.number?.isValid != true { throw ExitCode(1) }
    }

    /// `{"input","valid","e164","region","type","error"}`; `error` is null exactly when the number is valid.
    static func writeJSON(input: String, check: PhoneCheck, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("input", input)
        writer.field("valid", check.number?.isValid ?? false)
        writer.field("e164", check.number?.e164)
        writer.field("region", check.number?.regionCode)
        writer.field("type", check.number?.type.rawValue)
        writer.field("error", check.problem)
        writer.endObject()
    }

    static func humanDescription(input: String, check: PhoneCheck, parser: PhoneNumberParser) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 15, withPad: " ", startingAt: 0) + value)
        }
        if let number = check.number {
            row("Number:", number.e164)
            row("Valid:", number.isValid ? "yes" : "no (\(check.problem ?? "invalid"))")
            row("Type:", number.type.rawValue)
            row("Region:", "\(number.regionCode ?? "none") (country code \(number.countryCode))")
            if number.isValid {
                row("National:", number.formatted(.national))
                row("International:", number.formatted(.international))
                let zones = parser.timeZones(for: number)
                if !zones.isEmpty {
                    row("Time zones:", zones.count == 1 ? zones[0] : "\(zones.count): " + zones.joined(separator: ", "))
                }
            }
        } else {
            row("Number:", "not a phone number")
            row("Valid:", "no")
        }
        for d in check.diagnostics {
            lines.append("\(d.severity.rawValue): \(d.message) [\(d.code)]")
            lines.append("  fix: \(d.fix)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `phone --format jsonl`: JSON Lines from standard input to standard output, in batches parsed
/// on all cores. A malformed line produces `{"error": "...", "line": N}` and processing goes on.
struct PhoneJSONLines {
    let parser: PhoneNumberParser
    let defaultRegion: String?

    /// One input line.
    struct Line: Decodable {
        var input: String
        var defaultRegion: String?

        init(input: String, defaultRegion: String?) {
            self.input = input
            self.defaultRegion = defaultRegion
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: JSONLinesInspector.Line.Key.self)
            for key in c.allKeys where !["input", "defaultRegion"].contains(key.stringValue) {
                throw JSONLinesInspector.LineError("unknown field \"\(key.stringValue)\" (expected input, defaultRegion)")
            }
            input = try c.decode(String.self, forKey: .init(stringValue: "input"))
            defaultRegion = try c.decodeIfPresent(String.self, forKey: .init(stringValue: "defaultRegion"))
        }

        /// The flat-object fast path, or nil (use the decoder, which also words the errors).
        static func fast(_ bytes: ArraySlice<UInt8>) -> Line? {
            guard let fields = bytes.withUnsafeBufferPointer({ FlatJSON.parseObject($0) }) else { return nil }
            var line = Line(input: "", defaultRegion: nil)
            var sawInput = false
            for (key, value) in fields {
                switch (key, value) {
                case ("input", .string(let s)): line.input = s; sawInput = true
                case ("defaultRegion", .string(let s)): line.defaultRegion = s
                case ("defaultRegion", .null): break
                default: return nil
                }
            }
            return sawInput ? line : nil
        }
    }

    func run() {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let states = (0..<workers).map { _ in Worker(parser: parser, defaultRegion: defaultRegion) }
        let reader = LineReader(fd: 0)
        var number = 0
        while true {
            var batch: [(number: Int, bytes: ArraySlice<UInt8>?)] = []
            while batch.count < 1024 * workers, let line = reader.next() {
                number += 1
                if case .text(let bytes) = line { batch.append((number, bytes)) } else { batch.append((number, nil)) }
            }
            if batch.isEmpty { break }
            let chunk = (batch.count + workers - 1) / workers
            let shared = JSONLinesInspector.SendableBox(batch)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = min(w * chunk, shared.value.count)
                states[w].process(shared.value[lo..<min(lo + chunk, shared.value.count)])
            }
            for state in states {
                Output.write(state.writer.bytes)
                state.writer.reset()
            }
        }
    }

    /// One worker's decoder and output buffer (used by one thread at a time).
    final class Worker: @unchecked Sendable {
        let parser: PhoneNumberParser
        let defaultRegion: String?
        let decoder = JSONDecoder()
        var writer = JSONWriter(reservingCapacity: 1 << 16)

        init(parser: PhoneNumberParser, defaultRegion: String?) {
            self.parser = parser
            self.defaultRegion = defaultRegion
        }

        func process(_ lines: ArraySlice<(number: Int, bytes: ArraySlice<UInt8>?)>) {
            for (number, bytes) in lines {
                if let bytes, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    guard let bytes else { throw JSONLinesInspector.LineError("line is longer than \(TextInput.defaultLimit) bytes") }
                    let line = try Line.fast(bytes) ?? decoder.decode(Line.self, from: Data(bytes))
                    let region: String?
                    do { region = try line.defaultRegion.map(PhoneNumberParser.normalizedRegion) ?? defaultRegion } catch {
                        throw JSONLinesInspector.LineError("\(error.description) in \"defaultRegion\"")
                    }
                    Phone.writeJSON(input: line.input, check: parser.check(line.input, defaultRegion: region), into: &writer)
                } catch {
                    writer.beginObject()
                    writer.field("error", JSONLinesInspector.message(for: error))
                    writer.field("line", number)
                    writer.endObject()
                }
                writer.endLine()
            }
        }
    }
}
