import Optimization

/// The hyperscaler (H3s, scaled by 1/α): min Cmoney + ω·Σ ℓ·y + (V_U/α)·Σ u over routings y, unserved u and, in EP,
/// the attribute cover of its own sites, subject to the request balance (ν), own capacity (δ), mean-latency SLO (ζ),
/// eligibility (H8, pairs outside P do not exist) and the cover balance of own sites (ψ[h]). In the α = 0 stage 2
/// the objective is Cmoney alone with the latency budget θ·Σ ℓ·y + V_U·Σ u ≤ Φ* (χ).
struct Hyperscaler: EquilibriumPlayer {
  let market: MarketCase

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    for (p, pair) in layout.pairs.enumerated() { addRoutingCondition(p, pair, terms, layout, &builder) }
    for r in market.regions.indices { addRegionConditions(r, terms, layout, &builder) }
    for h in market.ownSites { addOwnSiteConditions(h, terms, layout, &builder) }
    if layout.budget >= 0 { addBudgetCondition(terms, layout, &builder) }
  }

  /// (K6h)/(K6m): marginal cost of routing one more Mreq/h of r to s, minus ν[r], ≥ 0 ⊥ y[r,s] ≥ 0.
  private func addRoutingCondition(
    _ p: Int, _ pair: RoutingPair, _ terms: HourTerms, _ layout: HourLayout, _ builder: inout MLCPBuilder
  ) {
    let site = market.sites[pair.site], region = market.regions[pair.region]
    let y = layout.routed[p], latency = region.latencyMs[pair.site]
    builder.add(row: y, column: layout.servingValue[pair.region], -1)
    builder.add(row: y, column: layout.latencyPrice[pair.region], latency - region.meanLatencyMs)
    builder.addConstant(row: y, terms.latencyWeight * latency + terms.declaredCarbonCost[pair.site])
    if layout.budget >= 0 { builder.add(row: y, column: layout.budget, market.latencyValue * latency) }
    switch site.kind {
    case .own:
      for other in layout.pairs(atSite: pair.site) { builder.add(row: y, column: layout.routed[other], site.quadraticCost) }
      builder.add(row: y, column: layout.ownRent[pair.site], 1)
      builder.add(row: y, column: layout.price[site.bus], site.energyPerMreq)
      builder.addConstant(row: y, site.linearCost)
      if terms.hasAttributeMarket { builder.add(row: y, column: layout.coverCost[pair.site], site.energyPerMreq) }
    case .modular:
      builder.add(row: y, column: layout.leasePrice[pair.site], 1)
    }
  }

  private func addRegionConditions(_ r: Int, _ terms: HourTerms, _ layout: HourLayout, _ builder: inout MLCPBuilder) {
    let region = market.regions[r]
    let u = layout.unserved[r], nu = layout.servingValue[r], zeta = layout.latencyPrice[r]
    /// (K7) V_U/α − ν[r] ≥ 0 ⊥ u[r] ≥ 0 (stage 2: χ·V_U − ν[r])
    builder.add(row: u, column: nu, -1)
    if layout.budget >= 0 {
      builder.add(row: u, column: layout.budget, market.unservedValue)
    } else {
      builder.addConstant(row: u, terms.unservedPenalty)
    }
    /// (K10) Σ_s y[r,s] + u[r] − D[r,t] = 0 (ν[r] free)
    builder.add(row: nu, column: u, 1)
    builder.addConstant(row: nu, -region.demand[terms.hour])
    for p in layout.pairs(ofRegion: r) {
      builder.add(row: nu, column: layout.routed[p], 1)
      /// (K9) Σ_s (Λavg − ℓ)·y[r,s] ≥ 0 ⊥ ζ[r] ≥ 0
      builder.add(row: zeta, column: layout.routed[p], region.meanLatencyMs - region.latencyMs[layout.pairs[p].site])
    }
  }

  private func addOwnSiteConditions(_ h: Int, _ terms: HourTerms, _ layout: HourLayout, _ builder: inout MLCPBuilder) {
    let site = market.sites[h], delta = layout.ownRent[h]
    /// (K8) X̄[h] − Y[h] ≥ 0 ⊥ δ[h] ≥ 0
    builder.addConstant(row: delta, site.capacity)
    for p in layout.pairs(atSite: h) { builder.add(row: delta, column: layout.routed[p], -1) }
    guard terms.hasAttributeMarket else { return }
    /// (K12h) Σ_j v[j,h] + v0[h] − η·Y[h] = 0 (ψ[h] free)
    for p in layout.pairs(atSite: h) {
      builder.add(row: layout.coverCost[h], column: layout.routed[p], -site.energyPerMreq)
    }
    addCoverConditions(site: h, terms: terms, layout: layout, to: &builder)
  }

  /// (K8b) Φ* − θ·Σ ℓ·y − V_U·Σ u ≥ 0 ⊥ χ ≥ 0 (α = 0 stage 2).
  private func addBudgetCondition(_ terms: HourTerms, _ layout: HourLayout, _ builder: inout MLCPBuilder) {
    let chi = layout.budget
    builder.addConstant(row: chi, terms.latencyBudget ?? 0)
    for (p, pair) in layout.pairs.enumerated() {
      builder.add(row: chi, column: layout.routed[p], -market.latencyValue * market.regions[pair.region].latencyMs[pair.site])
    }
    for u in layout.unserved { builder.add(row: chi, column: u, -market.unservedValue) }
  }
}
