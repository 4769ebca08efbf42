import DataCenters
import Optimization
import PowerGrid

extension CoordinationSetup {
  /// The source paper's loop: plain fixed-point iteration (§7.1) with oscillation detection (B2) and interval
  /// bisection (B3–B7). Each outer iteration prices the current (trial) demands with VOLL shedding and solves
  /// every DC at those prices, bounded by the brackets of its oscillating entries. At termination it reports the
  /// active B7 bounds and the unbounded-response gap max |P̃ − P| (P̃ solved without B7), because a collapsed
  /// bracket certifies nothing (§7.2, "Limitation found in testing").
  public func bisectionLoop(
    _ options: CoordinationSettings, progress: (String) -> Void = { _ in }
  ) throws -> CoordinationOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    let epsilon = options.toleranceMW
    var responses = try centers.enumerated().map {
      try DataCenterResponse(center: $1, index: $0, periods: periods, rho: 0, settings: settings)
    }
    let zero = centers.map { _ in [Double](repeating: 0, count: periods) }
    let initial = try price(demands: zero, voll: options.voll)
    let initialPrices = dataCenterPrices(initial)
    var current = try centers.indices.map { try respond(&responses[$0], prices: initialPrices[$0]).gridMW }
    var previous: [[Double]]? = nil
    var lower = centers.map { _ in [Double?](repeating: nil, count: periods) }
    var upper = lower
    var lastPrices = initialPrices
    var log: [CoordinationStep] = []
    var oscillations = 0
    var converged = false
    var iteration = 0
    while iteration < options.maxIterations {
      iteration += 1
      // B4: bracketed entries are priced at their midpoints.
      var trial = current
      for k in centers.indices {
        for t in 0..<periods { if let lo = lower[k][t], let hi = upper[k][t] { trial[k][t] = (lo + hi) / 2 } }
      }
      let grid = try price(demands: trial, voll: options.voll)
      let prices = dataCenterPrices(grid)
      // B5/B7: responses within the brackets.
      let schedules = try centers.indices.map { k in
        let bounds: [(lower: Double, upper: Double)?] = (0..<periods).map { t in
          guard let lo = lower[k][t], let hi = upper[k][t] else { return nil }
          return (lo, hi)
        }
        return try respond(&responses[k], prices: prices[k], bounds: bounds)
      }
      var next = schedules.map(\.gridMW)
      var bracketed = 0
      // B6: move the bracket towards the fixed point.
      for k in centers.indices {
        for t in 0..<periods {
          guard let lo = lower[k][t], let hi = upper[k][t] else { continue }
          let middle = (lo + hi) / 2
          if next[k][t] >= middle { lower[k][t] = middle } else { upper[k][t] = middle }
          next[k][t] = (lower[k][t]! + upper[k][t]!) / 2
          if upper[k][t]! - lower[k][t]! > epsilon { bracketed += 1 }
        }
      }
      var residual = 0.0
      var priceChange = 0.0
      var oscillating: [(Int, Int)] = []
      for k in centers.indices {
        for t in 0..<periods {
          let step = abs(next[k][t] - trial[k][t])
          residual = max(residual, step)
          priceChange = max(priceChange, abs(prices[k][t] - lastPrices[k][t]))
          // B2: back to the value of two iterations ago while still moving.
          if lower[k][t] == nil, let before = previous?[k][t], abs(next[k][t] - before) <= epsilon, step > epsilon {
            oscillating.append((k, t))
          }
        }
      }
      if !oscillating.isEmpty {
        oscillations += 1
        for (k, t) in oscillating {  // B3
          lower[k][t] = min(trial[k][t], next[k][t])
          upper[k][t] = max(trial[k][t], next[k][t])
        }
      }
      lastPrices = prices
      previous = trial
      current = next
      let seconds = DCOPF.seconds(clock.now - start)
      log.append(
        CoordinationStep(
          iteration: iteration, powerResidualMW: residual, priceChange: priceChange, bracketed: bracketed,
          seconds: seconds, prices: prices))
      progress(
        "bisection \(iteration): max |ΔP| \(format(residual)) MW, \(bracketed) open bracket(s), \(oscillating.count) new oscillating entr\(oscillating.count == 1 ? "y" : "ies"), \(format(seconds)) s"
      )
      if residual <= epsilon && bracketed == 0 && oscillating.isEmpty {
        converged = true
        break
      }
    }
    // The method's result: final prices at the final demands, schedules within the brackets (B7) …
    let finalGrid = try price(demands: current, voll: options.voll)
    let finalPrices = dataCenterPrices(finalGrid)
    var bounded: [ScheduleValues] = []
    var active = 0
    var gap = 0.0
    for k in centers.indices {
      let bounds: [(lower: Double, upper: Double)?] = (0..<periods).map { t in
        guard let lo = lower[k][t], let hi = upper[k][t] else { return nil }
        return (lo, hi)
      }
      let schedule = try respond(&responses[k], prices: finalPrices[k], bounds: bounds)
      bounded.append(schedule)
      // … and how far the unbounded response at the same prices is from the final demands.
      let unbounded = try respond(&responses[k], prices: finalPrices[k])
      for t in 0..<periods {
        gap = max(gap, abs(unbounded.gridMW[t] - current[k][t]))
        if let window = bounds[t], abs(schedule.gridMW[t] - window.lower) <= 1e-6 || abs(schedule.gridMW[t] - window.upper) <= 1e-6 {
          active += 1
        }
      }
    }
    var outcome = try finish(
      method: "bisection", demand: current, responses: &responses, options: options, converged: converged,
      iterations: iteration, oscillations: oscillations, log: log, start: start, schedules: bounded)
    outcome.activeBounds = active
    outcome.unboundedGapMW = gap
    return outcome
  }
}
