/// ROC AUC: the probability that a random positive scores above a random negative (ties half).
public enum ROC {
    /// - Complexity: O(n log n).
    public static func auc(scores: [Double], labels: [Bool]) -> Double? {
        let pairs = zip(scores, labels).sorted { $0.0 < $1.0 }
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        // Rank-sum (Mann–Whitney U) with average ranks for ties.
        var rankSum = 0.0
        var i = 0
        while i < pairs.count {
            var j = i
            while j + 1 < pairs.count && pairs[j + 1].0 == pairs[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where pairs[k].1 { rankSum += rank }
            i = j + 1
        }
        let u = rankSum - Double(positives * (positives + 1)) / 2
        return u / Double(positives * negatives)
    }
}
