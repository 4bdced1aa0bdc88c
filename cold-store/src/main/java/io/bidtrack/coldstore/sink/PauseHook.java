package io.bidtrack.coldstore.sink;

import java.util.concurrent.CountDownLatch;

/**
 * A test hook, for the crash test only: stops the sink for good when a rotation first reaches one
 * given step, so that the test can kill the process exactly there (SIGKILL) and check that the
 * restarted sink stores every bid once. It prints {@code cold-store paused at <step>} on stdout
 * when it stops. A paused sink consumes nothing more, and a graceful stop (SIGTERM) waits for it
 * forever: only SIGKILL ends the process. Without a step set (the normal case) it does nothing.
 */
final class PauseHook implements LakeStorage.StepListener {
    private final SinkStep pauseAt;

    /** @param pauseAt the step to stop at, or null never to stop */
    PauseHook(SinkStep pauseAt) {
        this.pauseAt = pauseAt;
    }

    @Override
    public void reached(SinkStep step) {
        if (step != pauseAt) {
            return;
        }
        System.out.println("cold-store paused at " + step.label());
        System.out.flush();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // Stay paused: the point is that the process dies here, not that it goes on.
            }
        }
    }
}
