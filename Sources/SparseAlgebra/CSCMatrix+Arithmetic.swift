/// Matrix–vector kernels (solver.md §2.3). Inner loops run over buffer pointers taken once per call.
extension CSCMatrix {
  /// y ← α·A·x + β·y (column-wise axpy). `x.count == columnCount`, `y.count == rowCount`.
  public func multiply(_ x: [Double], into y: inout [Double], alpha: Double = 1, beta: Double = 0) {
    precondition(x.count == columnCount && y.count == rowCount, "multiply: shape mismatch")
    y.withUnsafeMutableBufferPointer { out in
      if beta == 0 {
        for i in 0..<out.count { out[i] = 0 }
      } else if beta != 1 {
        for i in 0..<out.count { out[i] *= beta }
      }
      columnStarts.withUnsafeBufferPointer { starts in
        rowIndices.withUnsafeBufferPointer { rowIdx in
          values.withUnsafeBufferPointer { vals in
            x.withUnsafeBufferPointer { xs in
              for column in 0..<columnCount {
                let scaled = alpha * xs[column]
                if scaled == 0 { continue }
                for entry in Int(starts[column])..<Int(starts[column + 1]) {
                  out[Int(rowIdx[entry])] += vals[entry] * scaled
                }
              }
            }
          }
        }
      }
    }
  }

  /// y ← α·Aᵀ·x + β·y (column-wise dot; no transpose is built). `x.count == rowCount`, `y.count == columnCount`.
  public func multiplyTransposed(_ x: [Double], into y: inout [Double], alpha: Double = 1, beta: Double = 0) {
    precondition(x.count == rowCount && y.count == columnCount, "multiplyTransposed: shape mismatch")
    y.withUnsafeMutableBufferPointer { out in
      columnStarts.withUnsafeBufferPointer { starts in
        rowIndices.withUnsafeBufferPointer { rowIdx in
          values.withUnsafeBufferPointer { vals in
            x.withUnsafeBufferPointer { xs in
              for column in 0..<columnCount {
                var dot = 0.0
                for entry in Int(starts[column])..<Int(starts[column + 1]) {
                  dot += vals[entry] * xs[Int(rowIdx[entry])]
                }
                out[column] = beta == 0 ? alpha * dot : alpha * dot + beta * out[column]
              }
            }
          }
        }
      }
    }
  }

  /// A·x as a new vector.
  public func times(_ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: rowCount)
    multiply(x, into: &y)
    return y
  }

  /// Aᵀ·x as a new vector.
  public func transposeTimes(_ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: columnCount)
    multiplyTransposed(x, into: &y)
    return y
  }

  /// y ← α·S·x + β·y where `self` holds the upper triangle of a symmetric S: each off-diagonal entry is used
  /// twice, the diagonal once. Entries below the diagonal must not be stored.
  public func symmetricMultiply(_ x: [Double], into y: inout [Double], alpha: Double = 1, beta: Double = 0) {
    precondition(rowCount == columnCount && x.count == columnCount && y.count == rowCount, "symmetricMultiply: shape")
    y.withUnsafeMutableBufferPointer { out in
      if beta == 0 {
        for i in 0..<out.count { out[i] = 0 }
      } else if beta != 1 {
        for i in 0..<out.count { out[i] *= beta }
      }
      columnStarts.withUnsafeBufferPointer { starts in
        rowIndices.withUnsafeBufferPointer { rowIdx in
          values.withUnsafeBufferPointer { vals in
            x.withUnsafeBufferPointer { xs in
              for column in 0..<columnCount {
                let xColumn = xs[column]
                var dot = 0.0
                for entry in Int(starts[column])..<Int(starts[column + 1]) {
                  let row = Int(rowIdx[entry])
                  let value = vals[entry]
                  if row == column {
                    dot += value * xColumn
                  } else {
                    out[row] += alpha * value * xColumn
                    dot += value * xs[row]
                  }
                }
                out[column] += alpha * dot
              }
            }
          }
        }
      }
    }
  }

  /// xᵀ·S·x for a symmetric S stored as its upper triangle.
  public func quadraticForm(_ x: [Double]) -> Double {
    precondition(rowCount == columnCount && x.count == columnCount, "quadraticForm: shape mismatch")
    var total = 0.0
    for column in 0..<columnCount {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        let row = Int(rowIndices[entry])
        let term = values[entry] * x[row] * x[column]
        total += row == column ? term : 2 * term
      }
    }
    return total
  }
}
