/// The pivot loop of AMD (solver.md §3.3.2, steps 3–10).
extension AMDQuotientGraph {
  /// Eliminates every graph node, recording the assembly tree in `parent`, the weights in `nv` and the element
  /// sizes in `elementSize`. The order itself is read off the tree by `appendPostorder(to:)`.
  func eliminate(aggressiveAbsorption: Bool) {
    let variable = Self.variable
    let element = Self.element
    var eliminated = 0  // k: weighted number of eliminated nodes
    var minimumDegree = 0
    var stamp = 1  // every w[x] written before the current step is < stamp
    var largestElement = 0  // running maximum of |L_e| over all elements formed so far

    while eliminated < nodeCount {
      // Step 3: pivot from the lowest non-empty bucket (head of the list, so ties go to the most recent insert).
      while head[minimumDegree] == -1 { minimumDegree += 1 }
      let pivot = Int(head[minimumDegree])
      removeFromBucket(pivot)
      var pivotWeight = Int(nv[pivot])
      eliminated += pivotWeight
      state[pivot] = element  // from now on p is never copied into its own element
      let pivotId = Int32(truncatingIfNeeded: pivot)

      // Step 4 (and 5): gather L_p into `scratch`, absorbing the elements of p; detach members from buckets.
      var memberCount = 0
      var pivotSize = 0  // |L_p|, weighted
      do {
        let iw = self.iw
        let start = Int(pe[pivot])
        let elementEnd = start + Int(elen[pivot])
        let end = start + Int(len[pivot])
        for slot in start..<end {
          let node = Int(iw[slot])
          if slot < elementEnd {
            guard state[node] == element else { continue }
            let listStart = Int(pe[node])
            for inner in listStart..<listStart + Int(len[node]) {
              let member = Int(iw[inner])
              let weight = nv[member]
              if weight > 0 && state[member] == variable {
                pivotSize += Int(weight)
                nv[member] = -weight
                scratch[memberCount] = Int32(truncatingIfNeeded: member)
                memberCount += 1
                removeFromBucket(member)
              }
            }
            state[node] = Self.absorbed
            parent[node] = pivotId
            len[node] = 0
          } else {
            let weight = nv[node]
            if weight > 0 && state[node] == variable {
              pivotSize += Int(weight)
              nv[node] = -weight
              scratch[memberCount] = Int32(truncatingIfNeeded: node)
              memberCount += 1
              removeFromBucket(node)
            }
          }
        }
        len[pivot] = 0
        elen[pivot] = 0
      }
      reserveTail(memberCount)
      do {
        let iw = self.iw
        pe[pivot] = Int32(truncatingIfNeeded: freeStart)
        for index in 0..<memberCount { iw[freeStart + index] = scratch[index] }
        len[pivot] = Int32(truncatingIfNeeded: memberCount)
        freeStart += memberCount
      }

      // Step 6: w[e] − base = |L_e \ L_p| for every live element e adjacent to a member of L_p.
      let base = stamp
      do {
        let iw = self.iw
        for index in 0..<memberCount {
          let member = Int(scratch[index])
          let weight = Int(-nv[member])
          let start = Int(pe[member])
          for slot in start..<start + Int(elen[member]) {
            let e = Int(iw[slot])
            guard state[e] == element else { continue }
            if w[e] >= base {
              w[e] -= weight
            } else {
              w[e] = base + Int(elementSize[e]) - weight
            }
          }
        }
      }

      // Step 7: clean the lists of the members, bound their degrees, mass-eliminate, hash.
      for index in 0..<memberCount {
        let member = Int(scratch[index])
        var iw = self.iw
        var start = Int(pe[member])
        let elementCount = Int(elen[member])
        let length = Int(len[member])
        var write = start
        var externalDegree = 0
        var hash = 0
        for slot in start..<start + elementCount {
          let e = Int(iw[slot])
          guard state[e] == element else { continue }
          let outside = w[e] - base
          if aggressiveAbsorption && outside == 0 {
            state[e] = Self.absorbed
            parent[e] = pivotId
            len[e] = 0
          } else {
            externalDegree += outside
            iw[write] = Int32(truncatingIfNeeded: e)
            write += 1
            hash &+= e
          }
        }
        let keptElements = write - start
        for slot in start + elementCount..<start + length {
          let neighbour = Int(iw[slot])
          let weight = nv[neighbour]
          if weight > 0 && state[neighbour] == variable {
            externalDegree += Int(weight)
            iw[write] = Int32(truncatingIfNeeded: neighbour)
            write += 1
            hash &+= neighbour
          }
        }
        let keptLength = write - start
        if keptLength == 0 {
          // Step 7.5, mass elimination: the member touches nothing but the new element.
          let weight = Int(-nv[member])
          pivotSize -= weight
          pivotWeight += weight
          eliminated += weight
          nv[member] = 0
          state[member] = Self.merged
          parent[member] = pivotId
          len[member] = 0
          elen[member] = 0
          continue
        }
        degree[member] = Int32(truncatingIfNeeded: min(Int(degree[member]), externalDegree))
        if keptLength == length {
          // No entry was dropped, so there is no slot for p: move the list to the free tail.
          len[member] = Int32(truncatingIfNeeded: keptLength)
          elen[member] = Int32(truncatingIfNeeded: keptElements)
          reserveTail(keptLength + 1)
          iw = self.iw
          let oldStart = Int(pe[member])
          for offset in 0..<keptLength { iw[freeStart + offset] = iw[oldStart + offset] }
          start = freeStart
          pe[member] = Int32(truncatingIfNeeded: start)
          freeStart += keptLength + 1
          write = start + keptLength
        }
        // Put p first among the elements: [p, e2 … ek, e1, v2 … vm, v1].
        let variablesStart = start + keptElements
        iw[write] = iw[variablesStart]
        iw[variablesStart] = iw[start]
        iw[start] = pivotId
        elen[member] = Int32(truncatingIfNeeded: keptElements + 1)
        len[member] = Int32(truncatingIfNeeded: keptLength + 1)
        // Step 7.6: hash bucket (p is common to every member, so it is left out of the hash).
        let bucket = hash % dimension
        last[member] = Int32(truncatingIfNeeded: bucket)
        next[member] = hashHead[bucket]
        hashHead[bucket] = Int32(truncatingIfNeeded: member)
      }

      // Stamps for the marking passes must exceed every w[e] of step 6.
      stamp = base + largestElement + 1
      detectSupervariables(memberCount: memberCount, stamp: &stamp)

      // Step 9: finish the degree bounds, re-insert, compact L_p.
      do {
        let iw = self.iw
        let listStart = Int(pe[pivot])
        var kept = 0
        for index in 0..<memberCount {
          let member = Int(scratch[index])
          let negativeWeight = nv[member]
          guard negativeWeight < 0 else { continue }
          let weight = Int(-negativeWeight)
          nv[member] = Int32(truncatingIfNeeded: weight)
          let bound = min(Int(degree[member]) + pivotSize - weight, nodeCount - eliminated - weight)
          degree[member] = Int32(truncatingIfNeeded: bound)
          insertIntoBucket(member, degree: bound)
          if bound < minimumDegree { minimumDegree = bound }
          iw[listStart + kept] = Int32(truncatingIfNeeded: member)
          kept += 1
        }
        len[pivot] = Int32(truncatingIfNeeded: kept)
      }
      nv[pivot] = Int32(truncatingIfNeeded: pivotWeight)
      elementSize[pivot] = Int32(truncatingIfNeeded: pivotSize)
      if pivotSize > largestElement { largestElement = pivotSize }
      stamp += 1
    }
  }

