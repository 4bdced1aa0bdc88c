package io.bidtrack.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's name, arity and metadata (as COMMAND INFO reports them), and its behaviour.
 *
 * <p>Arity follows Redis: {@code n > 0} means exactly n arguments including the name, {@code -n}
 * means at least n. Container commands (CLIENT, CONFIG, COMMAND) hold subcommands, looked up by
 * the second argument and named {@code container|sub} in error messages.
 */
public final class CommandSpec {
    private final String name;
    private final String fullName;
    private final int arity;
    private final List<String> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final List<String> aclCategories;
    private final List<String> tips;
    private final List<KeySpec> keySpecs;
    private final boolean allowedWhileSubscribed;
    private final boolean write;
    private final boolean readonly;
    private final boolean movableKeys;
    private final boolean signalsModifiedKeys;
    private final boolean skipSlowlog;
    private final boolean noAuth;
    private final boolean subcommand;
    /** Index of the command in ACL permission bitmaps, given once by io.bidtrack.engine.acl. */
    private int aclId = -1;
    private final Command handler;
    private final CommandTable subcommands;
    // INFO commandstats counters: plain fields on the spec (one table per engine, one thread), so
    // counting a call allocates nothing and needs no map lookup.
    long calls;
    /** Summed in nanoseconds: most commands take under a microsecond, which would round to 0 each. */
    long nanos;
    long rejectedCalls;
    long failedCalls;

