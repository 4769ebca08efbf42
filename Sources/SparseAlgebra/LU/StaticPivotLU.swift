/// Statistics of one static-pivot LU factorisation.
public struct StaticPivotLUInfo: Sendable, Equatable {
  /// Pivots replaced by dynamic regularisation.
  public var regularisedPivots: Int
  /// Original index of the first regularised pivot, if any.
  public var firstRegularisedIndex: Int?
  /// max|L_ij| over the strictly lower part of the unit lower factor.
  public var largestLower: Double
  /// max|U_ij| over the strictly upper part of the unit upper factor, i.e. max|(D·U)_ij / D_i| for the non-unit
  /// upper factor D·U of Doolittle form.
  public var largestUpper: Double
  /// Smallest |D_k|.
  public var smallestPivot: Double

  public init(
    regularisedPivots: Int = 0, firstRegularisedIndex: Int? = nil, largestLower: Double = 0,
    largestUpper: Double = 0, smallestPivot: Double = .infinity
  ) {
    self.regularisedPivots = regularisedPivots
    self.firstRegularisedIndex = firstRegularisedIndex
    self.largestLower = largestLower
    self.largestUpper = largestUpper
    self.smallestPivot = smallestPivot
  }

  /// max(largestLower, largestUpper): the growth measure of the guard in solver.md §3.10 (b).
  public var growth: Double { max(largestLower, largestUpper) }
}

/// Sparse LU without pivoting on the symmetric pattern (solver.md §3.10 (b)): P·A·Pᵀ = L·D·U with L unit lower,
/// U unit upper and D diagonal, for a square, structurally nonsymmetric A.
///
/// The analysis is the one of `SymbolicLDL` applied to the upper triangle of pattern(A + Aᵀ) with every diagonal
/// entry present, ordered by AMD (or a given order). With no pivoting, L and Uᵀ both have exactly the pattern of
/// the symmetric factor, so they share one row-index array and differ only in their values. The numeric loop is
/// the up-looking loop of `NumericLDL` (§3.5): at step k the same elimination-tree reach gives row k of L (from the
/// lower part of row k of C = P·A·Pᵀ, a solve with Uᵀ) and column k of U (from the upper part of column k, a solve
/// with L).
///
/// The factorisation exists in any symmetric order when the symmetric part of A is positive definite (every
/// principal submatrix is then nonsingular and every pivot positive); this is the Newton matrix of a monotone MLCP
/// plus δI. For other matrices a pivot can vanish or grow without bound: watch `StaticPivotLUInfo.growth` and the
/// refinement residual, and fall back to a pivoting LU.
///
/// Owns every workspace, allocated once in `init`; `factor`, `solve` and `solveRefined(_:into:settings:applyTrue:)`
/// allocate nothing. Only values change between factorisations (`setValues`, `updateValues`, `setDiagonal`).
/// Not `Sendable` — confine to one task; the `symbolic` analysis is immutable and can be shared.
public final class StaticPivotLU {
  public let symbolic: SymbolicLDL
  /// Number of stored entries of the analysed A (the length `setValues` expects).
  public let inputNonzeros: Int
  /// Input entry e of A → slot in `permutedValues`: below `patternCount` the upper half (C[r, c], r ≤ c), from
  /// `patternCount` on the lower half (C[c, r] stored at the slot of (r, c)).
  private let entryTargets: [Int32]
  /// Original index i → slot of the diagonal C[i', i'] (upper half).
  private let diagonalTargets: [Int32]
  private let patternCount: Int
  /// Values of C = P·A·Pᵀ on the symmetric pattern: first the upper entries C[r, c] (r ≤ c, in the order of
  /// `symbolic.permutedPattern`), then the mirrored lower entries C[c, r] at the same positions.
  private var permutedValues: [Double]
  /// Row indices of L, equal to those of Uᵀ (permuted order), column by column.
  private var factorRows: [Int32]
  /// L[r, j] at the slots of column j.
  private var lowerValues: [Double]
  /// U[j, r] at the same slots (Uᵀ stored by columns).
  private var upperValues: [Double]
  private var diagonal: [Double]
  private var inverseDiagonal: [Double]
  // Workspaces of length N.
  private var columnWork: [Double]
  private var rowWork: [Double]
  private var marked: [Bool]
  private var pattern: [Int32]
  private var stack: [Int32]
  private var nextFree: [Int32]
  private var permutedRHS: [Double]
  var refinementWorkspace: RefinementWorkspace

