import Optimization

/// Conventional consumer at bus i (H2): max a·d − ½·b·d² − p·d.
struct Consumer: EquilibriumPlayer {
  let market: MarketCase
  let load: Int

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    let data = market.loads[load]
    let d = layout.demand[load]
    /// (K5) b·d − a + p[i] ≥ 0 ⊥ d ≥ 0
    builder.add(row: d, column: d, data.slope[terms.hour])
    builder.add(row: d, column: layout.price[data.bus], 1)
    builder.addConstant(row: d, -data.chokePrice[terms.hour])
  }
}
