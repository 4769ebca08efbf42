#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Open-addressing hash table from byte slices of the input buffer to dense indices 0, 1, 2, … (insertion order).
///
/// Used by `MPSReader` so that looking up a row or column name allocates nothing. Keys are (start, end) offsets into
/// one buffer that must outlive the table's use. Iteration order is never exposed, so output stays deterministic.
struct MPSNameTable {
  private var slots: [Int32]
  private var mask: Int
  private var starts: [Int] = []
  private var ends: [Int] = []
  private var hashes: [UInt64] = []

  init(expected: Int = 512) {
    var capacity = 1024
    while capacity < 2 * expected { capacity <<= 1 }
    slots = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
  }

  var count: Int { starts.count }

  /// First byte offset of the key with index `index` (for error messages).
  func range(of index: Int) -> (start: Int, end: Int) { (starts[index], ends[index]) }

  /// FNV-1a over the bytes, finished with a multiplicative mix.
  @inline(__always)
  static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = start
    while i < end {
      h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
      i += 1
    }
    return (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9
  }

  /// Index of the key equal to `base[start..<end]`, or −1.
  @inline(__always)
  func find(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> Int {
    let length = end - start
    var slot = Int(truncatingIfNeeded: hash) & mask
    return slots.withUnsafeBufferPointer { table in
      while true {
        let entry = Int(table[slot])
        if entry < 0 { return -1 }
        if hashes[entry] == hash, ends[entry] - starts[entry] == length,
          memcmp(base + starts[entry], base + start, length) == 0
        {
          return entry
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Inserts a key known to be absent and returns its new index.
  mutating func insert(_ start: Int, _ end: Int, hash: UInt64) -> Int {
    if 2 * (count + 1) > slots.count { grow() }
    let index = count
    starts.append(start)
    ends.append(end)
    hashes.append(hash)
    place(index, hash: hash)
    return index
  }

  private mutating func place(_ index: Int, hash: UInt64) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(truncatingIfNeeded: index)
  }

  private mutating func grow() {
    let capacity = slots.count * 2
    slots = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    for index in 0..<count { place(index, hash: hashes[index]) }
  }
}
