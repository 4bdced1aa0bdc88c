package io.bidtrack.infra.bench;

import java.time.Duration;
import java.util.Locale;

/** How the cold benchmark writes figures: few digits, units always shown. */
final class Report {
    private Report() {
    }

    /** 0.42 ms, 85 ms, 1.25 s, 61.2 s. */
    static String millis(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, ms < 10_000 ? "%.2f s" : "%.1f s", ms / 1000);
    }

    static String seconds(Duration d) {
        return millis(d.toNanos() / 1e6);
    }

    /** 812 B, 3.4 MiB, 5.12 GiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f %s", bytes / (bytes < 1 << 20 ? 1024.0 : 1048576.0), bytes < 1 << 20 ? "KiB" : "MiB");
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    /** A count or rate with thousands separators: 123,456. */
    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }
}
