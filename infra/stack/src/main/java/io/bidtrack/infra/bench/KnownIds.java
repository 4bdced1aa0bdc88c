package io.bidtrack.infra.bench;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/** Ids a lake is known to hold, by lake partition, from which the lookups draw at random. */
final class KnownIds {
    private final List<UUID> all;
    private final List<List<UUID>> byPartition;

    KnownIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no known ids to look up");
        }
        this.all = List.copyOf(ids);
        Map<LakePartition, List<UUID>> grouped = new LinkedHashMap<>();
        for (UUID id : all) {
            grouped.computeIfAbsent(BidId.partitionOf(id), p -> new ArrayList<>()).add(id);
        }
        this.byPartition = grouped.values().stream().map(List::copyOf).toList();
    }

    int partitions() {
        return byPartition.size();
    }

    UUID pick(SplittableRandom random) {
        return all.get(random.nextInt(all.size()));
    }

    /**
     * {@code size} distinct ids from {@code partitions} partitions chosen at random (all of them
     * when {@code partitions} is 0 or more than there are), each id drawn evenly among theirs.
     */
    List<UUID> batch(SplittableRandom random, int size, int partitions) {
        List<List<UUID>> from = new ArrayList<>(byPartition);
        if (partitions > 0 && partitions < from.size()) {
            // A partial Fisher-Yates shuffle: the first `partitions` are a random choice.
            for (int i = 0; i < partitions; i++) {
                int j = i + random.nextInt(from.size() - i);
                List<UUID> swap = from.get(i);
                from.set(i, from.get(j));
                from.set(j, swap);
            }
            from = from.subList(0, partitions);
        }
        List<UUID> pool = from.stream().flatMap(List::stream).toList();
        if (size > pool.size()) {
            throw new IllegalArgumentException("a batch of " + size + " ids needs that many known ids in " + from.size()
                    + " partition(s); there are " + pool.size());
        }
        Set<UUID> chosen = new LinkedHashSet<>();
        while (chosen.size() < size) {
            chosen.add(pool.get(random.nextInt(pool.size())));
        }
        return List.copyOf(chosen);
    }
}
