/// Structural transforms, norms and diagonal scaling (solver.md §2.3).
extension CSCMatrix {
  /// Aᵀ by counting sort over rows: O(nnz + rows + columns). Row indices of the result come out sorted.
  public func transposed() -> CSCMatrix { transposedWithMap().0 }

  /// Aᵀ and, for each entry of `self`, the position of the same entry in the transpose.
  public func transposedWithMap() -> (CSCMatrix, [Int32]) {
    var starts = [Int32](repeating: 0, count: rowCount + 1)
    for row in rowIndices { starts[Int(row) + 1] += 1 }
    for row in 0..<rowCount { starts[row + 1] += starts[row] }
    var cursor = starts
    var outRows = [Int32](repeating: 0, count: nonzeroCount)
    var outValues = [Double](repeating: 0, count: nonzeroCount)
    var map = [Int32](repeating: 0, count: nonzeroCount)
    for column in 0..<columnCount {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        let row = Int(rowIndices[entry])
        let slot = Int(cursor[row])
        outRows[slot] = Int32(column)
        outValues[slot] = values[entry]
        map[entry] = Int32(slot)
        cursor[row] += 1
      }
    }
    return (CSCMatrix(unchecked: columnCount, rowCount, starts, outRows, outValues), map)
  }

  /// C = S(perm, perm) for a symmetric S stored as its upper triangle, kept as an upper triangle.
  /// `permutation[new] = old`. Entries that cross the diagonal move to the upper triangle.
  /// Returns C and the map from each entry of `self` to its position in C.
  public func permuteSymmetricUpper(_ permutation: [Int32]) -> (CSCMatrix, [Int32]) {
    precondition(rowCount == columnCount && permutation.count == columnCount, "permuteSymmetricUpper: shape")
    let dimension = columnCount
    var inverse = [Int](repeating: 0, count: dimension)
    for (new, old) in permutation.enumerated() { inverse[Int(old)] = new }
    // Count entries per new column.
    var starts = [Int32](repeating: 0, count: dimension + 1)
    for column in 0..<dimension {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        let newRow = inverse[Int(rowIndices[entry])]
        let newColumn = inverse[column]
        starts[max(newRow, newColumn) + 1] += 1
      }
    }
    for column in 0..<dimension { starts[column + 1] += starts[column] }
    // Scatter by column, then sort rows inside each column (counting sort through a transpose pair).
    var cursor = starts
    var scatteredRows = [Int32](repeating: 0, count: nonzeroCount)
    var scatteredSource = [Int32](repeating: 0, count: nonzeroCount)
    for column in 0..<dimension {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        let newRow = inverse[Int(rowIndices[entry])]
        let newColumn = inverse[column]
        let target = max(newRow, newColumn)
        let slot = Int(cursor[target])
        scatteredRows[slot] = Int32(min(newRow, newColumn))
        scatteredSource[slot] = Int32(entry)
        cursor[target] += 1
      }
    }
    var result = CSCMatrix(
      unchecked: dimension, dimension, starts, scatteredRows, scatteredSource.map { values[Int($0)] })
    // Sorting rows inside columns: transpose twice (each transpose sorts by the other index).
    let (once, mapOnce) = result.transposedWithMap()
    let (twice, mapTwice) = once.transposedWithMap()
    result = twice
    var map = [Int32](repeating: 0, count: nonzeroCount)
    for slot in 0..<nonzeroCount {
      map[Int(scatteredSource[slot])] = mapTwice[Int(mapOnce[slot])]
    }
    return (result, map)
  }

  /// ∞-norm of each column.
  public func columnInfNorms() -> [Double] {
    (0..<columnCount).map { column in
      var norm = 0.0
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) { norm = max(norm, abs(values[entry])) }
      return norm
    }
  }

  /// ∞-norm of each row.
  public func rowInfNorms() -> [Double] {
    var norms = [Double](repeating: 0, count: rowCount)
    for entry in 0..<nonzeroCount {
      let row = Int(rowIndices[entry])
      norms[row] = max(norms[row], abs(values[entry]))
    }
    return norms
  }

  /// A ← diag(rowScale)·A·diag(columnScale), in place.
  public mutating func scale(rows rowScale: [Double], columns columnScale: [Double]) {
    precondition(rowScale.count == rowCount && columnScale.count == columnCount, "scale: shape mismatch")
    for column in 0..<columnCount {
      let factor = columnScale[column]
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        values[entry] *= factor * rowScale[Int(rowIndices[entry])]
      }
    }
  }

  /// True when every stored entry lies on or above the diagonal.
  public var isUpperTriangular: Bool {
    for column in 0..<columnCount {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) where Int(rowIndices[entry]) > column {
        return false
      }
    }
    return true
  }
}
