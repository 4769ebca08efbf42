import Optimization

/// The ISO (H11): max −Σ p·inj s.t. Σ inj = 0 (pH), −T ≤ PTDF·inj ≤ T (λ⁻, λ⁺).
struct GridOperator: EquilibriumPlayer {
  let network: MarketNetwork

  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder) {
    for i in 0..<network.busCount {
      let inj = layout.injection[i]
      /// (K15) p[i] − pH + Σ_k PTDF[k,i]·(λ⁺[k] − λ⁻[k]) = 0 (inj[i] free)
      builder.add(row: inj, column: layout.price[i], 1)
      builder.add(row: inj, column: layout.hubPrice, -1)
      /// (K16) Σ_i inj[i] = 0 (pH free)
      builder.add(row: layout.hubPrice, column: inj, 1)
    }
    for (k, branch) in network.branches.enumerated() {
      let upper = layout.flowUpper[k], lower = layout.flowLower[k]
      /// (K17) T − PTDF·inj ≥ 0 ⊥ λ⁺ ≥ 0 and (K18) T + PTDF·inj ≥ 0 ⊥ λ⁻ ≥ 0
      builder.addConstant(row: upper, branch.limitMW)
      builder.addConstant(row: lower, branch.limitMW)
      for (i, factor) in network.ptdf[k].enumerated() where factor != 0 {
        builder.add(row: upper, column: layout.injection[i], -factor)
        builder.add(row: lower, column: layout.injection[i], factor)
        builder.add(row: layout.injection[i], column: upper, factor)
        builder.add(row: layout.injection[i], column: lower, -factor)
      }
    }
  }
}
