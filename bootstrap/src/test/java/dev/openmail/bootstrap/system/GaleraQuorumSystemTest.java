package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.GaleraCluster;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two of the three nodes die: the last one has no quorum and takes neither reads nor writes. The server answers 503
 * ({@code database_unavailable}, or {@code busy} for a commit held back until the survivor noticed) with
 * {@code Retry-After}, never 500, and works again once the operator has made the survivor primary and the others have
 * rejoined it (README "High availability").
 */
class GaleraQuorumSystemTest {

    @Test
    void withoutQuorumEveryRequestIsAnswered503AndTheServerWorksAgainOnceTheClusterIsWhole() {
        GaleraCluster cluster = GaleraCluster.shared();
        try (RunningServer server = RunningServer.start(cluster.node(1), Map.of("openmail.admin-token",
                RunningServer.ADMIN_TOKEN, "openmail.rate-limit.requests-per-second", 0))) {
            Account account = server.openAccount();
            assertEquals(201, server.post("/v1/pods", account.token(), "{\"clientId\":\"before\"}").status());

            List<Reply> withoutQuorum;
            cluster.kill(2);
            cluster.kill(3);
            try {
                withoutQuorum = List.of(server.post("/v1/pods", account.token(), "{\"clientId\":\"during\"}"),
                        server.get("/v1/pods/before", account.token()), server.get("/v1/pods", account.token()));
            } finally {
                cluster.recover();
            }

            for (Reply reply : withoutQuorum) {
                assertEquals(503, reply.status(), reply.toString());
                // busy: a commit the survivor held back before it noticed that it had lost its quorum
                assertTrue(Set.of("database_unavailable", "busy").contains(reply.error()), reply.toString());
                assertTrue(reply.headers().containsKey("retry-after"), reply.toString());
            }

            Reply created = server.post("/v1/pods", account.token(), "{\"clientId\":\"after\"}");
            assertEquals(201, created.status(), created.toString());
            assertEquals(200, server.get("/v1/pods/before", account.token()).status());
        }
    }
}
