import DataCenters
import Optimization

/// One data center's price-taking schedule problem (D24), built once and re-solved at new prices:
/// minimise Σ_t π_d·λ + price_t·P_grid + (ρ/2)(P_grid − centre_t)²  over D1–D20.
struct DataCenterResponse {
  let center: DataCenter
  private var model: Model
  private let variables: DataCenterVariables
  private let rho: Double

  init(center: DataCenter, index: Int, periods: Int, rho: Double) {
    self.center = center
    self.rho = rho
    var model = Model(name: "dc-\(center.name)")
    variables = DataCenterSchedule.add(center, index: index, periods: periods, to: &model)
    var objective = LinearExpression()
    DataCenterSchedule.addDepreciation(center, variables, to: &objective)
    model.setObjective(linear: objective)
    if rho > 0 { for power in variables.gridPower { model.addQuadraticObjectiveTerm(power, power, rho / 2) } }
    self.model = model
  }

  /// Solves at `prices` ($/MWh) with the proximal centre (ignored when ρ = 0) and optional bounds on P_grid.
  mutating func solve(
    prices: [Double], centre: [Double]? = nil, bounds: [(lower: Double, upper: Double)?]? = nil,
    settings: QPSettings
  ) throws -> (schedule: ScheduleValues, status: SolveStatus) {
    for (t, power) in variables.gridPower.enumerated() {
      model.setObjectiveCoefficient(power, prices[t] - rho * (centre?[t] ?? 0))
      let window = bounds?[t] ?? nil
      let upper = min(center.gridLimitMw, window?.upper ?? .infinity)
      model.setBounds(power, lower: min(max(0, window?.lower ?? 0), upper), upper: upper)
    }
    let solution = try model.solve(settings: settings)
    return (ScheduleValues(solution, variables), solution.status)
  }
}
