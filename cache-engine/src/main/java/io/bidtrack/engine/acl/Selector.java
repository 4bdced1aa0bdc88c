package io.bidtrack.engine.acl;

import io.bidtrack.engine.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of permissions: which commands (a bit per command id), which keys and which channels.
 * A user has a root selector and, since Redis 7.0, any number of further ones written {@code (...)};
 * a command is allowed if one selector allows all of it.
 */
final class Selector {
    private final CommandIndex index;
    private long[] allowed;
    /** Redis' reserved "future commands" bit: set by +@all only, cleared by -@all only. */
    private boolean future;
    /** Every command allowed without looking at the bitmap; cleared as soon as any bit is cleared. */
    boolean allCommands;
    boolean allKeys;
    boolean allChannels;
    final List<KeyPattern> keys = new ArrayList<>();
    final List<byte[]> channels = new ArrayList<>();
    /** SELECT|0-style rules: first arguments allowed for a command whose bit is clear, by command id. */
    private Map<Integer, List<String>> firstArgs;

    Selector(CommandIndex index) {
        this.index = index;
        this.allowed = new long[(index.size() + 63) / 64];
    }

    Selector copy() {
        Selector s = new Selector(index);
        s.allowed = allowed.clone();
        s.future = future;
        s.allCommands = allCommands;
        s.allKeys = allKeys;
        s.allChannels = allChannels;
        for (KeyPattern k : keys) {
            s.keys.add(new KeyPattern(k.pattern, k.flags));
        }
        s.channels.addAll(channels);
        if (firstArgs != null) {
            s.firstArgs = new LinkedHashMap<>();
            firstArgs.forEach((id, args) -> s.firstArgs.put(id, new ArrayList<>(args)));
        }
        return s;
    }

    boolean unrestricted() {
        return allCommands && allKeys && allChannels;
    }

    /** Applies one rule, as Redis' ACLSetSelector; the selector is unchanged if it throws. */
    void apply(String op) {
        if (op.equalsIgnoreCase("allkeys") || op.equals("~*")) {
            allKeys = true;
            keys.clear();
        } else if (op.equalsIgnoreCase("resetkeys")) {
            allKeys = false;
            keys.clear();
        } else if (op.equalsIgnoreCase("allchannels") || op.equals("&*")) {
            allChannels = true;
            channels.clear();
        } else if (op.equalsIgnoreCase("resetchannels")) {
            allChannels = false;
            channels.clear();
        } else if (op.equalsIgnoreCase("allcommands") || op.equalsIgnoreCase("+@all")) {
            Arrays.fill(allowed, -1L);
            future = true;
            allCommands = true;
            firstArgs = null;
        } else if (op.equalsIgnoreCase("nocommands") || op.equalsIgnoreCase("-@all")) {
            Arrays.fill(allowed, 0L);
            future = false;
            allCommands = false;
            firstArgs = null;
        } else if (op.startsWith("~") || op.startsWith("%")) {
            addKeyPattern(op);
        } else if (op.startsWith("&")) {
            if (allChannels) {
                throw new AclRuleException(AclRuleException.CHANNEL_AFTER_ALL);
            }
            byte[] pattern = checkedPattern(op.substring(1));
            if (channels.stream().noneMatch(c -> Arrays.equals(c, pattern))) {
                channels.add(pattern);
            }
            allChannels = false;
        } else if (op.startsWith("+@") || op.startsWith("-@")) {
            long category = Categories.bit(op.substring(2));
            if (category == 0) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            setCategory(index.topLevel(), category, op.charAt(0) == '+');
        } else if (op.startsWith("+")) {
            allowCommand(op.substring(1));
        } else if (op.startsWith("-")) {
            CommandSpec spec = index.lookup(op.substring(1));
            if (spec == null) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            change(spec, false);
        } else {
            throw new AclRuleException(AclRuleException.SYNTAX);
        }
    }

