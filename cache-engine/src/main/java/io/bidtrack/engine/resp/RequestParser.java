package io.bidtrack.engine.resp;

import io.bidtrack.engine.bytes.Numbers;

/**
 * Parses client requests: RESP multibulk arrays ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline
 * commands ({@code GET k\r\n}, as typed in telnet), with Redis' limits and error messages.
 *
 * <p>Parsing happens in place: the parser records where each argument lies in the caller's byte
 * array and copies nothing. It is resumable: when a command is cut off at the end of the available
 * bytes, {@link #parse} returns 0 and remembers how far it got, relative to the start of the
 * command. The caller keeps the unconsumed tail (moving it to another array is fine, since all
 * positions are relative) and calls again with more bytes, so a large value arriving in many
 * reads is scanned only once.
 *
 * <p>Nothing is allocated in proportion to a declared length: a client announcing a 512 MB bulk
 * only costs memory as its bytes actually arrive, and the caller bounds that with its query buffer
 * limit.
 */
public final class RequestParser {
    /** Longest inline command or length line without a terminator (Redis' PROTO_INLINE_MAX_SIZE). */
    public static final int MAX_INLINE_LENGTH = 64 * 1024;

    private static final int IDLE = 0;
    private static final int MULTIBULK = 1;
    private static final int INLINE = 2;

    private long maxBulkLength;
    private final long maxMultibulkLength;
    private final CommandArgs args = new CommandArgs();
    private final InlineSplitter inline = new InlineSplitter();

    private int state = IDLE;
    /** Declared number of elements of the multibulk being parsed, -1 before its header is read. */
    private long expectedArgs;
    /** Position of the next unparsed byte, relative to the start of the command. */
    private int position;
    /** Length of the bulk whose "$len" header was read but whose data is incomplete; -1 if none. */
    private long pendingBulkLength;

    public RequestParser(long maxBulkLength, long maxMultibulkLength) {
        this.maxBulkLength = maxBulkLength;
        this.maxMultibulkLength = maxMultibulkLength;
    }

    /** The arguments of the command completed by the last successful {@link #parse} call. */
    /** CONFIG SET proto-max-bulk-len. */
    public void maxBulkLength(long maxBulkLength) {
        this.maxBulkLength = maxBulkLength;
    }

    public CommandArgs args() {
        return args;
    }

    /**
     * Parses one command that starts at {@code start}.
     *
     * @return the number of bytes the command occupies once it is complete (then {@link #args()}
     *     holds it; an empty command such as a blank line or {@code *0} yields zero arguments), or
     *     0 if more bytes are needed
     * @throws ProtocolException on malformed input or exceeded limits
     */
    public int parse(byte[] data, int start, int end) {
        if (state == IDLE) {
            if (start >= end) {
                return 0;
            }
            args.reset();
            position = 0;
            expectedArgs = -1;
            pendingBulkLength = -1;
            state = data[start] == '*' ? MULTIBULK : INLINE;
        }
        return state == MULTIBULK ? parseMultibulk(data, start, end) : parseInline(data, start, end);
    }

    private int parseMultibulk(byte[] data, int start, int end) {
        if (expectedArgs < 0) {
            int cr = indexOf(data, start + 1, end, (byte) '\r');
            if (cr < 0) {
                if (end - start > MAX_INLINE_LENGTH) {
                    throw new ProtocolException("too big mbulk count string");
                }
                return 0;
            }
            if (cr + 2 > end) {
                return 0; // the "\n" after "\r" has not arrived yet
            }
            long declared = parseLength(data, start + 1, cr);
            if (declared == Long.MIN_VALUE || declared > Integer.MAX_VALUE || declared > maxMultibulkLength) {
                throw new ProtocolException("invalid multibulk length");
            }
            position = cr + 2 - start;
            if (declared <= 0) {
                return finish(data, start); // "*0" and "*-1" are empty commands, silently skipped
            }
            expectedArgs = declared;
        }
        while (args.count() < expectedArgs) {
            if (pendingBulkLength < 0) {
                int header = start + position;
                if (header >= end) {
                    return 0;
                }
                if (data[header] != '$') {
                    throw new ProtocolException("expected '$', got '" + (char) (data[header] & 0xff) + "'");
                }
                int cr = indexOf(data, header + 1, end, (byte) '\r');
                if (cr < 0) {
                    if (end - header > MAX_INLINE_LENGTH) {
                        throw new ProtocolException("too big bulk count string");
                    }
                    return 0;
                }
                if (cr + 2 > end) {
                    return 0;
                }
                long length = parseLength(data, header + 1, cr);
                if (length < 0 || length > maxBulkLength) {
                    throw new ProtocolException("invalid bulk length");
                }
                pendingBulkLength = length;
                position = cr + 2 - start;
            }
            // Redis does not check that "\r\n" really follows the data; it skips two bytes.
            if ((long) end - (start + position) < pendingBulkLength + 2) {
                return 0;
            }
            args.add(position, (int) pendingBulkLength);
            position += (int) pendingBulkLength + 2;
            pendingBulkLength = -1;
        }
        return finish(data, start);
    }

    private int parseInline(byte[] data, int start, int end) {
        // position remembers how far we already looked for the newline.
        int newline = indexOf(data, start + position, end, (byte) '\n');
        if (newline < 0) {
            if (end - start > MAX_INLINE_LENGTH) {
                throw new ProtocolException("too big inline request");
            }
            position = end - start;
            return 0;
        }
        int lineEnd = newline;
        if (lineEnd > start && data[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        if (!inline.split(data, start, lineEnd, args)) {
            throw new ProtocolException("unbalanced quotes in request");
        }
        state = IDLE;
        return newline + 1 - start;
    }

    private int finish(byte[] data, int start) {
        args.bind(data, start);
        state = IDLE;
        return position;
    }

    /** A length in a "*n" or "$n" line, or Long.MIN_VALUE when it is not a valid integer. */
    private static long parseLength(byte[] data, int from, int to) {
        try {
            return Numbers.parseLong(data, from, to - from);
        } catch (Numbers.NotANumber e) {
            return Long.MIN_VALUE;
        }
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
