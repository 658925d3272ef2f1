extension PartnershipIndex {
    /// The rules (Guides/PartnershipIndex.md), first match wins:
    /// 1. rivalry — behavioural < 0.40, or hostility ≥ 0.5 with durability < 0.5 (frequent strong
    ///    conflict and no persistent net cooperation);
    /// 2. alliance — commitment ≥ 0.8 (a defence obligation in force both ways) and behavioural ≥ 0.5;
    /// 3. strategic partnership — index ≥ 0.55, intensity ≥ 0.3, durability ≥ 0.5 (or no
    ///    durability data), and commitment ≥ 0.4 or military-technical ≥ 0.5;
    /// 4. temporary rapprochement — engaged (intensity ≥ 0.2) and friendly (behavioural ≥ 0.5, or no
    ///    behavioural data), but not durable or not committed;
    /// 5. distant — otherwise: too little engagement to speak of a partnership, friendly or not.
    static func classify(_ x: inout Assessment) {
        let components = x.components
        let v = { (n: IndexComponent.Name) in components.first { $0.name == n }?.value }
        let hostility = v(.hostility), commitment = v(.commitment), durability = v(.durability), military = v(.militaryTechnical)
        let behavioural = x.behavioural, index = x.index, intensity = x.intensity
        func f(_ d: Double?) -> String { d.map { String(format: "%.2f", $0) } ?? "no data" }
        var margin = 0.0
        if let b = behavioural, b < 0.4 {
            x.classification = .rivalry
            x.decidedBy = ["behavioural \(f(b)) < 0.40"]
            margin = 0.4 - b
        } else if let h = hostility, h >= 0.5, (durability ?? 0) < 0.5 {
            x.classification = .rivalry
            x.decidedBy = ["hostility \(f(h)) ≥ 0.50", "durability \(f(durability)) < 0.50"]
            margin = min(h - 0.5, 0.5 - (durability ?? 0))
        } else if let c = commitment, c >= 0.8, (behavioural ?? 0.5) >= 0.5 {
            x.classification = .alliance
            x.decidedBy = [
                "commitment \(f(c)) ≥ 0.80 (defence obligation in force)",
                behavioural.map { "behavioural \(f($0)) ≥ 0.50" } ?? "no behavioural data to contradict it",
            ]
            margin = min(c - 0.8, (behavioural ?? 0.5) - 0.5)
        } else if let i = index, i >= 0.55, (intensity ?? 0) >= 0.3, (durability ?? 1) >= 0.5,
            (commitment ?? 0) >= 0.4 || (military ?? 0) >= 0.5
        {
            x.classification = .strategicPartnership
            x.decidedBy = [
                "index \(f(i)) ≥ 0.55", "intensity \(f(intensity)) ≥ 0.30", "durability \(f(durability))",
                "commitment \(f(commitment)) ≥ 0.40 or military-technical \(f(military)) ≥ 0.50",
            ]
            margin = min(i - 0.55, (intensity ?? 0) - 0.3)
        } else if (intensity ?? 0) >= 0.2, (behavioural ?? 0.5) >= 0.5 {
            x.classification = .temporaryRapprochement
            var why = ["intensity \(f(intensity)) ≥ 0.20, behavioural \(f(behavioural)) ≥ 0.50"]
            if let i = index, i < 0.55 { why.append("index \(f(i)) < 0.55") }
            if let d = durability, d < 0.5 { why.append("durability \(f(d)) < 0.50") }
            if (commitment ?? 0) < 0.4 && (military ?? 0) < 0.5 {
                why.append("commitment \(f(commitment)) < 0.40 and military-technical \(f(military)) < 0.50")
            }
            x.decidedBy = why
            margin = 0.1
        } else {
            x.classification = .distant
            x.decidedBy = [
                "intensity \(f(intensity)) < 0.20" + ((behavioural ?? 1) < 0.5 ? " or behavioural \(f(behavioural)) < 0.50" : "")
            ]
            margin = 0.2 - (intensity ?? 0)
        }
        let covered = Double(x.components.filter { $0.value != nil }.count) / Double(x.components.count)
        x.confidence = ((0.6 * covered + 0.4 * min(1, max(0, margin) / 0.2)) * 100).rounded() / 100
        x.confidenceLabel = x.confidence >= 0.7 ? "high" : x.confidence >= 0.45 ? "medium" : "low"
        // What would move it.
        var watch: [String] = []
        if (commitment ?? 0) < 1 {
            watch.append(
                "the degree of assistance expected under attack: a defence obligation with immediate assistance, in force both ways (commitment \(f(commitment)))"
            )
        }
        if (military ?? 0) < 0.75 {
            watch.append(
                "sharing of sensitive military technology (space, missile, nuclear, submarine, aircraft) and arms flows both ways (military-technical \(f(military)))"
            )
        }
        if let d = durability, d < 0.75 {
            watch.append("cooperation sustained month after month beyond the current window (durability \(f(d)))")
        }
        if let h = hostility, h > 0.1 { watch.append("fewer months with strong conflict between them (hostility \(f(h)))") }
        if x.component(.diplomatic).value == nil || (x.component(.diplomatic).value ?? 0) < 0.5 {
            watch.append("regular leader-level summits and institutionalised meetings (diplomatic \(f(x.component(.diplomatic).value)))")
        }
        if x.components.contains(where: { $0.value == nil }) {
            watch.append(
                "missing data: " + x.components.filter { $0.value == nil }.map(\.name.rawValue).joined(separator: ", ")
                    + " (ingest event files or a dyad series)")
        }
        x.indicators = watch
    }
}
