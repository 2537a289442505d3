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

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"time", "level", "label", "message", "metadata": {…}}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?

    /// Where lines go (standard error unless told otherwise).
    let output: LineOutput

    init(label: String, output: LineOutput = .standardError) {
        self.label = label
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
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
        output.write(w.bytes)
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
