package io.bidtrack.tracker;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;

/** The tracker on the bundled engine. */
class TrackerOnEngineTest extends TrackerContract {
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
