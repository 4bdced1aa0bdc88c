package io.bidtrack.infra.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the local stack needs to know. Port 0 means "any free port" (tests); the demo uses
 * the well-known defaults so that the README's curl commands work.
 *
 * @param dataDir   lake, Kafka logs and Trino metastore live below it
 * @param hotWindow how long a bid is looked up in the hot store before the tracker goes cold
 * @param rotate    how often the cold-store sink closes a Parquet file and makes it queryable
 * @param storeUrl  a hot store already running (the engine in its own JVM, as in production, or
 *                  any Redis or Valkey), or null to start the bundled engine in this JVM
 * @param sinkHere  whether the cold-store sink runs in this JVM; false when it runs in a process of
 *                  its own ({@code ColdStoreMain}), as in production
 */
public record StackConfig(Path dataDir, Duration hotWindow, Duration rotate, Ports ports, URI storeUrl, boolean sinkHere) {

    public StackConfig(Path dataDir, Duration hotWindow, Duration rotate, Ports ports) {
        this(dataDir, hotWindow, rotate, ports, null, true);
    }

    /**
     * Where each part listens; 0 for any free port.
     *
     * @param dashboard the live dashboard's page
     * @param coldStore the cold store's ops port (/health, /ready, /metrics), when the sink runs here
     */
    public record Ports(int engine, int kafka, int trino, int bidder, int tracker, int updater, int dashboard, int coldStore) {
        public static Ports defaults() {
            return new Ports(6379, 9092, 8090, 8080, 8081, 8082, 8083, 8084);
        }

        public static Ports ephemeral() {
            return new Ports(0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * The extra time a bid stays in the hot store after the hot window. The tracker stops asking
     * the hot store at the hot window, but a hot miss near the boundary falls through to cold, so
     * the bid must stay hot until the sink has rotated it into the lake and registered it: two
     * rotations plus half a minute for registration and scheduling lag.
     */
    public Duration hotMargin() {
        return rotate.multipliedBy(2).plusSeconds(30);
    }
}
