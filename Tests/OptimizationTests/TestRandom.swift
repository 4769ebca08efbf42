import SparseAlgebra

/// SplitMix64: a tiny seeded generator so randomised tests are reproducible across runs and platforms.
extension SplitMix64 {
  /// Uniform integer in 0..<bound.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// Uniform Double in [0, 1) with 53 random bits.
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
