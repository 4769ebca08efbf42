#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import SparseAlgebra

/// Writer for Clarabel's JSON problem file (solver.md §8.3), read by `clarabel.load_from_file(path)` in Python and
/// `DefaultSolver::read_from_file` in Rust (Clarabel.rs `src/solver/implementations/default/json.rs`).
///
/// The file is the serde form of Clarabel's `JsonProblemData`:
///
///     {"P":{"m":n,"n":n,"colptr":[…],"rowval":[…],"nzval":[…]},"q":[…],
///      "A":{"m":m,"n":n,"colptr":[…],"rowval":[…],"nzval":[…]},"b":[…],
///      "cones":[{"ZeroConeT":m_E},{"NonnegativeConeT":m_I}]}
///
/// - P is the upper triangle of the canonical P in CSC (Clarabel requires an upper-triangular P), A and b are the
///   canonical rows, equalities first: the file describes exactly the problem `QPSolver` solves, so Clarabel's z
///   compares entry by entry with our canonical z (same sign convention, Px + q + Aᵀz = 0, z ∈ K*).
/// - A cone of dimension 0 is left out of the list (an LP without equalities has only the orthant).
/// - `settings` is omitted, so Clarabel's defaults apply; the caller passes its own settings to `load_from_file`.
/// - The objective constant has no place in Clarabel's data and is not written: add
///   `CanonicalQP.objectiveConstant` to Clarabel's `obj_val` before comparing objectives.
/// - Numbers use `String(describing:)`, the shortest text that reads back to the same `Double`; indices are 0-based.
public enum ClarabelJSON {
  /// The JSON text of `problem`.
  public static func write(_ problem: CanonicalQP) -> String {
    String(decoding: render(problem), as: UTF8.self)
  }

  /// Writes the JSON of `problem` to `path` (overwriting it). Throws `QPError.invalidProblem` for a problem that
  /// fails `CanonicalQP.validate()` (non-finite data cannot be written as JSON numbers).
  public static func write(_ problem: CanonicalQP, toFile path: String) throws {
    try problem.validate()
    let bytes = render(problem)
    guard let file = fopen(path, "wb") else {
      throw QPError.invalidProblem("cannot open \(path) for writing: \(String(cString: strerror(errno)))")
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    if written != bytes.count || closed != 0 {
      throw QPError.invalidProblem("write error on \(path): \(String(cString: strerror(errno)))")
    }
  }

  // MARK: - Rendering

  static func render(_ problem: CanonicalQP) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(
      64 + 24 * (problem.quadratic.nonzeroCount + problem.constraints.nonzeroCount)
        + 24 * (problem.variableCount + problem.rowCount))
    out.append(contentsOf: Array(#"{"P":"#.utf8))
    appendMatrix(problem.quadratic, to: &out)
    out.append(contentsOf: Array(#","q":"#.utf8))
    appendNumbers(problem.linear, to: &out)
    out.append(contentsOf: Array(#","A":"#.utf8))
    appendMatrix(problem.constraints, to: &out)
    out.append(contentsOf: Array(#","b":"#.utf8))
    appendNumbers(problem.rightHandSide, to: &out)
    out.append(contentsOf: Array(#","cones":["#.utf8))
    var cones: [String] = []
    if problem.equalityCount > 0 { cones.append(#"{"ZeroConeT":\#(problem.equalityCount)}"#) }
    if problem.inequalityCount > 0 { cones.append(#"{"NonnegativeConeT":\#(problem.inequalityCount)}"#) }
    out.append(contentsOf: Array(cones.joined(separator: ",").utf8))
    out.append(contentsOf: Array("]}\n".utf8))
    return out
  }

  private static func appendMatrix(_ matrix: CSCMatrix, to out: inout [UInt8]) {
    out.append(contentsOf: Array(#"{"m":\#(matrix.rowCount),"n":\#(matrix.columnCount),"colptr":"#.utf8))
    appendIntegers(matrix.columnStarts, to: &out)
    out.append(contentsOf: Array(#","rowval":"#.utf8))
    appendIntegers(Array(matrix.rowIndices.prefix(matrix.nonzeroCount)), to: &out)
    out.append(contentsOf: Array(#","nzval":"#.utf8))
    appendNumbers(Array(matrix.values.prefix(matrix.nonzeroCount)), to: &out)
    out.append(UInt8(ascii: "}"))
  }

  private static func appendIntegers(_ values: [Int32], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (k, value) in values.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: Array(String(value).utf8))
    }
    out.append(UInt8(ascii: "]"))
  }

  private static func appendNumbers(_ values: [Double], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (k, value) in values.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: Array(number(value).utf8))
    }
    out.append(UInt8(ascii: "]"))
  }

  /// Shortest round-trip text of a finite double, always valid JSON ("-0.0" and "1e-05" included).
  static func number(_ value: Double) -> String {
    precondition(value.isFinite, "JSON has no representation for \(value)")
    return String(describing: value)
  }
}
