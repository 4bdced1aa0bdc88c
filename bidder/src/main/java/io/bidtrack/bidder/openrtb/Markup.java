package io.bidtrack.bidder.openrtb;

import io.bidtrack.common.model.Campaign;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The ad markup ({@code adm}) of a bid. Every kind carries the impression pixel
 * {@code <tracker>/t/imp?id=<bid id>} and the click link {@code <tracker>/t/click?id=<bid id>&c=<campaign>},
 * so the tracker can attribute what happens after the auction to this bid. Campaigns carry no
 * creative assets yet: the creative is a placeholder naming the campaign.
 */
public final class Markup {
    private Markup() {
    }

    /** The tracking URLs of one bid. */
    public record TrackingUrls(String impression, String click) {
        public static TrackingUrls of(String trackerBaseUrl, String bidId, String campaignId) {
            return new TrackingUrls(trackerBaseUrl + "/t/imp?id=" + bidId,
                    trackerBaseUrl + "/t/click?id=" + bidId + "&c=" + campaignId);
        }
    }

    public static String of(String format, Campaign campaign, BidRequest.Imp imp, TrackingUrls urls) {
        return switch (format) {
            case "video" -> vast(campaign, imp, urls);
            case "native" -> nativeAd(campaign, urls);
            default -> banner(campaign, imp.width(), imp.height(), urls);
        };
    }

    /** HTML: the creative inside the click link, then the 1x1 impression pixel. */
    static String banner(Campaign campaign, int width, int height, TrackingUrls urls) {
        return creative(campaign, width, height, urls)
                + "<img src=\"" + attr(urls.impression()) + "\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\"/>";
    }

    /** The creative inside the click link, without a pixel. */
    private static String creative(Campaign campaign, int width, int height, TrackingUrls urls) {
        String size = width > 0 && height > 0 ? "width:" + width + "px;height:" + height + "px;" : "";
        return "<a href=\"" + attr(urls.click()) + "\" target=\"_blank\" rel=\"noopener\">"
                + "<div style=\"" + size + "overflow:hidden\">" + text(campaign.name()) + "</div></a>";
    }

    /**
     * VAST 4.2: the player fires {@code <Impression>} and opens {@code <ClickThrough>}. The 300x250
     * companion banner carries the click link but no pixel of its own, so one ad shown counts once.
     */
    static String vast(Campaign campaign, BidRequest.Imp imp, TrackingUrls urls) {
        int w = imp.width() > 0 ? imp.width() : 640;
        int h = imp.height() > 0 ? imp.height() : 360;
        return "<VAST version=\"4.2\"><Ad id=\"" + attr(campaign.id()) + "\"><InLine>"
                + "<AdSystem>bidtrack</AdSystem><AdTitle>" + text(campaign.name()) + "</AdTitle>"
                + "<Impression><![CDATA[" + urls.impression() + "]]></Impression>"
                + "<Creatives><Creative id=\"" + attr(campaign.id()) + "-video\"><Linear><Duration>00:00:15</Duration>"
                + "<VideoClicks><ClickThrough><![CDATA[" + urls.click() + "]]></ClickThrough></VideoClicks>"
                + "<MediaFiles><MediaFile delivery=\"progressive\" type=\"video/mp4\" width=\"" + w + "\" height=\"" + h + "\">"
                + "<![CDATA[https://" + campaign.advertiserDomain() + "/creative.mp4]]></MediaFile></MediaFiles>"
                + "</Linear></Creative>"
                + "<Creative><CompanionAds><Companion width=\"300\" height=\"250\"><HTMLResource><![CDATA["
                + creative(campaign, 300, 250, urls) + "]]></HTMLResource></Companion></CompanionAds></Creative>"
                + "</Creatives></InLine></Ad></VAST>";
    }

    /** OpenRTB Native 1.2 response: a title asset, the click link and an impression event tracker. */
    static String nativeAd(Campaign campaign, TrackingUrls urls) {
        return new JsonObject().put("native", new JsonObject()
                .put("ver", "1.2")
                .put("assets", new JsonArray().add(new JsonObject().put("id", 1).put("title", new JsonObject().put("text", campaign.name()))))
                .put("link", new JsonObject().put("url", urls.click()))
                .put("eventtrackers", new JsonArray().add(new JsonObject().put("event", 1).put("method", 1).put("url", urls.impression()))))
                .encode();
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
