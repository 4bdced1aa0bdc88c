package io.bidtrack.bidder.openrtb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** OpenRTB 2.6 validation: the samples pass, and each malformed request names its field. */
class BidRequestParserTest {
    static final Path SAMPLES = Path.of(System.getProperty("bidtrack.samples.dir", "../samples"));

    static JsonObject sample(String name) {
        try {
            return new JsonObject(Files.readString(SAMPLES.resolve(name)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static BidRequest parse(JsonObject json) {
        return BidRequestParser.parse(Buffer.buffer(json.encode()));
    }

    @Test
    void appBannerSampleIsReadWhole() {
        BidRequest r = parse(sample("bid-request-app-banner.json"));
        assertEquals("80ce30c53c16e6ede735f123ef6e32361bfc7b22", r.id());
        assertEquals(List.of(new BidRequest.Imp("1", "banner", 320, 50, 0.05, "USD")), r.imps());
        assertEquals(new BidRequest.Inventory(true, "agltb3B1Yi1pbmNyDAsSA0FwcBiJkfIUDA", "Example Puzzle", "com.example.puzzle",
                null, List.of("IAB9-30"), "pub-123", "Example Games"), r.inventory());
        BidRequest.Device d = r.device();
        assertEquals("USA", d.country());
        assertEquals("CA", d.region());
        assertEquals(4, d.type());
        assertEquals(2, d.connectionType());
        assertEquals("Pixel 8", d.model());
        assertEquals(Set.of("IAB25", "IAB26"), r.blockedCategories());
        assertEquals(Set.of("blocked-advertiser.example"), r.blockedAdvertisers());
        assertEquals(List.of("USD"), r.currencies());
        assertEquals(1, r.auctionType());
        assertEquals(100, r.tmaxMs());
        assertEquals("a1b2c3d4-e5f6-47a8-9b0c-d1e2f3a4b5c6", r.sourceTid());
    }

    @Test
    void siteVideoSampleIsReadWhole() {
        BidRequest r = parse(sample("bid-request-site-video.json"));
        assertEquals(List.of(new BidRequest.Imp("1", "video", 640, 480, 1.5, "USD")), r.imps());
        assertEquals(new BidRequest.Inventory(false, "102855", "https://news.example.com/story/123", null,
                "news.example.com", List.of("IAB12"), "8953", "Example News"), r.inventory());
        assertEquals(2, r.auctionType());
        assertNull(r.sourceTid());
    }

    @Test
    void optionalPartsMayBeMissing() {
        JsonObject minimal = new JsonObject().put("id", "r").put("site", new JsonObject())
                .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
                        .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))));
        BidRequest r = parse(minimal);
        assertEquals(new BidRequest.Imp("1", "banner", 300, 250, 0, "USD"), r.imps().getFirst());
        assertEquals(BidRequest.Device.NONE, r.device());
        assertEquals(2, r.auctionType());
        // Integral numbers written with a fraction are integers; a lower-case country is accepted.
        JsonObject app = sample("bid-request-app-banner.json");
        app.getJsonObject("device").put("devicetype", 4.0).getJsonObject("geo").put("country", "usa");
        assertEquals("USA", parse(app).device().country());
    }

