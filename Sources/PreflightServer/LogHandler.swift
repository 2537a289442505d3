import Foundation
import Logging
import Preflight

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The swift-log handler of `preflight serve`: one line per event on standard error, in swift-log's
/// stream format (`text`: `2026-11-23T12:00:00+0000 info preflight: key=value [source] message`) or
/// as one JSON object (`json`: `{"time", "level", "label", "message", "metadata": {…}}`), whole lines
/// under a lock.
///
/// Metadata is formatted only when a line is written. swift-log's `StreamLogHandler` formats all of
/// it again each time one key is set, and Hummingbird sets a request id on the logger of every
/// request, most of which write no line (4% of the server's CPU under load).
struct PreflightLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?

    /// Where lines go (standard error unless told otherwise).
    let output: LineOutput

    init(label: String, format: LogFormat, output: LineOutput = .standardError) {
        self.label = label
        self.format = format
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = LogMetadata.merged(metadata, provider: metadataProvider, event: event)
        switch format {
        case .text: output.write(textLine(event, metadata: all))
        case .json: output.write(jsonLine(event, metadata: all))
        }
    }

    /// swift-log's stream format, metadata sorted by key.
    func textLine(_ event: LogEvent, metadata all: Logger.Metadata) -> [UInt8] {
        var line = Self.timestamp() + " \(event.level)" + (label.isEmpty ? "" : " ") + label + ":"
        if !all.isEmpty {
            line += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        line += " [\(event.source)] \(event.message)\n"
        return Array(line.utf8)
    }

    /// Local time to the second with the offset, `2026-11-23T12:00:00+0000`.
    static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `{"time", "level", "label", "message", "metadata": {…}}`.
    func jsonLine(_ event: LogEvent, metadata all: Logger.Metadata) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 256)
        w.beginObject()
        w.field("time", Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date()))
        w.field("level", event.level.rawValue)
        w.field("label", label)
        w.field("message", event.message.description)
        if !all.isEmpty {
            w.key("metadata")
            Self.write(.dictionary(all), into: &w)
        }
        w.endObject()
        w.endLine()
        return w.bytes
    }

    static func write(_ value: Logger.MetadataValue, into w: inout JSONWriter) {
        switch value {
        case .string(let s): w.value(s)
        case .stringConvertible(let c): w.value(c.description)
        case .array(let items):
            w.beginArray()
            for item in items { write(item, into: &w) }
            w.endArray()
        case .dictionary(let entries):
            w.beginObject()
            for key in entries.keys.sorted() {
                w.key(key)
                write(entries[key]!, into: &w)
            }
            w.endObject()
        }
    }
}

/// The metadata of one log line.
enum LogMetadata {
    /// The logger's metadata, then the provider's, then the line's own (later ones win). An error
    /// attached to the line adds only its type (`error.type`): an error's description may quote
    /// request content, which logs never hold.
    static func merged(_ base: Logger.Metadata, provider: Logger.MetadataProvider?, event: LogEvent) -> Logger.Metadata {
        var all = base
        if let provided = provider?.get(), !provided.isEmpty { all.merge(provided) { _, new in new } }
        if let extra = event.metadata, !extra.isEmpty { all.merge(extra) { _, new in new } }
        if let error = event.error { all["error.type"] = "\(String(reflecting: type(of: error)))" }
        return all
    }
}

/// Whole lines written to a file descriptor under a lock.
final class LineOutput: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()

    /// Standard error, shared so lines from different loggers never interleave.
    static let standardError = LineOutput(fd: 2)

    init(fd: Int32) { self.fd = fd }

    func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
