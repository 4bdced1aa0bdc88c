package io.bidtrack.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Commands by name, found case-insensitively straight from the request bytes.
 *
 * <p>An open-addressing table over lower-cased names: the lookup that starts every command hashes
 * the bytes as they arrived and compares them in place, so no String is built per command.
 */
public final class CommandTable {
    private final List<CommandSpec> all = new ArrayList<>();
    private CommandSpec[] slots = new CommandSpec[16];

    public void add(CommandSpec spec) {
        if (find(spec.name()) != null) {
            throw new IllegalArgumentException("duplicate command " + spec.name());
        }
        all.add(spec);
        if (all.size() * 4 > slots.length) {
            slots = new CommandSpec[slots.length * 2];
            for (CommandSpec s : all) {
                insert(s);
            }
        } else {
            insert(spec);
        }
    }

    /** All commands in registration order. */
    public List<CommandSpec> all() {
        return Collections.unmodifiableList(all);
    }

    public int size() {
        return all.size();
    }

    /** The command whose name equals the bytes, ignoring ASCII case, or null. */
    public CommandSpec find(byte[] data, int offset, int length) {
        int mask = slots.length - 1;
        for (int i = hash(data, offset, length) & mask; ; i = (i + 1) & mask) {
            CommandSpec s = slots[i];
            if (s == null) {
                return null;
            }
            if (equalsIgnoreCase(s.name(), data, offset, length)) {
                return s;
            }
        }
    }

    public CommandSpec find(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        return find(bytes, 0, bytes.length);
    }

    private void insert(CommandSpec spec) {
        byte[] name = spec.name().getBytes(StandardCharsets.ISO_8859_1);
        int mask = slots.length - 1;
        int i = hash(name, 0, name.length) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = spec;
    }

    private static int hash(byte[] data, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ lower(data[i])) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(String lowerName, byte[] data, int offset, int length) {
        if (lowerName.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lowerName.charAt(i) != lower(data[offset + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
