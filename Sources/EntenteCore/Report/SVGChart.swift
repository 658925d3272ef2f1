import Foundation

/// Entente's own small chart module: self-contained SVG (no JavaScript, no fonts or files to
/// fetch), with a `<title>` and `<desc>` for accessibility, axes, labels and a legend, readable in
/// print. Every text from data is escaped.
public enum SVGChart {
    public static let palette = ["#1f4e79", "#c0392b", "#2e7d32", "#8e44ad", "#d35400", "#566573"]

    static func header(_ width: Int, _ height: Int, title: String, description: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" font-family="Helvetica, Arial, sans-serif" font-size="11">\
        <title>\(Escape.xml(title))</title><desc>\(Escape.xml(description))</desc>\
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>\
        <text x="10" y="16" font-size="13" font-weight="bold" fill="#222">\(Escape.xml(title))</text>
        """
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// A shaded horizontal band of a line chart (a threshold zone), labelled at its right end.
    public struct Band: Sendable {
        public var range: ClosedRange<Double>
        public var label: String
        public var color: String
        public init(_ range: ClosedRange<Double>, label: String, color: String) {
            self.range = range
            self.label = label
            self.color = color
        }
    }

    /// Monthly lines (gaps where a value is `nil`), with optional vertical markers, shaded
    /// threshold bands, and a strip above the plot colouring each month by a category (its label
    /// in the cell's tooltip).
    public static func lines(
        title: String, description: String, months: [Month], series: [(label: String, values: [Double?])],
        yRange: ClosedRange<Double>? = nil, markers: [(month: Month, label: String)] = [], bands: [Band] = [],
        strip: [(label: String, color: String)?] = [], width: Int = 760, height: Int = 300
    ) -> String {
        let left = 48.0, right = 30.0, top = 30.0, bottom = 58.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } }
        var lo = yRange?.lowerBound ?? (all.min() ?? 0), hi = yRange?.upperBound ?? (all.max() ?? 1)
        if hi - lo < 1e-9 { hi = lo + 1; lo -= 0 }
        let n = max(months.count - 1, 1)
        func x(_ i: Int) -> Double { left + plotW * Double(i) / Double(n) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / (hi - lo)) }
        var svg = header(width, height, title: title, description: description)
        for band in bands {
            let y0 = y(min(max(band.range.upperBound, lo), hi)), y1 = y(min(max(band.range.lowerBound, lo), hi))
            guard y1 - y0 > 0.5 else { continue }
            svg +=
                "<rect x=\"\(f(left))\" y=\"\(f(y0))\" width=\"\(f(plotW))\" height=\"\(f(y1 - y0))\" fill=\"\(band.color)\" fill-opacity=\"0.12\"/>"
            svg +=
                "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(y0 + 11))\" text-anchor=\"end\" fill=\"\(band.color)\" font-size=\"9\">\(Escape.xml(band.label))</text>"
        }
        if !strip.isEmpty {
            let cell = plotW / Double(max(months.count, 1))
            for (i, entry) in strip.enumerated() where i < months.count {
                guard let entry else { continue }
                svg +=
                    "<rect x=\"\(f(x(i) - cell / 2))\" y=\"\(f(top - 8))\" width=\"\(f(cell))\" height=\"6\" fill=\"\(entry.color)\"><title>\(months[i]): \(Escape.xml(entry.label))</title></rect>"
            }
        }
        // Axes and grid.
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#e5e5e5\"/>"
            svg +=
                "<text x=\"\(f(left - 4))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" fill=\"#555\">\(Escape.xml(String(format: abs(hi - lo) >= 10 ? "%.0f" : "%.2f", v)))</text>"
        }
        if lo < 0 && hi > 0 {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(0)))\" stroke=\"#999\"/>"
        }
        let step = max(1, months.count / 8)
        for (i, m) in months.enumerated() where i % step == 0 || i == months.count - 1 {
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" fill=\"#555\">\(m)</text>"
        }
        // Markers.
        for marker in markers {
            guard let i = months.firstIndex(of: marker.month) else { continue }
            svg +=
                "<line x1=\"\(f(x(i)))\" y1=\"\(f(top))\" x2=\"\(f(x(i)))\" y2=\"\(f(top + plotH))\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>"
            svg += "<text x=\"\(f(x(i) + 2))\" y=\"\(f(top + 10))\" fill=\"#777\" font-size=\"9\">\(Escape.xml(marker.label))</text>"
        }
        // Lines.
        for (s, line) in series.enumerated() {
            let color = palette[s % palette.count]
            var path = "", pen = false
            for (i, v) in line.values.enumerated() {
                guard let v else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(f(x(i))),\(f(y(v)))"
                pen = true
            }
            if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>" }
            for (i, v) in line.values.enumerated() where v != nil && line.values.filter({ $0 != nil }).count < 40 {
                svg += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v!)))\" r=\"2.5\" fill=\"\(color)\"/>"
            }
        }
        svg += legend(series.map(\.label), y: Double(height) - 14, left: left)
        return svg + "</svg>"
    }

    static func legend(_ labels: [String], y: Double, left: Double) -> String {
        var svg = "", x = left
        for (i, label) in labels.enumerated() {
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"4\" fill=\"\(palette[i % palette.count])\"/>"
            svg += "<text x=\"\(f(x + 16))\" y=\"\(f(y - 4))\" fill=\"#333\">\(Escape.xml(label))</text>"
            x += 24 + Double(label.count) * 6.2
        }
        return svg
    }

    /// Events on a month axis, one lane per category, each dot numbered with its citation.
    public static func timeline(
        title: String, description: String, months: [Month], lanes: [String], events: [(month: Month, lane: Int, label: String)],
        width: Int = 760
    ) -> String {
        let left = 110.0, right = 30.0, top = 30.0, laneH = 34.0
        let height = Int(top + laneH * Double(lanes.count) + 34)
        let plotW = Double(width) - left - right
        let n = max(months.count - 1, 1)
        func x(_ m: Month) -> Double { left + plotW * Double(months.first.map { $0.distance(to: m) } ?? 0) / Double(n) }
        var svg = header(width, height, title: title, description: description)
        for (i, lane) in lanes.enumerated() {
            let ly = top + laneH * Double(i) + laneH / 2
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW))\" y2=\"\(f(ly))\" stroke=\"#e5e5e5\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(ly + 4))\" text-anchor=\"end\" fill=\"#333\">\(Escape.xml(lane))</text>"
        }
        let step = max(1, months.count / 8)
        for (i, m) in months.enumerated() where i % step == 0 || i == months.count - 1 {
            svg +=
                "<text x=\"\(f(x(m)))\" y=\"\(f(top + laneH * Double(lanes.count) + 14))\" text-anchor=\"middle\" fill=\"#555\">\(m)</text>"
        }
        var stacked: [String: Int] = [:]
        for e in events {
            let key = "\(e.month)|\(e.lane)"
            let k = stacked[key, default: 0]
            stacked[key] = k + 1
            let cx = x(e.month) + Double(k) * 9, cy = top + laneH * Double(e.lane) + laneH / 2
            svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"7\" fill=\"\(palette[e.lane % palette.count])\"/>"
            svg +=
                "<text x=\"\(f(cx))\" y=\"\(f(cy + 3.5))\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"8\">\(Escape.xml(e.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars: what flowed which way, one bar per item and direction (length = reports).
    public static func bars(
        title: String, description: String, rows: [(label: String, group: Int, value: Double)], groups: [String], width: Int = 760
    ) -> String {
        let left = 260.0, right = 40.0, top = 30.0, rowH = 20.0
        let height = Int(top + rowH * Double(max(rows.count, 1)) + 36)
        let maxV = max(rows.map(\.value).max() ?? 1, 1)
        var svg = header(width, height, title: title, description: description)
        for (i, row) in rows.enumerated() {
            let y = top + rowH * Double(i)
            let w = (Double(width) - left - right) * row.value / maxV
            svg +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\" fill=\"#333\">\(Escape.xml(String(row.label.prefix(48))))</text>"
            svg +=
                "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowH - 6))\" fill=\"\(palette[row.group % palette.count])\"/>"
            svg += "<text x=\"\(f(left + w + 4))\" y=\"\(f(y + 13))\" fill=\"#333\">\(Escape.xml(String(format: "%.0f", row.value)))</text>"
        }
        svg += legend(groups, y: Double(height) - 10, left: left)
        return svg + "</svg>"
    }

    /// A signed network: A and B in the middle, third states around; green edges for cooperative
    /// balances, red for hostile ones, width by strength.
    public static func network(
        title: String, description: String, a: String, b: String, edges: [(from: String, to: String, weight: Double)], width: Int = 760,
        height: Int = 360
    ) -> String {
        var svg = header(width, height, title: title, description: description)
        let cx = Double(width) / 2, cy = Double(height) / 2 + 10
        var pos: [String: (Double, Double)] = [a: (cx - 90, cy), b: (cx + 90, cy)]
        let others = Array(Set(edges.flatMap { [$0.from, $0.to] }).subtracting([a, b])).sorted()
        for (i, o) in others.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(others.count, 1))
            pos[o] = (cx + 260 * cos(angle), cy + 130 * sin(angle))
        }
        for e in edges {
            guard let p = pos[e.from], let q = pos[e.to] else { continue }
            let color = e.weight >= 0 ? "#2e7d32" : "#c0392b"
            svg +=
                "<line x1=\"\(f(p.0))\" y1=\"\(f(p.1))\" x2=\"\(f(q.0))\" y2=\"\(f(q.1))\" stroke=\"\(color)\" stroke-width=\"\(f(1 + 4 * min(1, abs(e.weight))))\" stroke-opacity=\"0.8\"/>"
        }
        for (name, p) in pos.sorted(by: { $0.key < $1.key }) {
            let main = name == a || name == b
            svg +=
                "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"\(main ? 22 : 17)\" fill=\"\(main ? "#1f4e79" : "#f2f2f2")\" stroke=\"#333\"/>"
            svg +=
                "<text x=\"\(f(p.0))\" y=\"\(f(p.1 + 4))\" text-anchor=\"middle\" fill=\"\(main ? "#fff" : "#222")\" font-weight=\"bold\">\(Escape.xml(name))</text>"
        }
        svg += "<text x=\"10\" y=\"\(height - 8)\" fill=\"#555\">green: cooperative balance; red: hostile balance; width: strength</text>"
        return svg + "</svg>"
    }
}
