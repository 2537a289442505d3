import Benchmark
import Foundation
import SMSLinks

/// 150-character bodies: one without a link (but with the dots and colons of ordinary text), one
/// with a bare link.
let noLink150 = String(String(repeating: "Your parcel 4821 is out for delivery today between 10:00 and 14:00. Reply STOP to opt out. Thanks for shopping with us again. ", count: 2).prefix(150))
let oneLink150 = String(String(repeating: "Your parcel 4821 is out for delivery today between 10:00 and 14:00. Track it or change the slot at example.com/t/4821. Reply STOP to opt out. ", count: 2).prefix(150))

/// Public shorteners of the reference notes (compliance.md (d)).
let shorteners = ["bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly", "rb.gy", "app.link", "t.ly"]

/// `count` distinct one-link messages, detected.
func messages(_ count: Int, detector: LinkDetector) -> [LinkRewriter.Message] {
    (0..<count).map {
        let text = "Your parcel \($0) is out for delivery today. Track it at example.com/t/\($0). Reply STOP to opt out."
        return LinkRewriter.Message(text: text, links: detector.links(in: text))
    }
}

/// A fresh database path in a new temporary folder.
func temporaryDatabase() -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-bench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (folder, folder.appendingPathComponent("links.sqlite").path)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    precondition(noLink150.count == 150 && oneLink150.count == 150)
    let detector = try! LinkDetector(publicShorteners: shorteners)
    precondition(detector.links(in: noLink150).isEmpty && detector.links(in: oneLink150).count == 1)
    let rewriter = try! LinkRewriter(.init(domain: "go.acme.com"), detector: detector)
    let batch = messages(100_000, detector: detector)

    Benchmark("detect links, 150 chars, none") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(detector.links(in: noLink150)) }
    }
    Benchmark("detect links, 150 chars, one") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(detector.links(in: oneLink150)) }
    }

    let once = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(60), maxIterations: 3)
    Benchmark("rewrite 100,000 messages, SQLite, batches of 1,000", configuration: once) { benchmark in
        for _ in benchmark.scaledIterations {
            let db = temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: db.folder) }
            let store = try! SQLiteLinkStore(path: db.path)
            benchmark.startMeasurement()
            var start = 0
            while start < batch.count {
                blackHole(try! rewriter.rewrite(Array(batch[start..<start + 1000]), campaign: "spring", store: store))
                start += 1000
            }
            benchmark.stopMeasurement()
        }
    }
    Benchmark("rewrite 10,000 messages, SQLite, one transaction each", configuration: once) { benchmark in
        for _ in benchmark.scaledIterations {
            let db = temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: db.folder) }
            let store = try! SQLiteLinkStore(path: db.path)
            benchmark.startMeasurement()
            for m in batch.prefix(10_000) {
                blackHole(try! rewriter.rewrite(m.text, links: m.links, campaign: "spring", store: store))
            }
            benchmark.stopMeasurement()
        }
    }
    Benchmark("rewrite 100,000 messages, in memory", configuration: once) { benchmark in
        for _ in benchmark.scaledIterations {
            let store = InMemoryLinkStore()
            benchmark.startMeasurement()
            for m in batch {
                blackHole(try! rewriter.rewrite(m.text, links: m.links, campaign: "spring", store: store))
            }
            benchmark.stopMeasurement()
        }
    }
}
