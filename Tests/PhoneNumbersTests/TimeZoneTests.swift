import Foundation
import Testing
@testable import PhoneNumbers

@Suite("PhoneNumberParser.timeZones")
struct TimeZoneTests {
    let parser = PhoneNumberParser()

    @Test func singleZoneCountry() throws {
        let number = try parser.parse("0812345678", defaultRegion: "TH")
        #expect(parser.timeZones(for: number) == ["Asia/Bangkok"])
        // Guernsey has its own IANA zone.
        #expect(parser.timeZones(for: try parser.parse("+447911123456")) == ["Europe/Guernsey"])
        #expect(parser.timeZones(forRegion: "gb") == ["Europe/London"])
    }

    @Test func largeCountriesListEveryZone() throws {
        let us = parser.timeZones(for: try parser.parse("+14155552671"))
        #expect(us.contains("America/New_York"))
        #expect(us.contains("America/Los_Angeles"))
        #expect(us.contains("America/Chicago"))
        #expect(us.contains("Pacific/Honolulu"))
        #expect(us.contains("America/Anchorage"))
        #expect(us == us.sorted())
        #expect(Set(us).count == us.count)
        let canada = parser.timeZones(for: try parser.parse("+16135550123"))
        #expect(canada.contains("America/Toronto"))
        #expect(canada.contains("America/Vancouver"))
        #expect(canada.contains("America/St_Johns"))
        for region in ["BR", "MX", "RU", "AU"] {
            #expect(parser.timeZones(forRegion: region).count > 1, "\(region)")
        }
    }

    @Test func everyZoneResolves() {
        for region in ["US", "CA", "IN", "TH", "RU", "AU", "BR", "MX", "GG", "KI"] {
            for id in parser.timeZones(forRegion: region) {
                #expect(TimeZone(identifier: id) != nil, "\(id)")
            }
        }
    }

    @Test func noRegionNoZones() throws {
        #expect(parser.timeZones(for: try parser.parse("+1 123")).isEmpty)
        #expect(parser.timeZones(forRegion: "XX").isEmpty)
        #expect(parser.timeZones(forRegion: "001").isEmpty)
        #expect(parser.timeZones(forRegion: "").isEmpty)
        #expect(parser.timeZones(forRegion: "United States").isEmpty)
    }

    @Test func cacheIsStableAcrossThreads() async {
        let parser = self.parser
        let expected = parser.timeZones(forRegion: "US")
        await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { parser.timeZones(forRegion: "US") } }
            for await zones in group { #expect(zones == expected) }
        }
    }
}
