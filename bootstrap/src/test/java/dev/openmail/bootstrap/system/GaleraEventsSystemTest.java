package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.GaleraServers;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.WsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two servers on two nodes of a Galera cluster behave as one for events: mail received through either reaches a
 * WebSocket client of either, each event once. Each node numbers the event log's positions in its own series (Galera's
 * auto-increment control), so positions interleave and commit out of order more than on one database.
 */
class GaleraEventsSystemTest {

    @Test
    void mailReceivedThroughBothNodesReachesAClientOfEitherServerOnceEach() throws Exception {
        RunningServer one = GaleraServers.onNode(1);
        RunningServer two = GaleraServers.onNode(2);
        Account acme = one.openAccount();
        String address = one.post("/v1/inboxes", acme.token(), "{}").string("address");
        int messages = 24;
        try (WsClient onOne = WsClient.bearer(one.uri("/").getPort(), acme.token());
             WsClient onTwo = WsClient.bearer(two.uri("/").getPort(), acme.token())) {
            assertEquals("subscribed", onOne.ask("{\"type\":\"subscribe\"}").get("type"));
            assertEquals("subscribed", onTwo.ask("{\"type\":\"subscribe\"}").get("type"));

            ConcurrencySystemTest.runTogether(messages, i -> () -> {
                WebSocketSystemTest.mail((i % 2 == 0 ? one : two).smtpPort(), address, "galera " + i);
                return null;
            });

            Set<String> sent = IntStream.range(0, messages).mapToObj(i -> "galera " + i)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (WsClient client : List.of(onOne, onTwo)) {
                List<String> heard = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    heard.add(WebSocketSystemTest.subject(client.next()));
                }
                assertEquals(sent, new TreeSet<>(heard), "every message once: " + heard);
                assertNull(client.nextTextWithin(Duration.ofMillis(500)), "nothing heard twice");
            }
        }
    }
}
