import SparseAlgebra

/// Modified Ruiz equilibration of a canonical QP (solver.md §4.9):
/// P̃ = c·D P D, q̃ = c·D q, Ã = E A D, b̃ = E b.
///
/// Unscaling: x = D x̃ / τ, s = E⁻¹ s̃ / τ, z = E z̃ / (c τ), objective = f̃ / c.
struct Equilibration: Sendable {
  /// Column scaling D (length n).
  var columnScale: [Double]
  /// Row scaling E (length m).
  var rowScale: [Double]
  /// Cost scaling c.
  var costScale: Double

  static func identity(variables: Int, rows: Int) -> Equilibration {
    Equilibration(
      columnScale: [Double](repeating: 1, count: variables), rowScale: [Double](repeating: 1, count: rows),
      costScale: 1)
  }

  /// Scales `problem` in place and returns the scaling that was applied.
  static func apply(to problem: inout CanonicalQP, settings: QPSettings) -> Equilibration {
    let n = problem.variableCount
    let m = problem.rowCount
    var scaling = Equilibration.identity(variables: n, rows: m)
    guard settings.equilibrate else { return scaling }
    let low = settings.equilibrateMinScaling
    let high = settings.equilibrateMaxScaling
    for _ in 0..<settings.equilibrateIterations {
      var columnNorms = symmetricColumnNorms(problem.quadratic)
      let aColumnNorms = problem.constraints.columnInfNorms()
      for j in 0..<n { columnNorms[j] = max(columnNorms[j], aColumnNorms[j]) }
      let rowNorms = problem.constraints.rowInfNorms()
      var d = [Double](repeating: 1, count: n)
      var e = [Double](repeating: 1, count: m)
      for j in 0..<n {
        let norm = columnNorms[j] == 0 ? 1 : columnNorms[j]
        let proposed = 1 / norm.squareRoot()
        let cumulative = min(max(scaling.columnScale[j] * proposed, low), high)
        d[j] = cumulative / scaling.columnScale[j]
        scaling.columnScale[j] = cumulative
      }
      for i in 0..<m {
        let norm = rowNorms[i] == 0 ? 1 : rowNorms[i]
        let proposed = 1 / norm.squareRoot()
        let cumulative = min(max(scaling.rowScale[i] * proposed, low), high)
        e[i] = cumulative / scaling.rowScale[i]
        scaling.rowScale[i] = cumulative
      }
      problem.quadratic.scale(rows: d, columns: d)
      for j in 0..<n { problem.linear[j] *= d[j] }
      problem.constraints.scale(rows: e, columns: d)
      for i in 0..<m { problem.rightHandSide[i] *= e[i] }
      // Cost scaling.
      let pNorms = symmetricColumnNorms(problem.quadratic)
      let meanPNorm = n == 0 ? 0 : pNorms.reduce(0, +) / Double(n)
      let gamma = max(meanPNorm, Vector.infNorm(problem.linear))
      if gamma > 0 {
        let cumulative = min(max(scaling.costScale / gamma, low), high)
        let factor = cumulative / scaling.costScale
        for k in 0..<problem.quadratic.values.count { problem.quadratic.values[k] *= factor }
        for j in 0..<n { problem.linear[j] *= factor }
        scaling.costScale = cumulative
      }
    }
    return scaling
  }

  /// ∞-norm of each column of the full symmetric matrix whose upper triangle is `upper`.
  static func symmetricColumnNorms(_ upper: CSCMatrix) -> [Double] {
    var norms = [Double](repeating: 0, count: upper.columnCount)
    for column in 0..<upper.columnCount {
      for entry in Int(upper.columnStarts[column])..<Int(upper.columnStarts[column + 1]) {
        let magnitude = abs(upper.values[entry])
        let row = Int(upper.rowIndices[entry])
        norms[column] = max(norms[column], magnitude)
        norms[row] = max(norms[row], magnitude)
      }
    }
    return norms
  }
}