  /// Step 8: inside each hash bucket touched by this pivot step, merge variables with identical element and
  /// variable lists into the first of them (in bucket order, which is deterministic).
  func detectSupervariables(memberCount: Int, stamp: inout Int) {
    let iw = self.iw
    for index in 0..<memberCount {
      let first = Int(scratch[index])
      guard nv[first] < 0 else { continue }
      let bucket = Int(last[first])
      var candidate = Int(hashHead[bucket])
      guard candidate != -1 else { continue }
      hashHead[bucket] = -1
      while candidate != -1 {
        let start = Int(pe[candidate])
        let length = Int(len[candidate])
        let elementCount = elen[candidate]
        stamp += 1
        for slot in start..<start + length { w[Int(iw[slot])] = stamp }
        var previous = candidate
        var other = Int(next[candidate])
        while other != -1 {
          var identical = Int(len[other]) == length && elen[other] == elementCount
          if identical {
            let otherStart = Int(pe[other])
            for slot in otherStart..<otherStart + length where w[Int(iw[slot])] != stamp {
              identical = false
              break
            }
          }
          let following = next[other]
          if identical {
            parent[other] = Int32(truncatingIfNeeded: candidate)
            nv[candidate] += nv[other]  // both negative while in L_p
            nv[other] = 0
            state[other] = Self.merged
            len[other] = 0
            elen[other] = 0
            next[previous] = following
          } else {
            previous = other
          }
          other = Int(following)
        }
        candidate = Int(next[candidate])
      }
    }
  }
}
