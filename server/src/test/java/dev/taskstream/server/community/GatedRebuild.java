package dev.taskstream.server.community;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskstream.server.task.TaskContext;
import dev.taskstream.server.task.TaskHandler;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code rebuild_communities} handler, which a test can hold at one progress step (after that
 * step is committed) to look at the system while the rebuild is in the middle of its work.
 */
final class GatedRebuild implements TaskHandler {
    volatile RebuildCommunitiesHandler delegate;
    private volatile int holdAt = -1;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);

    /** The next rebuild stops right after reporting {@code percent} until {@link #release()}. */
    void holdAt(int percent) {
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdAt = percent;
    }

    void awaitHeld() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the rebuild did not reach " + holdAt + "%");
        }
    }

    void release() {
        holdAt = -1;
        release.countDown();
    }

    @Override
    public String name() {
        return RebuildCommunitiesHandler.NAME;
    }

    @Override
    public boolean exclusivePerProject() {
        return true;
    }

    @Override
    public String completedMessage() {
        return "Community rebuild completed";
    }

    @Override
    public JsonNode run(TaskContext ctx) throws Exception {
        return delegate.run(new TaskContext() {
            @Override
            public UUID taskId() {
                return ctx.taskId();
            }

            @Override
            public String projectId() {
                return ctx.projectId();
            }

            @Override
            public JsonNode params() {
                return ctx.params();
            }

            @Override
            public int attempt() {
                return ctx.attempt();
            }

            @Override
            public void progress(int percent, String message) {
                ctx.progress(percent, message);
                if (percent == holdAt) {
                    reached.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void checkCancelled() {
                ctx.checkCancelled();
            }
        });
    }
}
