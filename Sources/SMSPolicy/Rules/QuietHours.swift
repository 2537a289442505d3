import Foundation
import YAMLSupport
import PreflightCore

/// A day of the week, written `mon` … `sun` in rule files.
public enum Weekday: String, Sendable, Codable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The day for `Calendar`'s weekday number (1 = Sunday … 7 = Saturday); nil out of range.
    public init?(calendarWeekday: Int) {
        guard (1...7).contains(calendarWeekday) else { return nil }
        self = [.sun, .mon, .tue, .wed, .thu, .fri, .sat][calendarWeekday - 1]
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A time of day with minute precision, written `"HH:MM"` (00:00 to 24:00) in rule files.
///
/// `24:00` is the end of the day and only makes sense as the end of a ``TimeWindow``.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0...1440.
    public let minutes: Int

    /// Creates a time; nil unless 0 ≤ hour ≤ 24, 0 ≤ minute ≤ 59 and the time is at most 24:00.
    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        minutes = hour * 60 + minute
    }

    /// Parses exactly `HH:MM` with two digits each (`08:00`, `21:30`, `24:00`); nil otherwise.
    public init?(_ text: String) {
        let chars = Array(text.utf8)
        guard chars.count == 5, chars[2] == UInt8(ascii: ":"),
              let hour = Int(String(text.prefix(2))), let minute = Int(String(text.suffix(2))),
              chars[0...1].allSatisfy({ (48...57).contains($0) }), chars[3...4].allSatisfy({ (48...57).contains($0) })
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var description: String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(text) else {
            try decoder.problem(
                "'\(text)' is not a time of day in the form \"HH:MM\" (00:00 to 24:00)",
                fix: "Write two-digit hours and minutes in quotes, such as \"08:00\".")
            throw RecordedProblem()
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A weekday and time of day in the recipient's local time.
public struct LocalTime: Sendable, Hashable {
    /// The day of the week.
    public var weekday: Weekday
    /// The time of day.
    public var time: TimeOfDay

    /// Creates a local time.
    public init(weekday: Weekday, time: TimeOfDay) {
        self.weekday = weekday
        self.time = time
    }

    /// The local weekday and time of `date` in `timeZone` (seconds dropped).
    ///
    /// Computed from the zone's UTC offset at that instant, without a `Calendar`: local seconds
    /// since 1970-01-01 (a Thursday), split into days and minutes.
    public init(_ date: Date, in timeZone: TimeZone) {
        let offset = Double(timeZone.secondsFromGMT(for: date))
        let local = (date.timeIntervalSince1970 + offset).rounded(.down)
        let seconds = local.isFinite ? Int64(max(min(local, 1e15), -1e15)) : 0
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = secondOfDay < 0 ? days - 1 : days
        let minute = Int((secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay) / 60)
        let weekdayIndex = Int(((day + 3) % 7 + 7) % 7)  // 0 = Monday; day 0 was a Thursday
        weekday = Weekday.allCases[weekdayIndex]
        time = TimeOfDay(hour: minute / 60, minute: minute % 60)!
    }
}

/// A window in which sending is allowed: some days of the week, from `from` (inclusive) to `to`
/// (exclusive), in the recipient's local time.
///
/// In a rule file: `{days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00"}`. `days`
/// defaults to every day. `from` must be before `to`; a window that crosses midnight is written
/// as two windows (`22:00`–`24:00` and `00:00`–`06:00` the next day).
public struct TimeWindow: Sendable, Hashable, Codable {
    /// The days the window applies to, in week order without repeats.
    public let days: [Weekday]
    /// The first minute in which sending is allowed.
    public let from: TimeOfDay
    /// The first minute after the window (`24:00` for the end of the day).
    public let to: TimeOfDay

    /// Creates a window (days sorted and deduplicated); nil unless `from < to`.
    public init?(days: [Weekday] = Weekday.allCases, from: TimeOfDay, to: TimeOfDay) {
        guard from < to else { return nil }
        self.days = Array(Set(days)).sorted()
        self.from = from
        self.to = to
    }

    /// True when `time` on `weekday` is inside the window.
    public func contains(_ local: LocalTime) -> Bool {
        days.contains(local.weekday) && from <= local.time && local.time < to
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case days, from, to
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let days = try container.decodeIfPresent([Weekday].self, forKey: .days) ?? Weekday.allCases
        let optionalFrom = try container.decodeIfPresent(TimeOfDay.self, forKey: .from)
        let optionalTo = try container.decodeIfPresent(TimeOfDay.self, forKey: .to)
        let from = try container.require(optionalFrom, forKey: .from)
        let to = try container.require(optionalTo, forKey: .to)
        self.days = Array(Set(days)).sorted()
        self.from = from
        self.to = to
        if from >= to {
            try decoder.problem(
                "the window ends (\(to)) before it starts (\(from))",
                fix: "Make 'from' earlier than 'to'; split a window that crosses midnight in two (…–24:00 and 00:00–…).",
                at: CodingKeys.to)
        }
    }
}

/// When messages of some categories may be sent: only inside one of the `allowed` windows.
///
/// In a rule file:
/// ```yaml
/// quietHours:
///   - categories: [marketing]
///     allowed:
///       - {days: [mon, tue, wed, thu, fri], from: "08:00", to: "20:00"}
///       - {days: [sat], from: "08:00", to: "14:00"}
/// ```
/// A day that no window lists is closed for these categories (above: Sunday), and `allowed: []`
/// closes every day (the category may not be sent at all). `categories` defaults to every category.
public struct QuietHours: Sendable, Hashable, Codable {
    /// The categories the rule applies to, in the order of `MessageCategory.allCases`; never empty.
    public let categories: [MessageCategory]
    /// The windows in which sending is allowed.
    public let allowed: [TimeWindow]
    /// A short note on the source or reading of the rule.
    public let note: String?

    /// Creates a rule.
    public init(categories: [MessageCategory] = MessageCategory.allCases, allowed: [TimeWindow], note: String? = nil) {
        self.categories = MessageCategory.allCases.filter((categories.isEmpty ? MessageCategory.allCases : categories).contains)
        self.allowed = allowed
        self.note = note
    }

    /// True when the rule governs messages of `category`.
    public func applies(to category: MessageCategory) -> Bool { categories.contains(category) }

    /// True when sending at `local` is inside one of the allowed windows.
    public func permits(_ local: LocalTime) -> Bool { allowed.contains { $0.contains(local) } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case categories, allowed, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let categories = try container.decodeIfPresent([MessageCategory].self, forKey: .categories)
        let note = try container.decodeIfPresent(String.self, forKey: .note)
        let allowed = try container.decodeIfPresent([TimeWindow].self, forKey: .allowed)
        self.init(
            categories: categories ?? MessageCategory.allCases, allowed: try container.require(allowed, forKey: .allowed),
            note: note)
        if categories?.isEmpty == true {
            try decoder.problem(
                "an empty category list", fix: "List the categories, or leave 'categories' out for all of them.",
                at: CodingKeys.categories)
        }
    }
}
