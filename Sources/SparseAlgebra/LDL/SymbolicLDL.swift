/// Fill-reducing ordering for `SymbolicLDL`.
public enum LDLOrdering: Sendable, Equatable {
  /// Keep the input order.
  case natural
  /// An explicit permutation, `permutation[new] = old`.
  case given([Int32])
}

/// The value-independent part of an LDLᵀ factorisation (solver.md §3.2): ordering, elimination tree, column
/// counts and the map from input entries to the permuted upper triangle. Computed once per sparsity pattern and
/// shared, immutably, by every numeric factorisation of that pattern (across IPM iterations and scenarios).
public struct SymbolicLDL: Sendable {
  public let dimension: Int
  /// new → old.
  public let permutation: [Int32]
  /// old → new.
  public let inversePermutation: [Int32]
  /// Elimination tree of the permuted matrix; −1 for roots.
  public let parent: [Int32]
  /// Entries strictly below the diagonal in each column of L.
  public let columnCounts: [Int32]
  /// Prefix sums of `columnCounts`: where each column of L starts.
  public let columnStarts: [Int32]
  /// Input upper entry k → position in `permutedPattern`.
  public let entryMap: [Int32]
  /// Pattern of the permuted upper triangle C = K(perm, perm) (its values are unused).
  public let permutedPattern: CSCMatrix
  /// FNV-1a-64 fingerprint of the input pattern (§3.8).
  public let patternFingerprint: UInt64
  /// Pattern of the input, to confirm pattern equality when the analysis is reused.
  let inputColumnStarts: [Int32]
  let inputRowIndices: [Int32]

  /// Analyses the upper triangle of a symmetric matrix. The diagonal need not be stored, but a factorisation
  /// only succeeds where the diagonal (or fill) makes every pivot nonzero.
  public init(upperTriangle: CSCMatrix, ordering: LDLOrdering = .natural) throws {
    guard upperTriangle.rowCount == upperTriangle.columnCount else {
      throw LDLError.invalidInput("matrix is \(upperTriangle.rowCount)×\(upperTriangle.columnCount), not square")
    }
    guard upperTriangle.isUpperTriangular else {
      throw LDLError.invalidInput("entries below the diagonal; pass the upper triangle only")
    }
    let dimension = upperTriangle.columnCount
    let permutation: [Int32]
    switch ordering {
    case .natural: permutation = (0..<dimension).map { Int32($0) }
    case .given(let given): permutation = given
    }
    guard permutation.count == dimension else {
      throw LDLError.invalidInput("permutation has \(permutation.count) entries for dimension \(dimension)")
    }
    var inverse = [Int32](repeating: -1, count: dimension)
    for (new, old) in permutation.enumerated() {
      guard old >= 0, Int(old) < dimension, inverse[Int(old)] == -1 else {
        throw LDLError.invalidInput("ordering is not a permutation (entry \(new) = \(old))")
      }
      inverse[Int(old)] = Int32(new)
    }
    let (permuted, map) = upperTriangle.permuteSymmetricUpper(permutation)
    let tree = EliminationTree(upperTriangle: permuted)
    let factorEntries = tree.factorNonzeros
    guard factorEntries < Int(Int32.max) else { throw LDLError.factorTooLarge(entries: factorEntries) }
    self.dimension = dimension
    self.permutation = permutation
    self.inversePermutation = inverse
    self.parent = tree.parent
    self.columnCounts = tree.columnCounts
    self.columnStarts = tree.columnStarts
    self.entryMap = map
    self.permutedPattern = permuted
    self.patternFingerprint = upperTriangle.patternFingerprint
    self.inputColumnStarts = upperTriangle.columnStarts
    self.inputRowIndices = upperTriangle.rowIndices
  }

  /// Entries strictly below the diagonal of L.
  public var factorNonzeros: Int { Int(columnStarts[dimension]) }

  /// True when `matrix` has exactly the pattern this analysis was made for (fingerprint, then full comparison).
  public func matches(_ matrix: CSCMatrix) -> Bool {
    matrix.columnCount == dimension && matrix.patternFingerprint == patternFingerprint
      && matrix.columnStarts == inputColumnStarts && matrix.rowIndices == inputRowIndices
  }
}
