package io.bidtrack.engine.acl;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.command.connection.ClientList;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users of one engine, the {@code default} user among them, and the checks made before each
 * command: authentication (NOAUTH), then the user's permissions (NOPERM), with denials recorded
 * in the ACL LOG. Like all engine state, used by the engine thread only.
 */
public final class Acl {
    /** Why a command was denied, ordered as Redis ranks them when selectors disagree. */
    public static final int DENIED_COMMAND = 1;
    public static final int DENIED_KEY = 2;
    public static final int DENIED_CHANNEL = 4;

    public static final RedisError NOAUTH = new RedisError("NOAUTH Authentication required.");
    public static final RedisError WRONGPASS =
            new RedisError("WRONGPASS invalid username-password pair or user is disabled.");

    /** A denial: the reason and the argument (key or channel) at fault. */
    public record Denial(int reason, int position) {
    }

    private final CommandIndex index;
    /** Sorted by name, as Redis' radix tree lists them. */
    private final Map<String, User> users = new TreeMap<>();
    private final User defaultUser;
    private final AclLog log = new AclLog();
    private String requirePass = "";

    public Acl(CommandTable commands, String requirePass) {
        this.index = new CommandIndex(commands);
        this.defaultUser = newDefaultUser();
        users.put(defaultUser.name(), defaultUser);
        requirePass(requirePass);
    }

    private User newDefaultUser() {
        User u = new User("default", index);
        for (String op : List.of("+@all", "~*", "&*", "on", "nopass")) {
            u.apply(op);
        }
        return u;
    }

    public User defaultUser() {
        return defaultUser;
    }

    public User user(String name) {
        return users.get(name);
    }

    public Collection<User> users() {
        return users.values();
    }

    public AclLog log() {
        return log;
    }

    CommandIndex index() {
        return index;
    }

    /** requirepass: the default user's only password, or no password at all when empty. */
    public void requirePass(String password) {
        requirePass = password;
        defaultUser.apply("resetpass");
        defaultUser.apply(password.isEmpty() ? "nopass" : ">" + password);
    }

    public String requirePass() {
        return requirePass;
    }

    /** Whether a new connection starts authenticated: the default user is on and needs no password. */
    public boolean openByDefault() {
        return defaultUser.enabled() && defaultUser.nopass();
    }

    /**
     * AUTH / HELLO AUTH: on success the client becomes that user; on failure the attempt is logged
     * (object: the command as typed) and false returned.
     */
    public boolean authenticate(Client client, String username, byte[] password, String typedCommand) {
        User u = users.get(username);
        if (u != null && u.accepts(password)) {
            client.authenticated(u);
            return true;
        }
        record(client, "auth", typedCommand.getBytes(StandardCharsets.ISO_8859_1), username,
                client.transaction().inMulti() || client.transaction().isExecuting(), typedCommand.toLowerCase());
        return false;
    }

    /**
     * The check before a command runs for a client that is not unrestricted: NOAUTH if it has not
     * authenticated while a password is required, else NOPERM if its user may not run it. Null if
     * the command may run. Inside MULTI this happens when the command is queued.
     */
    public RedisError admit(Client client, CommandSpec spec, CommandArgs args) {
        if (!client.isAuthenticated() && !openByDefault() && !spec.noAuth()) {
            return NOAUTH;
        }
        ArgView view = new ArgView(args, 0);
        Denial denial = check(client.user(), spec, view);
        if (denial == null) {
            return null;
        }
        boolean multi = client.transaction().inMulti();
        log(client, denial, spec, view, multi, spec.fullName());
        return switch (denial.reason()) {
            case DENIED_COMMAND -> new RedisError("NOPERM this user has no permissions to run the '"
                    + spec.fullName() + "' command");
            case DENIED_KEY -> new RedisError(
                    "NOPERM this user has no permissions to access one of the keys used as arguments");
            default -> new RedisError(
                    "NOPERM this user has no permissions to access one of the channels used as arguments");
        };
    }

