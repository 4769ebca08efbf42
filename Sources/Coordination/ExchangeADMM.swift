import CloudMarket
import DataCenters
import Optimization
import PowerGrid

/// Settings of the coordination loops (datacenter-market.md §7, §8.4; all [PROPOSED] defaults).
public struct CoordinationSettings: Sendable {
  /// Exchange-ADMM penalty ρ_g ($/MWh per MW), default 2.
  public var rho = 2.0
  /// Power tolerance ε_bl (MW), default 0.01; also ε_osc of the bisection loop.
  public var toleranceMW = 0.01
  /// Price tolerance ε_λ ($/MWh), default 0.01.
  public var priceTolerance = 0.01
  /// Outer-iteration limit (default 500).
  public var maxIterations = 500
  /// Value of lost load used by the bisection loop's pricing ($/MWh), default 1000.
  public var voll = 1000.0
  /// Consensus-ADMM iterations per outer iteration when the market runs inside the exchange ADMM (its state
  /// carries over between outer iterations), default 25 [PROPOSED].
  public var marketIterationsPerOuter = 25

  public init() {}
}

extension CoordinationSetup {
  /// The grid–DC exchange ADMM of §7.4: only prices (down) and power proposals (up) cross between the grid and
  /// the operators; its multiplier is the DC-bus price. With a market, the DC side clears it every outer iteration
  /// (the consensus ADMM warm-started from the previous prices). `progress` gets one line per outer iteration.
  public func exchangeADMM(
    _ options: CoordinationSettings, market mode: MarketMode = .none, progress: (String) -> Void = { _ in }
  ) throws -> CoordinationOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    var responses = try centers.enumerated().map {
      try DataCenterResponse(center: $1, index: $0, periods: periods, rho: options.rho, settings: settings)
    }
    var plain = try centers.enumerated().map {
      try DataCenterResponse(center: $1, index: $0, periods: periods, rho: 0, settings: settings)
    }
    // λ⁰: LMPs with no data-center load; P_G⁰: the DCs' response to them (with the market, if any).
    let zero = centers.map { _ in [Double](repeating: 0, count: periods) }
    let initial = try price(demands: zero, voll: options.voll)
    var lambda = dataCenterPrices(initial)
    // With the consensus ADMM, its iterate (y, s) carries over between outer iterations and each outer iteration
    // runs at most `marketIterationsPerOuter` market iterations; the loop stops only once the market has also met
    // its own tolerances.
    var marketState: ConsensusState? = nil
    var side = try dataCenterSide(
      prices: lambda, mode: mode, rho: 0, centre: nil, responses: &plain, marketState: &marketState)
    var proposal = side.demand
    var log: [CoordinationStep] = []
    var marketIterations: [Int] = []
    var converged = false
    var iteration = 0
    while iteration < options.maxIterations {
      iteration += 1
      side = try dataCenterSide(
        prices: lambda, mode: mode, rho: options.rho, centre: proposal, responses: &responses,
        marketState: &marketState, marketIterationLimit: options.marketIterationsPerOuter)
      if let market = side.market { marketIterations.append(market.iterations) }
      let demand = side.demand
      let previous = proposal
      proposal = try gridProposal(prices: lambda, target: demand, rho: options.rho)
      var residual = 0.0
      var change = 0.0
      for k in centers.indices {
        for t in 0..<periods {
          let mismatch = demand[k][t] - proposal[k][t]
          lambda[k][t] += options.rho * mismatch
          residual = max(residual, abs(mismatch))
          change = max(change, options.rho * abs(proposal[k][t] - previous[k][t]))
        }
      }
      let seconds = DCOPF.seconds(clock.now - start)
      log.append(
        CoordinationStep(
          iteration: iteration, powerResidualMW: residual, priceChange: change, bracketed: 0, seconds: seconds,
          prices: lambda))
      let inner = side.market.map { ", market \($0.iterations) iteration(s)" } ?? ""
      progress(
        "admm \(iteration): max |P_D − P_G| \(format(residual)) MW, ρ·max |ΔP_G| \(format(change)) $/MWh\(inner), \(format(seconds)) s")
      if residual <= options.toleranceMW && change <= options.priceTolerance && side.market?.converged != false {
        converged = true
        break
      }
    }
    var outcome = try finish(
      method: "admm", demand: side.demand, responses: &plain, options: options, converged: converged,
      iterations: iteration, oscillations: 0, log: log, start: start, schedules: side.schedules)
    outcome.market = side.market
    outcome.marketIterations = marketIterations
    return outcome
  }

  /// Final prices from the grid at `demand`, with the DC schedules given (or each DC re-solved at those prices).
  func finish(
    method: String, demand: [[Double]], responses: inout [DataCenterResponse], options: CoordinationSettings,
    converged: Bool, iterations: Int, oscillations: Int, log: [CoordinationStep], start: ContinuousClock.Instant,
    schedules given: [ScheduleValues]? = nil
  ) throws -> CoordinationOutcome {
    let grid = try price(demands: demand, voll: options.voll)
    let prices = dataCenterPrices(grid)
    let schedules = try given ?? centers.indices.map { try respond(&responses[$0], prices: prices[$0]) }
    return CoordinationOutcome(
      method: method, converged: converged, iterations: iterations, oscillations: oscillations, grid: grid,
      schedules: schedules, dataCenterPrices: prices, log: log, activeBounds: nil, unboundedGapMW: nil,
      seconds: DCOPF.seconds(ContinuousClock.now - start))
  }

  func respond(
    _ response: inout DataCenterResponse, prices: [Double], centre: [Double]? = nil,
    bounds: [(lower: Double, upper: Double)?]? = nil
  ) throws -> ScheduleValues {
    let (schedule, status) = try response.solve(prices: prices, centre: centre, bounds: bounds)
    guard status == .optimal || status == .almostOptimal else {
      throw CoordinationError(message: "the schedule of \(response.center.name) is \(status.rawValue)")
    }
    return schedule
  }
}

func format(_ value: Double) -> String {
  let magnitude = abs(value)
  if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) { return String(format: "%.3e", value) }
  return String(format: "%.4f", value)
}
