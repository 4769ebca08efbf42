/// Failures of the sparse LDLᵀ factorisation (solver.md §3.5–3.6).
public enum LDLError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A pivot was zero (or of the wrong sign) and dynamic regularisation was off. `index` is in the original
  /// (unpermuted) ordering, so callers can map it to a variable or constraint name.
  case zeroPivot(index: Int)
  /// A non-finite value appeared in the factor.
  case nonFinite(index: Int)
  /// The input was not the upper triangle of a square matrix, or a value array had the wrong length.
  case invalidInput(String)
  /// The factor would need 2³¹ or more entries.
  case factorTooLarge(entries: Int)

  public var description: String {
    switch self {
    case .zeroPivot(let index): return "zero pivot at row \(index) of the factorised matrix"
    case .nonFinite(let index): return "non-finite value in the factor at row \(index)"
    case .invalidInput(let detail): return "invalid LDLᵀ input: \(detail)"
    case .factorTooLarge(let entries): return "LDLᵀ factor too large: \(entries) entries exceed the Int32 range"
    }
  }
}
