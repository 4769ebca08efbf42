import Foundation

/// Text escaping and number formatting shared by the SVG, HTML and CSV writers.
///
/// Every string that reaches a report (titles, labels, series names, table cells) goes through `escape`;
/// every number that reaches an SVG attribute goes through `coordinate`, which never prints `NaN` or `inf`.
public enum Markup {
  /// Escapes text for XML/HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`). Control
  /// characters that XML 1.0 forbids are dropped so the output always parses.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// An SVG coordinate or length: at most two decimals, no exponent, `0` for a non-finite value.
  public static func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let r = (x * 100).rounded() / 100
    if r == 0 { return "0" }
    if abs(r) >= 1e12 { return String(Int64(r.rounded())) }
    if r == r.rounded() { return String(Int64(r)) }
    return trimZeros(String(format: "%.2f", r))
  }

  /// `value` with `decimals` fixed decimals, optionally grouped by thousands (`12,345.6`); `–` when not finite.
  public static func number(_ value: Double, decimals: Int, grouped: Bool = false, missing: String = "–") -> String {
    guard value.isFinite else { return missing }
    let d = max(0, min(decimals, 12))
    if abs(value) >= 1e15 { return String(format: "%.\(min(d, 6))e", value) }
    var s = String(format: "%.\(d)f", value)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }  // no "-0.00"
    guard grouped else { return s }
    let negative = s.hasPrefix("-")
    if negative { s.removeFirst() }
    let parts = s.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groupedInteger = ""
    while integer.count > 3 {
      groupedInteger = "," + integer.suffix(3) + groupedInteger
      integer = String(integer.dropLast(3))
    }
    groupedInteger = integer + groupedInteger
    let fraction = parts.count > 1 ? "." + parts[1] : ""
    return (negative ? "-" : "") + groupedInteger + fraction
  }

  static func trimZeros(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t == "-0" ? "0" : t
  }

  /// Rough width in pixels of `text` in a sans-serif font of `size` px (no font metrics are available offline).
  static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }
}
