import Optimization

/// MDC owner m (H9): max ρ·q − η·p·q − o1·q − ½·o2·q² − (attribute cover cost)ᴱᴾ s.t. q ≤ Q̄ (σ),
/// Σ_j v[j,m] + v0[m] = η·q (ψ[m], EP only).
struct MDCOwner: EquilibriumPlayer {
  let market: MarketCase
  let site: Int

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    let data = market.sites[site]
    let q = layout.leased[site], sigma = layout.leaseRent[site]
    /// (K13) o1 + o2·q + η·p[n(m)] − ρ + σ + η·ψ[m] ≥ 0 ⊥ q ≥ 0
    builder.add(row: q, column: q, data.quadraticCost)
    builder.add(row: q, column: sigma, 1)
    builder.add(row: q, column: layout.price[data.bus], data.energyPerMreq)
    builder.add(row: q, column: layout.leasePrice[site], -1)
    builder.addConstant(row: q, data.linearCost)
    /// (K14) Q̄ − q ≥ 0 ⊥ σ ≥ 0
    builder.add(row: sigma, column: q, -1)
    builder.addConstant(row: sigma, data.capacity)
    guard terms.hasAttributeMarket else { return }
    let psi = layout.coverCost[site]
    builder.add(row: q, column: psi, data.energyPerMreq)
    /// (K12m) Σ_j v[j,m] + v0[m] − η·q = 0 (ψ[m] free)
    builder.add(row: psi, column: q, -data.energyPerMreq)
    addCoverConditions(site: site, terms: terms, layout: layout, to: &builder)
  }
}

/// (K11), (K11z/y) and the claim terms of (K12) for one site: the cover problem its buyer solves in EP scenarios,
/// shared by the hyperscaler (own sites) and the MDC owners.
func addCoverConditions(site: Int, terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
  let psi = layout.coverCost[site], v0 = layout.uncovered[site]
  for j in layout.zeroEmission {
    let v = layout.claims[j][site]
    /// (K11) π[j] − ψ[s] ≥ 0 ⊥ v[j,s] ≥ 0
    builder.add(row: v, column: layout.premium[j], 1)
    builder.add(row: v, column: psi, -1)
    builder.add(row: psi, column: v, 1)
  }
  /// (K11z/y) τ·ēdef − ψ[s] ≥ 0 ⊥ v0[s] ≥ 0
  builder.add(row: v0, column: psi, -1)
  builder.addConstant(row: v0, terms.uncoveredCost)
  builder.add(row: psi, column: v0, 1)
}