    /** EXEC checks each queued command again, since the rules may have changed after it was queued. */
    public RedisError recheckQueued(Client client, CommandSpec spec, CommandArgs args) {
        ArgView view = new ArgView(args, 0);
        Denial denial = check(client.user(), spec, view);
        if (denial == null) {
            return null;
        }
        log(client, denial, spec, view, true, "exec");
        String reason = switch (denial.reason()) {
            case DENIED_COMMAND -> "no permission to execute the command or subcommand";
            case DENIED_KEY -> "no permission to touch the specified keys";
            default -> "no permission to access one of the channels used as arguments";
        };
        return new RedisError("NOPERM ACLs rules changed between the moment the transaction was accumulated "
                + "and the EXEC call. This command is no longer allowed for the following reason: " + reason);
    }

    private void log(Client client, Denial denial, CommandSpec spec, ArgView args, boolean multi, String running) {
        byte[] object = denial.reason() == DENIED_COMMAND
                ? spec.fullName().getBytes(StandardCharsets.ISO_8859_1)
                : args.copy(denial.position());
        String reason = switch (denial.reason()) {
            case DENIED_COMMAND -> "command";
            case DENIED_KEY -> "key";
            default -> "channel";
        };
        record(client, reason, object, client.user().name(), multi, running);
    }

    private void record(Client client, String reason, byte[] object, String username, boolean multi, String running) {
        String info = ClientList.line(client, running);
        log.add(new AclLog.Entry(reason, multi ? "multi" : "toplevel", object, username,
                System.currentTimeMillis(), info), client.engine().settings().aclLogMaxLen);
    }

    /**
     * Whether {@code user} may run the command with these arguments: null if some selector allows
     * it all, else the most telling denial (a key or channel beats the command; a later argument
     * beats an earlier one), as Redis picks it.
     */
    public Denial check(User user, CommandSpec spec, ArgView args) {
        if (user.unrestricted()) {
            return null;
        }
        int[] keys = null;
        int reason = DENIED_COMMAND;
        int position = 0;
        for (Selector s : user.selectors()) {
            int localReason = 0;
            int localPosition = 0;
            if (!s.allowsCommand(spec, args)) {
                localReason = DENIED_COMMAND;
            }
            if (localReason == 0 && !s.allKeys) {
                if (keys == null) {
                    keys = KeyFinder.keys(spec, args);
                }
                for (int k = 0; k < keys.length; k += 2) {
                    int pos = keys[k];
                    if (!s.allowsKey(keys[k + 1], args.data(), args.offset(pos), args.length(pos))) {
                        localReason = DENIED_KEY;
                        localPosition = pos;
                        break;
                    }
                }
            }
            if (localReason == 0 && !s.allChannels) {
                int denied = deniedChannel(s, spec, args);
                if (denied > 0) {
                    localReason = DENIED_CHANNEL;
                    localPosition = denied;
                }
            }
            if (localReason == 0) {
                return null;
            }
            if (localReason > reason || (localReason == reason && localPosition > position)) {
                reason = localReason;
                position = localPosition;
            }
        }
        return new Denial(reason, position);
    }

    /** The first channel argument the selector does not cover, or 0. */
    private static int deniedChannel(Selector s, CommandSpec spec, ArgView args) {
        int from;
        int to;
        boolean literal = false;
        switch (spec.fullName()) {
            case "publish" -> {
                from = 1;
                to = 1;
            }
            case "subscribe" -> {
                from = 1;
                to = args.count() - 1;
            }
            case "psubscribe" -> {
                from = 1;
                to = args.count() - 1;
                literal = true;
            }
            default -> {
                return 0;
            }
        }
        for (int i = from; i <= to; i++) {
            if (!s.allowsChannel(args.data(), args.offset(i), args.length(i), literal)) {
                return i;
            }
        }
        return 0;
    }