  /// Analyses a square A: symmetric pattern of A + Aᵀ plus the diagonal, `ordering` (nil: AMD of that pattern),
  /// elimination tree and counts. Values of A are loaded as the initial values.
  public init(matrix: CSCMatrix, ordering: LDLOrdering? = nil) throws {
    guard matrix.rowCount == matrix.columnCount else {
      throw LDLError.invalidInput("matrix is \(matrix.rowCount)×\(matrix.columnCount), not square")
    }
    let n = matrix.columnCount
    let pattern = try Self.symmetricPattern(of: matrix)
    let order = ordering ?? .given(ApproximateMinimumDegree.ordering(of: pattern.upper))
    let symbolic = try SymbolicLDL(upperTriangle: pattern.upper, ordering: order)
    self.symbolic = symbolic
    inputNonzeros = matrix.nonzeroCount
    patternCount = symbolic.permutedPattern.nonzeroCount
    let inverse = symbolic.inversePermutation
    var targets = [Int32](repeating: 0, count: matrix.nonzeroCount)
    for column in 0..<n {
      for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
        let row = Int(matrix.rowIndices[entry])
        let slot = symbolic.entryMap[Int(pattern.map[entry])]
        let lowerHalf = inverse[row] > inverse[column]
        targets[entry] = lowerHalf ? slot + Int32(patternCount) : slot
      }
    }
    entryTargets = targets
    diagonalTargets = (0..<n).map { symbolic.entryMap[Int(pattern.map[matrix.nonzeroCount + $0])] }
    permutedValues = [Double](repeating: 0, count: 2 * patternCount)
    factorRows = [Int32](repeating: 0, count: symbolic.factorNonzeros)
    lowerValues = [Double](repeating: 0, count: symbolic.factorNonzeros)
    upperValues = [Double](repeating: 0, count: symbolic.factorNonzeros)
    let zeros = [Double](repeating: 0, count: n)
    diagonal = zeros
    inverseDiagonal = zeros
    columnWork = zeros
    rowWork = zeros
    marked = [Bool](repeating: false, count: n)
    self.pattern = [Int32](repeating: 0, count: n)
    stack = [Int32](repeating: 0, count: n)
    nextFree = [Int32](repeating: 0, count: n)
    permutedRHS = zeros
    refinementWorkspace = RefinementWorkspace(dimension: n)
    setValues(matrix.values)
  }

  /// The upper triangle of pattern(A + Aᵀ) with every diagonal entry stored (values 0), and for each stored entry
  /// of A, then for each diagonal i, the index of its entry in that triangle.
  static func symmetricPattern(of matrix: CSCMatrix) throws -> (upper: CSCMatrix, map: [Int32]) {
    let n = matrix.columnCount
    var triplets = TripletBuilder(rowCount: n, columnCount: n, reserve: matrix.nonzeroCount + n)
    for column in 0..<n {
      for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
        let row = Int(matrix.rowIndices[entry])
        triplets.append(row: min(row, column), column: max(row, column), value: 0)
      }
    }
    for i in 0..<n { triplets.append(row: i, column: i, value: 0) }
    return try triplets.makeCSCWithMap()
  }

  public var dimension: Int { symbolic.dimension }
  /// Entries strictly below the diagonal of L (equal to those strictly above the diagonal of U).
  public var factorNonzeros: Int { symbolic.factorNonzeros }

  /// Replaces every value: `values` in the order of the analysed A's stored entries. Diagonal entries that A does
  /// not store become 0 (set them with `setDiagonal`).
  public func setValues(_ values: [Double]) {
    precondition(values.count == inputNonzeros, "setValues: expected \(inputNonzeros) values, got \(values.count)")
    for slot in 0..<permutedValues.count { permutedValues[slot] = 0 }
    for (entry, target) in entryTargets.enumerated() { permutedValues[Int(target)] = values[entry] }
  }

  /// Replaces the values of the given stored entries of A only.
  public func updateValues(at inputIndices: [Int32], _ values: [Double]) {
    precondition(inputIndices.count == values.count, "updateValues: length mismatch")
    for (position, entry) in inputIndices.enumerated() {
      permutedValues[Int(entryTargets[Int(entry)])] = values[position]
    }
  }

  /// Replaces the whole diagonal (original order, length N), stored in A or not: the cheap update between
  /// interior-point iterations, where only the diagonal of the Newton matrix changes.
  public func setDiagonal(_ values: [Double]) {
    precondition(values.count == dimension, "setDiagonal: expected \(dimension) values, got \(values.count)")
    for i in 0..<values.count { permutedValues[Int(diagonalTargets[i])] = values[i] }
  }

  /// D of the last factorisation (permuted order).
  public var pivots: [Double] { diagonal }
  /// Row indices of L and of Uᵀ (permuted order), column by column (`symbolic.columnStarts`).
  public var factorRowIndices: [Int32] { factorRows }
  /// L[r, j], aligned with `factorRowIndices`.
  public var lowerFactorValues: [Double] { lowerValues }
  /// U[j, r] (the transpose of U stored by columns), aligned with `factorRowIndices`.
  public var upperFactorValues: [Double] { upperValues }

  /// Factorises the current values. `expectedSigns` (original order, ±1 per row; nil means all +1) drives dynamic
  /// regularisation as in `NumericLDL.factor`: a pivot with σ·D_k < ε becomes σ·δ. With a positive definite
  /// symmetric part every exact pivot is positive, so the default expects +1. Throws `LDLError.zeroPivot` when
  /// regularisation is off and a pivot fails, `LDLError.nonFinite` on overflow.
  @discardableResult
  public func factor(
    expectedSigns: [Int8]? = nil, regularisation: DynamicRegularisation = DynamicRegularisation()
  ) throws -> StaticPivotLUInfo {
    let n = dimension
    if let signs = expectedSigns, signs.count != n {
      throw LDLError.invalidInput("expectedSigns has \(signs.count) entries for dimension \(n)")
    }
    var info = StaticPivotLUInfo()
    let lowerOffset = patternCount
    let cStartsArray = symbolic.permutedPattern.columnStarts
    let cRowsArray = symbolic.permutedPattern.rowIndices
    let permutation = symbolic.permutation
    let parentArray = symbolic.parent
    let lStartsArray = symbolic.columnStarts
    var largestLower = 0.0
    var largestUpper = 0.0
    var smallestPivot = Double.infinity
    try cStartsArray.withUnsafeBufferPointer { cStarts in
      try cRowsArray.withUnsafeBufferPointer { cRows in
        try permutedValues.withUnsafeBufferPointer { cValues in
          try factorRows.withUnsafeMutableBufferPointer { fRows in
            try lowerValues.withUnsafeMutableBufferPointer { lValues in
              try upperValues.withUnsafeMutableBufferPointer { uValues in
                try diagonal.withUnsafeMutableBufferPointer { d in
                  try inverseDiagonal.withUnsafeMutableBufferPointer { dInv in
                    try columnWork.withUnsafeMutableBufferPointer { z in
                      try rowWork.withUnsafeMutableBufferPointer { y in
                        try marked.withUnsafeMutableBufferPointer { mark in
                          try pattern.withUnsafeMutableBufferPointer { reach in
                            try stack.withUnsafeMutableBufferPointer { path in
                              try nextFree.withUnsafeMutableBufferPointer { next in
                                try parentArray.withUnsafeBufferPointer { tree in
                                  try lStartsArray.withUnsafeBufferPointer { lColumn in
                                    for j in 0..<n { next[j] = lColumn[j] }
                                    for k in 0..<n {
                                      // 1. Scatter column k of C above the diagonal into z and row k of C left of
                                      //    the diagonal into y; collect the common reach of both in the tree.
                                      var diagonalValue = 0.0
                                      var reachCount = 0
                                      for entry in Int(cStarts[k])..<Int(cStarts[k + 1]) {
                                        let row = Int(cRows[entry])
                                        if row == k {
                                          diagonalValue = cValues[entry]
                                          continue
                                        }
                                        z[row] = cValues[entry]
                                        y[row] = cValues[lowerOffset + entry]
                                        appendTreePath(
                                          from: row, below: k, tree: tree, mark: mark, path: path, reach: reach, count: &reachCount)
                                      }
                                      // 2. Eliminate in topological order: L·z = C[0..<k, k] and Uᵀ·y = C[k, 0..<k]ᵀ,
                                      //    then U[j, k] = z_j / D_j, L[k, j] = y_j / D_j, D_k −= L[k, j]·z_j.
                                      var pivot = diagonalValue
                                      var position = reachCount - 1
                                      while position >= 0 {
                                        let column = Int(reach[position])
                                        position -= 1
                                        let zColumn = z[column]
                                        let yColumn = y[column]
                                        z[column] = 0
                                        y[column] = 0
                                        mark[column] = false
                                        let end = Int(next[column])
                                        for slot in Int(lColumn[column])..<end {
                                          let target = Int(fRows[slot])
                                          z[target] -= lValues[slot] * zColumn
                                          y[target] -= uValues[slot] * yColumn
                                        }
                                        let lower = yColumn * dInv[column]
                                        let upper = zColumn * dInv[column]
                                        fRows[end] = Int32(k)
                                        lValues[end] = lower
                                        uValues[end] = upper
                                        next[column] += 1
                                        pivot -= lower * zColumn
                                        largestLower = max(largestLower, abs(lower))
                                        largestUpper = max(largestUpper, abs(upper))
                                      }
                                      // 3. Pivot check and dynamic regularisation.
                                      let original = Int(permutation[k])
                                      let sign: Double = (expectedSigns.map { Double($0[original]) }) ?? 1
                                      if !pivot.isFinite { throw LDLError.nonFinite(index: original) }
                                      if sign * pivot < regularisation.epsilon || pivot == 0 {
                                        guard regularisation.isEnabled else {
                                          throw LDLError.zeroPivot(index: original)
                                        }
                                        pivot = sign * regularisation.delta
                                        info.regularisedPivots += 1
                                        if info.firstRegularisedIndex == nil { info.firstRegularisedIndex = original }
                                      }
                                      d[k] = pivot
                                      dInv[k] = 1 / pivot
                                      smallestPivot = min(smallestPivot, abs(pivot))
                                    }
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    info.largestLower = largestLower
    info.largestUpper = largestUpper
    info.smallestPivot = n > 0 ? smallestPivot : 0
    if !largestLower.isFinite || !largestUpper.isFinite { throw LDLError.nonFinite(index: 0) }
    return info
  }

  /// Solves A·x = b in place (original ordering) with the current factor: permute, L, D⁻¹, U, unpermute.
  /// 4·nnz(L) + O(N) flops, no allocation.
  public func solve(_ rhs: inout [Double]) {
    precondition(rhs.count == dimension, "solve: right-hand side has \(rhs.count) entries, expected \(dimension)")
    solveWithFactor(
      &rhs, permuted: &permutedRHS, columnStarts: symbolic.columnStarts, rows: factorRows, lower: lowerValues,
      upper: upperValues, inverseDiagonal: inverseDiagonal, permutation: symbolic.permutation)
  }

  /// Solves A_true·x = b with this (possibly regularised) factor as the preconditioner of iterative refinement
  /// (solver.md §3.7); `applyTrue` computes y = A_true·x with the unregularised, nonsymmetric matrix. Uses the
  /// factor's own workspaces.
  public func solveRefined(
    _ rhs: [Double], into solution: inout [Double], settings: RefinementSettings = RefinementSettings(),
    applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
  ) -> RefinementInfo {
    refineWithOwnWorkspace(rhs, into: &solution, settings: settings, applyTrue: applyTrue)
  }
}

/// x = P⁻¹·U⁻¹·D⁻¹·L⁻¹·P·b in place, for a factor P·A·Pᵀ = L·D·U whose unit lower L is stored by columns and whose
/// unit upper U is stored as Uᵀ by columns on the same pattern (`columnStarts`, `rows`). An LDLᵀ factor passes its
/// L values as both `lower` and `upper`. `permuted` is a workspace of length N. 4·nnz(L) + O(N) flops.
func solveWithFactor(
  _ rhs: inout [Double], permuted: inout [Double], columnStarts: [Int32], rows: [Int32], lower: [Double],
  upper: [Double], inverseDiagonal: [Double], permutation: [Int32]
) {
  let n = permutation.count
  rhs.withUnsafeMutableBufferPointer { b in
    permuted.withUnsafeMutableBufferPointer { c in
      columnStarts.withUnsafeBufferPointer { lColumn in
        rows.withUnsafeBufferPointer { fRows in
          lower.withUnsafeBufferPointer { lValues in
            upper.withUnsafeBufferPointer { uValues in
              inverseDiagonal.withUnsafeBufferPointer { dInv in
                permutation.withUnsafeBufferPointer { perm in
                  for k in 0..<n { c[k] = b[Int(perm[k])] }
                  for column in 0..<n {
                    let value = c[column]
                    if value == 0 { continue }
                    for slot in Int(lColumn[column])..<Int(lColumn[column + 1]) {
                      c[Int(fRows[slot])] -= lValues[slot] * value
                    }
                  }
                  for k in 0..<n { c[k] *= dInv[k] }
                  // U·x = c with U stored as Uᵀ by columns: x_j = c_j − Σ_r U[j, r]·x_r, j descending.
                  var column = n - 1
                  while column >= 0 {
                    var value = c[column]
                    for slot in Int(lColumn[column])..<Int(lColumn[column + 1]) {
                      value -= uValues[slot] * c[Int(fRows[slot])]
                    }
                    c[column] = value
                    column -= 1
                  }
                  for k in 0..<n { b[Int(perm[k])] = c[k] }
                }
              }
            }
          }
        }
      }
    }
  }
}
