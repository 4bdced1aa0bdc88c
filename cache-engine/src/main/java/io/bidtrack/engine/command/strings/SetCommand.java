package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]}, with Redis
 * 7.0's option rules: conflicting options are a syntax error, repeating one is not.
 *
 * <p>This is the bid write path ({@code SET bid:{id} <protobuf> PX <ms>}), so the common case
 * allocates only the stored copies of the key and value.
 */
final class SetCommand {
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GET = 1 << 2;
    private static final int KEEPTTL = 1 << 3;
    private static final int EX = 1 << 4;
    private static final int PX = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;
    private static final int ANY_EXPIRY = EX | PX | EXAT | PXAT;

    private SetCommand() {
    }

    static void execute(Client client, CommandArgs args) {
        int flags = 0;
        int expireArg = -1;
        int argc = args.count();
        for (int j = 3; j < argc; j++) {
            boolean hasNext = j < argc - 1;
            if (args.is(j, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (args.is(j, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (args.is(j, "get")) {
                flags |= GET;
            } else if (args.is(j, "keepttl") && (flags & ANY_EXPIRY) == 0) {
                flags |= KEEPTTL;
            } else if (hasNext && isExpiryOption(args, j, flags)) {
                flags |= expiryFlag(args, j);
                expireArg = ++j;
            } else {
                throw Errors.SYNTAX;
            }
        }

        long expireAt = KeyEntry.NO_EXPIRY;
        if (expireArg >= 0) {
            expireAt = expiryTime(args.longValue(expireArg), flags, "set");
        }

        KeyEntry existing = null;
        boolean looked = false;
        if ((flags & GET) != 0) {
            // Redis replies with the old value first, then decides whether to write.
            existing = KeyLookup.findForRead(client, args, 1);
            byte[] old = existing == null ? null : KeyLookup.stringValue(existing);
            if (old == null) {
                client.reply().nullValue();
            } else {
                client.reply().bulk(old);
            }
            looked = true;
        }
        if ((flags & (NX | XX)) != 0) {
            if (!looked) {
                existing = KeyLookup.find(client, args, 1);
            }
            boolean found = existing != null;
            if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
                if ((flags & GET) == 0) {
                    client.reply().nullValue();
                }
                return;
            }
        }

        KeyEntry entry = client.db().setString(args.data(), args.offset(1), args.length(1),
                args.data(), args.offset(2), args.length(2), (flags & KEEPTTL) != 0);
        StringEncodings.overwritten((byte[]) entry.value());
        if (expireAt != KeyEntry.NO_EXPIRY) {
            client.db().expireAt(entry, expireAt);
        }
        KeyLookup.modified(client, args, 1);
        if ((flags & GET) == 0) {
            client.reply().ok();
        }
    }

    /** EX/PX/EXAT/PXAT, allowed only if no other expiry option or KEEPTTL came before. */
    private static boolean isExpiryOption(CommandArgs args, int j, int flags) {
        int flag = expiryFlag(args, j);
        return flag != 0 && (flags & KEEPTTL) == 0 && (flags & ANY_EXPIRY & ~flag) == 0;
    }

    private static int expiryFlag(CommandArgs args, int j) {
        if (args.is(j, "ex")) {
            return EX;
        } else if (args.is(j, "px")) {
            return PX;
        } else if (args.is(j, "exat")) {
            return EXAT;
        } else if (args.is(j, "pxat")) {
            return PXAT;
        }
        return 0;
    }

    /** Absolute expiry of SETEX/PSETEX/GETEX {@code EX|PX} values: relative seconds or milliseconds. */
    static long relativeExpiry(long value, boolean seconds, String command) {
        return expiryTime(value, seconds ? EX : PX, command);
    }

    /** Absolute expiry of GETEX {@code EXAT|PXAT} values. */
    static long absoluteExpiry(long value, boolean seconds, String command) {
        return expiryTime(value, seconds ? EXAT : PXAT, command);
    }

    /** The absolute expiry in Unix milliseconds, validated like Redis' getExpireMillisecondsOrReply. */
    private static long expiryTime(long value, int flags, String command) {
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            throw Errors.invalidExpireTime(command);
        }
        long millis = seconds ? value * 1000 : value;
        if ((flags & (EX | PX)) != 0) {
            millis += System.currentTimeMillis(); // may wrap around: caught just below
        }
        if (millis <= 0) {
            throw Errors.invalidExpireTime(command);
        }
        return millis;
    }
}
