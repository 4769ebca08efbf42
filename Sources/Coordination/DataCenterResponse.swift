import DataCenters
import Optimization

/// One data center's price-taking schedule problem (D24), built once and re-solved at new prices:
/// minimise Σ_t π_d·λ + price_t·P_grid + (ρ/2)(P_grid − centre_t)²  over D1–D20.
struct DataCenterResponse {
  let center: DataCenter
  private let prepared: PreparedModel
  private let variables: DataCenterVariables
  private let rho: Double

  init(center: DataCenter, index: Int, periods: Int, rho: Double, settings: QPSettings) throws {
    self.center = center
    self.rho = rho
    var model = Model(name: "dc-\(center.name)")
    variables = DataCenterSchedule.add(center, index: index, periods: periods, to: &model)
    var objective = LinearExpression()
    DataCenterSchedule.addDepreciation(center, variables, to: &objective)
    model.setObjective(linear: objective)
    if rho > 0 { for power in variables.gridPower { model.addQuadraticObjectiveTerm(power, power, rho / 2) } }
    prepared = try PreparedModel(model, settings: settings)
  }

  /// Solves at `prices` ($/MWh) with the proximal centre (ignored when ρ = 0) and optional bounds on P_grid.
  func solve(
    prices: [Double], centre: [Double]? = nil, bounds: [(lower: Double, upper: Double)?]? = nil
  ) throws -> (schedule: ScheduleValues, status: SolveStatus) {
    for (t, power) in variables.gridPower.enumerated() {
      prepared.setObjectiveCoefficient(power, prices[t] - rho * (centre?[t] ?? 0))
      let window = bounds?[t] ?? nil
      let upper = min(center.gridLimitMw, window?.upper ?? .infinity)
      // A collapsed bracket keeps a hair of width so that the prepared pattern (a bounded, unfixed P_grid) holds.
      let lower = min(max(0, window?.lower ?? 0), upper - 1e-9)
      try prepared.setBounds(power, lower: lower, upper: upper)
    }
    let solution = try prepared.solve()
    return (ScheduleValues(solution, variables), solution.status)
  }
}
