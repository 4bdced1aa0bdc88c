package io.bidtrack.bidder.openrtb;

/** A bid request the bidder cannot read; answered 400 with the field to blame. */
public final class InvalidRequestException extends IllegalArgumentException {
    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
