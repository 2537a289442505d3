import Foundation
import PreflightCore

/// `time.quiet_hours`: the send time in the recipient's local time against the allowed windows.
///
/// A country with one time zone gives an error outside its windows. A country with several (US,
/// Brazil, Russia…) gives an error when the time is outside the windows in every zone of the
/// country, and a warning when only some zones are outside: the number alone does not tell
/// which zone the recipient is in.
enum TimeChecks {
    static func run(
        _ facts: MessageFacts, region: String?, zones: [String], rules: RuleSet, timeZones: TimeZoneCache, into found: inout Findings
    ) {
        let windows = rules.quietHours(country: region, category: facts.category)
        guard !windows.isEmpty, !zones.isEmpty else { return }
        var outside: [(zone: String, local: LocalTime, rule: QuietHours)] = []
        for zone in zones {
            guard let timeZone = timeZones[zone] else { continue }
            let local = LocalTime(facts.sendAt, in: timeZone)
            if let broken = windows.first(where: { !$0.permits(local) }) { outside.append((zone, local, broken)) }
        }
        guard let first = outside.first else { return }
        let place = region.flatMap { rules.country($0)?.name } ?? region ?? "this country"
        let note = first.rule.note.map { " (\($0))" } ?? ""
        if first.rule.allowed.isEmpty {
            found.add(.timeQuietHours, .error, "\(facts.category.rawValue) messages to \(place) may not be sent at any time\(note)",
                      fix: "do not send this category to \(place); check the country's rules", field: "scheduledAt")
            return
        }
        let allowed = first.rule.allowed.map { window in
            "\(window.days.count == 7 ? "daily" : window.days.map(\.rawValue).joined(separator: ",")) \(window.from)–\(window.to)"
        }.joined(separator: "; ")
        let when = "\(first.local.weekday.rawValue) \(first.local.time) in \(first.zone)"
        if outside.count == zones.count {
            found.add(.timeQuietHours, .error,
                      "the send time is \(when), outside the hours allowed for \(facts.category.rawValue) messages to \(place): \(allowed)\(note)",
                      fix: "schedule the message inside the allowed hours of the recipient's local time (scheduledAt)",
                      field: "scheduledAt")
        } else {
            found.add(.timeQuietHours, .warning,
                      "\(place) spans \(zones.count) time zones and the number does not say which; in \(outside.count) of them the send time is outside the allowed hours (\(when); allowed \(allowed))\(note)",
                      fix: "schedule for a time allowed in every zone of the country, or per recipient time zone",
                      field: "scheduledAt")
        }
    }
}

/// `TimeZone` values by identifier, made once: creating one per check costs more than the check.
final class TimeZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var zones: [String: TimeZone?] = [:]

    subscript(identifier: String) -> TimeZone? {
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[identifier] { return known }
        let zone = TimeZone(identifier: identifier)
        zones[identifier] = zone
        return zone
    }
}
