import Foundation

/// One acceptance criterion of §8 evaluated on experiment results: what it states, whether it holds, the numbers.
public struct Finding: Sendable, Codable {
  public var id: String
  public var statement: String
  public var holds: Bool
  public var detail: String
}

/// The acceptance criteria of E1–E5 (§8), stated as inequalities on the experiment tables.
public enum Findings {
  /// F-a (E1), for each of S0 and EP+PPA: CR(1) ≤ 0.5·CR(0), Spearman(α, CR) ≤ −0.9, BLH(1) ≤ BLH(0).
  public static func congestion(_ sweep: [ScenarioRow]) -> [Finding] {
    Dictionary(grouping: sweep, by: \.scenario).sorted { $0.key < $1.key }.map { scenario, rows in
      let ordered = rows.sorted { $0.alpha < $1.alpha }
      guard let first = ordered.first, let last = ordered.last else {
        return Finding(id: "F-a", statement: "no rows", holds: false, detail: scenario)
      }
      let rank = spearman(ordered.map(\.alpha), ordered.map(\.metrics.congestionRent))
      let halves = last.metrics.congestionRent <= 0.5 * first.metrics.congestionRent
      let hours = last.metrics.bindingLineHours <= first.metrics.bindingLineHours
      return Finding(
        id: "F-a", statement: "\(scenario): congestion falls as α rises",
        holds: halves && rank <= -0.9 && hours,
        detail: "CR(α=\(last.alpha)) = \(money(last.metrics.congestionRent)) vs CR(α=\(first.alpha)) = "
          + "\(money(first.metrics.congestionRent)) $/day; Spearman(α, CR) = \(fixed(rank, 3)); "
          + "BLH \(first.metrics.bindingLineHours) → \(last.metrics.bindingLineHours)")
    }
  }

  /// F-b, F-c, F-d (E2–E4) at every disclosure α (F-b) and at α_ref (F-c, F-d), and V10 (EA+PPA = EA).
  public static func disclosure(_ rows: [ScenarioRow], referenceAlpha: Double) -> [Finding] {
    func find(_ scenario: String, _ alpha: Double) -> ScenarioRow? {
      rows.first { $0.scenario == scenario && $0.alpha == alpha }
    }
    var findings: [Finding] = []
    for alpha in Set(rows.map(\.alpha)).sorted() {
      guard let s0 = find("S0", alpha), let ep = find("EP", alpha) else { continue }
      let physical = abs(ep.metrics.physicalCO2 - s0.metrics.physicalCO2) <= 1e-6 * s0.metrics.physicalCO2
      let reported = ep.metrics.reportedCO2 <= 1e-6 * ep.metrics.locationBasedCO2
      let gap = ep.metrics.reshufflingGap >= 0.999 * ep.metrics.locationBasedCO2
      let spread = ep.spreadFromReference ?? .infinity
      findings.append(
        Finding(
          id: "F-b", statement: "EP at α = \(alpha): reports fall to 0; g, d, Y, q, flows and p equal S0's to 1e-6",
          holds: physical && reported && gap && spread <= 1e-6,
          detail: "Ephys \(fixed(s0.metrics.physicalCO2, 3)) → \(fixed(ep.metrics.physicalCO2, 3)) t; Erep_H "
            + "\(fixed(s0.metrics.reportedCO2, 3)) → \(fixed(ep.metrics.reportedCO2, 6)) t; Gap/Eloc_H = "
            + "\(fixed(ep.metrics.reshufflingGap / max(ep.metrics.locationBasedCO2, 1e-12), 6)); largest spread "
            + "from S0 \(fixed(spread, 2, scientific: true))"))
    }
    if let ea = find("EA", referenceAlpha) {
      let cut = -ea.physicalChangePercent
      findings.append(
        Finding(
          id: "F-c", statement: "EA at α_ref = \(referenceAlpha): a modest real cut, 0.1 % ≤ −ΔEphys ≤ 10 %",
          holds: cut >= 0.1 && cut <= 10, detail: "ΔEphys = \(fixed(ea.physicalChangePercent, 3)) %"))
    }
    if let ppa = find("EP+PPA", referenceAlpha), let ep = find("EP", referenceAlpha) {
      let cut = -ppa.physicalChangePercent
      let gapRatio = ppa.metrics.reshufflingGap / max(ep.metrics.reshufflingGap, 1e-12)
      findings.append(
        Finding(
          id: "F-d", statement: "EP+PPA at α_ref = \(referenceAlpha): a real cut ≥ 0.1 % and Gap ≤ 0.25·Gap(EP)",
          holds: cut >= 0.1 && gapRatio <= 0.25,
          detail: "ΔEphys = \(fixed(ppa.physicalChangePercent, 3)) %; Gap(EP+PPA)/Gap(EP) = \(fixed(gapRatio, 4))"))
    }
    if let eaPPA = find("EA+PPA", referenceAlpha), eaPPA.reference == "EA" {
      let spread = eaPPA.spreadFromReference ?? .infinity
      findings.append(
        Finding(
          id: "V10", statement: "EA+PPA equals EA in g, d, Y, q, flows (1e-7) and p", holds: spread <= 1e-7,
          detail: "largest spread \(fixed(spread, 2, scientific: true))"))
    }
    return findings
  }

  /// F-e (E5): every unique group agrees to 1e-6 across starts and with the QP route, and to 1e-5 with the gap QP.
  public static func uniqueness(_ rows: [UniquenessRow]) -> [Finding] {
    let asserted = rows.filter { !$0.group.isInformational }
    let worstStart = asserted.max { $0.startSpread < $1.startSpread }
    let worstQP = asserted.max { $0.qpSpread < $1.qpSpread }
    let worstGap = asserted.max { $0.gapQPSpread < $1.gapQPSpread }
    func describe(_ row: UniquenessRow?, _ value: (UniquenessRow) -> Double) -> String {
      row.map { "\(fixed(value($0), 2, scientific: true)) (\($0.scenario), α = \($0.alpha), \($0.group.rawValue))" } ?? "-"
    }
    return [
      Finding(
        id: "F-e", statement: "the equilibrium is unique: starts and the QP route agree to 1e-6, the gap QP to 1e-5",
        holds: (worstStart?.startSpread ?? 0) <= 1e-6 && (worstQP?.qpSpread ?? 0) <= 1e-6
          && (worstGap?.gapQPSpread ?? 0) <= 1e-5,
        detail: "worst spread over starts \(describe(worstStart, \.startSpread)); QP route "
          + "\(describe(worstQP, \.qpSpread)); gap QP \(describe(worstGap, \.gapQPSpread))")
    ]
  }

  /// Spearman rank correlation (average ranks for ties).
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ values: [Double]) -> [Double] {
      let order = values.indices.sorted { values[$0] < values[$1] }
      var result = Array(repeating: 0.0, count: values.count)
      var start = 0
      while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        for k in start...end { result[order[k]] = Double(start + end) / 2 + 1 }
        start = end + 1
      }
      return result
    }
    let rx = ranks(x), ry = ranks(y)
    let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
    var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
    for k in rx.indices {
      covariance += (rx[k] - mx) * (ry[k] - my)
      varianceX += (rx[k] - mx) * (rx[k] - mx)
      varianceY += (ry[k] - my) * (ry[k] - my)
    }
    return covariance / (varianceX * varianceY).squareRoot()
  }
}

func money(_ value: Double) -> String { String(format: "%.0f", value) }
func fixed(_ value: Double, _ digits: Int, scientific: Bool = false) -> String {
  String(format: scientific ? "%.\(digits)e" : "%.\(digits)f", value)
}
