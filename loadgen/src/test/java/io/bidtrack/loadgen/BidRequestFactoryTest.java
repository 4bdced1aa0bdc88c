package io.bidtrack.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BidRequestFactoryTest {

    @Test
    void requestsAreValidOpenRtbWithIdImpAndCountry() {
        BidRequestFactory f = new BidRequestFactory(42);
        Set<String> ids = new HashSet<>();
        Set<String> countries = new HashSet<>();
        int apps = 0;
        int sites = 0;
        for (long i = 0; i < 500; i++) {
            JsonObject req = new JsonObject(f.body(i)); // parses what goes on the wire
            String id = req.getString("id");
            assertNotNull(id);
            assertFalse(id.isBlank());
            assertTrue(ids.add(id), "request ids are unique: " + id);

            JsonArray imps = req.getJsonArray("imp");
            assertNotNull(imps);
            assertFalse(imps.isEmpty());
            JsonObject imp = imps.getJsonObject(0);
            assertEquals("1", imp.getString("id"));
            assertTrue(imp.containsKey("banner") || imp.containsKey("video"));
            double floor = imp.getDouble("bidfloor");
            assertTrue(floor >= 0.01 && floor <= 2.0, "floor " + floor);
            assertEquals("USD", imp.getString("bidfloorcur"));

            String country = req.getJsonObject("device").getJsonObject("geo").getString("country");
            assertTrue(BidRequestFactory.COUNTRIES.contains(country), country);
            countries.add(country);

            assertTrue(req.containsKey("app") ^ req.containsKey("site"), "exactly one of app and site");
            apps += req.containsKey("app") ? 1 : 0;
            sites += req.containsKey("site") ? 1 : 0;
        }
        assertTrue(apps > 100 && sites > 100, "both templates are used: " + apps + " app, " + sites + " site");
        assertTrue(countries.size() >= 5, "countries vary: " + countries);
    }

    @Test
    void deterministicBySeedAndIndex() {
        BidRequestFactory a = new BidRequestFactory(42);
        BidRequestFactory b = new BidRequestFactory(42);
        JsonObject fifth = a.create(5);
        for (long i = 0; i < 50; i++) {
            assertEquals(a.body(i), b.body(i), "same seed, same index, same bytes");
        }
        assertEquals(fifth, a.create(5), "the order requests are made in does not matter");
        assertEquals(a.body(1234), b.body(1234));

        BidRequestFactory other = new BidRequestFactory(43);
        assertNotEquals(a.create(0).getString("id"), other.create(0).getString("id"));
        assertNotEquals(a.body(0), a.body(1));
    }

    @Test
    void createReturnsIndependentCopies() {
        BidRequestFactory f = new BidRequestFactory(1);
        JsonObject first = f.create(0);
        first.getJsonArray("imp").getJsonObject(0).put("bidfloor", 99.0);
        first.getJsonObject("device").getJsonObject("geo").put("country", "XXX");
        JsonObject again = f.create(0);
        assertNotEquals(99.0, again.getJsonArray("imp").getJsonObject(0).getDouble("bidfloor"));
        assertNotEquals("XXX", again.getJsonObject("device").getJsonObject("geo").getString("country"));
    }
}
