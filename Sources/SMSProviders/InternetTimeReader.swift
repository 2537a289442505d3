import Foundation

/// RFC 3339 §5.6 `date-time` over UTF-8 bytes.
struct InternetTimeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func read() -> ScheduledTime? {
        guard let year = digits(4), take("-"), let month = digits(2), take("-"), let day = digits(2),
            take("T") || take("t"), let hour = digits(2), take(":"), let minute = digits(2), take(":"), let second = digits(2),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var fraction = 0.0
        if take(".") {
            var scale = 0.1
            let start = at
            while at < bytes.count, let d = digit(bytes[at]) {
                fraction += Double(d) * scale
                scale /= 10
                at += 1
            }
            guard at > start else { return nil }
        }
        var offset = 0
        if take("Z") || take("z") {
            offset = 0
        } else if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
            let sign = bytes[at] == UInt8(ascii: "-") ? -1 : 1
            at += 1
            guard let hours = digits(2) else { return nil }
            _ = take(":")
            guard let minutes = digits(2), hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        guard at == bytes.count else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return ScheduledTime(date: Date(timeIntervalSince1970: Double(seconds) + fraction), utcOffsetSeconds: offset)
    }

    mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard at < bytes.count, bytes[at] == UInt8(ascii: c) else { return false }
        at += 1
        return true
    }

    func digit(_ b: UInt8) -> Int? {
        b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil
    }

    mutating func digits(_ count: Int) -> Int? {
        guard at + count <= bytes.count else { return nil }
        var value = 0
        for _ in 0..<count {
            guard let d = digit(bytes[at]) else { return nil }
            value = value * 10 + d
            at += 1
        }
        return value
    }

    /// Days in a month of the Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar: whole 400-year cycles of
    /// 146,097 days, counted in years that start on 1 March so that the leap day ends the year.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let cycle = (y >= 0 ? y : y - 399) / 400
        let yearOfCycle = y - cycle * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear
        return cycle * 146_097 + dayOfCycle - 719_468
    }
}
