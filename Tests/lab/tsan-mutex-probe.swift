import Dispatch
// tsan-mutex-probe.swift — why ThreadSanitizer reports on Mutex-protected state are false positives on Linux:
// four threads append to an array only inside Synchronization.Mutex.withLock; the result is always 40000, yet
// TSan (Swift 6.3, Linux) reports a "Swift access race", because Mutex waits on a futex TSan does not model.
// Deploy/dev/sanitizers.sh runs it first so its report can be told apart from real ones.
import Synchronization

final class Box: Sendable {
    let state = Mutex<[Int]>([])
}
let box = Box()
let group = DispatchGroup()
for t in 0..<4 {
    group.enter()
    DispatchQueue.global().async {
        for i in 0..<10_000 { box.state.withLock { $0.append(t * i) } }
        group.leave()
    }
}
group.wait()
print(box.state.withLock { $0.count })
