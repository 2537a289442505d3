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
    /// The fields of a time of day on a date of the proleptic Gregorian calendar, the calendar
    /// `ScheduledTime(iso8601:)` reads (Foundation's Gregorian calendar is Julian before October
    /// 1582, so a time read and written back would move by days).
    struct Fields: Equatable {
        var year, month, day, hour, minute, second: Int
        /// 0 for Sunday to 6 for Saturday.
        var weekday: Int
    }

    /// The fields of `date` at UTC offset `offset` (whole seconds, rounded down).
    static func fields(_ date: Date, offset: Int) -> Fields {
        // Dates beyond ±10^14 s (about 3 million years) are clamped: Int(Double) would trap.
        let limit = 1e14
        let interval = date.timeIntervalSince1970.isNaN ? 0 : min(max(date.timeIntervalSince1970, -limit), limit)
        let seconds = Int(interval.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        // Days since 0000-03-01, in 400-year cycles of 146,097 days whose years start on 1 March
        // (the inverse of `InternetTimeReader.daysSinceEpoch`).
        let shifted = days + 719_468
        let cycle = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfCycle = shifted - cycle * 146_097
        let yearOfCycle = (dayOfCycle - dayOfCycle / 1_460 + dayOfCycle / 36_524 - dayOfCycle / 146_096) / 365
        let dayOfYear = dayOfCycle - (365 * yearOfCycle + yearOfCycle / 4 - yearOfCycle / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday.
        let weekday = ((days + 4) % 7 + 7) % 7
        return Fields(year: year, month: month, day: day, hour: second / 3_600, minute: second % 3_600 / 60, second: second % 60, weekday: weekday)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    /// Four digits at least; a negative year (before 0000) is written with a minus sign.
    private static func four(_ n: Int) -> String {
        let digits = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

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
        return "\(days[f.weekday]), \(two(f.day)) \(months[f.month - 1]) \(four(f.year)) \(two(f.hour)):\(two(f.minute)):\(two(f.second)) GMT"
    }
}
