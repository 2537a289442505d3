import Foundation
@testable import SMSProviders
import Testing

/// Times written for providers (RFC 3339, AWS `X-Amz-Date`, RFC 1123) use the proleptic Gregorian
/// calendar, the one `ScheduledTime(iso8601:)` reads, on both sides of the 1582 reform.
@Suite("TimeText")
struct TimeTextTests {
    /// Instants whose calendar date and weekday are fixed facts: the Unix epoch (a Thursday),
    /// 2000-02-29 (a Tuesday; 2000 is a leap year as a multiple of 400), the first day of the
    /// Gregorian calendar 1582-10-15 (a Friday; -12,219,292,800 s, the UUID v1 epoch offset), the
    /// proleptic day before it (Julian 4 October, a Thursday), 0001-01-01 (a Monday) and
    /// 9999-12-31T23:59:59Z (a Friday).
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z", "19700101T000000Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "2000-02-29T00:00:00Z", "20000229T000000Z", "Tue, 29 Feb 2000 00:00:00 GMT"),
        (-12_219_292_800, "1582-10-15T00:00:00Z", "15821015T000000Z", "Fri, 15 Oct 1582 00:00:00 GMT"),
        (-12_219_379_200, "1582-10-14T00:00:00Z", "15821014T000000Z", "Thu, 14 Oct 1582 00:00:00 GMT"),
        (-62_135_596_800, "0001-01-01T00:00:00Z", "00010101T000000Z", "Mon, 01 Jan 0001 00:00:00 GMT"),
        (253_402_300_799, "9999-12-31T23:59:59Z", "99991231T235959Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (-0.5, "1969-12-31T23:59:59Z", "19691231T235959Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func knownInstants(_ epoch: Double, _ iso: String, _ amz: String, _ http: String) {
        let date = Date(timeIntervalSince1970: epoch)
        #expect(TimeText.iso8601(date, offset: 0) == iso)
        #expect(TimeText.amzDate(date) == amz)
        #expect(TimeText.rfc1123(date) == http)
    }

    /// What is read is written back as the same instant, before the reform too (Foundation's
    /// Gregorian calendar is Julian there and moved 1013-11-23 by six days).
    @Test(arguments: [
        "1013-11-23T13:30:00Z", "1582-10-04T23:59:59+01:00", "1582-10-10T12:00:00-05:00", "0001-01-01T00:00:00Z",
        "1600-02-29T12:00:00Z", "1900-02-28T23:00:00-01:00", "2026-11-23T14:30:00+01:00", "9999-12-31T23:59:59Z",
    ])
    func readAndWrittenBack(_ text: String) throws {
        let time = try #require(ScheduledTime(iso8601: text))
        #expect(time.local == text)
        #expect(ScheduledTime(iso8601: time.utc)?.date == time.date)
    }

    /// Every day from 1500 to 2100 at noon: the fields agree with the reader's day count.
    @Test func everyDayFrom1500To2100() throws {
        var mismatches: [String] = []
        for year in 1500...2100 {
            for month in 1...12 {
                for day in 1...InternetTimeReader.daysIn(month: month, year: year) {
                    let days = InternetTimeReader.daysSinceEpoch(year: year, month: month, day: day)
                    let fields = TimeText.fields(Date(timeIntervalSince1970: Double(days * 86_400 + 43_200)), offset: 0)
                    if (fields.year, fields.month, fields.day, fields.hour) != (year, month, day, 12) { mismatches.append("\(year)-\(month)-\(day)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
