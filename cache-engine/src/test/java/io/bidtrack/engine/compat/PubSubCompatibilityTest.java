package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub against both servers: {@code reference}/{@code subject} subscribe, a second pair of
 * connections publishes, and the subscribers must receive identical messages.
 */
class PubSubCompatibilityTest extends CompatibilityTest {
    RespClient referencePublisher;
    RespClient subjectPublisher;

    @BeforeEach
    void connectPublishers() {
        referencePublisher = RespClient.connect(redis.port());
        subjectPublisher = RespClient.connect(engine.port());
    }

    @AfterEach
    void disconnectPublishers() {
        referencePublisher.close();
        subjectPublisher.close();
    }

    @Test
    void channelsInResp2() {
        send("SUBSCRIBE news alerts");
        sameMessages(2);
        publish("PUBLISH news hello", "PUBLISH nobody-listens x", "PUBLISH alerts \"\"");
        sameMessages(2);
        sameAll("SUBSCRIBE news", "GET x", "SET x y", "PING", "PING hi", "CONFIG GET save", "CLIENT ID",
                "ECHO x", "HELLO 4", "UNSUBSCRIBE nosuch");
        send("UNSUBSCRIBE news alerts");
        sameMessages(2);
        sameAll("UNSUBSCRIBE", "GET x", "PING");
        publish("PUBLISH news after");
    }

    @Test
    void patternsInResp2() {
        send("PSUBSCRIBE news.* [ab]ids");
        sameMessages(2);
        send("SUBSCRIBE news.sport");
        sameMessages(1);
        publish("PUBLISH news.sport goal", "PUBLISH bids b", "PUBLISH news x", "PUBLISH cids c");
        sameMessages(3); // news.sport twice (channel and pattern), bids once
        sameAll("PUNSUBSCRIBE news.*", "PING", "PUNSUBSCRIBE nosuch", "UNSUBSCRIBE news.sport");
        send("PUNSUBSCRIBE");
        sameMessages(1);
        sameAll("PUNSUBSCRIBE", "SET after unsubscribing");
    }

    @Test
    void messagesArePushesInResp3() {
        sameHello("HELLO 3");
        send("SUBSCRIBE core-data");
        sameMessages(1);
        sameAll("SET k v", "GET k", "PING");
        publish("PUBLISH core-data {\"campaign\":1}");
        sameMessages(1);
        send("PSUBSCRIBE core-*");
        sameMessages(1);
        publish("PUBLISH core-data twice");
        sameMessages(2);
        sameAll("UNSUBSCRIBE core-data", "PUNSUBSCRIBE core-*", "UNSUBSCRIBE");
    }

    @Test
    void publishCountsReceivers() {
        try (RespClient referenceSecond = RespClient.connect(redis.port());
                RespClient subjectSecond = RespClient.connect(engine.port())) {
            send("SUBSCRIBE ch");
            sameMessages(1);
            assertEquals(referenceSecond.call("PSUBSCRIBE", "c*"), subjectSecond.call("PSUBSCRIBE", "c*"));
            publish("PUBLISH ch m", "PUBLISH cx m", "PUBLISH dx m");
            sameMessages(1);
            assertEquals(referenceSecond.read(), subjectSecond.read());
            assertEquals(referenceSecond.read(), subjectSecond.read());
        }
    }

    private void send(String command) {
        reference.send(words(command));
        subject.send(words(command));
    }

    /** Reads {@code count} replies from both subscribers and compares them. */
    private void sameMessages(int count) {
        List<Reply> expected = new ArrayList<>();
        List<Reply> actual = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(reference.read());
            actual.add(subject.read());
        }
        assertEquals(expected, actual);
    }

    private void publish(String... commands) {
        for (String command : commands) {
            assertEquals(referencePublisher.call(words(command)), subjectPublisher.call(words(command)), command);
        }
    }
}
