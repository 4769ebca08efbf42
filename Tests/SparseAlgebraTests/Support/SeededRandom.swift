import SparseAlgebra

/// The package's SplitMix64 with the helpers of the sparse tests, so that every random test can be replayed from
/// the seed printed in its failure message.
struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var source: SplitMix64
  let seed: UInt64

  init(seed: UInt64) {
    self.seed = seed
    source = SplitMix64(seed: seed)
  }

  mutating func next() -> UInt64 { source.next() }

  /// Uniform in [low, high).
  mutating func uniform(_ low: Double, _ high: Double) -> Double {
    Double.random(in: low..<high, using: &self)
  }

  /// Uniform integer in [0, upperBound).
  mutating func index(_ upperBound: Int) -> Int { Int.random(in: 0..<upperBound, using: &self) }

  /// True with the given probability.
  mutating func chance(_ probability: Double) -> Bool { uniform(0, 1) < probability }

  /// A vector of `count` values uniform in [−1, 1).
  mutating func vector(_ count: Int) -> [Double] { (0..<count).map { _ in uniform(-1, 1) } }

  /// A uniformly random permutation of 0..<count (Fisher–Yates), as `[Int32]` new → old.
  mutating func permutation(_ count: Int) -> [Int32] {
    var perm = (0..<count).map { Int32($0) }
    perm.shuffle(using: &self)
    return perm
  }
}

extension SeededGenerator {
  /// Seeds for a family of random cases, derived from a base so that each case has its own printable seed.
  static func seeds(_ count: Int, base: UInt64) -> [UInt64] {
    (0..<UInt64(count)).map { base &+ $0 &* 0x9E37_79B9 }
  }
}
