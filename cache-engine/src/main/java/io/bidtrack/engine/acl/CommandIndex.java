package io.bidtrack.engine.acl;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every command and subcommand numbered for the permission bitmaps, with its categories. Built
 * once per engine; the order (each command followed by its subcommands, in registration order) is
 * the order in which rules are described.
 */
public final class CommandIndex {
    private final CommandTable table;
    private final List<CommandSpec> byId = new ArrayList<>();
    private final long[] categories;

    public CommandIndex(CommandTable table) {
        this.table = table;
        for (CommandSpec spec : table.all()) {
            number(spec);
            if (spec.subcommands() != null) {
                spec.subcommands().all().forEach(this::number);
            }
        }
        categories = new long[byId.size()];
        for (CommandSpec spec : byId) {
            categories[spec.aclId()] = Categories.mask(spec.aclCategories());
        }
    }

    private void number(CommandSpec spec) {
        spec.aclId(byId.size());
        byId.add(spec);
    }

    public int size() {
        return byId.size();
    }

    /** Top-level commands, in registration order. */
    List<CommandSpec> topLevel() {
        return table.all();
    }

    long categories(CommandSpec spec) {
        return categories[spec.aclId()];
    }

    /**
     * A command by name as ACL rules write it, {@code get} or {@code client|list}, ignoring case;
     * null if unknown, if the container has no such subcommand or the name has more parts.
     */
    public CommandSpec lookup(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table.find(name);
        }
        CommandSpec parent = table.find(name.substring(0, bar));
        String sub = name.substring(bar + 1);
        if (parent == null || parent.subcommands() == null || sub.indexOf('|') >= 0) {
            return null;
        }
        return parent.subcommands().find(sub);
    }
}
