import NIOCore

/// Runs a connection's task on the event loop its channel belongs to (the task's executor preference), so a call
/// is read, handled and answered without hopping between the loop and Swift's cooperative pool: two fewer thread
/// wake-ups per call. Code that runs on an actor of its own (the engine) runs here too, while this task calls it
/// (default actors follow the caller's executor preference); work that blocks belongs on its own queue, as it did
/// before on the pool's few threads.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
