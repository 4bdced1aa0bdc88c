package io.bidtrack.bidder.selection;

import io.bidtrack.common.coredata.CampaignCache;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the selector's index in step with the L1 cache: a change the cache applies (push,
 * re-read, resync) asks for a rebuild at once, so a campaign change is bid on within milliseconds;
 * a periodic call catches what changes without telling (Caffeine's own refresh or eviction).
 * Rebuilds run on a worker thread (thousands of campaigns take milliseconds, which the event loop
 * should not pay), one at a time; a change during a rebuild triggers exactly one more.
 */
public final class IndexUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(IndexUpdates.class);

    private final Vertx vertx;
    private final CampaignSelector selector;
    private final CampaignCache campaigns;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    public IndexUpdates(Vertx vertx, CampaignSelector selector, CampaignCache campaigns) {
        this.vertx = vertx;
        this.selector = selector;
        this.campaigns = campaigns;
    }

    /** Asks for a rebuild (if the campaigns changed); returns at once. */
    public void request() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            rebuild();
        }
    }

    private void rebuild() {
        pending.set(false);
        vertx.executeBlocking(() -> selector.refresh(campaigns.campaigns()), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("campaign index not rebuilt", ar.cause());
            } else if (ar.result()) {
                LOG.debug("campaign index rebuilt: {} campaigns", selector.index().size());
            }
            running.set(false);
            if (pending.get() && running.compareAndSet(false, true)) {
                rebuild();
            }
        });
    }
}