    private void addKeyPattern(String op) {
        if (allKeys) {
            throw new AclRuleException(AclRuleException.KEY_AFTER_ALL);
        }
        int flags = 0;
        int offset = 1;
        if (op.charAt(0) == '%') {
            for (; offset < op.length(); offset++) {
                char ch = Character.toUpperCase(op.charAt(offset));
                if (ch == 'R' && (flags & KeyPattern.READ) == 0) {
                    flags |= KeyPattern.READ;
                } else if (ch == 'W' && (flags & KeyPattern.WRITE) == 0) {
                    flags |= KeyPattern.WRITE;
                } else if (ch == '~') {
                    offset++;
                    break;
                } else {
                    throw new AclRuleException(AclRuleException.SYNTAX);
                }
            }
        } else {
            flags = KeyPattern.ALL;
        }
        if (flags == 0) {
            throw new AclRuleException(AclRuleException.SYNTAX);
        }
        byte[] pattern = checkedPattern(op.substring(offset));
        KeyPattern existing = keys.stream().filter(k -> Arrays.equals(k.pattern, pattern)).findFirst().orElse(null);
        if (existing == null) {
            keys.add(new KeyPattern(pattern, flags));
        } else {
            existing.flags |= flags; // the same pattern twice widens its permissions
        }
        allKeys = false;
    }

