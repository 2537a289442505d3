import Foundation
import SMSProviders
import Testing

/// RFC 3339 times keep the offset they were written with, for providers that take local times.
@Suite("ScheduledTime")
struct ScheduledTimeTests {
    @Test(arguments: [
        ("2026-11-23T14:30:00+01:00", 1_795_440_600.0, 3_600, "2026-11-23T14:30:00+01:00"),
        ("2026-11-23T14:30:00+0100", 1_795_440_600, 3_600, "2026-11-23T14:30:00+01:00"),
        ("1996-12-19T16:39:57-08:00", 851_042_397, -28_800, "1996-12-19T16:39:57-08:00"),
        ("2026-11-23T13:30:00Z", 1_795_440_600, 0, "2026-11-23T13:30:00Z"),
        ("2026-11-23t13:30:00z", 1_795_440_600, 0, "2026-11-23T13:30:00Z"),
        ("2026-11-23T19:00:00+05:30", 1_795_440_600, 19_800, "2026-11-23T19:00:00+05:30"),
    ])
    func offsets(_ text: String, _ epoch: Double, _ offset: Int, _ local: String) throws {
        let time = try #require(ScheduledTime(iso8601: text))
        #expect(time.date.timeIntervalSince1970 == epoch)
        #expect(time.utcOffsetSeconds == offset)
        #expect(time.local == local)
    }

    @Test(arguments: ["2026-11-23T13:30:00", "2026-02-29T12:00:00Z", "2026-11-23T13:30:00+01", "2026-11-23T13:30:00+01:60", "2026-11-23T13:30:00Z "])
    func refused(_ text: String) {
        #expect(ScheduledTime(iso8601: text) == nil)
    }
}
