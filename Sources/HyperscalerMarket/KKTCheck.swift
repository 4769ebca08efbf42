import Optimization

/// Residuals of the equilibrium conditions (K1)–(K21) at a given hour, whatever route produced it: the hour is
/// written back into the MLCP unknown vector u and F(u) = M·u + q is evaluated. Each row's residual is also divided
/// by 1 + |q_i| (its own constant), so a row in MW or $/MWh is not judged against V_U/α of another row.
public struct KKTResiduals: Sendable {
  /// max |F_i(u)| over the equations (free unknowns), in each row's own units.
  public var equations: Double
  /// max |min(z_i, F_i(u))| over the complementarity pairs (the natural residual).
  public var complementarity: Double
  /// max z_i·F_i(u) over the pairs.
  public var maxProduct: Double
  /// max over all rows of the residual above divided by 1 + |q_i|.
  public var relative: Double
  /// The row with the largest relative residual.
  public var worstRow: String
}

extension MarketCase {
  /// Evaluates the KKT conditions of `hour` under `terms` (α = 0 needs the stage-2 budget the run used,
  /// `EquilibriumRun.latencyBudgets[hour]`).
  public func kktResiduals(_ hour: HourEquilibrium, terms: MarketTerms, latencyBudget: Double? = nil) throws
    -> KKTResiduals
  {
    let hourTerms = try checkedHourTerms(terms, hour: hour.hour, latencyBudget: latencyBudget)
    let (problem, layouts) = EquilibriumSolver.assemble(self, [hourTerms])
    let unknowns = layouts[0].vector(from: hour, market: self, dimension: problem.dimension)
    let conditions = problem.evaluate(unknowns)
    var result = KKTResiduals(equations: 0, complementarity: 0, maxProduct: 0, relative: 0, worstRow: "")
    for i in 0..<problem.dimension {
      let residual: Double
      if problem.kinds[i] == .free {
        residual = abs(conditions[i])
        result.equations = max(result.equations, residual)
      } else {
        residual = abs(min(unknowns[i], conditions[i]))
        result.complementarity = max(result.complementarity, residual)
        result.maxProduct = max(result.maxProduct, unknowns[i] * conditions[i])
      }
      let relative = residual / (1 + abs(problem.constant[i]))
      if relative > result.relative || result.worstRow.isEmpty {
        result.relative = max(result.relative, relative)
        result.worstRow = problem.names[i]
      }
    }
    return result
  }
}

extension HourLayout {
  /// The inverse of `extract`: the MLCP unknown vector of an hour's quantities and prices.
  func vector(from hour: HourEquilibrium, market: MarketCase, dimension: Int) -> [Double] {
    var u = [Double](repeating: 0, count: dimension)
    func write(_ indices: [Int], _ values: [Double]) {
      for (index, value) in zip(indices, values) where index >= 0 { u[index] = value }
    }
    write(output, hour.output)
    write(demand, hour.demand)
    write(routed, hour.routed)
    write(unserved, hour.unserved)
    write(leased, hour.siteLoad)
    write(attributesSold, hour.attributesSold)
    for j in claims.indices { write(claims[j], hour.claims[j]) }
    write(uncovered, hour.uncovered)
    write(capacityRent, hour.capacityRent)
    write(leaseRent, hour.siteRent)
    write(ownRent, hour.siteRent)
    write(latencyPrice, hour.latencyPrice)
    write(backing, hour.backing)
    write(premium, hour.premium)
    write(flowUpper, hour.flowUpperPrice)
    write(flowLower, hour.flowLowerPrice)
    if budget >= 0 { u[budget] = hour.budgetPrice }
    write(injection, hour.injection)
    write(price, hour.price)
    u[hubPrice] = hour.hubPrice
    write(leasePrice, hour.leasePrice)
    write(servingValue, hour.servingValue)
    write(coverCost, hour.coverCost)
    return u
  }
}
