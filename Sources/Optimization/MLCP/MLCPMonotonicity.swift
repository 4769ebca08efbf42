import SparseAlgebra

/// The monotonicity pre-check of solver.md §5.7: factorise S + εI, S = ½(M + Mᵀ), ε = 1e-10·(1 + max|Sᵢᵢ|), with
/// LDLᵀ in the AMD order of S, all pivots expected positive and dynamic regularisation off. A pivot below
/// −1e-8·(1 + max|Sᵢᵢ|) proves that S is not positive semidefinite.
enum MLCPMonotonicity {
  struct Violation {
    /// The unknown at the failing pivot.
    let index: Int
    /// Unknowns it couples to in S (largest |S_ij| first, at most 5).
    let coupled: [Int]
  }

  static func check(_ matrix: CSCMatrix) -> Violation? {
    let n = matrix.columnCount
    guard n > 0 else { return nil }
    var triplets = TripletBuilder(rowCount: n, columnCount: n, reserve: matrix.nonzeroCount + n)
    var largestDiagonal = 0.0
    for column in 0..<n {
      for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
        let row = Int(matrix.rowIndices[entry])
        let value = matrix.values[entry]
        if row == column { largestDiagonal = max(largestDiagonal, abs(value)) }
        triplets.append(row: min(row, column), column: max(row, column), value: row == column ? value : 0.5 * value)
      }
    }
    let epsilon = 1e-10 * (1 + largestDiagonal)
    let threshold = 1e-8 * (1 + largestDiagonal)
    for i in 0..<n { triplets.append(row: i, column: i, value: epsilon) }
    guard var upper = try? triplets.makeCSC() else { return nil }
    // Skew pairs cancel exactly; keep the diagonal (≥ ε > 0) and the true couplings only.
    upper.dropExplicitZeros()
    guard let symbolic = try? SymbolicLDL(upperTriangle: upper, ordering: .given(ApproximateMinimumDegree.ordering(of: upper)))
    else { return nil }
    let numeric = NumericLDL(symbolic: symbolic)
    numeric.setValues(upper.values)
    do {
      // Dynamic regularisation off; a pivot is rejected only when it is below −threshold.
      try numeric.factor(
        expectedSigns: nil, regularisation: DynamicRegularisation(isEnabled: false, epsilon: -threshold, delta: 0))
      return nil
    } catch LDLError.zeroPivot(let index) {
      var couplings: [(Int, Double)] = []
      let full = upper.transposed()
      for source in [upper, full] {
        for entry in Int(source.columnStarts[index])..<Int(source.columnStarts[index + 1]) {
          let other = Int(source.rowIndices[entry])
          if other != index { couplings.append((other, abs(source.values[entry]))) }
        }
      }
      couplings.sort { $0.1 > $1.1 }
      return Violation(index: index, coupled: couplings.prefix(5).map(\.0))
    } catch {
      // Not a negative pivot (the data were checked finite before): the check cannot conclude, so it does not
      // claim a violation; the in-iteration check of §5.7 still watches ΔuᵀMΔu.
      return nil
    }
  }
}
