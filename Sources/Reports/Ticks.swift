import Foundation

/// "Nice" axis ticks: multiples of 1, 2 or 5 × 10ⁿ covering a data range (linear axes), and powers of ten
/// (logarithmic axes). The axis domain is the first…last tick, so data never touches the frame unannounced.
public enum Ticks {
  /// Ticks covering `lower…upper` with at most `count + 1` values and a step of 1, 2 or 5 × 10ⁿ, chosen as the
  /// smallest such step ≥ (upper − lower) / (count − 1). Example: 0…97 → 0, 20, 40, 60, 80, 100.
  ///
  /// Degenerate ranges still give an axis: a constant `v ≠ 0` is widened to `v ± 10 %`, a constant 0 to 0…1,
  /// and non-finite bounds are replaced by the finite one (or 0…1 when neither is finite).
  public static func nice(_ lower: Double, _ upper: Double, count: Int = 6) -> [Double] {
    var (lo, hi) = (lower, upper)
    if !lo.isFinite || !hi.isFinite {
      if lo.isFinite { hi = lo } else if hi.isFinite { lo = hi } else { (lo, hi) = (0, 1) }
    }
    if lo > hi { swap(&lo, &hi) }
    let magnitude = max(abs(lo), abs(hi))
    if hi - lo <= magnitude * 1e-9 {
      if magnitude == 0 {
        (lo, hi) = (0, 1)
      } else {
        let mid = (lo + hi) / 2
        (lo, hi) = (mid - abs(mid) * 0.1, mid + abs(mid) * 0.1)
      }
    }
    let rough = (hi - lo) / Double(max(1, count - 1))
    guard rough.isFinite, rough > 0 else { return [lo, hi] }
    var exponent = Int(floor(log10(rough)))
    var mantissa = [1, 2, 5, 10].first { Double($0) * power10(exponent) >= rough * (1 - 1e-12) } ?? 10
    if mantissa == 10 { (mantissa, exponent) = (1, exponent + 1) }
    let step = Double(mantissa) * power10(exponent)
    let kLo = (lo / step + 1e-9).rounded(.down)
    let kHi = (hi / step - 1e-9).rounded(.up)
    guard abs(kLo) < 1e12, abs(kHi) < 1e12 else { return [lo, hi] }
    return (Int(kLo)...Int(max(kLo, kHi))).map { k in
      exponent >= 0 ? Double(k * mantissa) * power10(exponent) : Double(k * mantissa) / power10(-exponent)
    }
  }

  /// Powers of ten covering `lower…upper` (both > 0), at least two, at most about nine (every second or third
  /// decade when the range is wide). Example: 3e-7…0.4 → 1e-7, 1e-6, …, 1.
  public static func logarithmic(_ lower: Double, _ upper: Double) -> [Double] {
    var (lo, hi) = (lower, upper)
    if !(lo > 0 && lo.isFinite) { lo = hi > 0 && hi.isFinite ? hi : 1 }
    if !(hi > 0 && hi.isFinite) { hi = lo }
    if lo > hi { swap(&lo, &hi) }
    var eLo = max(-300, Int((log10(lo) + 1e-9).rounded(.down)))
    var eHi = min(300, Int((log10(hi) - 1e-9).rounded(.up)))
    if eHi <= eLo { eHi = eLo + 1 }
    let stride = max(1, (eHi - eLo + 7) / 8)
    eLo = Int((Double(eLo) / Double(stride)).rounded(.down)) * stride
    var ticks: [Double] = []
    var e = eLo
    while true {
      ticks.append(power10(e))
      if e >= eHi { break }
      e += stride
    }
    return ticks
  }

  /// The label of a linear tick: as many decimals as the step needs (step 20 → "40", step 0.05 → "0.15").
  public static func label(_ value: Double, step: Double) -> String {
    guard value.isFinite else { return "" }
    if value == 0 { return "0" }
    let s = abs(step)
    if s.isFinite, s >= 1e-6, abs(value) < 1e12 {
      let decimals = max(0, Int((-log10(s) - 1e-9).rounded(.up)))
      return Markup.number(value, decimals: decimals)
    }
    return compactExponent(value)
  }

  /// The label of a logarithmic tick: plain between 0.001 and 1000, otherwise `1e-6` style.
  public static func logLabel(_ value: Double) -> String {
    guard value.isFinite, value > 0 else { return "" }
    let e = Int(log10(value).rounded())
    if (-3...3).contains(e), abs(value - power10(e)) <= value * 1e-9 {
      return e >= 0 ? String(Int(power10(e))) : Markup.number(value, decimals: -e)
    }
    return compactExponent(value)
  }

  static func compactExponent(_ value: Double) -> String {
    // "1.5e+06" → "1.5e6", "1e-07" → "1e-7"
    let raw = String(format: "%.3g", value)
    guard let eIndex = raw.firstIndex(of: "e") else { return raw }
    let mantissa = raw[..<eIndex]
    var exponent = String(raw[raw.index(after: eIndex)...])
    let negative = exponent.hasPrefix("-")
    exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
    if exponent.isEmpty { exponent = "0" }
    return "\(mantissa)e\(negative ? "-" : "")\(exponent)"
  }

  /// 10ⁿ, exact for |n| ≤ 22.
  static func power10(_ n: Int) -> Double {
    if abs(n) > 22 { return pow(10.0, Double(n)) }
    var p = 1.0
    for _ in 0..<abs(n) { p *= 10 }
    return n >= 0 ? p : 1 / p
  }
}
