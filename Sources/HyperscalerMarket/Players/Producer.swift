import Optimization

/// Producer j (H1): max p·g − c1·g − c2·g² + π·a s.t. g ≤ Ḡ (β), a ≤ (1 − φPPA)·g (γ, EP only).
struct Producer: EquilibriumPlayer {
  let market: MarketCase
  let unit: Int

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    let data = market.units[unit]
    let g = layout.output[unit], beta = layout.capacityRent[unit]
    let a = layout.attributesSold[unit], gamma = layout.backing[unit]
    /// (K1) c1 + 2·c2·g − p[n(j)] + β − κ_P·γ ≥ 0 ⊥ g ≥ 0
    builder.add(row: g, column: g, 2 * data.quadraticCost)
    builder.add(row: g, column: beta, 1)
    builder.add(row: g, column: layout.price[data.bus], -1)
    builder.addConstant(row: g, data.linearCost)
    /// (K3) Ḡ − g ≥ 0 ⊥ β ≥ 0
    builder.add(row: beta, column: g, -1)
    builder.addConstant(row: beta, data.availableMW[terms.hour])
    guard a >= 0 else { return }
    builder.add(row: g, column: gamma, -terms.backingFactor)
    /// (K2) γ − π ≥ 0 ⊥ a ≥ 0
    builder.add(row: a, column: gamma, 1)
    builder.add(row: a, column: layout.premium[unit], -1)
    /// (K4) κ_P·g − a ≥ 0 ⊥ γ ≥ 0
    builder.add(row: gamma, column: g, terms.backingFactor)
    builder.add(row: gamma, column: a, -1)
  }
}
