/// CO2 disclosure scheme (hyperscaler-market.md §6).
public enum Disclosure: String, Sendable, Codable, CaseIterable {
  /// S0: no disclosure; reports use the location-based average factor.
  case none
  /// EP: ex-post attribution from zero-emission attributes bought at premium π (§6.3).
  case exPost = "ex-post"
  /// EA: ex-ante declared intensities priced inside the hyperscaler's problem (§6.4).
  case exAnte = "ex-ante"
}

/// What one run adds to a case: cost-awareness, disclosure scheme, PPA share and the fixed carbon factors.
public struct MarketTerms: Sendable {
  /// α ∈ [0, 1], the hyperscaler's weight on money; 0 is solved lexicographically (§3.3).
  public var alpha: Double
  public var disclosure: Disclosure
  /// φPPA ∈ [0, 1]: share of each zero-emission unit's output contracted to conventional loads, as produced (H30).
  public var ppaShare: Double
  /// ēdef[t], tCO2/MWh (H27): the S0 hourly average intensity at the same α. Needed by EP and EA.
  public var defaultIntensity: [Double]?

  public init(alpha: Double, disclosure: Disclosure = .none, ppaShare: Double = 0, defaultIntensity: [Double]? = nil) {
    self.alpha = alpha
    self.disclosure = disclosure
    self.ppaShare = ppaShare
    self.defaultIntensity = defaultIntensity
  }

  /// The terms of a scheme at `alpha` that follows the S0 run `baseline` at the same α (run order of §6.6): ēdef
  /// is that run's hourly average intensity (H27); S0 itself needs none.
  public init(alpha: Double, disclosure: Disclosure, ppaShare: Double, after baseline: EquilibriumMetrics) {
    self.init(
      alpha: alpha, disclosure: disclosure, ppaShare: ppaShare,
      defaultIntensity: disclosure == .none ? nil : baseline.hourlyIntensity)
  }

  /// The scenario label of §6.6: S0, EP, EA, EP+PPA, EA+PPA.
  public var scenarioLabel: String {
    switch disclosure {
    case .none: return "S0"
    case .exPost: return ppaShare > 0 ? "EP+PPA" : "EP"
    case .exAnte: return ppaShare > 0 ? "EA+PPA" : "EA"
    }
  }

  /// True when the attribute block (a, v, v0, γ, π, ψ) exists.
  public var hasAttributeMarket: Bool { disclosure == .exPost }
}

/// The per-hour constants the players' conditions use, derived from the case and the terms.
struct HourTerms: Sendable {
  let hour: Int
  /// ω = θ(1 − α)/α, $/(Mreq·ms); 0 in the α = 0 stage 2.
  let latencyWeight: Double
  /// V_U/α, $/Mreq; unused in stage 2.
  let unservedPenalty: Double
  /// κ_P = 1 − φPPA: the attribute-backing factor of (H1c).
  let backingFactor: Double
  let hasAttributeMarket: Bool
  /// τ·ēdef[t], $/MWh: the cost of an uncovered MWh (EP).
  let uncoveredCost: Double
  /// cA[s] = τ·εA[s,t]·η[s], $/Mreq (EA), one per site.
  let declaredCarbonCost: [Double]
  /// Φ* of the α = 0 stage 2 (budget row K8b), nil otherwise.
  let latencyBudget: Double?
}

extension MarketCase {
  /// εA[s,t] of (H28)–(H29): an MDC declares ēdef·(1 − φA), where φA is the share of its full-load energy that the
  /// co-located wind could supply beyond what its tie can export; own sites declare ēdef.
  public func declaredIntensity(site: Int, hour: Int, defaultIntensity: Double) -> Double {
    let s = sites[site]
    guard s.kind == .modular, let wind = s.windUnit, let tie = s.tieBranch else { return defaultIntensity }
    let surplus = max(0, units[wind].availableMW[hour] - network.branches[tie].limitMW)
    let share = min(1, surplus / (s.energyPerMreq * s.capacity))
    return defaultIntensity * (1 - share)
  }

  /// `hourTerms` for callers outside the solver: validates the case and terms, and the α = 0 budget.
  func checkedHourTerms(_ terms: MarketTerms, hour: Int, latencyBudget: Double?) throws -> HourTerms {
    try EquilibriumSolver.validate(self, terms)
    guard (0..<hours).contains(hour) else {
      throw EquilibriumError(hour: nil, message: "hour \(hour + 1) is outside 1…\(hours)")
    }
    guard terms.alpha > 0 || latencyBudget != nil else {
      throw EquilibriumError(hour: hour, message: "α = 0 needs the stage-2 latency budget Φ* (EquilibriumRun.latencyBudgets)")
    }
    return hourTerms(terms, hour: hour, latencyBudget: latencyBudget)
  }

  func hourTerms(_ terms: MarketTerms, hour: Int, latencyBudget: Double? = nil) -> HourTerms {
    let alpha = terms.alpha
    let stageTwo = latencyBudget != nil
    let intensity = terms.defaultIntensity?[hour] ?? 0
    let declared: [Double] = sites.indices.map { s in
      terms.disclosure == .exAnte
        ? carbonPrice * declaredIntensity(site: s, hour: hour, defaultIntensity: intensity) * sites[s].energyPerMreq
        : 0
    }
    return HourTerms(
      hour: hour,
      latencyWeight: stageTwo ? 0 : latencyValue * (1 - alpha) / alpha,
      unservedPenalty: stageTwo ? 0 : unservedValue / alpha,
      backingFactor: 1 - terms.ppaShare,
      hasAttributeMarket: terms.hasAttributeMarket,
      uncoveredCost: terms.hasAttributeMarket ? carbonPrice * intensity : 0,
      declaredCarbonCost: declared,
      latencyBudget: latencyBudget)
  }
}
