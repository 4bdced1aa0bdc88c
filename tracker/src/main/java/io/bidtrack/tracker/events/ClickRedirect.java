package io.bidtrack.tracker.events;

import io.bidtrack.common.coredata.CampaignCache;
import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.web.Responses;
import io.bidtrack.tracker.lookup.BidLocator;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * Answers a click with a 302 to the campaign's landing page. The URL always comes from the
 * campaign in the L1 cache, never from the request, so the tracker is no open redirect. The click
 * URL the bidder writes names the campaign ({@code c}), which lets the redirect go out at once;
 * without it (or naming a campaign L1 does not hold) the bid is looked up first, and that same
 * lookup then attributes the click.
 * <p>
 * A paused or ended campaign still gets its visitor (the user clicked a real ad), while the
 * click itself is UNMATCHED; a campaign L1 no longer holds has no landing page: 404.
 */
public final class ClickRedirect {
    private final CampaignCache campaigns;
    private final BidLocator locator;
    private final Attributor attributor;

    public ClickRedirect(CampaignCache campaigns, BidLocator locator, Attributor attributor) {
        this.campaigns = campaigns;
        this.locator = locator;
        this.attributor = attributor;
    }

    void redirect(RoutingContext ctx, TrackRequest request) {
        Optional<Campaign> named = Optional.ofNullable(request.campaignHint()).flatMap(campaigns::get);
        if (named.isPresent()) {
            send(ctx, named.get().landingUrl());
            attributor.attribute(request, null);
            return;
        }
        // The attribution columns: the redirect needs only the campaign, and the same lookup attributes the click.
        Future<BidLocator.Located> lookup = locator.locate(request.bidId(), Columns.ATTRIBUTION);
        lookup.onSuccess(located -> {
            Optional<Campaign> campaign = located.bid().flatMap(bid -> campaigns.get(bid.getCampaignId()));
            if (campaign.isPresent()) {
                send(ctx, campaign.get().landingUrl());
            } else if (located.bid().isPresent()) {
                Responses.error(ctx, 404, "campaign " + located.bid().get().getCampaignId() + " does not exist", "id");
            } else {
                Responses.error(ctx, located.failed() ? 503 : 404, "no landing page: " + located.reason(), "id");
            }
        });
        attributor.attribute(request, lookup);
    }

    private static void send(RoutingContext ctx, String url) {
        ctx.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end();
    }
}
