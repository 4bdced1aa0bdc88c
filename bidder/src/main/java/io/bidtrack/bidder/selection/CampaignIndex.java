package io.bidtrack.bidder.selection;

import io.bidtrack.common.model.Campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable view of the L1 campaigns for selection: per format, the campaigns that target a
 * country and those that target every country, each list sorted best first (highest bidCpm, then
 * id). A request then looks at the few campaigns that can serve its format in its country, in bid
 * order, and the first eligible one wins; no sort and no full scan per request.
 * <p>
 * Campaign records are immutable and the L1 cache replaces them on change, so "has anything
 * changed" is an identity comparison ({@link #matches}), cheap enough to run every 100 ms.
 */
public final class CampaignIndex {
    public static final List<String> FORMATS = List.of("banner", "video", "native");
    /** Best first: highest bid, ties by id so the choice is stable across instances. */
    static final Comparator<Campaign> BEST_FIRST =
            Comparator.comparingDouble(Campaign::bidCpm).reversed().thenComparing(Campaign::id);
    public static final CampaignIndex EMPTY = build(List.of());

    private final Map<Campaign, Boolean> members;
    private final Map<String, Map<String, List<Campaign>>> byFormatCountry;
    private final Map<String, List<Campaign>> byFormatAnyCountry;
    private final List<Campaign> budgeted;

    private CampaignIndex(Map<Campaign, Boolean> members, Map<String, Map<String, List<Campaign>>> byFormatCountry,
                          Map<String, List<Campaign>> byFormatAnyCountry, List<Campaign> budgeted) {
        this.members = members;
        this.byFormatCountry = byFormatCountry;
        this.byFormatAnyCountry = byFormatAnyCountry;
        this.budgeted = budgeted;
    }

    public static CampaignIndex build(Collection<Campaign> campaigns) {
        Map<Campaign, Boolean> members = new IdentityHashMap<>();
        Map<String, Map<String, List<Campaign>>> byCountry = new HashMap<>();
        Map<String, List<Campaign>> anyCountry = new HashMap<>();
        List<Campaign> budgeted = new ArrayList<>();
        for (Campaign c : campaigns) {
            members.put(c, Boolean.TRUE);
            if (c.budget().limited()) {
                budgeted.add(c);
            }
            Set<String> formats = c.targeting().formats().isEmpty() ? Set.copyOf(FORMATS) : c.targeting().formats();
            for (String format : formats) {
                if (c.targeting().countries().isEmpty()) {
                    anyCountry.computeIfAbsent(format, f -> new ArrayList<>()).add(c);
                } else {
                    Map<String, List<Campaign>> countries = byCountry.computeIfAbsent(format, f -> new HashMap<>());
                    for (String country : c.targeting().countries()) {
                        countries.computeIfAbsent(country, k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        anyCountry.replaceAll((f, list) -> sorted(list));
        byCountry.values().forEach(countries -> countries.replaceAll((k, list) -> sorted(list)));
        return new CampaignIndex(members, byCountry, anyCountry, List.copyOf(budgeted));
    }

    private static List<Campaign> sorted(List<Campaign> list) {
        list.sort(BEST_FIRST);
        return List.copyOf(list);
    }

    /** True when {@code campaigns} are exactly the records this index was built from. */
    public boolean matches(Collection<Campaign> campaigns) {
        if (campaigns.size() != members.size()) {
            return false;
        }
        for (Campaign c : campaigns) {
            if (!members.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    /** Campaigns targeting {@code format} in {@code country}, best first (a merge of two sorted lists). */
    public List<List<Campaign>> candidates(String format, String country) {
        List<Campaign> any = byFormatAnyCountry.getOrDefault(format, List.of());
        Map<String, List<Campaign>> countries = byFormatCountry.get(format);
        List<Campaign> local = country == null || countries == null ? List.of() : countries.getOrDefault(country, List.of());
        return List.of(local, any);
    }

    /** The campaigns with a daily budget, whose spend counters the pacer keeps fresh. */
    public List<Campaign> budgeted() {
        return budgeted;
    }

    public int size() {
        return members.size();
    }
}
