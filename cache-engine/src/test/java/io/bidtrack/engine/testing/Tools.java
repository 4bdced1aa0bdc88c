package io.bidtrack.engine.testing;

import java.io.File;

/** Finds external programs the tests need, failing loudly (never skipping) when one is missing. */
public final class Tools {
    private Tools() {
    }

    /** The absolute path of {@code program} on PATH, or an AssertionError saying how to install it. */
    public static String require(String program, String purpose) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new AssertionError(program + " is not on PATH; it is needed as " + purpose
                + ". Install it (Debian/Ubuntu: apt-get install redis-server redis-tools) and run the tests again.");
    }
}
