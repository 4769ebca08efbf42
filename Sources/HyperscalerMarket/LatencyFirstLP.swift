import Optimization

/// Stage 1 of α = 0 (§3.3): Φ* = min θ·Σ ℓ·y + V_U·Σ u subject to the request balance (H4), own capacity (H5),
/// mean-latency SLO (H6), eligibility (H8) and MDC capacity. An LP with no prices.
struct LatencyFirstLP {
  let market: MarketCase
  let hour: Int

  func solve(settings: QPSettings) throws -> Double {
    var model = Model(name: "latency-first", sense: .minimise)
    let pairs = market.eligiblePairs
    let routed = pairs.indices.map { model.addVariable(Name("y", $0, hour)) }
    let unserved = market.regions.indices.map { model.addVariable(Name("u", $0, hour)) }
    for (p, pair) in pairs.enumerated() {
      model.setObjectiveCoefficient(routed[p], market.latencyValue * market.regions[pair.region].latencyMs[pair.site])
    }
    for variable in unserved { model.setObjectiveCoefficient(variable, market.unservedValue) }
    _ = market.addRequestConstraints(to: &model, routed: routed, unserved: unserved, hour: hour)
    for (s, site) in market.sites.enumerated() {
      var load = LinearExpression()
      for p in pairs.indices where pairs[p].site == s { load.add(routed[p], 1) }
      _ = model.addConstraint(Name("site-capacity", s, hour), load, .lessEqual(site.capacity))
    }
    let solution = try model.solve(settings: settings)
    guard solution.status.isOptimal else {
      throw EquilibriumError(hour: hour, message: "α = 0 stage 1 (latency-first LP) ended \(solution.status.rawValue)")
    }
    return solution.objective
  }
}
