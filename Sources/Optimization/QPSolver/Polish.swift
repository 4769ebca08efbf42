import SparseAlgebra

extension HSDESolver {
  struct PolishedPoint {
    var x: [Double]
    var s: [Double]
    var z: [Double]
    var metrics: Metrics
  }

  /// Active-set polish (solver.md §6.4): guess the active set from the interior-point solution (equality rows and
  /// inequality rows with z > s) and solve the reduced equality-constrained KKT system. When that point violates an
  /// inactive row or gives an active inequality a negative multiplier, the guess is corrected (violated rows join,
  /// negative ones leave) and the system solved again, at most `polishRounds` times. The point is accepted only when
  /// primal residual (with negative slacks), dual residual and gap are no worse and every active inequality
  /// multiplier is nonnegative. Returns the unscaled polished point, or nil (outcome recorded).
  func polish() -> PolishedPoint? {
    computeResiduals()
    let reference = unscaledMetrics()
    var isActive = (0..<m).map { $0 < equalityCount || z[$0] > s[$0] }
    var candidateX: [Double] = []
    var candidateZ: [Double] = []
    for _ in 0..<settings.polishRounds {
      guard let (xPolished, zPolished) = reducedSolve(isActive: isActive) else { return nil }
      candidateX = xPolished
      candidateZ = zPolished
      let ax = scaled.constraints.times(xPolished)
      var changed = false
      for i in inequalityRange {
        let tolerance = 1e-9 * (1 + abs(scaled.rightHandSide[i]))
        if !isActive[i] && ax[i] > scaled.rightHandSide[i] + tolerance {
          isActive[i] = true
          changed = true
        } else if isActive[i] && zPolished[i] < -tolerance {
          isActive[i] = false
          changed = true
        }
      }
      if !changed { break }
    }
    // Candidate in the scaled space with τ = 1, κ = 0.
    let saved = (x, s, z, tau, kappa)
    x = candidateX
    z = candidateZ
    let ax = scaled.constraints.times(x)
    s = (0..<m).map { $0 < equalityCount ? 0 : scaled.rightHandSide[$0] - ax[$0] }
    tau = 1
    kappa = 0
    computeResiduals()
    var candidate = unscaledMetrics()
    var negativeSlack = 0.0
    var zNorm = 0.0
    for i in 0..<m { zNorm = max(zNorm, abs(scaling.rowScale[i] * z[i] / scaling.costScale)) }
    var negativeMultiplier = false
    for i in inequalityRange {
      negativeSlack = max(negativeSlack, -s[i] / scaling.rowScale[i])
      if isActive[i] && scaling.rowScale[i] * z[i] / scaling.costScale < -1e-9 * (1 + zNorm) {
        negativeMultiplier = true
      }
    }
    candidate.primalResidual = max(candidate.primalResidual, negativeSlack / max(1, Vector.infNorm(original.rightHandSide)))
    // "No worse" is judged above a floor well inside the tolerances: below it both points are exact to round-off.
    let floor = 1e-2
    let reason: String?
    if negativeMultiplier {
      reason = "an active inequality multiplier is negative"
    } else if candidate.primalResidual > max(reference.primalResidual, floor * settings.tolFeasibility) {
      reason = "primal residual \(candidate.primalResidual) > \(reference.primalResidual)"
    } else if candidate.dualResidual > max(reference.dualResidual, floor * settings.tolFeasibility) {
      reason = "dual residual \(candidate.dualResidual) > \(reference.dualResidual)"
    } else if candidate.absoluteGap > max(reference.absoluteGap, floor * settings.tolGapAbs) {
      reason = "gap \(candidate.absoluteGap) > \(reference.absoluteGap)"
    } else {
      reason = nil
    }
    let polished = PolishedPoint(
      x: (0..<n).map { scaling.columnScale[$0] * x[$0] },
      s: (0..<m).map { s[$0] / scaling.rowScale[$0] },
      z: (0..<m).map { scaling.rowScale[$0] * z[$0] / scaling.costScale }, metrics: candidate)
    (x, s, z, tau, kappa) = saved
    computeResiduals()
    if let reason {
      polishOutcome = "rejected: \(reason)"
      return nil
    }
    polishOutcome = "accepted"
    return polished
  }

  /// Solves the reduced KKT system [P + δI, A_𝒜ᵀ; A_𝒜, −δI] [x; y] = [−q; b_𝒜] with refinement against δ = 0;
  /// returns x and z (y on the active rows, 0 elsewhere) in the scaled space, or nil (outcome recorded).
  private func reducedSolve(isActive: [Bool]) -> (x: [Double], z: [Double])? {
    var activeIndex = [Int](repeating: -1, count: m)
    var activeRows: [Int] = []
    for i in 0..<m where isActive[i] {
      activeIndex[i] = activeRows.count
      activeRows.append(i)
    }
    let active = activeRows.count
    let delta = settings.polishRegularisation
    var triplets = TripletBuilder(rowCount: n + active, columnCount: n + active)
    let p = scaled.quadratic
    let a = scaled.constraints
    for column in 0..<n {
      for entry in Int(p.columnStarts[column])..<Int(p.columnStarts[column + 1]) {
        triplets.append(row: Int(p.rowIndices[entry]), column: column, value: p.values[entry])
      }
      for entry in Int(a.columnStarts[column])..<Int(a.columnStarts[column + 1]) {
        let k = activeIndex[Int(a.rowIndices[entry])]
        if k >= 0 { triplets.append(row: column, column: n + k, value: a.values[entry]) }
      }
    }
    for j in 0..<(n + active) { triplets.append(row: j, column: j, value: 0) }
    guard let (trueMatrix, map) = try? triplets.makeCSCWithMap() else {
      polishOutcome = "rejected: could not assemble the reduced system"
      return nil
    }
    var shifted = trueMatrix.values
    let diagonalStart = triplets.count - (n + active)
    for j in 0..<(n + active) { shifted[Int(map[diagonalStart + j])] += j < n ? delta : -delta }
    let signs = [Int8](repeating: 1, count: n) + [Int8](repeating: -1, count: active)
    let ordering = KKTOrderingChoice.ordering(for: trueMatrix, settings: settings)
    guard let symbolic = try? SymbolicLDL(upperTriangle: trueMatrix, ordering: ordering) else {
      polishOutcome = "rejected: analysis failed"
      return nil
    }
    let factor = NumericLDL(symbolic: symbolic)
    factor.setValues(shifted)
    guard let info = try? factor.factor(expectedSigns: signs) else {
      polishOutcome = "rejected: factorisation failed"
      return nil
    }
    if info.regularisedPivots > 0 { report.dualDegenerate = true }
    let rhs = scaled.linear.map { -$0 } + activeRows.map { scaled.rightHandSide[$0] }
    var refinement = RefinementSettings()
    refinement.maxIterations = 10
    let (solution, _) = factor.solveRefined(rhs, settings: refinement) { vector, product in
      trueMatrix.symmetricMultiply(vector, into: &product)
    }
    guard solution.allSatisfy({ $0.isFinite }) else {
      polishOutcome = "rejected: non-finite solution"
      return nil
    }
    var zFull = [Double](repeating: 0, count: m)
    for (k, row) in activeRows.enumerated() { zFull[row] = solution[n + k] }
    return (Array(solution[0..<n]), zFull)
  }
}
