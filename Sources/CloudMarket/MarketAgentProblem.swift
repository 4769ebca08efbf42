import DataCenters
import Optimization

/// One data center's schedule problem with its trades (M6): D1–D13, D15–D20 with M2 and M4, at fixed electricity
/// prices, with optional proximal terms on P_grid (exchange ADMM) and on the trades (consensus ADMM, A4).
/// Built once; re-solved with new linear costs.
struct MarketAgentProblem {
  let center: DataCenter
  private let prepared: PreparedModel
  let variables: DataCenterVariables
  /// Trade variables x_ij,t per neighbour (order of the topology), kreq/s bought by this DC from the neighbour.
  let trades: [[Variable]]
  let periods: Int

  /// `tradeCurvature` is the coefficient c of c·x² per trade (A4: 1/(4ρ|Ω_i|)); `powerCurvature` of c·P²
  /// (exchange ADMM: ρ_g/2); `tradeBounds` boxes each trade (finalisation of §6.3) instead of ±pairLimit.
  init(
    center: DataCenter, index: Int, neighbours: [Int], periods: Int, pairLimit: Double, tradeCurvature: Double,
    powerCurvature: Double, tradeBounds: [[(lower: Double, upper: Double)]]? = nil, settings: QPSettings
  ) throws {
    self.center = center
    self.periods = periods
    var model = Model(name: "market-\(center.name)")
    let trades = neighbours.enumerated().map { k, j in
      (0..<periods).map { t in
        let box: (lower: Double, upper: Double) = tradeBounds?[k][t] ?? (-pairLimit, pairLimit)  // M2
        return model.addVariable(Name("x", index + 1, j + 1, t + 1), lower: box.lower, upper: box.upper)
      }
    }
    let sold = (0..<periods).map { t in sum(trades.map { LinearExpression($0[t]) }) }
    variables = DataCenterSchedule.add(center, index: index, periods: periods, to: &model, purchases: sold)
    var objective = LinearExpression()
    DataCenterSchedule.addDepreciation(center, variables, to: &objective)
    model.setObjective(linear: objective)
    if tradeCurvature > 0 { for list in trades { for x in list { model.addQuadraticObjectiveTerm(x, x, tradeCurvature) } } }
    if powerCurvature > 0 { for p in variables.gridPower { model.addQuadraticObjectiveTerm(p, p, powerCurvature) } }
    prepared = try PreparedModel(model, settings: settings)
    self.trades = trades
  }

  /// Sets the linear costs: electricity price per hour on P_grid, and a linear cost per trade and hour.
  func setCosts(gridPower: [Double], trades tradeCosts: [[Double]]) {
    for (t, p) in variables.gridPower.enumerated() { prepared.setObjectiveCoefficient(p, gridPower[t]) }
    for (k, list) in trades.enumerated() {
      for (t, x) in list.enumerated() { prepared.setObjectiveCoefficient(x, tradeCosts[k][t]) }
    }
  }

  func solve() throws -> ModelSolution {
    let solution = try prepared.solve()
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw MarketError(message: "the market problem of \(center.name) is \(solution.status.rawValue)")
    }
    return solution
  }
}

/// A market clearing that cannot be completed.
public struct MarketError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
