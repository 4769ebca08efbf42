/// Dynamic regularisation applied at each pivot (solver.md §3.6): a pivot whose sign disagrees with the expected
/// sign, or whose magnitude is below `epsilon`, is replaced by `expectedSign · delta`.
public struct DynamicRegularisation: Sendable, Equatable {
  public var isEnabled: Bool
  /// Threshold below which σ·D[k] counts as collapsed (default 1e-13).
  public var epsilon: Double
  /// Replacement magnitude (default 2e-7).
  public var delta: Double

  public init(isEnabled: Bool = true, epsilon: Double = 1e-13, delta: Double = 2e-7) {
    self.isEnabled = isEnabled
    self.epsilon = epsilon
    self.delta = delta
  }

  public static let off = DynamicRegularisation(isEnabled: false)
}

/// Statistics of one numeric factorisation.
public struct FactorInfo: Sendable, Equatable {
  /// Number of positive entries of D (the inertia's positive part).
  public var positivePivots: Int
  /// Number of pivots replaced by dynamic regularisation.
  public var regularisedPivots: Int
  /// Original index of the first regularised pivot, if any.
  public var firstRegularisedIndex: Int?

  public init(positivePivots: Int = 0, regularisedPivots: Int = 0, firstRegularisedIndex: Int? = nil) {
    self.positivePivots = positivePivots
    self.regularisedPivots = regularisedPivots
    self.firstRegularisedIndex = firstRegularisedIndex
  }
}

/// The numeric LDLᵀ factor of a symmetric matrix with a fixed `SymbolicLDL` (solver.md §3.5): up-looking, one row
/// of L per step, no pivoting. Owns all workspaces, allocated once; not `Sendable` — confine to one task.
public final class NumericLDL {
  public let symbolic: SymbolicLDL
  /// Values of the permuted upper triangle (input to the factorisation).
  private var permutedValues: [Double]
  private var lowerRowIndices: [Int32]
  private var lowerValues: [Double]
  private var diagonal: [Double]
  private var inverseDiagonal: [Double]
  // Workspaces of length N.
  private var work: [Double]
  private var marked: [Bool]
  private var pattern: [Int32]
  private var stack: [Int32]
  private var nextFree: [Int32]
  private var permutedRHS: [Double]
  /// Work vectors of `solveRefined`.
  var refinementWorkspace: RefinementWorkspace

  public init(symbolic: SymbolicLDL) {
    self.symbolic = symbolic
    let dimension = symbolic.dimension
    permutedValues = [Double](repeating: 0, count: symbolic.permutedPattern.nonzeroCount)
    lowerRowIndices = [Int32](repeating: 0, count: symbolic.factorNonzeros)
    lowerValues = [Double](repeating: 0, count: symbolic.factorNonzeros)
    diagonal = [Double](repeating: 0, count: dimension)
    inverseDiagonal = [Double](repeating: 0, count: dimension)
    work = [Double](repeating: 0, count: dimension)
    marked = [Bool](repeating: false, count: dimension)
    pattern = [Int32](repeating: 0, count: dimension)
    stack = [Int32](repeating: 0, count: dimension)
    nextFree = [Int32](repeating: 0, count: dimension)
    permutedRHS = [Double](repeating: 0, count: dimension)
    refinementWorkspace = RefinementWorkspace(dimension: dimension)
  }

  /// Replaces every value; `upperValues` is in the order of the analysed input's stored entries.
  public func setValues(_ upperValues: [Double]) {
    precondition(upperValues.count == symbolic.entryMap.count, "setValues: expected \(symbolic.entryMap.count) values")
    for (entry, slot) in symbolic.entryMap.enumerated() { permutedValues[Int(slot)] = upperValues[entry] }
  }

  /// Replaces the values of the given input entries only (e.g. the KKT diagonal each IPM iteration).
  public func updateValues(at inputIndices: [Int32], _ values: [Double]) {
    precondition(inputIndices.count == values.count, "updateValues: length mismatch")
    for (position, entry) in inputIndices.enumerated() {
      permutedValues[Int(symbolic.entryMap[Int(entry)])] = values[position]
    }
  }

  /// The diagonal D of the last factorisation, in the permuted order.
  public var pivots: [Double] { diagonal }
  /// Row indices of L (permuted order), column by column.
  public var factorRowIndices: [Int32] { lowerRowIndices }
  /// Values of L, aligned with `factorRowIndices`.
  public var factorValues: [Double] { lowerValues }

