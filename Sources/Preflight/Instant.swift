import Foundation

extension Preflight {
    /// An RFC 3339 instant (`2026-11-23T14:30:00+01:00`, `…13:30:00Z`, `…13:30:00.250Z`): the form
    /// of `scheduledAt`, `--scheduled-at`, `--now` and the `scheduledAt` parameter of
    /// `POST /v1/estimate`, read by ``ScheduledTime/init(iso8601:)`` (which says what is refused).
    public static func instant(_ text: String) -> Date? {
        ScheduledTime(iso8601: text)?.date
    }
}
