/// An sRGB colour.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
    (self.red, self.green, self.blue) = (red, green, blue)
  }

  /// `#rrggbb` (six hexadecimal digits, as CSS and SVG expect); `nil` for anything else.
  public init?(hex: String) {
    let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
    guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return nil }
    self.init(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
  }

  /// `#rrggbb`.
  public var hex: String {
    let digits = Array("0123456789abcdef")
    return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
  }

  public var description: String { hex }

  /// Black or white, whichever reads better on this colour (relative luminance above or below ½).
  public var contrastingText: RGB {
    let luminance = 0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)
    return luminance > 140 ? RGB(0, 0, 0) : RGB(255, 255, 255)
  }

  static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
    func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded().clamped(0, 255))
    }
    return RGB(channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
  }
}

/// A continuous colour scale: evenly spaced colour stops interpolated linearly in sRGB.
public struct ColorScale: Sendable, Hashable {
  public var stops: [RGB]
  /// The colour of a missing value (NaN), a mid grey by default.
  public var missing: RGB

  public init(stops: [RGB], missing: RGB = RGB(0xbb, 0xbb, 0xbb)) {
    precondition(!stops.isEmpty, "a colour scale needs at least one stop")
    self.stops = stops
    self.missing = missing
  }

  /// The colour at `t` ∈ [0, 1] (clamped); `missing` when `t` is NaN.
  public func color(at t: Double) -> RGB {
    guard !t.isNaN else { return missing }
    guard stops.count > 1 else { return stops[0] }
    let position = t.clamped(0, 1) * Double(stops.count - 1)
    let index = min(Int(position), stops.count - 2)
    return RGB.mix(stops[index], stops[index + 1], position - Double(index))
  }

  /// Viridis (perceptually uniform, readable in grey and by colour-blind readers): dark purple → yellow.
  public static let viridis = ColorScale(
    stops: ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"]
      .map { RGB(hex: $0)! })

  /// Blue → white → red (ColorBrewer RdBu reversed), for signed values centred on a reference.
  public static let diverging = ColorScale(
    stops: ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"].map { RGB(hex: $0)! })
}

/// Categorical colours for series, components and flows (Tableau 10), reused cyclically.
public enum Palette {
  public static let categorical: [RGB] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  ].map { RGB(hex: $0)! }

  /// The `index`-th categorical colour (cycling).
  public static func color(_ index: Int) -> RGB { categorical[((index % categorical.count) + categorical.count) % categorical.count] }
}

extension Comparable {
  func clamped(_ lo: Self, _ hi: Self) -> Self { min(max(self, lo), hi) }
}
