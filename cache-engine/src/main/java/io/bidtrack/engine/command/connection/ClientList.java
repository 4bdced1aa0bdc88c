package io.bidtrack.engine.command.connection;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CLIENT LIST [TYPE normal|pubsub] [ID id ...] and CLIENT INFO: one line per client with Redis'
 * fields in Redis' order. Buffer and memory figures the engine does not track the way Redis does
 * are reported as Redis reports an idle client, so tools parsing the line find every field.
 */
public final class ClientList {
    private ClientList() {
    }

    static void list(Client client, CommandArgs args) {
        String type = null;
        Set<Long> ids = null;
        if (args.count() == 4 && args.is(2, "type")) {
            type = args.text(3).toLowerCase(Locale.ROOT);
            if (!type.equals("normal") && !type.equals("pubsub") && !type.equals("master")
                    && !type.equals("replica") && !type.equals("slave")) {
                throw new RedisError("ERR Unknown client type '" + args.text(3) + "'");
            }
        } else if (args.count() > 3 && args.is(2, "id")) {
            ids = new HashSet<>();
            for (int i = 3; i < args.count(); i++) {
                long id;
                try {
                    id = args.longValue(i);
                } catch (RuntimeException e) {
                    throw new RedisError("ERR Invalid client ID");
                }
                ids.add(id); // 0 or negative: a valid number that matches no client, as in Redis
            }
        } else if (args.count() != 2) {
            throw Errors.SYNTAX;
        }
        StringBuilder out = new StringBuilder();
        for (Client c : client.engine().clients().all()) {
            if (ids != null && !ids.contains(c.id())) {
                continue;
            }
            if (type != null && !type.equals(typeOf(c))) {
                continue;
            }
            describe(c, c == client ? "client|list" : null, out);
        }
        client.reply().verbatimText(out.toString());
    }

    static void info(Client client, CommandArgs args) {
        StringBuilder out = new StringBuilder();
        describe(client, "client|info", out);
        client.reply().verbatimText(out.toString());
    }

    /** One client's line without the newline, {@code running} as for {@link #describe} (the ACL LOG's client-info). */
    public static String line(Client c, String running) {
        StringBuilder out = new StringBuilder();
        describe(c, running, out);
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** "normal" or "pubsub", the CLIENT LIST/KILL TYPE of a client. */
    static String typeOf(Client c) {
        return c.isSubscribed() ? "pubsub" : "normal";
    }

    /**
     * One line. For the asking client itself, {@code running} names the command now running: it
     * has not ended yet, so it shows as idle 0 with that cmd, as in Redis.
     */
    static void describe(Client c, String running, StringBuilder out) {
        long now = System.nanoTime();
        CommandSpec last = c.lastCommand();
        boolean self = running != null;
        byte[] name = c.name();
        int multi = c.transaction().inMulti() ? c.transaction().queuedCount() : -1;
        out.append("id=").append(c.id())
                .append(" addr=").append(c.connection().remoteAddress())
                .append(" laddr=").append(c.connection().localAddress())
                // No file descriptor is visible to Java; a stable per-client number keeps the field.
                .append(" fd=").append(c.id() + 7)
                .append(" name=").append(name == null ? "" : new String(name, StandardCharsets.ISO_8859_1))
                .append(" age=").append((now - c.createdNanos()) / 1_000_000_000L)
                .append(" idle=").append(self ? 0 : (now - c.lastCommandNanos()) / 1_000_000_000L)
                .append(" flags=").append(flags(c))
                .append(" db=").append(c.dbIndex())
                .append(" sub=").append(c.channels().size())
                .append(" psub=").append(c.patterns().size())
                .append(" ssub=0")
                .append(" multi=").append(multi)
                .append(" qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0")
                .append(" obl=").append(c.reply().pendingBytes())
                .append(" oll=0")
                .append(" omem=").append(c.connection().queuedOutputBytes())
                .append(" tot-mem=").append(c.reply().pendingBytes() + c.connection().queuedOutputBytes())
                .append(" events=r")
                .append(" cmd=").append(self ? running : last == null ? "NULL" : last.fullName())
                .append(" user=").append(c.user().name()).append(" redir=").append(c.tracking() == null ? -1 : c.tracking().redirect())
                .append(" resp=").append(c.reply().protocol())
                .append('\n');
    }

    /**
     * Redis' flag letters: P pubsub, x MULTI, b blocked, t tracking, R broken tracking redirect,
     * B tracking in BCAST mode, e no-evict, N none.
     */
    private static String flags(Client c) {
        StringBuilder f = new StringBuilder();
        if (c.isSubscribed()) {
            f.append('P');
        }
        if (c.transaction().inMulti()) {
            f.append('x');
        }
        if (c.isBlocked()) {
            f.append('b');
        }
        if (c.tracking() != null) {
            f.append('t');
            if (c.tracking().brokenRedirect()) {
                f.append('R');
            }
            if (c.tracking().bcast()) {
                f.append('B');
            }
        }
        if (c.isNoEvict()) {
            f.append('e');
        }
        return f.isEmpty() ? "N" : f.toString();
    }
}
