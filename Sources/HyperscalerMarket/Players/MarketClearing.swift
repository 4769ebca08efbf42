import Optimization

/// The nodal energy market: price p[i] clears the balance at every bus (H14).
struct EnergyMarket: EquilibriumPlayer {
  let market: MarketCase

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    /// (K19) Σ g − d − η·Y[h] − η·q[m] − inj = 0 (p[i] free)
    for (j, unit) in market.units.enumerated() { builder.add(row: layout.price[unit.bus], column: layout.output[j], 1) }
    for (c, load) in market.loads.enumerated() { builder.add(row: layout.price[load.bus], column: layout.demand[c], -1) }
    for (s, site) in market.sites.enumerated() {
      let row = layout.price[site.bus]
      if site.kind == .own {
        for pair in layout.pairs(atSite: s) { builder.add(row: row, column: layout.routed[pair], -site.energyPerMreq) }
      } else {
        builder.add(row: row, column: layout.leased[s], -site.energyPerMreq)
      }
    }
    for i in layout.injection.indices { builder.add(row: layout.price[i], column: layout.injection[i], -1) }
  }
}

/// The MDC lease market: price ρ[m] clears leased against supplied compute (H15).
struct LeaseMarket: EquilibriumPlayer {
  let market: MarketCase

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    for m in market.modularSites {
      let rho = layout.leasePrice[m]
      /// (K20) q[m] − Σ_r y[r,m] = 0 (ρ[m] free)
      builder.add(row: rho, column: layout.leased[m], 1)
      for pair in layout.pairs(atSite: m) { builder.add(row: rho, column: layout.routed[pair], -1) }
    }
  }
}

/// The zero-emission attribute market (EP only): premium π[j] clears sold against claimed attributes (H16).
struct AttributeMarket: EquilibriumPlayer {
  let market: MarketCase

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    guard terms.hasAttributeMarket else { return }
    for j in layout.zeroEmission {
      let pi = layout.premium[j]
      /// (K21) a[j] − Σ_s v[j,s] ≥ 0 ⊥ π[j] ≥ 0
      builder.add(row: pi, column: layout.attributesSold[j], 1)
      for s in market.sites.indices { builder.add(row: pi, column: layout.claims[j][s], -1) }
    }
  }
}
