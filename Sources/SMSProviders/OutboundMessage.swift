import Foundation
import PhoneNumbers

/// A checked message, ready to be turned into provider requests.
///
/// The `Preflight` module builds it from a send request and its report; library users can fill
/// it themselves. Values are final: the text is what must be sent.
public struct OutboundMessage: Sendable, Hashable {
    /// The recipients, in order.
    public var recipients: [OutboundRecipient]
    /// The text to send (a recipient may have its own).
    public var text: String
    /// Whether the text needs UCS-2.
    public var unicode: Bool
    /// The number of parts, when known.
    public var parts: Int?
    /// The numeric sender.
    public var from: String?
    /// The alphanumeric sender ID.
    public var senderMask: String?
    /// The campaign or client reference.
    public var campaignRef: String?
    /// True: the provider shortens and tracks links; false: it must not; nil: not said.
    public var linkTracking: Bool?
    /// When to send; nil (or a time not after now) sends at once.
    public var scheduledAt: ScheduledTime?
    /// Provider settings that are not credentials (`serviceId`, `accountSid`, `region`).
    public var settings: [String: String]

    /// Creates a message for recipients.
    public init(recipients: [OutboundRecipient], text: String, unicode: Bool = false) {
        self.recipients = recipients
        self.text = text
        self.unicode = unicode
        self.settings = [:]
    }
}

/// One recipient of an ``OutboundMessage``.
public struct OutboundRecipient: Sendable, Hashable {
    /// The parsed number.
    public var number: PhoneNumber
    /// This recipient's own text (tracked short links per recipient), if it differs.
    public var text: String?
    /// Whether this recipient's text needs UCS-2, if it differs.
    public var unicode: Bool?
    /// This recipient's number of parts, when known.
    public var parts: Int?
    /// The request field the recipient came from (`to[3]`), for diagnostics.
    public var field: String?

    /// Creates a recipient.
    public init(number: PhoneNumber, text: String? = nil, unicode: Bool? = nil, parts: Int? = nil, field: String? = nil) {
        self.number = number
        self.text = text
        self.unicode = unicode
        self.parts = parts
        self.field = field
    }
}

/// A send time with the UTC offset it was written with.
public struct ScheduledTime: Sendable, Hashable, CustomStringConvertible {
    /// The instant.
    public var date: Date
    /// The offset from UTC the time was written with, in seconds (0 for `Z`).
    public var utcOffsetSeconds: Int

    /// Creates a time.
    public init(date: Date, utcOffsetSeconds: Int = 0) {
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Parses an RFC 3339 time (ISO 8601 extended format with an offset).
    ///
    /// `2026-11-23T14:30:00+01:00`, `2026-11-23T13:30:00Z` and `2026-11-23T13:30:00.250Z` are
    /// times; `t` and `z` may be lower case (RFC 3339 §5.6), and the offset may also be written
    /// `+0100`. Refused (nil): a time without an offset (it names no instant), a day, hour, minute or
    /// second out of range (`2026-02-29`, `24:00`, `12:60`, the leap second `:60`, which `Date`
    /// cannot hold), and every other shape. Dates are in the proleptic Gregorian calendar.
    ///
    /// Read directly from the bytes: `Date.ISO8601FormatStyle` costs several microseconds a call
    /// (as much as the rest of a pre-send check) and rolls impossible dates over (`2026-02-29`
    /// became 1 March).
    public init?(iso8601 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ bytes -> ScheduledTime? in
            var reader = InternetTimeReader(bytes: bytes)
            return reader.read()
        }) else { return nil }
        self = parsed
    }

    /// ISO 8601 in UTC: `2026-11-23T13:30:00Z`.
    public var utc: String { TimeText.iso8601(date, offset: 0) }

    /// ISO 8601 with the original offset: `2026-11-23T14:30:00+01:00`.
    public var local: String { TimeText.iso8601(date, offset: utcOffsetSeconds) }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// The time with its original offset.
    public var description: String { local }
}

/// Time formats the providers use, written without shared formatters.
enum TimeText {
    /// Calendar fields of `date` at UTC offset `offset`.
    private static func fields(_ date: Date, offset: Int) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(secondsFromGMT: 0)!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }

    private static func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
    private static func four(_ n: Int?) -> String { String(repeating: "0", count: max(0, 4 - String(n ?? 0).count)) + String(n ?? 0) }

    /// `2026-11-23T14:30:00+01:00` (`Z` for offset 0).
    static func iso8601(_ date: Date, offset: Int) -> String {
        let f = fields(date, offset: offset)
        var zone = "Z"
        if offset != 0 {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
        }
        return "\(four(f.year))-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))\(zone)"
    }

    /// `20150830T123600Z` (AWS `X-Amz-Date`).
    static func amzDate(_ date: Date) -> String {
        let f = fields(date, offset: 0)
        return "\(four(f.year))\(two(f.month))\(two(f.day))T\(two(f.hour))\(two(f.minute))\(two(f.second))Z"
    }

    /// `Wed, 07 Oct 2020 18:16:02 GMT` (RFC 1123, Azure `x-ms-date`).
    static func rfc1123(_ date: Date) -> String {
        let f = fields(date, offset: 0)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[(f.weekday ?? 1) - 1]), \(two(f.day)) \(months[(f.month ?? 1) - 1]) \(four(f.year)) \(two(f.hour)):\(two(f.minute)):\(two(f.second)) GMT"
    }
}
