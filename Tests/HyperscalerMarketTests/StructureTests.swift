import Optimization
import SparseAlgebra
import Testing

@testable import HyperscalerMarket

/// V4, V5 and V18 of hyperscaler-market.md §10: the assembled MLCP's sizes and skew structure, and units.
@Suite struct StructureTests {
  static let schemes: [MarketTerms] = [
    MarketTerms(alpha: 0.5),
    MarketTerms(alpha: 0.5, disclosure: .exPost, defaultIntensity: Array(repeating: 0.5, count: 24)),
    MarketTerms(alpha: 0.5, disclosure: .exAnte, defaultIntensity: Array(repeating: 0.5, count: 24)),
    MarketTerms(alpha: 0.5, disclosure: .exPost, ppaShare: 0.97, defaultIntensity: Array(repeating: 0.5, count: 24)),
  ]

  /// V5: 290 unknowns (70 free) in S0/EA, 460 (78 free) in EP/EP+PPA, |P| = 19.
  @Test(arguments: 0..<4)
  func sizes(scheme: Int) throws {
    let market = try rts24Case()
    let terms = Self.schemes[scheme]
    let problem = try EquilibriumSolver.hourMLCP(market, terms: terms, hour: 8)
    let attributes = terms.hasAttributeMarket
    #expect(problem.dimension == (attributes ? 460 : 290))
    #expect(problem.freeCount == (attributes ? 78 : 70))
    #expect(market.eligiblePairs.count == 19)
    #expect(problem.names.contains("balance[bus 14, t 9]"))
    #expect(problem.names.contains("lease[M3, t 9]"))
  }

  /// V4: M + Mᵀ vanishes outside the diagonal blocks of (H17): 2C₂ (g), B (d) and O_M (q) on the diagonal only,
  /// S_Hᵀ O_H S_H between routings to the same own site; and ½(M + Mᵀ) + 1e-10·I has a dense Cholesky factor.
  @Test(arguments: 0..<4)
  func skewRule(scheme: Int) throws {
    let market = try rts24Case()
    let problem = try EquilibriumSolver.hourMLCP(market, terms: Self.schemes[scheme], hour: 8)
    let dense = problem.matrix.denseRows()
    let n = problem.dimension
    func family(_ name: String) -> String { String(name.prefix { $0 != "[" }) }
    /// The own site a routing unknown `y[R→S, t 9]` ends at, nil for an MDC or another unknown.
    func ownSite(_ name: String) -> String? {
      guard family(name) == "y", let arrow = name.firstIndex(of: "→"), let comma = name.firstIndex(of: ",") else {
        return nil
      }
      let site = String(name[name.index(after: arrow)..<comma])
      return market.sites.first { $0.name == site && $0.kind == .own }?.name
    }
    var symmetric = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    for i in 0..<n {
      for j in 0..<n {
        let sum = dense[i][j] + dense[j][i]
        symmetric[i][j] = 0.5 * sum
        guard sum != 0 else { continue }
        let diagonal = i == j && ["g", "d", "q"].contains(family(problem.names[i]))
        let sameOwnSite = ownSite(problem.names[i]) != nil && ownSite(problem.names[i]) == ownSite(problem.names[j])
        #expect(diagonal || sameOwnSite, "M + Mᵀ ≠ 0 at (\(problem.names[i]), \(problem.names[j]))")
      }
    }
    for i in 0..<n { symmetric[i][i] += 1e-10 }
    #expect(choleskySucceeds(symmetric))
  }

  /// The same skew rule on the two-bus case G2 in EP+PPA (the ψ, v, v0, γ and π blocks included).
  @Test func skewRuleOnTwoBusCase() throws {
    let terms = MarketTerms(alpha: 0.5, disclosure: .exPost, ppaShare: 0.97, defaultIntensity: [0.26])
    let problem = try EquilibriumSolver.hourMLCP(twoBusCase(), terms: terms, hour: 0)
    let dense = problem.matrix.denseRows()
    for i in 0..<problem.dimension {
      for j in 0..<i where dense[i][j] + dense[j][i] != 0 {
        #expect(problem.names[i].hasPrefix("y[") && problem.names[j].hasPrefix("y["),
          "\(problem.names[i]) / \(problem.names[j])")
      }
    }
  }

  /// V18: 1 Mreq at η = 3.6 MWh/Mreq is 3.6 MWh and costs 3.6·p; 1 ms for 1 Mreq costs θ. (η = κ·PUE = 3.0·1.2
  /// is 3.6 to the last bit of a double, hence the 1-ulp tolerance.)
  @Test func units() throws {
    let market = try rts24Case()
    let own = market.sites[0]
    #expect(abs(own.energyPerMreq - 3.6) <= 3.6.ulp)
    var hour = HourEquilibrium(hour: 0, market: market)
    hour.siteLoad[0] = 1
    hour.price[own.bus] = 40
    #expect(market.siteEnergy(hour)[0] == own.energyPerMreq)
    let cost = market.moneyCost(hour, terms: MarketTerms(alpha: 1))
    #expect(abs(cost - (3.6 * 40 + own.linearCost + 0.5 * own.quadraticCost)) < 1e-12)
    // At α = 0.5 the scaled latency weight ω = θ(1 − α)/α is θ: 1 ms for 1 Mreq costs θ dollars.
    let terms = market.hourTerms(MarketTerms(alpha: 0.5), hour: 0)
    #expect(terms.latencyWeight == market.latencyValue)
  }
}

/// Dense Cholesky; false at the first non-positive pivot.
func choleskySucceeds(_ matrix: [[Double]]) -> Bool {
  var a = matrix
  let n = a.count
  for k in 0..<n {
    for p in 0..<k { a[k][k] -= a[k][p] * a[k][p] }
    guard a[k][k] > 0 else { return false }
    a[k][k] = a[k][k].squareRoot()
    for i in (k + 1)..<n {
      for p in 0..<k { a[i][k] -= a[i][p] * a[k][p] }
      a[i][k] /= a[k][k]
    }
  }
  return true
}
