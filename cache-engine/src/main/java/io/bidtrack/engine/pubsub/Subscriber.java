package io.bidtrack.engine.pubsub;

import io.bidtrack.engine.bytes.ByteString;

/** Something that receives published messages: a client connection in subscribed mode. */
public interface Subscriber {
    /** A message published to a channel this subscriber subscribed to. */
    void onMessage(ByteString channel, byte[] message);

    /** A message published to a channel that matches a pattern this subscriber subscribed to. */
    void onPatternMessage(ByteString pattern, ByteString channel, byte[] message);
}
