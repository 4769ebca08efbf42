/// Dense vector kernels used by the solvers (solver.md §2.3).
public enum Vector {
  public static func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: length mismatch")
    var total = 0.0
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        for i in 0..<x.count { total += x[i] * y[i] }
      }
    }
    return total
  }

  /// y ← α·x + y.
  public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    precondition(x.count == y.count, "axpy: length mismatch")
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeMutableBufferPointer { ys in
        for i in 0..<xs.count { ys[i] += alpha * xs[i] }
      }
    }
  }

  /// ‖x‖∞ (0 for an empty vector).
  public static func infNorm(_ x: [Double]) -> Double {
    var norm = 0.0
    for value in x { norm = max(norm, abs(value)) }
    return norm
  }

  /// ‖x‖∞ of a slice.
  public static func infNorm(_ x: ArraySlice<Double>) -> Double {
    var norm = 0.0
    for value in x { norm = max(norm, abs(value)) }
    return norm
  }

  /// ‖x‖₂.
  public static func twoNorm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }
}
