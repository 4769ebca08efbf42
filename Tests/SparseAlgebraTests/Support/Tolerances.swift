/// Every tolerance of the SparseAlgebra tests (solver.md §7: named constants, never scattered literals).
enum SparseTolerance {
  /// multiply / multiplyTransposed vs a dense product, relative to ‖|α||A||x| + |β||y|‖∞ (§7.1).
  static let product = 1e-14
  /// symmetricMultiply / quadraticForm vs the dense full symmetric product, same normalisation.
  static let symmetricProduct = 1e-14
  /// diag(e)·A·diag(d): two roundings per entry, in a different association order than the reference.
  static let scaling = 1e-15
  /// Hand-worked L1–L5 values (D, L, x) given in the spec, relative.
  static let handExample = 1e-15
  /// L6: ‖x − x_ref‖∞ ≤ tol·‖x_ref‖∞ against dense LU with partial pivoting.
  static let ldlAgainstReference = 1e-10
  /// L6: the same system solved under different orderings, relative in ∞-norm.
  static let orderingAgreement = 1e-12
  /// Sparse L and D vs dense LDLᵀ without pivoting of the same permuted matrix, relative per factor.
  static let factorAgainstDense = 1e-12
  /// L7: ‖b − K_true·x‖∞ after iterative refinement.
  static let refinedResidual = 1e-12
  /// L7: at most this many refinement steps.
  static let maxRefinementSteps = 3
  /// L4: residual of the refined solve on the singular but consistent system.
  static let singularRefinedResidual = 1e-10
  /// Static regularisation of §3.6: δ = ε_abs + ε_rel·max|K_jj|.
  static let staticRegularisationAbsolute = 1e-8
  static let staticRegularisationRelative = 2.2e-16 * 2.2e-16
}