    /** ACL DRYRUN: the same check for another user and a command given as arguments. */
    public Denial dryRun(User user, CommandSpec spec, CommandArgs args, int base) {
        return check(user, spec, new ArgView(args, base));
    }

    /**
     * ACL SETUSER: applies the rules to a copy of the user (or a new one) and only if all of them
     * are valid, makes it the user. Subscribers of the user whose channels are no longer allowed
     * are disconnected. Throws with the failing rule's message otherwise.
     */
    public void setUser(String name, List<String> rules, Iterable<Client> clients) {
        User existing = users.get(name);
        User staged = existing == null ? new User(name, index) : existing.copy();
        for (String rule : rules) {
            try {
                staged.apply(rule);
            } catch (AclRuleException e) {
                throw new RedisError("ERR Error in ACL SETUSER modifier '" + rule + "': " + e.getMessage());
            }
        }
        if (existing == null) {
            users.put(name, staged);
            return;
        }
        List<Client> revoked = subscribersLosingChannels(existing, staged, clients);
        existing.copyFrom(staged);
        for (Client c : revoked) {
            c.connection().closeNow("its user's channel permissions were revoked");
        }
    }

    /** Redis' ACLKillPubsubClientsIfNeeded: who subscribes to a channel or pattern the new rules do not cover. */
    private static List<Client> subscribersLosingChannels(User old, User updated, Iterable<Client> clients) {
        List<Client> revoked = new ArrayList<>();
        if (updated.selectors().stream().anyMatch(s -> s.allChannels)) {
            return revoked;
        }
        List<byte[]> upcoming = new ArrayList<>();
        updated.selectors().forEach(s -> upcoming.addAll(s.channels));
        boolean superset = old.selectors().stream().flatMap(s -> s.channels.stream())
                .allMatch(c -> Selector.matchesChannel(upcoming, c, 0, c.length, true));
        if (superset) {
            return revoked;
        }
        for (Client c : clients) {
            if (c.user() != old || !c.isSubscribed()) {
                continue;
            }
            boolean kill = c.patterns().stream()
                    .anyMatch(p -> !Selector.matchesChannel(upcoming, p.bytes(), 0, p.bytes().length, true))
                    || c.channels().stream()
                    .anyMatch(ch -> !Selector.matchesChannel(upcoming, ch.bytes(), 0, ch.bytes().length, false));
            if (kill) {
                revoked.add(c);
            }
        }
        return revoked;
    }

    /**
     * ACL DELUSER: removes the users and disconnects their clients (the caller after its reply).
     * Returns how many existed.
     */
    public int deleteUsers(List<String> names, Client caller, Iterable<Client> clients) {
        int deleted = 0;
        for (String name : names) {
            User u = users.remove(name);
            if (u == null) {
                continue;
            }
            deleted++;
            List<Client> victims = new ArrayList<>();
            for (Client c : clients) {
                if (c.user() == u) {
                    victims.add(c);
                }
            }
            for (Client c : victims) {
                c.loggedOut(defaultUser);
                if (c == caller) {
                    c.closeAfterReply();
                } else {
                    c.connection().closeNow("its user " + name + " was deleted");
                }
            }
        }
        return deleted;
    }

    /**
     * ACL GETUSER's reply, Redis 7.0's layout: flags, passwords, the root selector's commands,
     * keys and channels, then the other selectors, each a map of those three.
     */
    public void writeUser(User user, ReplyWriter reply) {
        reply.mapHeader(6);
        reply.bulk("flags");
        List<String> flags = user.flags();
        reply.setHeader(flags.size());
        flags.forEach(reply::bulk);
        reply.bulk("passwords");
        reply.arrayHeader(user.passwords().size());
        user.passwords().forEach(reply::bulk);
        writeSelector(user.root(), reply);
        reply.bulk("selectors");
        List<Selector> others = user.selectors().subList(1, user.selectors().size());
        reply.arrayHeader(others.size());
        for (Selector s : others) {
            reply.mapHeader(3);
            writeSelector(s, reply);
        }
    }

