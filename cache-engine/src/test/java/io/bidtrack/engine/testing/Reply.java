package io.bidtrack.engine.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A RESP2/RESP3 reply as read off the wire, comparable with {@code equals}: the type byte
 * ({@code + - : $ * % ~ > = _ , # (}), the text of scalars (bulk strings decoded as Latin-1, so every
 * byte survives), and the elements of aggregates (maps as a flat key, value, ... list).
 * A null bulk string is {@code $} with null text; a null array is {@code *} with null elements.
 */
public record Reply(char type, String text, List<Reply> elements) {

    public boolean isError() {
        return type == '-';
    }

    public boolean isNull() {
        return type == '_' || (type == '$' && text == null) || (type == '*' && elements == null);
    }

    public long asLong() {
        if (type != ':') {
            throw new AssertionError("expected an integer reply, got " + this);
        }
        return Long.parseLong(text);
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public Reply element(int i) {
        return elements.get(i);
    }

    @Override
    public String toString() {
        if (elements != null) {
            return type + "" + elements;
        }
        if (text == null) {
            return type + "(null)";
        }
        String shown = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " bytes)" : text;
        return type + "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
