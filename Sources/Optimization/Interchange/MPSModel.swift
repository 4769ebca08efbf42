import SparseAlgebra

/// A linear or convex quadratic program as stored in a free MPS / QPS file (solver.md §8.1, §8.2, §8.5).
///
/// The problem is
///
///     minimise (or maximise, if `isMaximisation`)   ½ xᵀ P x + objectiveᵀ x + objectiveConstant
///     subject to   rowLower ≤ matrix · x ≤ rowUpper,   columnLower ≤ x ≤ columnUpper.
///
/// Conventions:
/// - All values are in the units of the file; no scaling is applied.
/// - A missing bound or row side is `±Double.infinity`. The reader turns every side with |v| ≥ 1e20 into an infinity
///   (solver.md §1.2); the writer writes infinite sides as ±1e+30 or with the `MI`/`PL`/`FR` bound types.
/// - A row is an equality when `rowLower == rowUpper`, `≤` when only `rowLower` is −∞, `≥` when only `rowUpper` is
///   +∞, a range when both are finite and differ, and free when both are infinite.
/// - `quadratic` holds the **upper triangle** (row ≤ column) of the symmetric matrix P, diagonal included; the
///   objective uses ½ xᵀPx, so P₁₂ = 1 contributes x₁x₂ (not 2x₁x₂).
/// - When `isMaximisation` is true, `objective`, `quadratic` and `objectiveConstant` are the coefficients of the
///   function being maximised (not negated).
/// - `warnings` records non-fatal oddities found by the reader; it is not part of equality.
public struct MPSModel: Sendable, Equatable {
  /// Model name from the `NAME` line (may be empty).
  public var name: String
  /// True when the objective is maximised (`OBJSENSE MAX`).
  public var isMaximisation: Bool
  /// Name of the objective (`N`) row.
  public var objectiveName: String
  /// Constant term c₀ of the objective. In a file it is stored as the RHS of the objective row with the opposite
  /// sign (`RHS  OBJ  −c₀`, the HiGHS convention).
  public var objectiveConstant: Double
  /// Column (variable) names, in file order.
  public var columnNames: [String]
  /// Linear objective coefficient of each column.
  public var objective: [Double]
  /// Lower bound of each column; −∞ when none. Default (no `BOUNDS` entry) is 0.
  public var columnLower: [Double]
  /// Upper bound of each column; +∞ when none. Default (no `BOUNDS` entry) is +∞.
  public var columnUpper: [Double]
  /// Constraint row names, in file order (the objective row and ignored extra `N` rows are not included).
  public var rowNames: [String]
  /// Lower side of each constraint row; −∞ when none.
  public var rowLower: [Double]
  /// Upper side of each constraint row; +∞ when none.
  public var rowUpper: [Double]
  /// Constraint matrix, `rowNames.count × columnNames.count`. Explicit zeros read from a file are kept.
  public var matrix: CSCMatrix
  /// Upper triangle of the symmetric objective Hessian P, `columnNames.count × columnNames.count`.
  public var quadratic: CSCMatrix
  /// Non-fatal findings of the reader (ignored rows, ambiguous bounds, …). Not compared by `==`.
  public var warnings: [String]

  /// Creates a model; `quadratic` defaults to an empty n × n matrix.
  public init(
    name: String = "",
    isMaximisation: Bool = false,
    objectiveName: String = "OBJ",
    objectiveConstant: Double = 0,
    columnNames: [String],
    objective: [Double],
    columnLower: [Double],
    columnUpper: [Double],
    rowNames: [String],
    rowLower: [Double],
    rowUpper: [Double],
    matrix: CSCMatrix,
    quadratic: CSCMatrix? = nil,
    warnings: [String] = []
  ) {
    self.name = name
    self.isMaximisation = isMaximisation
    self.objectiveName = objectiveName
    self.objectiveConstant = objectiveConstant
    self.columnNames = columnNames
    self.objective = objective
    self.columnLower = columnLower
    self.columnUpper = columnUpper
    self.rowNames = rowNames
    self.rowLower = rowLower
    self.rowUpper = rowUpper
    self.matrix = matrix
    self.quadratic = quadratic ?? CSCMatrix.zeros(rowCount: columnNames.count, columnCount: columnNames.count)
    self.warnings = warnings
  }

  /// Number of columns (variables).
  public var columnCount: Int { columnNames.count }
  /// Number of constraint rows.
  public var rowCount: Int { rowNames.count }

  /// Equality of every field except `warnings`. Doubles compare with `==` (so 0 == −0); tests that need bit
  /// equality compare `bitPattern`s.
  public static func == (lhs: MPSModel, rhs: MPSModel) -> Bool {
    lhs.name == rhs.name && lhs.isMaximisation == rhs.isMaximisation && lhs.objectiveName == rhs.objectiveName
      && lhs.objectiveConstant == rhs.objectiveConstant && lhs.columnNames == rhs.columnNames
      && lhs.objective == rhs.objective && lhs.columnLower == rhs.columnLower && lhs.columnUpper == rhs.columnUpper
      && lhs.rowNames == rhs.rowNames && lhs.rowLower == rhs.rowLower && lhs.rowUpper == rhs.rowUpper
      && lhs.matrix == rhs.matrix && lhs.quadratic == rhs.quadratic
  }
}