    /** Patterns may hold no spaces or NULs, so ACL LIST output can be read back. */
    private static byte[] checkedPattern(String text) {
        if (User.hasSpaces(text)) {
            throw new AclRuleException(AclRuleException.SYNTAX);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code +name}, {@code +container|sub}, or {@code +command|first-arg} for a command without subcommands. */
    private void allowCommand(String name) {
        int bar = name.lastIndexOf('|');
        if (bar < 0) {
            CommandSpec spec = index.lookup(name);
            if (spec == null) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            change(spec, true);
            return;
        }
        CommandSpec spec = index.lookup(name.substring(0, bar));
        String sub = name.substring(bar + 1);
        if (spec == null) {
            throw new AclRuleException(AclRuleException.UNKNOWN);
        }
        if (spec.isSubcommand()) {
            throw new AclRuleException(AclRuleException.FIRST_ARG_OF_SUBCOMMAND);
        }
        if (sub.isEmpty()) {
            throw new AclRuleException(AclRuleException.SYNTAX);
        }
        if (spec.subcommands() != null) {
            CommandSpec subcommand = index.lookup(name);
            if (subcommand == null) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            change(subcommand, true);
            return;
        }
        if (firstArgs == null) {
            firstArgs = new LinkedHashMap<>();
        }
        List<String> args = firstArgs.computeIfAbsent(spec.aclId(), id -> new ArrayList<>());
        if (args.stream().noneMatch(sub::equalsIgnoreCase)) {
            args.add(sub);
        }
    }

    /** Allows or denies a command and, for a container, all its subcommands (Redis' ACLChangeSelectorPerm). */
    private void change(CommandSpec spec, boolean allow) {
        setBit(spec.aclId(), allow);
        if (firstArgs != null) {
            firstArgs.remove(spec.aclId());
        }
        if (spec.subcommands() != null) {
            for (CommandSpec sub : spec.subcommands().all()) {
                setBit(sub.aclId(), allow);
            }
        }
    }

    private void setCategory(List<CommandSpec> commands, long category, boolean allow) {
        for (CommandSpec spec : commands) {
            if ((index.categories(spec) & category) != 0) {
                change(spec, allow);
            }
            if (spec.subcommands() != null) {
                setCategory(spec.subcommands().all(), category, allow);
            }
        }
    }

    private void setBit(int id, boolean value) {
        if (value) {
            allowed[id >>> 6] |= 1L << id;
        } else {
            allowed[id >>> 6] &= ~(1L << id);
            allCommands = false;
        }
    }

    boolean bit(int id) {
        return (allowed[id >>> 6] & (1L << id)) != 0;
    }

    /** Whether the command may run with these arguments, as far as the command itself goes (not keys). */
    boolean allowsCommand(CommandSpec spec, ArgView args) {
        if (allCommands || spec.noAuth() || bit(spec.aclId())) {
            return true;
        }
        List<String> allowedArgs = firstArgs == null ? null : firstArgs.get(spec.aclId());
        if (allowedArgs == null || args.count() < 2) {
            return false;
        }
        String first = args.text(spec.isSubcommand() ? 2 : 1);
        return allowedArgs.stream().anyMatch(first::equalsIgnoreCase);
    }

    /** Whether some key pattern grants {@code needed} on the key. */
    boolean allowsKey(int needed, byte[] data, int offset, int length) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern k : keys) {
            if (k.grants(needed, data, offset, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some channel pattern covers the channel; for PSUBSCRIBE ({@code literal}) the
     * subscribed pattern must equal a channel pattern, since its matches cannot be known.
     */
    boolean allowsChannel(byte[] data, int offset, int length, boolean literal) {
        if (allChannels) {
            return true;
        }
        return matchesChannel(channels, data, offset, length, literal);
    }

    static boolean matchesChannel(List<byte[]> patterns, byte[] data, int offset, int length, boolean literal) {
        for (byte[] p : patterns) {
            if (literal ? Arrays.equals(p, 0, p.length, data, offset, offset + length)
                    : io.bidtrack.engine.bytes.Glob.matches(p, 0, p.length, data, offset, length)) {
                return true;
            }
        }
        return false;
    }

    /** Keys and channels, then command rules, as ACL LIST writes a selector (each item followed by a space but the last). */
    String describe() {
        StringBuilder out = new StringBuilder();
        if (allKeys) {
            out.append("~* ");
        } else {
            for (KeyPattern k : keys) {
                out.append(k.describe()).append(' ');
            }
        }
        if (allChannels) {
            out.append("&* ");
        } else {
            out.append("resetchannels ");
            for (byte[] c : channels) {
                out.append('&').append(new String(c, StandardCharsets.ISO_8859_1)).append(' ');
            }
        }
        return out.append(describeCommands()).toString();
    }

    /** ACL GETUSER "keys": the patterns separated by spaces. */
    String describeKeys() {
        if (allKeys) {
            return "~*";
        }
        List<String> parts = new ArrayList<>();
        keys.forEach(k -> parts.add(k.describe()));
        return String.join(" ", parts);
    }

    String describeChannels() {
        if (allChannels) {
            return "&*";
        }
        List<String> parts = new ArrayList<>();
        channels.forEach(c -> parts.add("&" + new String(c, StandardCharsets.ISO_8859_1)));
        return String.join(" ", parts);
    }

    /**
     * The command rules that rebuild this bitmap, as Redis 7.0 derives them: start from +@all or
     * -@all, then repeatedly take the category that best fits what still differs, then fix single
     * commands. A scratch selector replays the rules to know what still differs.
     */
    String describeCommands() {
        boolean additive = !future;
        StringBuilder rules = new StringBuilder(additive ? "-@all " : "+@all ");
        Selector replay = new Selector(index);
        replay.apply(additive ? "-@all" : "+@all");
        Selector remaining = new Selector(index);
        remaining.allowed = allowed.clone();
        boolean[] applied = new boolean[Categories.NAMES.size()];
        while (true) {
            int best = -1;
            long minDiff = Integer.MAX_VALUE;
            long maxSame = 0;
            for (int j = 0; j < applied.length; j++) {
                if (applied[j]) {
                    continue;
                }
                long[] onOff = new long[2];
                remaining.count(index.topLevel(), 1L << j, onOff);
                long diff = additive ? onOff[1] : onOff[0];
                long same = additive ? onOff[0] : onOff[1];
                if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                    best = j;
                    minDiff = diff;
                    maxSame = same;
                }
            }
            if (best < 0) {
                break;
            }
            String name = Categories.NAMES.get(best);
            replay.apply((additive ? "+@" : "-@") + name);
            remaining.apply((additive ? "-@" : "+@") + name);
            rules.append(additive ? "+@" : "-@").append(name).append(' ');
            applied[best] = true;
        }
        singleCommands(index.topLevel(), replay, rules);
        rules.setLength(rules.length() - 1);
        return rules.toString();
    }

    private void count(List<CommandSpec> commands, long category, long[] onOff) {
        for (CommandSpec spec : commands) {
            if ((index.categories(spec) & category) != 0) {
                onOff[bit(spec.aclId()) ? 0 : 1]++;
            }
            if (spec.subcommands() != null) {
                count(spec.subcommands().all(), category, onOff);
            }
        }
    }

    private void singleCommands(List<CommandSpec> commands, Selector replay, StringBuilder rules) {
        for (CommandSpec spec : commands) {
            boolean mine = bit(spec.aclId());
            if (mine != replay.bit(spec.aclId())) {
                rules.append(mine ? '+' : '-').append(spec.fullName()).append(' ');
                replay.change(spec, mine);
            }
            if (spec.subcommands() != null) {
                singleCommands(spec.subcommands().all(), replay, rules);
            }
            List<String> args = firstArgs == null ? null : firstArgs.get(spec.aclId());
            if (!mine && args != null) {
                for (String arg : args) {
                    rules.append('+').append(spec.fullName()).append('|').append(arg).append(' ');
                }
            }
        }
    }
}
