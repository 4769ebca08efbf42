/// Settings of iterative refinement (solver.md §3.7).
public struct RefinementSettings: Sendable, Equatable {
  /// Stop when ‖b − Kx‖∞ ≤ absoluteTolerance + relativeTolerance·‖b‖∞ (defaults 1e-12, 1e-13).
  public var absoluteTolerance: Double = 1e-12
  public var relativeTolerance: Double = 1e-13
  /// At most this many correction steps (default 10).
  public var maxIterations: Int = 10
  /// Stop when a step improves the residual by less than this factor (default 5).
  public var stopRatio: Double = 5

  public init() {}
}

/// Result statistics of one refined solve.
public struct RefinementInfo: Sendable, Equatable {
  public var steps: Int
  /// Final ‖b − K_true·x‖∞.
  public var residualNorm: Double
}

extension NumericLDL {
  /// Solves K_true·x = b, using this (possibly regularised) factor as a preconditioner and refining against
  /// `applyTrue`, which must compute y = K_true·x (the unregularised matrix).
  public func solveRefined(
    _ rhs: [Double], settings: RefinementSettings = RefinementSettings(),
    applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
  ) -> (solution: [Double], info: RefinementInfo) {
    var solution = rhs
    solve(&solution)
    var product = [Double](repeating: 0, count: rhs.count)
    func residual(of x: [Double]) -> [Double] {
      applyTrue(x, &product)
      var r = rhs
      for i in 0..<r.count { r[i] -= product[i] }
      return r
    }
    var error = residual(of: solution)
    var errorNorm = Vector.infNorm(error)
    let threshold = settings.absoluteTolerance + settings.relativeTolerance * Vector.infNorm(rhs)
    var steps = 0
    while steps < settings.maxIterations && errorNorm > threshold {
      var correction = error
      solve(&correction)
      var candidate = solution
      Vector.axpy(1, correction, &candidate)
      let candidateError = residual(of: candidate)
      let candidateNorm = Vector.infNorm(candidateError)
      steps += 1
      if !candidateNorm.isFinite { break }
      if errorNorm / candidateNorm < settings.stopRatio {
        if candidateNorm < errorNorm {
          solution = candidate
          errorNorm = candidateNorm
        }
        break
      }
      solution = candidate
      error = candidateError
      errorNorm = candidateNorm
    }
    return (solution, RefinementInfo(steps: steps, residualNorm: errorNorm))
  }
}
