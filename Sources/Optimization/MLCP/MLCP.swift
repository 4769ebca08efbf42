import SparseAlgebra

/// Whether an unknown of an MLCP is free (paired with an equation) or nonnegative (paired with a complementarity
/// condition), solver.md §1.3.
public enum MLCPVariableKind: String, Sendable, Codable {
  /// x free, F(x) = 0.
  case free
  /// 0 ≤ z ⊥ F(z) ≥ 0.
  case complementary
}

/// A mixed linear complementarity problem F(u) = M·u + q (solver.md §1.3): find u with F_i(u) = 0 for every free
/// unknown i, and 0 ≤ u_i ⊥ F_i(u) ≥ 0 for every complementary one. Row i of M is the condition paired with
/// unknown i, so M is square. Unknowns may be in any order; `kinds` says which is which.
public struct MLCP: Sendable {
  /// M, N × N: column j holds the coefficients of unknown j, row i the condition paired with unknown i.
  public let matrix: CSCMatrix
  /// q, length N.
  public let constant: [Double]
  public let kinds: [MLCPVariableKind]
  /// One name per unknown (and hence per row), e.g. `balance[bus 14, t 9]`.
  public let names: [String]

  public init(matrix: CSCMatrix, constant: [Double], kinds: [MLCPVariableKind], names: [String]) {
    precondition(matrix.rowCount == matrix.columnCount, "MLCP: M must be square")
    precondition(constant.count == matrix.rowCount && kinds.count == matrix.rowCount && names.count == matrix.rowCount,
      "MLCP: q, kinds and names need one entry per unknown")
    self.matrix = matrix
    self.constant = constant
    self.kinds = kinds
    self.names = names
  }

  public var dimension: Int { kinds.count }
  public var freeCount: Int { kinds.lazy.filter { $0 == .free }.count }
  public var complementaryCount: Int { dimension - freeCount }

  /// F(u) = M·u + q.
  public func evaluate(_ unknowns: [Double]) -> [Double] {
    var result = constant
    matrix.multiply(unknowns, into: &result, alpha: 1, beta: 1)
    return result
  }
}

/// Assembles an MLCP from named unknowns and (row, column, value) entries; duplicate entries are summed.
public struct MLCPBuilder: Sendable {
  public private(set) var names: [String] = []
  public private(set) var kinds: [MLCPVariableKind] = []
  private var constant: [Double] = []
  private var rows: [Int32] = []
  private var columns: [Int32] = []
  private var values: [Double] = []
  private var indexByName: [String: Int] = [:]

  public init() {}

  public var dimension: Int { names.count }

  /// Adds an unknown and returns its index; names must be unique.
  @discardableResult
  public mutating func addUnknown(_ name: String, kind: MLCPVariableKind) -> Int {
    precondition(indexByName[name] == nil, "MLCPBuilder: duplicate unknown \(name)")
    let index = names.count
    indexByName[name] = index
    names.append(name)
    kinds.append(kind)
    constant.append(0)
    return index
  }

  public func index(of name: String) -> Int? { indexByName[name] }

  /// Adds `value` to M[row, column]: the coefficient of unknown `column` in the condition of unknown `row`.
  public mutating func add(row: Int, column: Int, _ value: Double) {
    guard value != 0 else { return }
    rows.append(Int32(row))
    columns.append(Int32(column))
    values.append(value)
  }

  /// Adds the skew pair M[a, b] += value, M[b, a] −= value (the form of every player–market coupling).
  public mutating func addSkew(row: Int, column: Int, _ value: Double) {
    add(row: row, column: column, value)
    add(row: column, column: row, -value)
  }

  /// Adds `value` to q[row].
  public mutating func addConstant(row: Int, _ value: Double) { constant[row] += value }

  public func build() -> MLCP {
    var triplets = TripletBuilder(rowCount: dimension, columnCount: dimension, reserve: values.count)
    for entry in values.indices {
      triplets.append(row: Int(rows[entry]), column: Int(columns[entry]), value: values[entry])
    }
    // Indices come from this builder, so the triplets are always in range.
    var matrix = try! triplets.makeCSC()
    matrix.dropExplicitZeros()
    return MLCP(matrix: matrix, constant: constant, kinds: kinds, names: names)
  }
}
