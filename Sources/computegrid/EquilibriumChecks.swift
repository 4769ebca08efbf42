import HyperscalerMarket
import Optimization

/// Checks of one equilibrium run that do not trust its own solver: the KKT conditions (K1)–(K21) evaluated at the
/// reported hours, and the same terms solved by a second route (the welfare QP for the MLCP and gap-QP routes, the
/// MLCP for the welfare-QP route, §4.6) with the price gap
/// max over hours and buses of |p_MLCP − p_QP| / max(1, |p_QP|).
struct EquilibriumChecks {
  /// Max over hours and rows of the residual divided by 1 + |q_i| (`KKTResiduals.relative`).
  var maxResidual: Double
  /// Max over hours of the largest equation residual and natural complementarity residual, in each row's units.
  var maxEquationResidual: Double
  var maxComplementarityResidual: Double
  /// The row with the largest residual (e.g. `balance[bus 14, t 9]`).
  var worstRow: String
  /// The other route's price gap, relative to max(1, |p_QP|); nil when the other route failed (`otherRouteError`).
  var priceGap: Double?
  var otherRoute: EquilibriumRoute
  var otherRouteSeconds: Double
  /// Why the other route gave no solution; the run itself stands, only the comparison is missing.
  var otherRouteError: String?

  init(market: MarketCase, run: EquilibriumRun, settings: EquilibriumSettings) throws {
    // α = 0 is solved in two stages; its KKT conditions include the stage-2 latency budget the solver used.
    (maxResidual, maxEquationResidual, maxComplementarityResidual, worstRow) = (0, 0, 0, "")
    for hour in run.hours {
      let residuals = try market.kktResiduals(hour, terms: run.terms, latencyBudget: run.latencyBudgets[hour.hour])
      maxEquationResidual = max(maxEquationResidual, residuals.equations)
      maxComplementarityResidual = max(maxComplementarityResidual, residuals.complementarity)
      if residuals.relative >= maxResidual {
        maxResidual = residuals.relative
        worstRow = residuals.worstRow
      }
    }
    var other = settings
    other.route = run.route == .qp ? .mlcp : .qp
    other.stackHours = false
    otherRoute = other.route
    let clock = ContinuousClock()
    let start = clock.now
    let comparison: EquilibriumRun
    do {
      comparison = try EquilibriumSolver.solve(market, terms: run.terms, settings: other)
    } catch {
      (priceGap, otherRouteError, otherRouteSeconds) = (nil, "\(error)", (clock.now - start).inSeconds)
      return
    }
    otherRouteSeconds = comparison.solveSeconds
    let qpHours = run.route == .qp ? run.hours : comparison.hours
    let mlcpHours = run.route == .qp ? comparison.hours : run.hours
    var gap = 0.0
    for (qp, mlcp) in zip(qpHours, mlcpHours) {
      for (pQP, pMLCP) in zip(qp.price, mlcp.price) {
        gap = max(gap, abs(pMLCP - pQP) / max(1, abs(pQP)))
      }
    }
    priceGap = gap
  }
}
