package io.bidtrack.bidder.openrtb;

import java.util.List;
import java.util.Set;

/**
 * The part of an OpenRTB 2.6 BidRequest the bidder uses, already validated by
 * {@link BidRequestParser}: every field here has the type and range OpenRTB gives it, strings
 * absent from the request are null and integers absent are 0.
 *
 * @param inventory          the app or the site (exactly one of them was sent)
 * @param device             the device; {@link Device#NONE} when the request has none
 * @param blockedCategories  {@code bcat}: IAB categories the publisher refuses
 * @param blockedAdvertisers {@code badv}: advertiser domains the publisher refuses
 * @param currencies         {@code cur}: allowed bid currencies; empty means any (USD by default)
 * @param auctionType        {@code at}: 1 first price, 2 second price (the default)
 * @param tmaxMs             {@code tmax}: the exchange's deadline in ms, 0 when not given
 * @param sourceTid          {@code source.tid}: the exchange's transaction id
 */
public record BidRequest(String id, List<Imp> imps, Inventory inventory, Device device, String userId,
                         Set<String> blockedCategories, Set<String> blockedAdvertisers, List<String> currencies,
                         int auctionType, int tmaxMs, String sourceTid) {

    /**
     * One impression.
     *
     * @param format      banner, video or native: the first of them the imp offers
     * @param width       the ad's width (banner w or format[0].w, video w), 0 when unknown
     * @param bidFloor    the floor CPM, in {@code bidFloorCur}
     * @param bidFloorCur the floor's currency, USD unless the request says otherwise
     */
    public record Imp(String id, String format, int width, int height, double bidFloor, String bidFloorCur) {
    }

    /**
     * Where the ad would show: {@code app} or {@code site}.
     *
     * @param name       app.name, or site.page for a site (what a report shows for the placement)
     * @param categories app.cat or site.cat (IAB content categories)
     */
    public record Inventory(boolean app, String id, String name, String bundle, String domain, List<String> categories,
                            String publisherId, String publisherName) {
    }

    /**
     * The device and its geo.
     *
     * @param country ISO-3166-1 alpha-3, upper case
     * @param type    OpenRTB device type 1..7, 0 when not given
     */
    public record Device(String country, String region, String city, String os, String osv, int type, String make,
                         String model, String ua, String ip, String ifa, int connectionType) {
        public static final Device NONE = new Device(null, null, null, null, null, 0, null, null, null, null, null, 0);
    }
}
