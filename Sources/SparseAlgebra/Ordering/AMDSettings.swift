/// Options of the approximate minimum degree ordering (solver.md §3.3).
public struct AMDSettings: Sendable, Equatable {
  /// Multiplier α of the dense-row threshold.
  ///
  /// A row with more than max(16, α·√N) off-diagonal entries in the pattern of A + Aᵀ is "dense": it is removed
  /// from the graph before the ordering starts and numbered last, in increasing index order. Rows with no
  /// off-diagonal entries at all are numbered first. A negative value disables dense-row detection. The default 10
  /// follows Amestoy, Davis and Duff; QP KKT matrices sometimes prefer 15.
  public var denseFactor: Double = 10

  /// Whether an element whose variables all lie in the new pivot element is absorbed at once (on by default).
  ///
  /// Aggressive absorption removes elements that add nothing to any degree, which tightens the approximate degrees
  /// and shortens element lists at almost no cost.
  public var aggressiveAbsorption: Bool = true

  /// Creates settings with the documented defaults.
  public init(denseFactor: Double = 10, aggressiveAbsorption: Bool = true) {
    self.denseFactor = denseFactor
    self.aggressiveAbsorption = aggressiveAbsorption
  }
}