    @Test
    void theInvalidSampleNamesImp() throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> BidRequestParser.parse(
                Buffer.buffer(Files.readString(SAMPLES.resolve("bid-request-invalid-no-imp.json")))));
        assertEquals("imp", e.field());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformed")
    void malformedRequestNamesTheField(String what, String field, Consumer<JsonObject> change) {
        JsonObject request = sample("bid-request-app-banner.json");
        change.accept(request);
        try {
            parse(request);
            fail(what + " was accepted");
        } catch (InvalidRequestException e) {
            assertEquals(field, e.field(), e.getMessage());
        }
    }

    static JsonObject imp(JsonObject r) {
        return r.getJsonArray("imp").getJsonObject(0);
    }

    static JsonObject banner(JsonObject r) {
        return imp(r).getJsonObject("banner");
    }

    static JsonObject device(JsonObject r) {
        return r.getJsonObject("device");
    }

    static Arguments bad(String what, String field, Consumer<JsonObject> change) {
        return arguments(what, field, change);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("no id", "id", r -> r.remove("id")),
                bad("empty id", "id", r -> r.put("id", "")),
                bad("numeric id", "id", r -> r.put("id", 42)),
                bad("imp an object", "imp", r -> r.put("imp", new JsonObject())),
                bad("imp empty", "imp", r -> r.put("imp", new JsonArray())),
                bad("imp entry a string", "imp[0]", r -> r.put("imp", new JsonArray().add("x"))),
                bad("imp without id", "imp[0].id", r -> imp(r).remove("id")),
                bad("duplicate imp id", "imp[1].id", r -> r.getJsonArray("imp").add(imp(r).copy())),
                bad("imp without a format", "imp[0]", r -> imp(r).remove("banner")),
                bad("banner a string", "imp[0].banner", r -> imp(r).put("banner", "320x50")),
                bad("banner w a string", "imp[0].banner.w", r -> banner(r).put("w", "320")),
                bad("banner w fractional", "imp[0].banner.w", r -> banner(r).put("w", 320.5)),
                bad("banner w negative", "imp[0].banner.w", r -> banner(r).put("w", -1)),
                bad("banner without size", "imp[0].banner.w", r -> List.of("w", "h", "format").forEach(banner(r)::remove)),
                bad("banner format not an array", "imp[0].banner.format", r -> banner(r).put("format", new JsonObject())),
                bad("banner format entry without size", "imp[0].banner.format[0].w",
                        r -> {
                            banner(r).remove("w");
                            banner(r).put("format", new JsonArray().add(new JsonObject()));
                        }),
                bad("video without mimes", "imp[0].video.mimes",
                        r -> imp(r).put("video", new JsonObject().put("w", 640))),
                bad("video mimes not strings", "imp[0].video.mimes[0]",
                        r -> imp(r).put("video", new JsonObject().put("mimes", new JsonArray().add(1)))),
                bad("native without request", "imp[0].native.request", r -> imp(r).put("native", new JsonObject())),
                bad("bidfloor a string", "imp[0].bidfloor", r -> imp(r).put("bidfloor", "cheap")),
                bad("bidfloor negative", "imp[0].bidfloor", r -> imp(r).put("bidfloor", -0.01)),
                bad("bidfloorcur not a code", "imp[0].bidfloorcur", r -> imp(r).put("bidfloorcur", "dollars")),
                bad("site and app", "app", r -> r.put("site", new JsonObject())),
                bad("neither site nor app", "site", r -> r.remove("app")),
                bad("app a string", "app", r -> r.put("app", "puzzle")),
                bad("app.cat not strings", "app.cat[0]", r -> r.getJsonObject("app").put("cat", new JsonArray().add(9))),
                bad("publisher id a number", "app.publisher.id", r -> r.getJsonObject("app").getJsonObject("publisher").put("id", 123)),
                bad("device an array", "device", r -> r.put("device", new JsonArray())),
                bad("devicetype 0", "device.devicetype", r -> device(r).put("devicetype", 0)),
                bad("devicetype 8", "device.devicetype", r -> device(r).put("devicetype", 8)),
                bad("devicetype a string", "device.devicetype", r -> device(r).put("devicetype", "phone")),
                bad("geo a string", "device.geo", r -> device(r).put("geo", "USA")),
                bad("country alpha-2", "device.geo.country", r -> device(r).getJsonObject("geo").put("country", "US")),
                bad("country a number", "device.geo.country", r -> device(r).getJsonObject("geo").put("country", 840)),
                bad("os a number", "device.os", r -> device(r).put("os", 1)),
                bad("ua an object", "device.ua", r -> device(r).put("ua", new JsonObject())),
                bad("ip a number", "device.ip", r -> device(r).put("ip", 203)),
                bad("user a string", "user", r -> r.put("user", "u1")),
                bad("user.id a number", "user.id", r -> r.getJsonObject("user").put("id", 1)),
                bad("bcat a string", "bcat", r -> r.put("bcat", "IAB25")),
                bad("bcat with a number", "bcat[1]", r -> r.put("bcat", new JsonArray().add("IAB25").add(26))),
                bad("badv an object", "badv", r -> r.put("badv", new JsonObject())),
                bad("tmax zero", "tmax", r -> r.put("tmax", 0)),
                bad("tmax fractional", "tmax", r -> r.put("tmax", 99.5)),
                bad("tmax a string", "tmax", r -> r.put("tmax", "100")),
                bad("cur a string", "cur", r -> r.put("cur", "USD")),
                bad("at 3", "at", r -> r.put("at", 3)),
                bad("at huge", "at", r -> r.put("at", 1e300)),
                bad("source.tid a number", "source.tid", r -> r.getJsonObject("source").put("tid", 7)));
    }

    @Test
    void notJsonObjectsNameTheBody() {
        for (String body : List.of("", "{\"id\":", "[]", "42", "null", "\"text\"")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> BidRequestParser.parse(Buffer.buffer(body)), body);
            assertEquals("body", e.field(), body);
        }
    }
}