    private CommandSpec(Builder b, String parentName) {
        this.name = b.name;
        this.fullName = parentName == null ? b.name : parentName + "|" + b.name;
        this.arity = b.arity;
        this.flags = List.copyOf(b.flags);
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.aclCategories = List.copyOf(b.aclCategories);
        this.tips = List.copyOf(b.tips);
        this.keySpecs = List.copyOf(b.keySpecs);
        this.allowedWhileSubscribed = b.allowedWhileSubscribed;
        this.write = flags.contains("write");
        this.readonly = flags.contains("readonly");
        this.movableKeys = flags.contains("movablekeys");
        this.signalsModifiedKeys = b.signalsModifiedKeys;
        this.skipSlowlog = flags.contains("skip_slowlog");
        this.noAuth = flags.contains("no_auth");
        this.subcommand = parentName != null;
        this.handler = b.handler;
        if (b.subcommands.isEmpty()) {
            this.subcommands = null;
        } else {
            this.subcommands = new CommandTable();
            for (Builder sub : b.subcommands) {
                subcommands.add(new CommandSpec(sub, b.name));
            }
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Lower-case name. */
    public String name() {
        return name;
    }

    /** Name as Redis reports it: {@code get}, or {@code client|setname} for a subcommand. */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public boolean acceptsArgumentCount(int count) {
        return arity >= 0 ? count == arity : count >= -arity;
    }

    public List<String> flags() {
        return flags;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public List<String> aclCategories() {
        return aclCategories;
    }

    public List<String> tips() {
        return tips;
    }

    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    /** Whether a RESP2 client in subscribed mode may run it ((P)SUBSCRIBE, PING, QUIT, ...). */
    public boolean allowedWhileSubscribed() {
        return allowedWhileSubscribed;
    }

    /** Whether the command may change keys (Redis' "write" flag): WATCH then checks its keys. */
    public boolean isWrite() {
        return write;
    }

    /** AUTH, HELLO, QUIT, RESET: allowed before authenticating and whatever the user's ACL (no_auth flag). */
    public boolean noAuth() {
        return noAuth;
    }

    /** Whether this is a container's subcommand ({@code client|list}). */
    public boolean isSubcommand() {
        return subcommand;
    }

    /** The command's bit in ACL permission bitmaps; -1 until the ACL command index is built. */
    public int aclId() {
        return aclId;
    }

    public void aclId(int id) {
        this.aclId = id;
    }

    /** Redis' "readonly" flag: the keys it names are remembered for a tracking client. */
    public boolean isReadonly() {
        return readonly;
    }

    /** Keys found by parsing the arguments (numkeys, STREAMS), not by fixed positions. */
    public boolean hasMovableKeys() {
        return movableKeys;
    }

    /**
     * The handler reports the keys it really modifies ({@link KeyLookup#modified}), as Redis'
     * signalModifiedKey: nothing else tells WATCH and client caches of a write, so every write
     * command must declare this (a test checks it).
     */
    public boolean signalsModifiedKeys() {
        return signalsModifiedKeys;
    }

    /** EXEC: its queued commands are logged one by one instead (Redis' skip_slowlog flag). */
    public boolean skipsSlowlog() {
        return skipSlowlog;
    }

    /** The commands that run at once inside MULTI instead of being queued, as in Redis. */
    public boolean controlsTransactions() {
        return switch (name) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> subcommands == null;
            default -> false;
        };
    }

    public long calls() {
        return calls;
    }

    public long usec() {
        return nanos / 1000;
    }

    public long rejectedCalls() {
        return rejectedCalls;
    }

    public long failedCalls() {
        return failedCalls;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        calls = 0;
        nanos = 0;
        rejectedCalls = 0;
        failedCalls = 0;
    }

    /** The behaviour; null for a container that only has subcommands. */
    public Command handler() {
        return handler;
    }

    /** The subcommands, or null if this is not a container command. */
    public CommandTable subcommands() {
        return subcommands;
    }

    /** Fluent description of a command, kept close to Redis' COMMAND INFO output. */
    public static final class Builder {
        private final String name;
        private int arity;
        private final List<String> flags = new ArrayList<>();
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private final List<String> aclCategories = new ArrayList<>();
        private final List<String> tips = new ArrayList<>();
        private final List<KeySpec> keySpecs = new ArrayList<>();
        private boolean allowedWhileSubscribed;
        private boolean signalsModifiedKeys;
        private Command handler;
        private final List<Builder> subcommands = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder arity(int arity) {
            this.arity = arity;
            return this;
        }

        public Builder flags(String... flags) {
            this.flags.addAll(List.of(flags));
            return this;
        }

        public Builder acl(String... categories) {
            this.aclCategories.addAll(List.of(categories));
            return this;
        }

        public Builder tips(String... tips) {
            this.tips.addAll(List.of(tips));
            return this;
        }

        /**
         * Keys from argument {@code first} to {@code last} (absolute; -1 = the last argument) every
         * {@code step}, with the key spec access flags; fills both the legacy triple and a key spec.
         */
        public Builder keys(int first, int last, int step, String... keyFlags) {
            return keysWithNotes(first, last, step, null, keyFlags);
        }

        /** {@link #keys}, with the explanatory note Redis attaches to some key specs. */
        public Builder keysWithNotes(int first, int last, int step, String notes, String... keyFlags) {
            if (keySpecs.isEmpty()) {
                this.firstKey = first;
                this.lastKey = last;
                this.keyStep = step;
            } else {
                // A second key spec (RENAME's new name, LMOVE's destination) widens the legacy
                // first/last range to cover both, as Redis' COMMAND INFO shows it.
                this.firstKey = Math.min(firstKey, first);
                this.lastKey = lastKey < 0 || last < 0 ? Math.min(lastKey, last) : Math.max(lastKey, last);
            }
            int relativeLast = last < 0 ? last : last - first;
            this.keySpecs.add(new KeySpec(notes, List.of(keyFlags), new KeySpec.Index(first),
                    new KeySpec.Range(relativeLast, step, 0)));
            return this;
        }

        /**
         * Keys counted by an argument: the count at {@code index + keynumIdx}, the keys from
         * {@code index + firstKey} every {@code keyStep} (ZUNION numkeys key ...). The legacy
         * first/last/step cannot say this, so it stays as the other specs left it.
         */
        public Builder keynum(int index, int keynumIdx, int firstKey, int keyStep, String... keyFlags) {
            this.keySpecs.add(new KeySpec(null, List.of(keyFlags), new KeySpec.Index(index),
                    new KeySpec.Keynum(keynumIdx, firstKey, keyStep)));
            return this;
        }

        /** Keys after a keyword (XREAD ... STREAMS key ... id ...), see {@link KeySpec.Keyword}. */
        public Builder keyword(String keyword, int startFrom, int lastKey, int keyStep, int limit, String... keyFlags) {
            this.keySpecs.add(new KeySpec(null, List.of(keyFlags), new KeySpec.Keyword(keyword, startFrom),
                    new KeySpec.Range(lastKey, keyStep, limit)));
            return this;
        }

        public Builder allowedWhileSubscribed() {
            this.allowedWhileSubscribed = true;
            return this;
        }

        /** See {@link CommandSpec#signalsModifiedKeys()}. */
        public Builder signalsModifiedKeys() {
            this.signalsModifiedKeys = true;
            return this;
        }

        public Builder handler(Command handler) {
            this.handler = handler;
            return this;
        }

        public Builder subcommand(Builder subcommand) {
            this.subcommands.add(subcommand);
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(this, null);
        }
    }
}