  /// Factorises the current values. `expectedSigns` (original order, +1 or −1 per row) drives dynamic
  /// regularisation; pass nil to expect positive pivots everywhere.
  @discardableResult
  public func factor(
    expectedSigns: [Int8]? = nil, regularisation: DynamicRegularisation = DynamicRegularisation()
  ) throws -> FactorInfo {
    let dimension = symbolic.dimension
    if let signs = expectedSigns, signs.count != dimension {
      throw LDLError.invalidInput("expectedSigns has \(signs.count) entries for dimension \(dimension)")
    }
    var info = FactorInfo(positivePivots: 0, regularisedPivots: 0, firstRegularisedIndex: nil)
    let permutedStarts = symbolic.permutedPattern.columnStarts
    let permutedRows = symbolic.permutedPattern.rowIndices
    let permutation = symbolic.permutation
    let parent = symbolic.parent
    let lStarts = symbolic.columnStarts
    try permutedStarts.withUnsafeBufferPointer { cStarts in
      try permutedRows.withUnsafeBufferPointer { cRows in
        try permutedValues.withUnsafeBufferPointer { cValues in
          try lowerRowIndices.withUnsafeMutableBufferPointer { lRows in
            try lowerValues.withUnsafeMutableBufferPointer { lValues in
              try diagonal.withUnsafeMutableBufferPointer { d in
                try inverseDiagonal.withUnsafeMutableBufferPointer { dInv in
                  try work.withUnsafeMutableBufferPointer { y in
                    try marked.withUnsafeMutableBufferPointer { mark in
                      try pattern.withUnsafeMutableBufferPointer { reach in
                        try stack.withUnsafeMutableBufferPointer { path in
                          try nextFree.withUnsafeMutableBufferPointer { next in
                            try parent.withUnsafeBufferPointer { tree in
                              try lStarts.withUnsafeBufferPointer { lColumn in
                                for j in 0..<dimension { next[j] = lColumn[j] }
                                for k in 0..<dimension {
                                  // 1. Scatter column k of C above the diagonal and collect the reach of row k.
                                  var diagonalValue = 0.0
                                  var reachCount = 0
                                  for entry in Int(cStarts[k])..<Int(cStarts[k + 1]) {
                                    let row = Int(cRows[entry])
                                    if row == k {
                                      diagonalValue = cValues[entry]
                                      continue
                                    }
                                    y[row] = cValues[entry]
                                    appendTreePath(
                                      from: row, below: k, tree: tree, mark: mark, path: path, reach: reach, count: &reachCount)
                                  }
                                  // 2. Eliminate in topological order.
                                  var pivot = diagonalValue
                                  var position = reachCount - 1
                                  while position >= 0 {
                                    let column = Int(reach[position])
                                    position -= 1
                                    let yColumn = y[column]
                                    y[column] = 0
                                    mark[column] = false
                                    let end = Int(next[column])
                                    for slot in Int(lColumn[column])..<end {
                                      y[Int(lRows[slot])] -= lValues[slot] * yColumn
                                    }
                                    let multiplier = yColumn * dInv[column]
                                    lRows[end] = Int32(k)
                                    lValues[end] = multiplier
                                    next[column] += 1
                                    pivot -= multiplier * yColumn
                                  }
                                  // 3. Pivot check and dynamic regularisation.
                                  let original = Int(permutation[k])
                                  let sign: Double = (expectedSigns.map { Double($0[original]) }) ?? 1
                                  if !pivot.isFinite { throw LDLError.nonFinite(index: original) }
                                  if sign * pivot < regularisation.epsilon || pivot == 0 {
                                    guard regularisation.isEnabled else { throw LDLError.zeroPivot(index: original) }
                                    pivot = sign * regularisation.delta
                                    info.regularisedPivots += 1
                                    if info.firstRegularisedIndex == nil { info.firstRegularisedIndex = original }
                                  }
                                  d[k] = pivot
                                  dInv[k] = 1 / pivot
                                  if pivot > 0 { info.positivePivots += 1 }
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
    return info
  }

  /// Solves K·x = b in place (original ordering) with the current factor: permute, L, D⁻¹, Lᵀ, unpermute.
  public func solve(_ rhs: inout [Double]) {
    precondition(
      rhs.count == symbolic.dimension, "solve: right-hand side has \(rhs.count) entries, expected \(symbolic.dimension)")
    solveWithFactor(
      &rhs, permuted: &permutedRHS, columnStarts: symbolic.columnStarts, rows: lowerRowIndices, lower: lowerValues,
      upper: lowerValues, inverseDiagonal: inverseDiagonal, permutation: symbolic.permutation)
  }
}

/// Step 1 of an up-looking factorisation (solver.md §3.5): walks the elimination tree from `row` towards column
/// `k`, marking the nodes not yet in the reach, and appends that path top-down to `reach`, so that the whole reach,
/// read backwards, is in topological order.
@inline(__always)
func appendTreePath(
  from row: Int, below k: Int, tree: UnsafeBufferPointer<Int32>, mark: UnsafeMutableBufferPointer<Bool>,
  path: UnsafeMutableBufferPointer<Int32>, reach: UnsafeMutableBufferPointer<Int32>, count: inout Int
) {
  var node = row
  var pathLength = 0
  while node != -1 && node < k && !mark[node] {
    mark[node] = true
    path[pathLength] = Int32(node)
    pathLength += 1
    node = Int(tree[node])
  }
  while pathLength > 0 {
    pathLength -= 1
    reach[count] = path[pathLength]
    count += 1
  }
}
