package io.bidtrack.bidder;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;

/** The bidder's store-agnostic behaviour on the bundled cache-engine. */
class BidderOnEngineTest extends BidderStoreContract {
    private CacheEngine engine;

    @Override
    String startStore() {
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        return "redis://" + engine.host() + ":" + engine.port();
    }

    @Override
    void stopStore() {
        if (engine != null) {
            engine.close();
        }
    }
}
