package io.bidtrack.coldstore.compaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a merge replaces, written before the merged file is published: a line {@code merged <name>}
 * and a line {@code source <name>} per file merged. See the package comment for how a crash is
 * recovered from it.
 */
record Manifest(String merged, List<String> sources) {
    Manifest {
        sources = List.copyOf(sources);
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder("merged ").append(merged).append('\n');
        sources.forEach(source -> text.append("source ").append(source).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a manifest (say, cut short by a crash) */
    static Manifest parse(byte[] bytes) {
        String merged = null;
        List<String> sources = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("merged ") && merged == null) {
                merged = line.substring("merged ".length());
            } else if (line.startsWith("source ")) {
                sources.add(line.substring("source ".length()));
            } else if (!line.isEmpty()) {
                throw new IllegalArgumentException("not a line of a compaction manifest: " + line);
            }
        }
        if (merged == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a compaction manifest names a merged file and its sources");
        }
        return new Manifest(merged, sources);
    }
}
