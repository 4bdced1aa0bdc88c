package io.bidtrack.loadgen.backfill;

import com.fasterxml.uuid.UUIDType;
import com.fasterxml.uuid.impl.UUIDUtil;
import io.bidtrack.bidder.openrtb.BidRequest;
import io.bidtrack.bidder.pacing.DailySpend;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.loadgen.backfill.TrafficCatalog.AdSize;
import io.bidtrack.loadgen.backfill.TrafficCatalog.DeviceProfile;
import io.bidtrack.loadgen.backfill.TrafficCatalog.Geo;
import io.bidtrack.loadgen.backfill.TrafficCatalog.Placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The requests one campaign could have won: drawn from the {@link TrafficCatalog}, but only where
 * the campaign's targeting (countries, formats, OS, device types, content categories) accepts them
 * and with a floor below its price, so every backfilled bid is one the bidder could have made.
 * The choices are worked out once per campaign; a draw then only picks from them.
 */
final class CampaignTraffic {
    /** The ids are those of the bidder's one-imp requests; only the first imp is ever bid on. */
    private static final String IMP_ID = "1";

    private final Campaign campaign;
    private final List<String> formats;
    private final List<Geo> geos;
    private final List<DeviceProfile> devices;
    private final List<Placement> placements;

    CampaignTraffic(Campaign campaign) {
        this.campaign = campaign;
        Campaign.Targeting t = campaign.targeting();
        this.formats = TrafficCatalog.FORMATS.stream().filter(t::format).toList();
        this.geos = geos(t);
        this.devices = devices(t);
        this.placements = placements(t);
    }

    Campaign campaign() {
        return campaign;
    }

    /** A request this campaign bids on, and the bidder's selection for it. */
    record Drawn(BidRequest request, CampaignSelector.Selection selection) {
    }

    /** A request this campaign bids on at {@code createdAtMs}, every choice drawn from {@code r}. */
    Drawn draw(SplittableRandom r, long createdAtMs) {
        Placement p = pick(r, placements);
        DeviceProfile d = pick(r, devices);
        Geo geo = pick(r, geos);
        String format = pick(r, formats);
        AdSize size = pick(r, TrafficCatalog.sizesOf(format));
        BidRequest.Imp imp = new BidRequest.Imp(IMP_ID, format, size.width(), size.height(), floor(r), "USD");
        BidRequest.Device device = new BidRequest.Device(geo.country(), geo.region(), geo.city(), d.os(), d.osv(),
                d.type(), d.make(), d.model(), d.ua(), ip(r),
                p.app() && d.hasAdvertisingId() ? randomUuid(r) : null,
                connectionType(r, d));
        BidRequest.Inventory inventory = new BidRequest.Inventory(p.app(), p.id(), p.name(), p.bundle(), p.domain(),
                p.categories(), p.publisherId(), p.publisherName());
        BidRequest request = new BidRequest("%016x%016x".formatted(r.nextLong(), r.nextLong()), List.of(imp),
                inventory, device, "%016x%016x%08x".formatted(r.nextLong(), r.nextLong(), r.nextInt()),
                Set.of(), Set.of(), List.of(CampaignSelector.CURRENCY),
                r.nextInt(5) == 0 ? 2 : 1, 80 + 10 * r.nextInt(23), randomUuid(r));
        return new Drawn(request, new CampaignSelector.Selection(imp, campaign,
                DailySpend.bidMicros(campaign.bidCpm()), DailySpend.epochDay(createdAtMs)));
    }

    /** A floor the campaign's price clears (the bidder bids only when it does), in whole cents. */
    private double floor(SplittableRandom r) {
        int maxCents = (int) Math.floor(campaign.bidCpm() * 100);
        if (maxCents < 1) {
            return 0;
        }
        return r.nextInt(1, maxCents + 1) / 100.0;
    }

    /** A version 4 UUID, as advertising ids and transaction ids are. */
    private static String randomUuid(SplittableRandom r) {
        return UUIDUtil.constructUUID(UUIDType.RANDOM_BASED, r.nextLong(), r.nextLong()).toString();
    }

    private static String ip(SplittableRandom r) {
        return r.nextInt(1, 224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** OpenRTB connection type: desktops and TVs on ethernet or wifi, phones on wifi, 4G or 5G. */
    private static int connectionType(SplittableRandom r, DeviceProfile d) {
        if (d.type() == 2 || d.type() == 3 || d.type() == 7) {
            return r.nextInt(1, 3);
        }
        return switch (r.nextInt(3)) {
            case 0 -> 2;
            case 1 -> 6;
            default -> 7;
        };
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static List<Geo> geos(Campaign.Targeting t) {
        if (t.countries().isEmpty()) {
            return TrafficCatalog.GEOS;
        }
        List<Geo> out = new ArrayList<>();
        for (String country : new TreeSet<>(t.countries())) {
            List<Geo> known = TrafficCatalog.GEOS.stream().filter(g -> g.country().equals(country)).toList();
            // A country the catalog has no cities for still gets bids, without region and city.
            out.addAll(known.isEmpty() ? List.of(new Geo(country, null, null)) : known);
        }
        return List.copyOf(out);
    }

    private static List<DeviceProfile> devices(Campaign.Targeting t) {
        List<DeviceProfile> known = TrafficCatalog.DEVICES.stream()
                .filter(d -> t.os(d.os()) && t.deviceType(d.type())).toList();
        if (!known.isEmpty()) {
            return known;
        }
        // Targeting the catalog has no device for (an OS it lacks, say): a bare device of that kind.
        String os = t.os().isEmpty() ? "android" : new TreeSet<>(t.os()).first();
        int type = t.deviceTypes().isEmpty() ? 4 : new TreeSet<>(t.deviceTypes()).first();
        return List.of(new DeviceProfile(os, null, null, null, type, null));
    }

    private static List<Placement> placements(Campaign.Targeting t) {
        List<Placement> known = TrafficCatalog.PLACEMENTS.stream().filter(p -> t.categories(p.categories())).toList();
        if (!known.isEmpty()) {
            return known;
        }
        // Categories no catalog placement has: the same placements, labelled with the targeted ones.
        List<String> targeted = List.copyOf(new TreeSet<>(t.categories()));
        return TrafficCatalog.PLACEMENTS.stream()
                .map(p -> new Placement(p.app(), p.id(), p.name(), p.bundle(), p.domain(), targeted, p.publisherId(),
                        p.publisherName()))
                .toList();
    }
}
