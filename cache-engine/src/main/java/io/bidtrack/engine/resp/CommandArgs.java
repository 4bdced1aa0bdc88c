package io.bidtrack.engine.resp;

import io.bidtrack.engine.bytes.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one parsed command, as slices of the buffer they were read into.
 *
 * <p>Nothing is copied while parsing: argument {@code i} is {@code length(i)} bytes of
 * {@link #data()} starting at {@link #offset(i)}. The slices are valid only while the command
 * executes; a command that keeps an argument (a key or value it stores) copies it with
 * {@link #copy(int)}. One instance per connection is reused for every command.
 */
public final class CommandArgs {
    private byte[] data;
    private int base;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int count;

    void reset() {
        count = 0;
        data = null;
        base = 0;
    }

    /** Adds an argument at {@code relativeOffset} from the start of the command. */
    void add(int relativeOffset, int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = relativeOffset;
        lengths[count] = length;
        count++;
    }

    void bind(byte[] data, int base) {
        this.data = data;
        this.base = base;
    }

    public int count() {
        return count;
    }

    public byte[] data() {
        return data;
    }

    public int offset(int i) {
        return base + offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** An independent copy of the whole command, with its own bytes, for MULTI's queue. */
    public CommandArgs copyCommand() {
        CommandArgs copy = new CommandArgs();
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[i];
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, offset(i), bytes, at, lengths[i]);
            copy.add(at, lengths[i]);
            at += lengths[i];
        }
        copy.bind(bytes, 0);
        return copy;
    }

    /** A private copy of argument {@code i}, for storing it. */
    public byte[] copy(int i) {
        int from = offset(i);
        return Arrays.copyOfRange(data, from, from + lengths[i]);
    }

    /** Argument {@code i} decoded as Latin-1 (one char per byte), for messages and option names. */
    public String text(int i) {
        return new String(data, offset(i), lengths[i], StandardCharsets.ISO_8859_1);
    }

    /** Whether argument {@code i} equals {@code lowerCaseKeyword}, ignoring ASCII case. */
    public boolean is(int i, String lowerCaseKeyword) {
        int len = lengths[i];
        if (len != lowerCaseKeyword.length()) {
            return false;
        }
        int from = offset(i);
        for (int k = 0; k < len; k++) {
            int b = data[from + k];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCaseKeyword.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Argument {@code i} as a 64-bit integer with Redis' strict rules.
     *
     * @throws Numbers.NotANumber when it is not one
     */
    public long longValue(int i) {
        return Numbers.parseLong(data, offset(i), lengths[i]);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : " ").append(text(i));
        }
        return sb.append(']').toString();
    }
}
