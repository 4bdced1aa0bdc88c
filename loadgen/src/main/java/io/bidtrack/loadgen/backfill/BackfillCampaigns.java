package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.coredata.CampaignStore;
import io.bidtrack.common.hotstore.HotStore;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.web.VertxFactory;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Where the campaigns of a backfill come from: the hot store, or ids named on the command line. */
final class BackfillCampaigns {
    private static final long READ_TIMEOUT_SECONDS = 10;

    private BackfillCampaigns() {
    }

    /**
     * The active campaigns stored in the hot store at {@code redisUrl} (the hashes
     * {@code campaign:{id}}, read as the services' caches read them).
     *
     * @throws BackfillFailure when the store cannot be read or holds no active campaign
     */
    static List<Campaign> fromHotStore(String redisUrl) {
        Vertx vertx = VertxFactory.create();
        Redis redis = HotStore.pooledClient(vertx, redisUrl, 1);
        try {
            List<Campaign> all = new CampaignStore(redis).loadAll().toCompletionStage().toCompletableFuture()
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // A paused campaign makes no bids (and its events would be UNMATCHED).
            List<Campaign> active = all.stream().filter(Campaign::active).toList();
            if (active.isEmpty()) {
                throw new BackfillFailure("no " + (all.isEmpty() ? "" : "active ") + "campaign in the hot store at "
                        + redisUrl + (all.isEmpty() ? "" : " (" + all.size() + " paused)")
                        + ": create one (./bidtrack demo seeds some), or name campaign ids with --campaigns");
            }
            return active;
        } catch (ExecutionException e) {
            throw new BackfillFailure("cannot read the campaigns from the hot store at " + redisUrl + ": "
                    + e.getCause().getMessage() + " (is the stack running? or name campaign ids with --campaigns)", e);
        } catch (TimeoutException e) {
            throw new BackfillFailure("the hot store at " + redisUrl + " did not answer within "
                    + READ_TIMEOUT_SECONDS + " s (or name campaign ids with --campaigns)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillFailure("interrupted while reading the campaigns", e);
        } finally {
            redis.close();
            vertx.close();
        }
    }

    /**
     * Campaigns for ids named on the command line, for a backfill without a running stack (the cold
     * tier's benchmark): they target everyone, their creative is in IAB22 (shopping), and their price
     * and landing URL are made up from the id, the same for the same id every time.
     */
    static List<Campaign> named(List<String> ids) {
        return ids.stream().distinct().map(BackfillCampaigns::named).toList();
    }

    private static Campaign named(String id) {
        String host = id.toLowerCase(Locale.ROOT).replace('_', '-') + ".example";
        double bidCpm = (50 + Math.floorMod(id.hashCode(), 451)) / 100.0; // 0.50 to 5.00 USD
        return new Campaign(id, "Backfill " + id, true, host, bidCpm, "https://" + host + "/landing",
                Campaign.Targeting.EVERYONE, Set.of("IAB22"), Campaign.Flight.ALWAYS, Campaign.Budget.UNLIMITED);
    }
}