    private static void writeSelector(Selector s, ReplyWriter reply) {
        reply.bulk("commands");
        reply.bulk(s.describeCommands());
        reply.bulk("keys");
        reply.bulk(s.describeKeys());
        reply.bulk("channels");
        reply.bulk(s.describeChannels());
    }

    /** ACL SAVE: every user as an ACL LIST line, written to a temporary file then renamed over the file. */
    public void save(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        describeAll().forEach(line -> out.append(line).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis());
        try {
            Files.write(temp, out.toString().getBytes(StandardCharsets.ISO_8859_1));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * ACL LOAD (and start-up with an aclfile): replaces all users with the file's, or, if any line
     * is wrong, changes nothing and returns Redis' description of every problem. The default user
     * keeps its identity (clients hold it); clients of the replaced users are disconnected.
     */
    public String load(Path file, String shownName, Client caller, Iterable<Client> clients) {
        List<String> lines;
        try {
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n", -1));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "No such file or directory" : e.getMessage();
            return "Error loading ACLs, opening file '" + shownName + "': " + why;
        }
        StringBuilder errors = new StringBuilder();
        Map<String, User> loaded = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> words = List.of(line.split(" ", -1));
            if (!words.getFirst().equals("user") || words.size() < 2) {
                errors.append(shownName).append(':').append(lineNumber)
                        .append(" should start with user keyword followed by the username. ");
                continue;
            }
            String name = words.get(1);
            if (loaded.containsKey(name)) {
                errors.append("WARNING: Duplicate user '").append(name).append("' found on line ")
                        .append(lineNumber).append(". ");
                continue;
            }
            User u = new User(name, index);
            loaded.put(name, u);
            List<String> rules = mergeSelectors(words.subList(2, words.size()));
            if (rules == null) {
                errors.append(shownName).append(':').append(lineNumber)
                        .append(": Unmatched parenthesis in selector definition.");
                continue;
            }
            for (String rule : rules) {
                try {
                    u.apply(rule.strip());
                } catch (AclRuleException e) {
                    errors.append(shownName).append(':').append(lineNumber).append(": ").append(e.getMessage())
                            .append(". ");
                }
            }
        }
        if (!errors.isEmpty()) {
            return errors.append("WARNING: ACL errors detected, no change to the previously active ACL rules was "
                    + "performed").toString();
        }
        User newDefault = loaded.remove("default");
        defaultUser.copyFrom(newDefault != null ? newDefault : newDefaultUser());
        List<User> replaced = new ArrayList<>(users.values());
        replaced.remove(defaultUser);
        users.clear();
        users.put(defaultUser.name(), defaultUser);
        users.putAll(loaded);
        List<Client> victims = new ArrayList<>();
        for (Client c : clients) {
            if (replaced.contains(c.user())) {
                victims.add(c);
            }
        }
        for (Client c : victims) {
            c.loggedOut(defaultUser);
            if (c == caller) {
                c.closeAfterReply();
            } else {
                c.connection().closeNow("ACL LOAD replaced its user");
            }
        }
        return null;
    }

    /** Joins a selector spread over several words; null if one is never closed. */
    static List<String> mergeSelectors(List<String> words) {
        List<String> merged = new ArrayList<>();
        StringBuilder open = null;
        for (String op : words) {
            if (open == null && op.startsWith("(") && !op.endsWith(")")) {
                open = new StringBuilder(op);
            } else if (open != null) {
                open.append(' ').append(op);
                if (op.endsWith(")")) {
                    merged.add(open.toString());
                    open = null;
                }
            } else {
                merged.add(op);
            }
        }
        return open == null ? merged : null;
    }

    /** ACL LIST lines. */
    public List<String> describeAll() {
        List<String> lines = new ArrayList<>();
        for (User u : users.values()) {
            lines.add("user " + u.name() + " " + u.describe());
        }
        return lines;
    }
}
