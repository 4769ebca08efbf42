/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, seedable, platform-independent generator, so that generated test
/// and benchmark data are bit-identical on every machine and a failing random case can be replayed from its seed
/// (`SystemRandomNumberGenerator` cannot be seeded).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [low, high), from the top 53 bits.
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform integer in 0..<bound (modulo reduction; the bias is negligible for the small bounds used here).
  public mutating func index(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
