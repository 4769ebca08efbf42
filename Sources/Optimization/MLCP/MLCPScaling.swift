import SparseAlgebra

/// Symmetric Ruiz equilibration of an MLCP (solver.md §5.10): M̃ = D·M·D, q̃ = D·q with one positive diagonal D on
/// rows and columns, so that monotonicity (a congruence invariant) and the pairs zᵢ ↔ wᵢ survive.
/// Unscaling: u = D·ũ, w = D⁻¹·w̃ (and F = D⁻¹·F̃).
struct MLCPScaling {
  /// D, length N.
  let d: [Double]
  /// M̃ and q̃.
  let matrix: CSCMatrix
  let constant: [Double]

  init(problem: MLCP, settings: MLCPSettings) {
    let n = problem.dimension
    var matrix = problem.matrix
    var d = [Double](repeating: 1, count: n)
    if settings.scale && n > 0 {
      for _ in 0..<settings.scalingIterations {
        let rows = matrix.rowInfNorms()
        let columns = matrix.columnInfNorms()
        var pass = [Double](repeating: 1, count: n)
        var largestChange = 0.0
        for j in 0..<n {
          let norm = max(rows[j], columns[j])
          var factor = norm > 0 ? 1 / norm.squareRoot() : 1
          let clipped = min(max(d[j] * factor, settings.scalingMin), settings.scalingMax)
          factor = clipped / d[j]
          pass[j] = factor
          d[j] = clipped
          largestChange = max(largestChange, abs(factor - 1))
        }
        matrix.scale(rows: pass, columns: pass)
        if largestChange < 1e-6 { break }
      }
    }
    self.d = d
    self.matrix = matrix
    constant = (0..<n).map { d[$0] * problem.constant[$0] }
  }

  /// u = D·ũ.
  func unscaleUnknowns(_ scaled: [Double]) -> [Double] { (0..<d.count).map { d[$0] * scaled[$0] } }
  /// w = D⁻¹·w̃ (also F = D⁻¹·F̃ and the residuals).
  func unscaleConditions(_ scaled: [Double]) -> [Double] { (0..<d.count).map { scaled[$0] / d[$0] } }
}
