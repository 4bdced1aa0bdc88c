package io.bidtrack.dashboard.sources;

import io.bidtrack.dashboard.prometheus.PrometheusText;
import io.bidtrack.dashboard.prometheus.Scrape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;

/**
 * A service's Prometheus endpoint, {@code <base url>/metrics}. Each {@link #read()} is one GET;
 * the text is parsed on a worker thread, as a large scrape (the tracker's histograms) would take
 * the event loop for a millisecond or more.
 */
public final class MetricsSource {
    private final Vertx vertx;
    private final WebClient client;
    private final String name;
    private final String metricsUrl;
    private final long timeoutMs;

    /**
     * @param name    how the dashboard names it (bidder, tracker, coldStore)
     * @param baseUrl the service's ops URL, e.g. http://127.0.0.1:8080
     * @param timeout how long a scrape may take before the source counts as down for this poll
     */
    public MetricsSource(Vertx vertx, WebClient client, String name, String baseUrl, Duration timeout) {
        this.vertx = vertx;
        this.client = client;
        this.name = name;
        this.metricsUrl = baseUrl + "/metrics";
        this.timeoutMs = timeout.toMillis();
    }

    public String name() {
        return name;
    }

    public String url() {
        return metricsUrl;
    }

    /** Never fails: a source that does not answer, or answers badly, gives a reading that says why. */
    public Future<Reading<Scrape>> read() {
        return client.getAbs(metricsUrl).timeout(timeoutMs).send()
                .compose(response -> {
                    long at = System.nanoTime();
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + response.statusCode() + " from " + metricsUrl);
                    }
                    String body = response.bodyAsString();
                    return vertx.executeBlocking(() -> Reading.of(PrometheusText.parse(body == null ? "" : body), at), false);
                })
                .recover(e -> Future.succeededFuture(Reading.down(e, System.nanoTime())));
    }
}
