import Foundation
import Prometheus

/// The server's Prometheus metrics, one registry per server (so that tests can read their own):
/// requests by route, method and status; latency by route; errors by route and status class;
/// and where the current ingest is.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let ingestActive: Gauge
    private let ingestFiles: Gauge
    private let ingestRows: Gauge

    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    init() {
        ingestActive = registry.makeGauge(
            descriptor: .init(namespace: "entente", metricName: "ingest_active", unitName: "", helpText: "1 while an ingest runs"))
        ingestFiles = registry.makeGauge(
            descriptor: .init(
                namespace: "entente", metricName: "ingest_files_done", unitName: "", helpText: "Files done in the current ingest"))
        ingestRows = registry.makeGauge(
            descriptor: .init(namespace: "entente", metricName: "ingest_rows", unitName: "", helpText: "Rows read in the current ingest"))
    }

    /// Records one answered request.
    func record(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(
                namespace: "entente", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests answered"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "entente", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Time to answer, by route"),
            labels: [("route", route)], buckets: Self.latencyBuckets
        ).record(duration)
        if status >= 400 {
            registry.makeCounter(
                descriptor: .init(
                    namespace: "entente", subsystem: "http", metricName: "errors", unitName: "total",
                    helpText: "Answers with a 4xx or 5xx status"),
                labels: [("route", route), ("class", "\(status / 100)xx")]
            ).increment()
        }
    }

    func ingest(active: Bool, filesDone: Int = 0, rows: Int = 0) {
        ingestActive.set(to: active ? 1.0 : 0.0)
        ingestFiles.set(to: Double(filesDone))
        ingestRows.set(to: Double(rows))
    }

    /// The text exposition format.
    var text: String { registry.emitToString() }
}
